#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  compareText,
  shiftMonth
} from "./cli-HK53JNZZ.js";
import {
  recordKey
} from "./cli-OJWVH3MO.js";

// src/review/audits.ts
var TREND_MONTHS = 6;
var LOWEST_SHOWN = 5;
function normalise(score, scale) {
  return scale === "1-5" ? (score - 1) / 4 : score;
}
function auditMonths(month) {
  return Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - (TREND_MONTHS - 1)));
}
var mean = (xs) => xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
var SCORER_RANK = { human: 0, llm: 1, rules: 2 };
function precedes(a, b) {
  return (SCORER_RANK[a.scorer] - SCORER_RANK[b.scorer] || Number(b.ownStratum) - Number(a.ownStratum) || compareText(b.scoredAt, a.scoredAt) || b.order - a.order) < 0;
}
function selectScores(records) {
  const unique = [];
  const keys = /* @__PURE__ */ new Set();
  for (const r of records) {
    const key = recordKey(r);
    if (keys.has(key)) continue;
    keys.add(key);
    unique.push(r);
  }
  const idOf = (r) => `${r.period}
${r.transcript}`;
  const stratumOf = /* @__PURE__ */ new Map();
  for (const r of unique) if (stratumOf.get(idOf(r)) !== "random") stratumOf.set(idOf(r), r.stratum);
  const byTranscript = /* @__PURE__ */ new Map();
  let candidates = 0;
  unique.forEach((r, order) => {
    const id = idOf(r);
    const stratum = stratumOf.get(id);
    let entry = byTranscript.get(id);
    if (entry === void 0) {
      entry = { period: r.period, transcript: r.transcript, stratum, scores: /* @__PURE__ */ new Map() };
      byTranscript.set(id, entry);
    }
    for (const [dim, score] of Object.entries(r.scores)) {
      if (score === null) continue;
      candidates++;
      const reason = r.reasons[dim];
      const candidate = { score, ...reason !== void 0 && { reason }, scorer: r.scorer, ownStratum: r.stratum === stratum, scoredAt: r.scored_at, order };
      const held = entry.scores.get(dim);
      if (held === void 0 || precedes(candidate, held)) entry.scores.set(dim, candidate);
    }
  });
  const transcripts = [...byTranscript.values()];
  const chosen = transcripts.reduce((n, t) => n + t.scores.size, 0);
  return { transcripts, duplicates: records.length - unique.length, superseded: candidates - chosen };
}
function auditTrends(records, month, scales) {
  const months = auditMonths(month);
  const previousMonth = shiftMonth(month, -1);
  const inMonths = records.filter((r) => months.includes(r.period));
  const selection = selectScores(inMonths);
  const scoresOf = /* @__PURE__ */ new Map();
  const seenAbove1 = /* @__PURE__ */ new Set();
  const dims = /* @__PURE__ */ new Set();
  for (const t of selection.transcripts) {
    for (const [dim, { score }] of t.scores) {
      dims.add(dim);
      if (score > 1) seenAbove1.add(dim);
      const key = `${t.stratum}
${t.period}
${dim}`;
      const list = scoresOf.get(key);
      if (list) list.push(score);
      else scoresOf.set(key, [score]);
    }
  }
  const scoresIn = (stratum, period, dim) => scoresOf.get(`${stratum}
${period}
${dim}`) ?? [];
  const scaleOf = (dim) => scales.get(dim) ?? (seenAbove1.has(dim) ? "1-5" : "0-1");
  const dimensions = [...dims].sort(compareText).map((dimension) => {
    const now = scoresIn("random", month, dimension);
    const flagged = scoresIn("flagged", month, dimension);
    const m = mean(now);
    const p = mean(scoresIn("random", previousMonth, dimension));
    return {
      dimension,
      scale: scaleOf(dimension),
      mean: m,
      previous: p,
      change: m !== null && p !== null ? m - p : null,
      count: now.length,
      trend: months.map((mm) => mean(scoresIn("random", mm, dimension))),
      flagged: { mean: mean(flagged), count: flagged.length }
    };
  });
  const ofMonth = selection.transcripts.filter((t) => t.period === month && t.scores.size > 0);
  const lowest = ofMonth.map((t) => {
    let low;
    const normalised = [];
    for (const [dim, chosen] of [...t.scores].sort(([a], [b]) => compareText(a, b))) {
      const n = normalise(chosen.score, scaleOf(dim));
      normalised.push(n);
      if (low === void 0 || n < low.score) low = { dimension: dim, score: n, ...chosen.reason !== void 0 && { reason: chosen.reason } };
    }
    return { transcript: t.transcript, stratum: t.stratum, score: mean(normalised), lowest: low };
  }).filter((t) => t.score < 1).sort((a, b) => a.score - b.score || compareText(a.transcript, b.transcript)).slice(0, LOWEST_SHOWN);
  return {
    month,
    months,
    dimensions,
    lowest,
    records: inMonths.length,
    counting: {
      records: inMonths.length,
      duplicates: selection.duplicates,
      superseded: selection.superseded,
      transcripts: ofMonth.filter((t) => t.stratum === "random").length,
      flaggedTranscripts: ofMonth.filter((t) => t.stratum === "flagged").length
    }
  };
}

export {
  normalise,
  auditMonths,
  auditTrends
};
