#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
} from "./cli-EFW4BWNI.js";
import "./cli-YJMBCB3Y.js";
import "./cli-RAHS34TH.js";
import "./cli-O4QAJSOA.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-JGWCN2IB.js";
import "./cli-64ZQU7E7.js";
import "./cli-SCLGUSNL.js";
import "./cli-YFNTQ6I7.js";
import "./cli-JE3EXYS3.js";
import "./cli-LOLIFVYU.js";
import "./cli-JRWQXHLW.js";
import "./cli-MHL4PWJV.js";
import "./cli-CTPB635N.js";
import "./cli-7J3Z5ETF.js";
import "./cli-OJWVH3MO.js";
import "./cli-2EEIGSHA.js";
import "./cli-RLS4UGPM.js";
import "./cli-2Z3E3GKJ.js";
import "./cli-6YQM6PLK.js";
import "./cli-K3LUHVBJ.js";
import "./cli-7KR5KIPO.js";
import "./cli-CHX2VDBV.js";
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
