#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
} from "./cli-CKENADY2.js";
import "./cli-YJMBCB3Y.js";
import "./cli-RAHS34TH.js";
import "./cli-JJVRXUS4.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-3BFTC6IZ.js";
import "./cli-X2JCGES3.js";
import "./cli-CWUTZK4N.js";
import "./cli-RJBBVVXP.js";
import "./cli-PTZSN2X4.js";
import "./cli-JRWQXHLW.js";
import "./cli-WXF7Z34T.js";
import "./cli-R3X6FJR3.js";
import "./cli-ZOINX7CQ.js";
import "./cli-7J3Z5ETF.js";
import "./cli-OJWVH3MO.js";
import "./cli-2EEIGSHA.js";
import "./cli-BU6EMFDS.js";
import "./cli-26V6I7MG.js";
import "./cli-GS75UIMI.js";
import "./cli-PL4BFAXC.js";
import "./cli-NBZ4GVR7.js";
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
