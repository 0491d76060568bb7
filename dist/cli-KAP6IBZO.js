#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  chartImages,
  imageSource,
  renderPacketView
} from "./cli-BQ7GLL33.js";
import "./cli-YJMBCB3Y.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-OJWVH3MO.js";
import "./cli-R3X6FJR3.js";
import "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";
export {
  chartImages,
  imageSource,
  renderPacketView
};
