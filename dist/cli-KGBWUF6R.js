#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  createTracker,
  httpPolicy
} from "./cli-VMA7M6Y6.js";
import "./cli-YW3TWOHG.js";
import "./cli-CTPB635N.js";
import "./cli-7J3Z5ETF.js";
import "./cli-OYYJDXPV.js";
import "./cli-G7SUBHGO.js";
import "./cli-YLWRLJDD.js";
import "./cli-Q4UO6FBE.js";
import "./cli-QCVQTLV6.js";
import "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";
export {
  createTracker,
  httpPolicy
};
