#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  readConfigText,
  resolveRoot
} from "./cli-CDMU3ZJY.js";
import "./cli-KBHHEDEB.js";
import "./cli-TE7GFLBL.js";
import "./cli-LO3OCXTE.js";
import "./cli-EZXOBCIM.js";
export {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  readConfigText,
  resolveRoot
};
