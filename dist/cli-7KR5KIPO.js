#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/io/atomic-write.ts
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, unlinkSync } from "node:fs";
import { link, lstat, mkdir, realpath, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
var FileExistsError = class extends Error {
  constructor(path) {
    super(`${path} already exists`);
    this.path = path;
  }
  path;
  name = "FileExistsError";
};
async function writeTemp(file, text) {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, text, { flag: "wx" });
  return temp;
}
async function createFileAtomic(file, text) {
  const temp = await writeTemp(file, text);
  try {
    await link(temp, file);
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") throw new FileExistsError(file);
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") {
      try {
        await writeFile(file, "", { flag: "wx" });
      } catch (inner) {
        if (inner.code === "EEXIST") throw new FileExistsError(file);
        throw inner;
      }
      await rename(temp, file);
      return;
    }
    throw error;
  } finally {
    await unlink(temp).catch(() => {
    });
  }
}
async function replaceFileAtomic(file, text) {
  const temp = await writeTemp(file, text);
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {
    });
    throw error;
  }
}
var OutsideRepositoryError = class extends Error {
  name = "OutsideRepositoryError";
};
function isWithin(root, path) {
  const rel = relative(root, path);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
async function replaceRepoFileAtomic(root, file, text, expected) {
  const path = join(root, file);
  let target;
  try {
    target = await realpath(path);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    if ((await lstat(path).catch(() => void 0))?.isSymbolicLink()) throw new OutsideRepositoryError(`${file} is a symbolic link to a file that does not exist; not written`);
    target = join(await realpath(dirname(path)), basename(path));
  }
  const realRoot = await realpath(root);
  if (!isWithin(realRoot, target)) {
    throw new OutsideRepositoryError(`${file} leads through a symbolic link to ${target}, outside the repository; not written (replace the link with the file itself, or point it inside the repository)`);
  }
  if (expected === void 0) return replaceFileAtomic(target, text);
  const temp = await writeTemp(target, text);
  try {
    if (!readFileSync(target).equals(Buffer.from(expected, "utf8"))) {
      unlinkSync(temp);
      return "changed";
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
    }
    throw error;
  }
}

export {
  FileExistsError,
  createFileAtomic,
  replaceFileAtomic,
  replaceRepoFileAtomic
};
