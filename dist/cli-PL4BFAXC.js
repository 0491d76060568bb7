#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  replaceFileAtomic
} from "./cli-NBZ4GVR7.js";
import {
  glob,
  isInsideRepo
} from "./cli-7KJTK6ND.js";

// src/io/node-files.ts
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
function nodeRepoFiles(root) {
  return {
    async glob(patterns) {
      const found = await glob([...patterns], {
        cwd: root,
        onlyFiles: true,
        dot: false,
        ignore: ["**/node_modules/**", "**/.git/**"],
        expandDirectories: false
      });
      return found.map((p) => p.split(sep).join("/")).sort();
    },
    async read(path) {
      return readFile(join(root, path));
    },
    exists(path) {
      return isInsideRepo(path) && existsSync(join(root, path));
    },
    // Synchronous: for 10,000 files one stat each costs less than the promises around them would.
    stat(path) {
      try {
        const s = statSync(join(root, path), { throwIfNoEntry: false });
        return s ? { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino } : void 0;
      } catch {
        return void 0;
      }
    }
  };
}
function jsonFileCacheStore(file) {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, "utf8"));
      } catch {
        return void 0;
      }
    },
    async save(data) {
      await replaceFileAtomic(file, JSON.stringify(data));
    }
  };
}

export {
  nodeRepoFiles,
  jsonFileCacheStore
};
