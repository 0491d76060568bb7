#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  resolveRoot
} from "./cli-26V6I7MG.js";
import "./cli-GS75UIMI.js";
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
