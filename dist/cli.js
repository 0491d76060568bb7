#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/cli.ts
import module from "node:module";
module.enableCompileCache?.();
var { main } = await import("./cli-O2OSCFJA.js");
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") {
    process.stderr.write(`error: cannot write to stdout: ${error.message}
`);
    process.exitCode = 3;
  }
});
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY === true,
  ...process.stdout.columns ? { columns: process.stdout.columns } : {}
});
