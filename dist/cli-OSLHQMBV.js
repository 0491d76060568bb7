#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  resolveRoot
} from "./cli-Q7X3YLFY.js";
import "./cli-KLH6AEHP.js";
import {
  readConfigText
} from "./cli-ZMMMMZHX.js";
import "./cli-7KJTK6ND.js";
import "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";
export {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  readConfigText,
  resolveRoot
};
