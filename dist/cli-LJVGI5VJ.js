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
} from "./cli-TZMEARUE.js";
import "./cli-UBVCZYJX.js";
import "./cli-SBK34LAV.js";
import "./cli-KFVCWGSR.js";
import "./cli-EZXOBCIM.js";
export {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  readConfigText,
  resolveRoot
};
