#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
} from "./cli-KWOJ46NN.js";
import "./cli-QQVCZU33.js";
import "./cli-YJMBCB3Y.js";
import "./cli-RAHS34TH.js";
import "./cli-JBPRAGFM.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-DSEV7FH7.js";
import "./cli-64ZQU7E7.js";
import "./cli-SSVDVKMN.js";
import "./cli-TRUJWBLV.js";
import "./cli-WWIUJGYL.js";
import "./cli-HHLT3I35.js";
import "./cli-PV4PP3YR.js";
import "./cli-CTPB635N.js";
import "./cli-7J3Z5ETF.js";
import "./cli-OJWVH3MO.js";
import "./cli-2EEIGSHA.js";
import "./cli-RLS4UGPM.js";
import "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import "./cli-K3LUHVBJ.js";
import "./cli-7KR5KIPO.js";
import "./cli-2DQVB3FE.js";
import "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
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
