#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  DEFAULT_PARSE_OPTIONS,
  parsePostmortem
} from "./cli-MHL4PWJV.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";

// src/postmortem/read.ts
var READ_CONCURRENCY = 64;
function isReadFailure(read) {
  return "problem" in read;
}
function readProblem(error) {
  return errorMessage(error).replace(/^E[A-Z]+: /, "");
}
async function readOne(path, read) {
  try {
    return { path, content: await read(path) };
  } catch (error) {
    return { path, problem: readProblem(error) };
  }
}
function eachPath(paths, concurrency, task) {
  const limit = pLimit(Math.max(1, concurrency ?? READ_CONCURRENCY));
  return Promise.all(paths.map((path) => limit(() => task(path))));
}
function readContents(paths, read, options = {}) {
  return eachPath(paths, options.concurrency, (path) => readOne(path, read));
}
function readPostmortems(paths, read, options = {}) {
  const parse = options.parse ?? DEFAULT_PARSE_OPTIONS;
  return eachPath(paths, options.concurrency, async (path) => {
    const got = await readOne(path, read);
    if (isReadFailure(got)) return got;
    const postmortem = parsePostmortem(got.content, path, parse);
    return options.keepContent ? { path, postmortem, content: got.content } : { path, postmortem };
  });
}

export {
  isReadFailure,
  readContents,
  readPostmortems
};
