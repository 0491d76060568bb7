#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  escapeHtml,
  renderPacketHtml,
  renderPacketStorage
} from "./cli-O2K7ABU3.js";
import "./cli-QQVCZU33.js";
import "./cli-PKNRYYMW.js";
import "./cli-CTPB635N.js";
import "./cli-R3X6FJR3.js";
import "./cli-Q4UO6FBE.js";
import "./cli-EZXOBCIM.js";
export {
  escapeHtml,
  renderPacketHtml,
  renderPacketStorage
};
