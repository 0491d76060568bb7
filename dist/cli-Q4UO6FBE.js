#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/util/sanitize.ts
var ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
var WORKFLOW_COMMAND = /^(\s*):(?=:)/gm;
function sanitizeText(text, options = {}) {
  let clean = text.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
  if (options.multiline === false) clean = clean.replace(/\s*\n\s*/g, " ");
  const max = options.maxLength;
  if (max !== void 0 && clean.length > max) {
    clean = `${clean.slice(0, max)}… (${clean.length - max} more characters cut)`;
  }
  return clean.replace(WORKFLOW_COMMAND, "$1:​");
}
var VENDOR_BODY_LIMIT = 500;
function sanitizeVendorBody(body) {
  return sanitizeText(body, { maxLength: VENDOR_BODY_LIMIT, multiline: false });
}

export {
  sanitizeText,
  sanitizeVendorBody
};
