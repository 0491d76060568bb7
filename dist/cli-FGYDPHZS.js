#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  UsageError
} from "./cli-JW34KQ4Z.js";

// src/cli/prompt.ts
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
var PromptClosedError = class extends Error {
  name = "PromptClosedError";
};
function createPrompter(input, write, options = {}) {
  const output = new Writable({
    write(chunk, _encoding, callback) {
      write(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      callback();
    }
  });
  const rl = createInterface({ input, output, terminal: options.terminal ?? false });
  let closed = false;
  const lines = [];
  const waiting = [];
  rl.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on("close", () => {
    closed = true;
    for (const next of waiting.splice(0)) next(void 0);
  });
  return {
    async ask(question, { fallback } = {}) {
      write(`${question}${fallback ? ` [${fallback}]` : ""}: `);
      const queued = lines.shift();
      const line = queued ?? (closed ? void 0 : await new Promise((resolve) => waiting.push(resolve)));
      if (line === void 0) {
        write("\n");
        throw new PromptClosedError("input ended before the question was answered");
      }
      const answer = line.trim();
      return answer === "" && fallback !== void 0 ? fallback : answer;
    },
    say: write,
    close() {
      rl.close();
    }
  };
}
function closedAsUsage(error) {
  return error instanceof PromptClosedError ? new UsageError("input ended before every value was given; nothing was written", "run the command again and answer each question, or pass the values as flags") : error;
}

export {
  createPrompter,
  closedAsUsage
};
