#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  collectSyncItems
} from "./cli-HHLT3I35.js";
import {
  DEFAULT_PARSE_OPTIONS,
  isReadFailure,
  parseOptionsOf,
  parsePostmortem,
  readContents,
  ruleSetting
} from "./cli-PV4PP3YR.js";
import {
  normaliseReferenceId,
  normaliseUrl
} from "./cli-CTPB635N.js";
import {
  digestOfKey,
  postmortemOfKey
} from "./cli-7J3Z5ETF.js";
import {
  syncConfigOf
} from "./cli-2DQVB3FE.js";
import {
  ruleById
} from "./cli-JW34KQ4Z.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";

// src/sync/execute.ts
function defaultBackoffMs(attempt) {
  const base = 500 * 2 ** Math.max(0, attempt - 2);
  return Math.min(3e4, base / 2 + Math.random() * base);
}
var realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
var ItemFailure = class extends Error {
};
async function createOnce(plan2, tracker, options) {
  const draft = plan2.draft;
  if (!draft) throw new ItemFailure("nothing to create (no draft)");
  let lastError;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(options.backoffMs(attempt));
    try {
      return { plan: plan2, ticket: await tracker.create(draft) };
    } catch (error) {
      lastError = error;
      const kind = tracker.classify(error);
      if (kind === "fatal") throw new ItemFailure(`create failed: ${errorMessage(error)}`);
      if (kind === "ambiguous" && !tracker.capabilities.idempotentCreate) {
        let found;
        try {
          found = await tracker.recheck([draft.key], { patient: true });
        } catch (recheckError) {
          throw new ItemFailure(
            `create failed (${errorMessage(error)}) and checking whether it happened failed too (${errorMessage(recheckError)}); not retried, to avoid a duplicate: the next run finds the ticket if it was made`
          );
        }
        const ticket = found.find((t) => t.keys.includes(draft.key));
        if (ticket) return { plan: plan2, ticket, recovered: true };
        if (!tracker.capabilities.recheckConsistent) {
          throw new ItemFailure(
            `create failed (${errorMessage(error)}) and the tracker's search does not show the ticket yet; it may exist, so it is not created again in this run: the next run finds it, or creates it`
          );
        }
      }
    }
  }
  throw new ItemFailure(`create failed after ${options.attempts} attempts: ${errorMessage(lastError)}`);
}
async function writeIdempotent(what, plan2, tracker, options) {
  const ticket = plan2.ticket;
  if (!ticket) throw new ItemFailure(`nothing to ${what} (no ticket)`);
  let lastError;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(options.backoffMs(attempt));
    try {
      if (what === "close") return { plan: plan2, ticket: await tracker.close(ticket) };
      const draft = plan2.draft;
      if (!draft) throw new ItemFailure("nothing to update (no draft)");
      return { plan: plan2, ticket: await tracker.update(ticket, draft, plan2.changes ?? []) };
    } catch (error) {
      if (error instanceof ItemFailure) throw error;
      lastError = error;
      if (tracker.classify(error) === "fatal") throw new ItemFailure(`${what} of ${ticket.ref} failed: ${errorMessage(error)}`);
    }
  }
  throw new ItemFailure(`${what} of ${ticket.ref} failed after ${options.attempts} attempts: ${errorMessage(lastError)}`);
}
async function alreadyThere(items, tracker) {
  const keys = items.filter((p) => p.action === "create" && p.draft).map((p) => p.item.key);
  if (tracker.capabilities.recheckConsistent || keys.length === 0) return /* @__PURE__ */ new Map();
  try {
    const found = await tracker.recheck(keys);
    return new Map(found.flatMap((t) => t.keys.filter((k) => keys.includes(k)).map((k) => [k, t])));
  } catch {
    return /* @__PURE__ */ new Map();
  }
}
async function executePlan(items, tracker, options) {
  const settings = { attempts: Math.max(1, options.attempts), backoffMs: options.backoffMs ?? defaultBackoffMs, sleep: options.sleep ?? realSleep };
  const limit = pLimit(Math.max(1, options.concurrency));
  const existing = await alreadyThere(items, tracker);
  const writes = items.filter((p) => p.action !== "unchanged").length;
  let done = 0;
  return Promise.all(
    items.map((plan2) => {
      const action = plan2.action;
      if (action === "unchanged") return Promise.resolve(plan2.ticket ? { plan: plan2, ticket: plan2.ticket } : { plan: plan2 });
      return limit(async () => {
        try {
          const there = existing.get(plan2.item.key);
          if (action === "create" && there) return { plan: plan2, ticket: there, recovered: true };
          if (action === "create") return await createOnce(plan2, tracker, settings);
          return await writeIdempotent(action, plan2, tracker, settings);
        } catch (error) {
          return { plan: plan2, ...plan2.ticket && { ticket: plan2.ticket }, error: error instanceof ItemFailure ? error.message : `unexpected error: ${errorMessage(error)}` };
        } finally {
          options.onProgress?.({ done: ++done, total: writes });
        }
      });
    })
  );
}

// src/sync/item-checks.ts
var ITEM_RULES = ["PM007", "PM009"];
function itemLocation(path, line) {
  return `${path}:${line}`;
}
function findItemProblems(postmortems, lint) {
  const problems = /* @__PURE__ */ new Map();
  const ctx = { config: lint, today: "", pathExists: () => false };
  for (const pm of postmortems) {
    const itemLines = new Set(pm.actionItems.map((i) => i.position.line));
    if (itemLines.size === 0) continue;
    const disabled = new Set(pm.disabledRules);
    for (const id of ITEM_RULES) {
      const rule = ruleById(id);
      if (!rule || rule.scope !== "file" || disabled.has(rule.id) || ruleSetting(rule, lint) === "off") continue;
      for (const report of rule.check(pm, ctx)) {
        if (!itemLines.has(report.line)) continue;
        const at = itemLocation(pm.path, report.line);
        problems.set(at, [...problems.get(at) ?? [], { rule: rule.id, message: report.message }]);
      }
    }
  }
  return problems;
}

// src/sync/decisions.ts
var DECISION_LABEL = "review-decision";
var DEFAULT_DECISION_PATHS = ["docs/reviews/*.md"];
var DECISION_PARSE_OPTIONS = { ...DEFAULT_PARSE_OPTIONS, sections: ["Action Items"], sectionAliases: { Decisions: "Action Items" } };
function parseDecisionFile(input, path) {
  return parsePostmortem(input, path, DECISION_PARSE_OPTIONS);
}
function decisionSourceId(path) {
  const base = (path.split("/").pop() ?? path).replace(/\.[^.]*$/, "");
  return `Review ${base || path}`;
}
function decisionProblem(pm, line) {
  const item = pm.actionItems.find((a) => a.position.line === line);
  if (item === void 0 || item.checked) return void 0;
  const missing = [item.owner === void 0 && "an owner", !(item.due !== void 0 && item.dueValid) && "a real YYYY-MM-DD due date"].filter(Boolean);
  if (missing.length === 0) return void 0;
  return `decision lacks ${missing.join(" and ")} (as PM007 asks of action items: "- [ ] <summary> :: @owner :: YYYY-MM-DD"); not synced until it has`;
}
function collectDecisionItems(packets) {
  const collected = collectSyncItems(packets, { idOf: (pm) => decisionSourceId(pm.path), labels: [DECISION_LABEL] });
  const byPath = new Map(packets.map((pm) => [pm.path, pm]));
  const items = [];
  const skipped = collected.skipped.map((s) => ({ ...s, reason: `decision: ${s.reason}` }));
  for (const item of collected.items) {
    const pm = byPath.get(item.path);
    const problem = pm === void 0 ? void 0 : decisionProblem(pm, item.line);
    if (problem === void 0) items.push(item);
    else skipped.push({ path: item.path, line: item.line, summary: item.summary, reason: problem });
  }
  return { items, skipped };
}

// src/sync/plan.ts
var MAX_TITLE = 250;
function ticketTitle(item) {
  const title = `${item.postmortemId}: ${sanitizeText(item.summary, { multiline: false }).replace(/\s+/g, " ")}`;
  return title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE - 1)}…`;
}
function draftFor(item, input) {
  const { settings } = input;
  const labels = [...settings.labels];
  if (settings.severityLabels && item.severity !== void 0 && !labels.includes(item.severity)) labels.push(item.severity);
  for (const label of item.labels ?? []) if (!labels.includes(label)) labels.push(label);
  const draft = {
    key: item.key,
    title: ticketTitle(item),
    content: { summary: item.summary, postmortemId: item.postmortemId, postmortemPath: item.path },
    labels
  };
  if (item.postmortemTitle !== void 0) draft.content.postmortemTitle = item.postmortemTitle;
  const url = settings.lineUrl?.(item.path, item.line);
  if (url !== void 0) draft.content.postmortemUrl = url;
  if (item.owner !== void 0) draft.content.owner = item.owner;
  if (item.due !== void 0) {
    draft.due = item.due;
    draft.content.due = item.due;
  }
  if (item.severity !== void 0) {
    draft.content.severity = item.severity;
    const priority = settings.priorities[item.severity];
    if (priority !== void 0) draft.priority = priority;
  }
  const assignee = item.owner !== void 0 ? input.assignees.get(item.owner) : void 0;
  if (assignee !== void 0) draft.assignee = assignee;
  return draft;
}
function differences(ticket, draft) {
  const changes = [];
  if (ticket.title !== draft.title) changes.push("title");
  if ((ticket.due ?? "") !== (draft.due ?? "")) changes.push("due");
  if (draft.assignee !== void 0 && ticket.assignee?.toLowerCase() !== draft.assignee.toLowerCase()) changes.push("assignee");
  if (!ticket.keys.includes(draft.key)) changes.push("key");
  return changes;
}
var TicketIndex = class {
  constructor(tickets) {
    this.tickets = tickets;
    for (const t of tickets) {
      if (!this.byUrl.has(normaliseUrl(t.url))) this.byUrl.set(normaliseUrl(t.url), t);
      if (!this.byRef.has(normaliseReferenceId(t.ref))) this.byRef.set(normaliseReferenceId(t.ref), t);
      for (const key of t.keys) if (!this.byKey.has(key)) this.byKey.set(key, t);
    }
  }
  tickets;
  byUrl = /* @__PURE__ */ new Map();
  byRef = /* @__PURE__ */ new Map();
  byKey = /* @__PURE__ */ new Map();
  claimed = /* @__PURE__ */ new Set();
  byReference(item) {
    const ref = item.ref;
    if (!ref) return void 0;
    return (ref.url !== void 0 ? this.byUrl.get(normaliseUrl(ref.url)) : void 0) ?? (ref.id !== void 0 ? this.byRef.get(normaliseReferenceId(ref.id)) : void 0);
  }
  forKey(key) {
    return this.byKey.get(key);
  }
};
function matchTickets(input, index, notes) {
  const matches = /* @__PURE__ */ new Map();
  const note = (item, text) => notes.set(item, [...notes.get(item) ?? [], text]);
  for (const item of input.items) {
    const ticket = index.byReference(item);
    if (!ticket) continue;
    if (index.claimed.has(ticket)) {
      note(item, `${ticket.ref} is also referenced by an earlier item; each item needs its own ticket`);
      continue;
    }
    index.claimed.add(ticket);
    matches.set(item, { ticket, by: "reference" });
  }
  for (const item of input.items) {
    if (matches.has(item) || item.ref && input.unresolved.has(item.ref.raw)) continue;
    const ticket = index.forKey(item.key);
    if (!ticket || index.claimed.has(ticket)) continue;
    index.claimed.add(ticket);
    matches.set(item, { ticket, by: "key" });
  }
  const currentKeys = new Set(input.items.map((i) => i.key));
  const orphansByDigest = /* @__PURE__ */ new Map();
  for (const ticket of index.tickets) {
    if (index.claimed.has(ticket) || ticket.keys.length === 0 || ticket.keys.some((k) => currentKeys.has(k))) continue;
    for (const digest of new Set(ticket.keys.map(digestOfKey))) {
      if (digest !== void 0) orphansByDigest.set(digest, [...orphansByDigest.get(digest) ?? [], ticket]);
    }
  }
  const seekers = /* @__PURE__ */ new Map();
  for (const item of input.items) {
    if (matches.has(item) || item.ref) continue;
    const digest = digestOfKey(item.key);
    if (digest !== void 0) seekers.set(digest, [...seekers.get(digest) ?? [], item]);
  }
  for (const [digest, items] of seekers) {
    const candidates = orphansByDigest.get(digest) ?? [];
    const [item] = items;
    const [ticket] = candidates;
    if (items.length !== 1 || candidates.length !== 1 || !item || !ticket || index.claimed.has(ticket)) continue;
    const fromKey = ticket.keys.find((k) => digestOfKey(k) === digest);
    const from = fromKey !== void 0 ? postmortemOfKey(fromKey) : void 0;
    if (from === void 0 || from === postmortemOfKey(item.key)) continue;
    index.claimed.add(ticket);
    matches.set(item, { ticket, by: "move", from: from.toUpperCase() });
  }
  return matches;
}
function decide(item, match, input, notes) {
  const base = { item, notes, writeReference: false, tick: false };
  const problem = item.ref ? input.unresolved.get(item.ref.raw) : void 0;
  if (!match) {
    if (item.ref && problem !== void 0) {
      const what = problem === "foreign" ? "a ticket outside this tracker" : "a ticket that does not exist (deleted, or a typo)";
      return { ...base, action: "unchanged", reason: `references ${what}: ${item.ref.raw}` };
    }
    if (item.checked) return { ...base, action: "unchanged", reason: "done, and it never had a ticket" };
    return { ...base, action: "create", reason: "open, no ticket yet", draft: draftFor(item, input), writeReference: true };
  }
  const { ticket } = match;
  const writeReference = !item.ref;
  const how = match.by === "move" ? `moved from ${match.from ?? "another postmortem"}` : match.by === "reference" ? `matched by ${item.ref?.raw ?? ticket.ref}` : "matched by key";
  if (item.checked) {
    if (ticket.state === "open") return { ...base, ticket, matchedBy: match.by, writeReference, action: "close", reason: `ticked off; ${how}` };
    return { ...base, ticket, matchedBy: match.by, writeReference, action: "unchanged", reason: "done, ticket closed" };
  }
  if (ticket.state === "closed") {
    const tick = input.settings.tickClosed;
    notes.push(`${ticket.ref} was closed in the tracker but the item is still open${tick ? "; ticked in the write-back" : "; tick it, or reopen the ticket"}`);
    return { ...base, ticket, matchedBy: match.by, writeReference, tick, action: "unchanged", reason: "ticket closed in the tracker, item open" };
  }
  if (ticket.keys.length === 0) {
    return { ...base, ticket, matchedBy: match.by, writeReference, action: "unchanged", reason: `${how}; not created by reliability-loop, so only closed when ticked` };
  }
  const draft = draftFor(item, input);
  const changes = differences(ticket, draft);
  if (changes.length === 0) return { ...base, ticket, matchedBy: match.by, writeReference, action: "unchanged", reason: `up to date; ${how}` };
  return { ...base, ticket, matchedBy: match.by, writeReference, draft, changes, action: "update", reason: `${changes.join(", ")} changed; ${how}` };
}
function planSync(input) {
  const index = new TicketIndex(input.tickets);
  const notes = /* @__PURE__ */ new Map();
  const matches = matchTickets(input, index, notes);
  const items = input.items.map((item) => {
    const itemNotes = [...notes.get(item) ?? []];
    if (!item.checked && item.owner !== void 0 && !input.assignees.has(item.owner)) {
      itemNotes.push(`owner ${item.owner} has no assignee in the tracker (add them to sync.owners); the ticket stays unassigned`);
    }
    const planned = decide(item, matches.get(item), input, itemNotes);
    if (planned.writeReference && (item.fieldCount < 3 || item.trailing !== void 0)) {
      planned.writeReference = false;
      planned.notes.push(
        item.fieldCount < 3 ? "the item has no due date field, so its ticket reference cannot be written back (`summary :: @owner :: YYYY-MM-DD`)" : `the text after the due date (${item.trailing ?? ""}) is not a ticket reference, so the reference cannot be written back beside it`
      );
    }
    return planned;
  });
  const orphans = input.tickets.filter((t) => !index.claimed.has(t) && t.state === "open" && t.keys.length > 0);
  return { items, orphans: [...new Set(orphans)] };
}
function planWithoutTracker(items, settings) {
  const input = { assignees: /* @__PURE__ */ new Map(), settings };
  return {
    orphans: [],
    items: items.map((item) => {
      const base = { item, notes: [], writeReference: false, tick: false };
      if (item.ref) {
        if (item.checked) return { ...base, action: "close", reason: `ticked off; ${item.ref.raw} is closed if still open (tracker not consulted)` };
        return { ...base, action: "unchanged", reason: `has ${item.ref.raw} (tracker not consulted)` };
      }
      if (item.checked) return { ...base, action: "unchanged", reason: "done, and it has no ticket reference" };
      return { ...base, action: "create", reason: "open, no ticket reference (tracker not consulted: an existing ticket with its key would be matched)", draft: draftFor(item, input), writeReference: true };
    })
  };
}

// src/sync/writeback.ts
var ITEM_START_RE = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[( |x|X)\]/;
var NEXT_BLOCK_RE = /^\s*(?:$|[-*+]\s|\d{1,9}[.)]\s|#)/;
function linkText(text) {
  return text.replace(/[\\[\]]/g, "\\$&");
}
function referenceOffset(lines, first) {
  let separators = 0;
  for (let i = first; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (i > first && NEXT_BLOCK_RE.test(text)) return void 0;
    let from = 0;
    for (; ; ) {
      const at = text.indexOf("::", from);
      if (at < 0) break;
      separators++;
      from = at + 2;
      if (separators === 2) {
        const m = /^\s*(?:due:?\s+)?\S+/i.exec(text.slice(from));
        if (!m) return void 0;
        return { line: i, offset: from + m[0].length };
      }
    }
  }
  return void 0;
}
function splitLines(source) {
  const bom = source.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = bom ? source.slice(1) : source;
  const parts = body.split(/(\r\n|\n|\r)/);
  const lines = [];
  const endings = [];
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i] ?? "");
    endings.push(parts[i + 1] ?? "");
  }
  return { bom, lines, endings };
}
function itemBlock(lines, first) {
  const block = [lines[first] ?? ""];
  for (let i = first + 1; i < lines.length && !NEXT_BLOCK_RE.test(lines[i] ?? ""); i++) block.push(lines[i] ?? "");
  return block;
}
function itemLinesUnchanged(before, after, edits) {
  const a = splitLines(before).lines;
  const b = splitLines(after).lines;
  return edits.every((edit) => {
    const x = itemBlock(a, edit.line - 1);
    const y = itemBlock(b, edit.line - 1);
    return edit.line - 1 < b.length && x.length === y.length && x.every((line, i) => line === y[i]);
  });
}
function applyWriteBack(source, edits) {
  const { bom, lines, endings } = splitLines(source);
  const result = { text: source, applied: 0, skipped: [] };
  for (const edit of edits) {
    const index = edit.line - 1;
    const text = lines[index];
    const marker = text !== void 0 ? ITEM_START_RE.exec(text) : null;
    if (text === void 0 || !marker) {
      result.skipped.push({ line: edit.line, reason: "the line is no longer an action item" });
      continue;
    }
    let changed = false;
    if (edit.reference) {
      const at = referenceOffset(lines, index);
      const link = `[${linkText(edit.reference.ref)}](${edit.reference.url})`;
      if (!at) {
        result.skipped.push({ line: edit.line, reason: "no due date field to put the reference after" });
      } else if (!(lines[at.line] ?? "").includes(`](${edit.reference.url})`)) {
        const target = lines[at.line] ?? "";
        lines[at.line] = `${target.slice(0, at.offset)} ${link}${target.slice(at.offset)}`;
        changed = true;
      }
    }
    if (edit.tick) {
      const current = lines[index] ?? "";
      const m = ITEM_START_RE.exec(current);
      if (m && m[2] === " ") {
        const prefix = m[1] ?? "";
        lines[index] = `${prefix}[x]${current.slice(prefix.length + 3)}`;
        changed = true;
      }
    }
    if (changed) result.applied++;
  }
  if (result.applied > 0) result.text = bom + lines.map((line, i) => line + (endings[i] ?? "")).join("");
  return result;
}
function writeBackEdits(results) {
  const byFile = /* @__PURE__ */ new Map();
  for (const { plan: plan2, ticket, error } of results) {
    if (error !== void 0) continue;
    const edit = { line: plan2.item.line };
    if (plan2.writeReference && ticket) edit.reference = { ref: ticket.ref, url: ticket.url };
    if (plan2.tick) edit.tick = true;
    if (!edit.reference && !edit.tick) continue;
    byFile.set(plan2.item.path, [...byFile.get(plan2.item.path) ?? [], edit]);
  }
  return byFile;
}

// src/modes/sync.ts
function exactText(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return void 0;
  }
}
async function readDocuments(globs, parse, files, warnings, skip = /* @__PURE__ */ new Set()) {
  const paths = [...new Set(await files.glob(globs))].filter((p) => !skip.has(p)).sort();
  const out = [];
  const read = (path) => files.read(path).catch((error) => Promise.reject(new Error(`${path}: cannot read the file (${errorMessage(error)}); its action items were not synced`)));
  for (const got of await readContents(paths, read)) {
    if (isReadFailure(got)) {
      warnings.push(got.problem);
      continue;
    }
    const { path } = got;
    const bytes = typeof got.content === "string" ? new TextEncoder().encode(got.content) : got.content;
    const pm = parse(bytes, path);
    const text = exactText(bytes);
    out.push(text !== void 0 && !pm.problems.some((p) => p.message.startsWith("File is")) ? { pm, text } : { pm });
  }
  return out;
}
function planSettingsOf(sync, lineUrl) {
  const settings = {
    labels: sync.labels,
    severityLabels: sync.severityLabels,
    priorities: sync.priorities,
    tickClosed: sync.tickClosed
  };
  if (lineUrl) settings.lineUrl = lineUrl;
  return settings;
}
function ownerIdentities(items, owners) {
  const names = [...new Set(items.filter((i) => !i.checked && i.owner !== void 0).map((i) => i.owner))].sort();
  return names.map((owner) => ({ owner, ...owners[owner] ?? {} }));
}
function countResults(results, dryRun) {
  const counts = { created: 0, updated: 0, closed: 0, unchanged: 0, failed: 0 };
  for (const r of results) {
    if (r.error !== void 0) counts.failed++;
    else if (r.plan.action === "create") counts.created++;
    else if (r.plan.action === "update") counts.updated++;
    else if (r.plan.action === "close") counts.closed++;
    else counts.unchanged++;
  }
  if (dryRun) counts.failed = 0;
  return counts;
}
async function plan(items, sync, request, tracker, warnings) {
  const settings = planSettingsOf(sync, request.lineUrl);
  if (!tracker) return planWithoutTracker(items, settings);
  const references = items.flatMap((i) => i.ref ? [i.ref] : []);
  const [lookup, resolution] = await Promise.all([tracker.lookup({ keys: items.map((i) => i.key), references }), tracker.resolveAssignees(ownerIdentities(items, sync.owners))]);
  warnings.push(...resolution.warnings);
  return planSync({ items, tickets: lookup.tickets, unresolved: lookup.unresolved, assignees: resolution.assignees, settings });
}
function screenInvalidItems(plan2, problems, sync, out) {
  const items = [];
  for (const planned of plan2.items) {
    const { item } = planned;
    const found = item.checked ? void 0 : problems.get(itemLocation(item.path, item.line));
    if (!found) {
      items.push(planned);
      continue;
    }
    const what = found.map((p) => `${p.rule} ${p.message}`).join(" ");
    if (!sync.requireValidItems) {
      const warning = `${itemLocation(item.path, item.line)}: ${what} Planned anyway; set sync.require-valid-items: true to skip such items.`;
      out.warnings.push(warning);
      out.itemWarnings.push({ path: item.path, line: item.line, warning });
      items.push(planned);
    } else if (planned.action === "create") {
      out.skipped.push({ path: item.path, line: item.line, summary: item.summary, reason: `${what} (sync.require-valid-items is on)` });
    } else if (planned.action === "update") {
      const { draft: _draft, changes: _changes, ...rest } = planned;
      items.push({ ...rest, action: "unchanged", reason: `not updated from an item lint rejects (${found.map((p) => p.rule).join(", ")}; sync.require-valid-items is on)` });
    } else {
      items.push(planned);
    }
  }
  return { ...plan2, items };
}
async function writeBackFile(path, original, edits, adapters, warnings) {
  if (original === void 0) {
    warnings.push(`${path}: not written back (the file could not be decoded as text)`);
    return false;
  }
  const planned = applyWriteBack(original, edits);
  for (const s of planned.skipped) warnings.push(`${path}:${s.line}: not written back: ${s.reason}`);
  if (planned.applied === 0) return false;
  const later = `its tickets exist, and the next run finds them by key and writes the references`;
  for (let attempt = 1; ; attempt++) {
    let current;
    try {
      current = exactText(await adapters.files.read(path));
    } catch (error) {
      warnings.push(`${path}: not written back: the file could not be read again (${errorMessage(error)}); ${later}`);
      return false;
    }
    if (current !== original && (current === void 0 || !itemLinesUnchanged(original, current, edits))) {
      warnings.push(`${path}: not written back: the file was changed while sync ran and its action items' lines moved or changed; ${later}`);
      return false;
    }
    const edited = current === original ? planned : applyWriteBack(current, edits);
    try {
      if (await adapters.writeFile(path, edited.text, current) !== "changed") return true;
    } catch (error) {
      warnings.push(`${path}: the write-back failed (${errorMessage(error)}); ${later}`);
      return false;
    }
    if (attempt === 3) {
      warnings.push(`${path}: not written back: the file kept changing while sync wrote it; ${later}`);
      return false;
    }
  }
}
async function runSync(config, request, adapters) {
  const sync = syncConfigOf(config);
  const warnings = [];
  const options = parseOptionsOf(config.lint);
  const read = await readDocuments(config.lint.postmortems.paths, (bytes, path) => parsePostmortem(bytes, path, options), adapters.files, warnings);
  const postmortems = read.map((r) => r.pm);
  const { items, skipped } = collectSyncItems(postmortems);
  const decisionFiles = await readDocuments(sync.decisionPaths ?? DEFAULT_DECISION_PATHS, parseDecisionFile, adapters.files, warnings, new Set(postmortems.map((pm) => pm.path)));
  const decisions = collectDecisionItems(decisionFiles.map((r) => r.pm));
  items.push(...decisions.items);
  skipped.push(...decisions.skipped);
  read.push(...decisionFiles);
  if (!request.dryRun && !adapters.tracker) throw new Error("a sync that writes needs the tracker’s credentials; without them only a dry run is possible");
  if (adapters.tracker) adapters.onPhase?.("looking-up");
  const itemWarnings = [];
  for (const s of decisions.skipped) itemWarnings.push({ path: s.path, line: s.line, warning: `${s.path}:${s.line}: ${s.reason}` });
  const syncPlan = screenInvalidItems(await plan(items, sync, request, adapters.tracker, warnings), findItemProblems(postmortems, config.lint), sync, { skipped, warnings, itemWarnings });
  let results;
  if (request.dryRun || !adapters.tracker) {
    results = syncPlan.items.map((p) => p.ticket ? { plan: p, ticket: p.ticket } : { plan: p });
  } else {
    adapters.onPhase?.("writing");
    results = await executePlan(syncPlan.items, adapters.tracker, {
      concurrency: sync.concurrency,
      attempts: request.execute?.attempts ?? 3,
      ...request.execute?.backoffMs && { backoffMs: request.execute.backoffMs },
      ...request.execute?.sleep && { sleep: request.execute.sleep },
      ...adapters.onProgress && { onProgress: adapters.onProgress }
    });
  }
  const changedFiles = [];
  if (!request.dryRun && sync.writeBack !== "off") {
    const texts = new Map(read.map((r) => [r.pm.path, r.text]));
    const edits = writeBackEdits(results);
    if (edits.size > 0) adapters.onPhase?.("writing-back");
    for (const [path, fileEdits] of edits) {
      if (await writeBackFile(path, texts.get(path), fileEdits, adapters, warnings)) changedFiles.push(path);
    }
  }
  return {
    tracker: request.trackerKind,
    dryRun: request.dryRun,
    consulted: adapters.tracker !== void 0,
    results,
    orphans: syncPlan.orphans,
    skipped,
    warnings,
    itemWarnings,
    changedFiles,
    counts: countResults(results, request.dryRun)
  };
}

// src/sync/connection.ts
var ENV_NAMES = {
  githubToken: "GITHUB_TOKEN",
  githubRepository: "GITHUB_REPOSITORY",
  githubApiUrl: "GITHUB_API_URL",
  linearApiKey: "LINEAR_API_KEY",
  linearTeam: "LINEAR_TEAM",
  linearApiUrl: "LINEAR_API_URL",
  jiraBaseUrl: "JIRA_BASE_URL",
  jiraEmail: "JIRA_EMAIL",
  jiraApiToken: "JIRA_API_TOKEN",
  jiraProject: "JIRA_PROJECT",
  jiraPat: "JIRA_PAT"
};
function credentialsFromEnvironment(env) {
  const sources = {};
  for (const [field, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== void 0) sources[field] = value;
  }
  return sources;
}
function given(value) {
  const v = value?.trim();
  return v ? v : void 0;
}
function resolveConnection(kind, sources, sync, names) {
  const need = (missing, what) => ({ incomplete: `${what} needs ${missing.map((m) => names[m]).join(" and ")}` });
  switch (kind) {
    case "github": {
      const token = given(sources.githubToken);
      if (!token) return { absent: `no GitHub token (${names.githubToken})`, variable: names.githubToken };
      const repository = sync.github.repository ?? given(sources.githubRepository);
      const [owner, repo, ...rest] = (repository ?? "").split("/");
      if (!owner || !repo || rest.length > 0) return need(["githubRepository"], "GitHub Issues (owner/repo, or sync.github.repository in the config)");
      return { connection: { kind, token, owner, repo, apiUrl: given(sources.githubApiUrl) ?? "https://api.github.com" } };
    }
    case "linear": {
      const apiKey = given(sources.linearApiKey);
      if (!apiKey) return { absent: `no Linear API key (${names.linearApiKey})`, variable: names.linearApiKey };
      const team = given(sources.linearTeam) ?? sync.linear.team;
      if (!team) return need(["linearTeam"], "Linear (the team key, or sync.linear.team in the config)");
      return { connection: { kind, apiKey, team, apiUrl: given(sources.linearApiUrl) ?? sync.linear.apiUrl } };
    }
    case "jira": {
      const apiToken = given(sources.jiraApiToken);
      if (!apiToken) return { absent: `no Jira API token (${names.jiraApiToken})`, variable: names.jiraApiToken };
      const baseUrl = given(sources.jiraBaseUrl) ?? sync.jira.baseUrl;
      const email = given(sources.jiraEmail);
      const project = given(sources.jiraProject) ?? sync.jira.project;
      const missing = [
        ["jiraBaseUrl", baseUrl],
        ["jiraEmail", email],
        ["jiraProject", project]
      ].filter(([, v]) => v === void 0).map(([k]) => k);
      if (!baseUrl || !email || !project) return need([...missing], "Jira Cloud (base URL and project may also come from sync.jira in the config)");
      return { connection: { kind, baseUrl: baseUrl.replace(/\/+$/, ""), email, apiToken, project } };
    }
    case "jira-dc": {
      const pat = given(sources.jiraPat);
      if (!pat) return { absent: `no Jira personal access token (${names.jiraPat})`, variable: names.jiraPat };
      const baseUrl = given(sources.jiraBaseUrl) ?? sync.jira.baseUrl;
      const project = given(sources.jiraProject) ?? sync.jira.project;
      if (!baseUrl || !project) {
        const missing = [];
        if (!baseUrl) missing.push("jiraBaseUrl");
        if (!project) missing.push("jiraProject");
        return need(missing, "Jira Data Center (base URL and project may also come from sync.jira in the config)");
      }
      return { connection: { kind, baseUrl: baseUrl.replace(/\/+$/, ""), pat, project } };
    }
  }
}
function githubWebUrl(apiUrl) {
  const url = apiUrl.replace(/\/+$/, "");
  if (/^https?:\/\/api\.github\.com$/i.test(url)) return "https://github.com";
  return url.replace(/\/api\/v3$/i, "");
}

export {
  parseDecisionFile,
  collectDecisionItems,
  planSync,
  planSettingsOf,
  runSync,
  ENV_NAMES,
  credentialsFromEnvironment,
  resolveConnection,
  githubWebUrl
};
