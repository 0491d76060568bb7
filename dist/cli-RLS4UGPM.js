#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/io/lint-worker-pool.ts
import { existsSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var MIN_JOBS_FOR_WORKERS = 200;
var BATCH_SIZE = 64;
function workerScript() {
  const url = new URL("./lint-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : void 0;
}
function coreCount() {
  return typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
}
function workerPoolExecutor(root, concurrency, fallback) {
  return {
    async run(jobs, config, today, onResult) {
      const script = workerScript();
      const size = Math.min(concurrency > 0 ? concurrency : coreCount(), Math.ceil(jobs.length / BATCH_SIZE));
      if (!script || jobs.length < MIN_JOBS_FOR_WORKERS || size < 2) return fallback.run(jobs, config, today, onResult);
      const batches = [];
      for (let i = 0; i < jobs.length; i += BATCH_SIZE) batches.push(jobs.slice(i, i + BATCH_SIZE));
      let next = 0;
      const workers = Array.from({ length: size }, () => new Worker(script, { workerData: { root, config, today } }));
      try {
        await Promise.all(
          workers.map(
            (worker) => new Promise((resolve, reject) => {
              const feed = () => {
                const batch = batches[next++];
                if (batch) worker.postMessage(batch);
                else resolve();
              };
              worker.on("message", (results) => {
                for (const result of results) onResult(result);
                feed();
              });
              worker.once("error", reject);
              worker.once("exit", (code) => code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`)));
              feed();
            })
          )
        );
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    }
  };
}

export {
  coreCount,
  workerPoolExecutor
};
