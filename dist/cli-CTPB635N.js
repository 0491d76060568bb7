#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";

// src/sync/tracker.ts
var TRACKER_KINDS = ["github", "linear", "jira", "jira-dc"];
var TRACKER_NAMES = { github: "GitHub Issues", linear: "Linear", jira: "Jira", "jira-dc": "Jira" };
function normaliseReferenceId(id) {
  return id.replace(/^#/, "").toUpperCase();
}
function normaliseUrl(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return url.replace(/[?#].*$/, "").replace(/\/+$/, "");
  }
}
function displayTitle(title) {
  return sanitizeText(title, { multiline: false });
}

export {
  TRACKER_KINDS,
  TRACKER_NAMES,
  normaliseReferenceId,
  normaliseUrl,
  displayTitle
};
