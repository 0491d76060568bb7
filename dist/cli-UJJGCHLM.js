#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/util/error-message.ts
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

export {
  errorMessage
};
