#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/audit/store.ts
function recordKey(parts) {
  return [parts.period, parts.seed, parts.sha256, parts.rubric_version, parts.scorer].join("\n");
}
function storeFilePath(outputDir, period) {
  return `${outputDir}/${period}.ndjson`;
}
var SCORERS = ["rules", "llm", "human"];
function recordOf(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return void 0;
  const r = value;
  const text = (k) => typeof r[k] === "string";
  if (!["period", "seed", "transcript", "sha256", "rubric_version", "scorer"].every(text)) return void 0;
  if (!SCORERS.includes(r.scorer)) return void 0;
  if (r.scores === null || typeof r.scores !== "object" || Array.isArray(r.scores)) return void 0;
  const scores = {};
  for (const [k, v] of Object.entries(r.scores)) {
    if (v !== null && typeof v !== "number") return void 0;
    scores[k] = v;
  }
  const reasons = {};
  if (r.reasons !== null && typeof r.reasons === "object") for (const [k, v] of Object.entries(r.reasons)) reasons[k] = String(v);
  return {
    period: r.period,
    seed: r.seed,
    transcript: r.transcript,
    sha256: r.sha256,
    rubric_version: r.rubric_version,
    scorer: r.scorer,
    model: typeof r.model === "string" ? r.model : null,
    stratum: r.stratum === "flagged" ? "flagged" : "random",
    scores,
    reasons,
    scored_at: typeof r.scored_at === "string" ? r.scored_at : ""
  };
}
function newRecords(records, stored) {
  const seen = new Set(stored);
  const out = [];
  for (const record of records) {
    const key = recordKey(record);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(record);
  }
  return out;
}
function formatRecords(records) {
  return records.map((r) => `${JSON.stringify(r)}
`).join("");
}

export {
  recordKey,
  storeFilePath,
  recordOf,
  newRecords,
  formatRecords
};
