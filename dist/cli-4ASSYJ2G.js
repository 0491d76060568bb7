#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  FORMATS,
  addLintCommand,
  collect,
  lintCommand,
  resolveRoot
} from "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import {
  readConfigText
} from "./cli-2DQVB3FE.js";
import "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
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
