#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/experiments/rollback.ts
var PLACEHOLDERS = /* @__PURE__ */ new Set(["", "tbd", "tba", "tbc", "todo", "to do", "fixme", "xxx", "n/a", "na", "n.a", "none", "nil", "null", "unknown", "later", "...", "…"]);
var VAGUE_TRIGGERS = /* @__PURE__ */ new Set([
  "if needed",
  "as needed",
  "when needed",
  "if necessary",
  "when necessary",
  "if required",
  "if something goes wrong",
  "if anything goes wrong",
  "if it breaks",
  "on failure",
  "on problems",
  "if there are problems",
  "if there are issues"
]);
function normalise(value) {
  let text = value.trim().toLowerCase();
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(/^[<[("'`*_{]+/, "").replace(/[>\])"'`*_}.!:;,]+$/, "").trim();
  }
  return text;
}
function isPlaceholder(value) {
  if (value === void 0 || value === null) return true;
  if (typeof value !== "string") return typeof value === "object";
  const text = normalise(value);
  if (PLACEHOLDERS.has(text)) return true;
  if (/^[\s\-–—?_.…]*$/.test(text)) return true;
  return /^(tbd|tba|todo|fixme)\b/.test(text);
}
function wordCount(text) {
  return text.trim().split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
function checkRollbackPlan(doc, source) {
  const positions = doc.positions ?? {};
  const fallback = positions.rollback ?? (source ? { line: source.line, column: source.column ?? 1 } : { line: 1, column: 1 });
  const at = (key) => positions[key] ?? fallback;
  const problems = [];
  const add = (key, message) => problems.push({ ...at(key), key, message });
  const plan = doc.rollback;
  if (plan === void 0 || plan === null || typeof plan !== "object" || Array.isArray(plan)) {
    add("rollback", 'no rollback plan: add "rollback:" with a trigger (when to roll back), steps (how) and an owner (who)');
    return problems;
  }
  const { trigger, steps, owner } = plan;
  if (isPlaceholder(trigger)) {
    add("rollback.trigger", `the rollback trigger ${describe(trigger)}: name the observation that makes you roll back, e.g. "task success below 0.80 for 2 hours"`);
  } else if (VAGUE_TRIGGERS.has(normalise(String(trigger)))) {
    add("rollback.trigger", `the rollback trigger "${String(trigger).trim()}" names nothing anyone can observe: say which metric or audit score, at what threshold`);
  }
  const list = Array.isArray(steps) ? steps : typeof steps === "string" ? [steps] : [];
  if (list.length === 0) {
    add("rollback.steps", 'the rollback plan has no steps: list what to do to undo the change, e.g. "pin support-agent prompt to v42"');
  } else {
    list.forEach((step, i) => {
      const key = `rollback.steps[${i}]`;
      if (isPlaceholder(step)) add(key, `rollback step ${i + 1} ${describe(step)}: write the action, e.g. "revert PR #2231" or "set flag research.max_steps to 60"`);
      else if (wordCount(String(step)) < 2) add(key, `rollback step ${i + 1} "${String(step).trim()}" is not concrete: say what to revert or switch, and where`);
    });
  }
  if (isPlaceholder(owner)) add("rollback.owner", `the rollback owner ${describe(owner)}: name who rolls back, an @handle or a team`);
  return problems;
}
function describe(value) {
  if (value === void 0 || value === null) return "is missing";
  if (typeof value !== "string") return "is not text";
  if (value.trim() === "") return "is empty";
  return `is a placeholder ("${value.trim()}")`;
}

export {
  isPlaceholder,
  checkRollbackPlan
};
