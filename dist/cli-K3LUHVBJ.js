#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  replaceFileAtomic
} from "./cli-7KR5KIPO.js";
import {
  glob,
  isInsideRepo
} from "./cli-JW34KQ4Z.js";

// src/io/node-files.ts
import { existsSync, statSync } from "node:fs";
import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
var LinkOutsideRepositoryError = class extends Error {
  name = "LinkOutsideRepositoryError";
};
function nodeRepoFiles(root) {
  let realRoot;
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
      const target = await realpath(join(root, path));
      const rel = relative(await (realRoot ??= realpath(root)), target);
      if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new LinkOutsideRepositoryError(`${path} is a symbolic link that leads outside the repository; not read (replace the link with the file itself, or point it inside the repository)`);
      }
      return readFile(target);
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
