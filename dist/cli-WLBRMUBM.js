#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  escapeHtml,
  renderPacketHtml,
  renderPacketStorage
} from "./cli-4TIECF4P.js";
import "./cli-PKNRYYMW.js";
import "./cli-R3X6FJR3.js";
import "./cli-ZOINX7CQ.js";
import "./cli-Q4UO6FBE.js";
import "./cli-EZXOBCIM.js";
export {
  escapeHtml,
  renderPacketHtml,
  renderPacketStorage
};
