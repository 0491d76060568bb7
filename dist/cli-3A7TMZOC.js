#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
} from "./cli-4GR5XWXW.js";
import "./cli-YJMBCB3Y.js";
import "./cli-RAHS34TH.js";
import "./cli-52W43E5M.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-U4VQKG5S.js";
import "./cli-X2JCGES3.js";
import "./cli-CWUTZK4N.js";
import "./cli-RJBBVVXP.js";
import "./cli-6ICSF2BI.js";
import "./cli-JRWQXHLW.js";
import "./cli-G5GF7E2O.js";
import "./cli-R3X6FJR3.js";
import "./cli-ZOINX7CQ.js";
import "./cli-7J3Z5ETF.js";
import "./cli-OJWVH3MO.js";
import "./cli-2EEIGSHA.js";
import "./cli-BU6EMFDS.js";
import "./cli-Q7X3YLFY.js";
import "./cli-KLH6AEHP.js";
import "./cli-MK2TCJAH.js";
import "./cli-7KR5KIPO.js";
import "./cli-ZMMMMZHX.js";
import "./cli-7KJTK6ND.js";
import "./cli-Q4UO6FBE.js";
import "./cli-QCVQTLV6.js";
import "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";
export {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
};
