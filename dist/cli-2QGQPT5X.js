#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
} from "./cli-BAMKHD35.js";
import "./cli-YJMBCB3Y.js";
import "./cli-KBNWGNK3.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-7OBYCIM6.js";
import "./cli-X2JCGES3.js";
import "./cli-7MVUFD73.js";
import "./cli-JANZKAN7.js";
import "./cli-2G3D4X4D.js";
import "./cli-JRWQXHLW.js";
import "./cli-MAXD7YMC.js";
import "./cli-R3X6FJR3.js";
import "./cli-ZOINX7CQ.js";
import "./cli-7J3Z5ETF.js";
import "./cli-2EEIGSHA.js";
import "./cli-OJWVH3MO.js";
import "./cli-BU6EMFDS.js";
import "./cli-JPTITKML.js";
import "./cli-RJE6LTJY.js";
import "./cli-55KVGUIP.js";
import "./cli-AXDSF4OT.js";
import "./cli-7KJTK6ND.js";
import "./cli-QCVQTLV6.js";
import "./cli-Q4UO6FBE.js";
import "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";
export {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
};
