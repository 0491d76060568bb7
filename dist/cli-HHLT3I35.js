#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  itemKey,
  postmortemIdOf
} from "./cli-7J3Z5ETF.js";

// src/sync/items.ts
function referenceOf(item) {
  const ticket = item.ticket;
  if (!ticket || ticket.id === void 0 && ticket.url === void 0) return void 0;
  const ref = { raw: ticket.raw };
  if (ticket.id !== void 0) ref.id = ticket.id;
  if (ticket.url !== void 0) ref.url = ticket.url;
  return ref;
}
function collectSyncItems(postmortems, options = {}) {
  const items = [];
  const skipped = [];
  for (const pm of [...postmortems].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
    const postmortemId = options.idOf?.(pm) ?? postmortemIdOf(pm.title?.id, pm.path);
    const seen = /* @__PURE__ */ new Map();
    for (const item of pm.actionItems) {
      const summary = item.summary.trim();
      if (item.kind !== "task") {
        skipped.push({ path: pm.path, line: item.position.line, summary, reason: "not a task-list item (`- [ ]`), so it cannot be ticked off" });
        continue;
      }
      if (summary === "") {
        skipped.push({ path: pm.path, line: item.position.line, summary, reason: "the item has no summary" });
        continue;
      }
      const base = itemKey(postmortemId, summary);
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const synced = {
        key: itemKey(postmortemId, summary, occurrence),
        postmortemId,
        path: pm.path,
        line: item.position.line,
        column: item.position.column,
        summary,
        checked: item.checked,
        fieldCount: item.fieldCount
      };
      const title = pm.title?.text;
      if (title !== void 0) synced.postmortemTitle = title;
      if (item.owner !== void 0) synced.owner = item.owner.name;
      if (item.due !== void 0 && item.dueValid) synced.due = item.due;
      const severity = pm.metadata.severity?.label;
      if (severity !== void 0) synced.severity = severity;
      const ref = referenceOf(item);
      if (options.labels !== void 0 && options.labels.length > 0) synced.labels = [...options.labels];
      if (ref) synced.ref = ref;
      else if (item.ticket !== void 0) synced.trailing = item.ticket.raw;
      items.push(synced);
    }
  }
  return { items, skipped };
}

export {
  collectSyncItems
};
