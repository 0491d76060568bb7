#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./cli-JW34KQ4Z.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/io/git.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { execFile } from "node:child_process";
var GitError = class extends Error {
  constructor(message, stderr) {
    super(message);
    this.stderr = stderr;
  }
  stderr;
  name = "GitError";
};
function runGit(root, args) {
  return new Promise((resolve, reject) => {
    execFile("git", [...args], { cwd: root, encoding: "buffer", maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const message = stderr.toString("utf8").trim() || error.message;
        const missing = error.code === "ENOENT";
        reject(new GitError(missing ? "git is not installed or not on PATH" : `git ${args[0] ?? ""} failed: ${message}`, message));
      } else resolve(stdout);
    });
  });
}
async function gitText(root, args) {
  return (await runGit(root, args)).toString("utf8");
}
async function resolveCommit(root, ref) {
  try {
    return (await gitText(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])).trim() || void 0;
  } catch {
    return void 0;
  }
}
async function workTreeRoot(dir) {
  try {
    return (await gitText(dir, ["rev-parse", "--show-toplevel"])).trim() || void 0;
  } catch {
    return void 0;
  }
}
async function mergeBase(root, a, b) {
  return (await gitText(root, ["merge-base", a, b])).trim();
}
var NUL_SPLIT = (text) => text.split("\0").filter((s) => s !== "");
async function workingTreeChanges(root, base) {
  const diff = NUL_SPLIT(await gitText(root, ["diff", "--name-status", "--no-renames", "-z", base, "--"]));
  const files = [];
  for (let i = 0; i + 1 < diff.length; i += 2) {
    const status = diff[i] ?? "";
    const path = diff[i + 1] ?? "";
    files.push({ path, status: status.startsWith("D") ? "removed" : status.startsWith("A") ? "added" : "modified" });
  }
  for (const path of NUL_SPLIT(await gitText(root, ["ls-files", "--others", "--exclude-standard", "-z"]))) files.push({ path, status: "added" });
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files, truncated: false };
}
async function fileAtCommit(root, commit, path) {
  const spec = `${commit}:${path}`;
  try {
    await runGit(root, ["cat-file", "-e", spec]);
  } catch {
    return void 0;
  }
  return runGit(root, ["cat-file", "blob", spec]);
}
function commitFiles(root, commit) {
  let listing;
  return {
    async glob(patterns) {
      listing ??= gitText(root, ["ls-tree", "-r", "--name-only", "-z", commit]).then(NUL_SPLIT);
      const matches = (0, import_picomatch.default)([...patterns], { dot: false });
      return (await listing).filter((p) => matches(p)).sort();
    },
    async read(path) {
      const bytes = await fileAtCommit(root, commit, path);
      if (bytes === void 0) throw new Error(`${path} does not exist at ${commit.slice(0, 7)}`);
      return bytes;
    }
  };
}

export {
  GitError,
  runGit,
  resolveCommit,
  workTreeRoot,
  mergeBase,
  workingTreeChanges,
  fileAtCommit,
  commitFiles
};
