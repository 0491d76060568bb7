#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  glob,
  isInsideRepo
} from "./cli-DBLLD2C5.js";

// src/io/node-files.ts
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
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
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(data));
      await rename(temp, file);
    }
  };
}

export {
  nodeRepoFiles,
  jsonFileCacheStore
};
