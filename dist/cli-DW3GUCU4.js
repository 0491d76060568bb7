#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  createTracker,
  httpPolicy
} from "./cli-FJRAG6QL.js";
import "./cli-LX5XBQVM.js";
import "./cli-7J3Z5ETF.js";
import "./cli-4MAFKJMI.js";
import "./cli-YLWRLJDD.js";
import "./cli-QCVQTLV6.js";
import "./cli-EZXOBCIM.js";
export {
  createTracker,
  httpPolicy
};
