#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  parseExperimentDoc
} from "./cli-TRUJWBLV.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";

// src/experiments/discover.ts
var DEFAULT_EXPERIMENT_PATHS = ["docs/experiments/**/EXP-*.md"];
var READ_CONCURRENCY = 32;
async function listExperimentPaths(files, patterns = DEFAULT_EXPERIMENT_PATHS) {
  return files.glob(patterns);
}
async function discoverExperiments(files, patterns = DEFAULT_EXPERIMENT_PATHS) {
  const paths = await listExperimentPaths(files, patterns);
  const limit = pLimit(READ_CONCURRENCY);
  return Promise.all(paths.map((path) => limit(() => readExperiment(files, path))));
}
async function readExperiment(files, path) {
  let bytes;
  try {
    bytes = await files.read(path);
  } catch (error) {
    return { path, problems: [{ line: 1, column: 1, message: `cannot read the file: ${errorMessage(error)}` }] };
  }
  return { path, ...parseExperimentDoc(bytes, path) };
}

export {
  discoverExperiments
};
