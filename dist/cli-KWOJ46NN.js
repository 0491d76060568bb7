#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  INCIDENT_COLUMNS,
  incidentCells
} from "./cli-QQVCZU33.js";
import {
  auditMonths,
  auditTrends,
  normalise
} from "./cli-YJMBCB3Y.js";
import {
  groupStreamEntries,
  streamIdRange
} from "./cli-RAHS34TH.js";
import {
  compareIncidents,
  createNodeReviewAdapters,
  detectionFromStart,
  firstRecordNeeded,
  placeIncident,
  resolutionFromEnd,
  severityRank,
  timeToDetect,
  timeToResolve,
  withMilestones
} from "./cli-JBPRAGFM.js";
import {
  PeriodError,
  compareNotes,
  compareText,
  errorText,
  inPeriod,
  monthPeriod,
  resolvePeriod
} from "./cli-HK53JNZZ.js";
import {
  parseInstant,
  shortUtc
} from "./cli-PKNRYYMW.js";
import {
  discoverExperiments
} from "./cli-SSVDVKMN.js";
import {
  ENV_NAMES,
  collectDecisionItems,
  credentialsFromEnvironment,
  parseDecisionFile,
  planSettingsOf,
  planSync,
  resolveConnection
} from "./cli-WWIUJGYL.js";
import {
  collectSyncItems
} from "./cli-HHLT3I35.js";
import {
  isReadFailure,
  parseOptionsOf,
  readPostmortems
} from "./cli-PV4PP3YR.js";
import {
  TRACKER_NAMES
} from "./cli-CTPB635N.js";
import {
  recordOf
} from "./cli-OJWVH3MO.js";
import {
  readNdjson
} from "./cli-2EEIGSHA.js";
import {
  resolveRoot,
  writeOutputFile
} from "./cli-4HXNJJBU.js";
import {
  replaceFileAtomic
} from "./cli-7KR5KIPO.js";
import {
  loadConfig,
  readConfigText,
  reviewConfigOf,
  syncConfigOf
} from "./cli-2DQVB3FE.js";
import {
  EXIT,
  InvalidArgumentError,
  Option,
  UsageError,
  isDebug
} from "./cli-JW34KQ4Z.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";

// src/cli/review-command.ts
import path from "node:path";

// src/review/incident-months.ts
function median(sorted) {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function incidentMonths(rows, months, severityLevels) {
  const inWindow = rows.filter((r) => months.includes(r.start.slice(0, 7)));
  const severities = [...new Set(inWindow.map((r) => r.severity))].sort((a, b) => severityRank(a, severityLevels) - severityRank(b, severityLevels) || compareText(a, b));
  const incidents = months.map((month) => {
    const these = inWindow.filter((r) => r.start.slice(0, 7) === month);
    const ttrs = these.flatMap((r) => r.ttrMs === void 0 ? [] : [r.ttrMs]).sort((a, b) => a - b);
    return {
      month,
      total: these.length,
      bySeverity: severities.map((s) => these.filter((r) => r.severity === s).length),
      resolved: ttrs.length,
      ttrMedianMs: median(ttrs),
      ttrWorstMs: ttrs.length === 0 ? null : ttrs[ttrs.length - 1]
    };
  });
  return { months: [...months], severities, incidents };
}

// src/review/backlog.ts
var DAY_MS = 864e5;
function postmortemId(pm) {
  return pm.title?.id !== void 0 ? `PM-${pm.title.id}` : pm.path.replace(/^.*\//, "").replace(/\.md$/i, "");
}
function postmortemDayMs(pm) {
  return pm.metadata.date !== void 0 ? dayMs(pm.metadata.date) : void 0;
}
var NO_PLACEMENTS = /* @__PURE__ */ new Map();
function dayOf(pm, placements) {
  return postmortemDayMs(pm) ?? placements.get(pm.path)?.dayMs;
}
function inBacklogAt(pm, period, placements = NO_PLACEMENTS) {
  const ms = dayOf(pm, placements);
  return ms === void 0 || ms < period.endMs;
}
function datedIn(pm, period, placements = NO_PLACEMENTS) {
  const ms = dayOf(pm, placements);
  return ms !== void 0 && inPeriod(ms, period);
}
var escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function placeUndated(postmortems, incidents, commitMs) {
  const placements = /* @__PURE__ */ new Map();
  const byStart = [...incidents].sort((a, b) => a.startedMs - b.startedMs || compareText(a.id, b.id));
  const idPatterns = byStart.map((i) => new RegExp("\\p{L}", "u").test(i.id) ? new RegExp(`(?<![\\w-])${escapeRegExp(i.id)}(?![\\w-])`) : void 0);
  for (const pm of postmortems) {
    if (postmortemDayMs(pm) !== void 0) continue;
    const id = postmortemId(pm);
    const text = pm.lines.join("\n");
    const named = byStart.findIndex((i, n) => i.postmortem === id || idPatterns[n]?.test(text) === true);
    const incident = byStart[named];
    if (incident !== void 0) {
      placements.set(pm.path, { dayMs: midnight(incident.startedMs), placedBy: { by: "incident", incident: incident.id } });
      continue;
    }
    const committed = commitMs.get(pm.path);
    if (committed !== void 0) placements.set(pm.path, { dayMs: midnight(committed), placedBy: { by: "commit" } });
  }
  return placements;
}
var midnight = (ms) => ms - (ms % DAY_MS + DAY_MS) % DAY_MS;
var isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
function undatedNote(pm, placements) {
  const raw = pm.metadata.fields.date?.raw;
  const what = raw === void 0 || raw === "" ? "no `Date`" : `\`Date\` "${raw}" is not a real date written YYYY-MM-DD`;
  const placed = placements.get(pm.path);
  if (placed === void 0) return `${what}, the file has no commit and it names no incident of the period: it is in no period, and its action items have no age`;
  const how = placed.placedBy.by === "commit" ? "by its file's last commit" : `by the incident it names, ${placed.placedBy.incident}`;
  return `${what}: placed on ${isoDay(placed.dayMs)} ${how}; write the date as YYYY-MM-DD to date it yourself`;
}
function dayMs(date) {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : void 0;
}
var AGE_BUCKETS = [
  { bucket: "0–30 days", max: 30 },
  { bucket: "31–90 days", max: 90 },
  { bucket: "91–180 days", max: 180 },
  { bucket: "over 180 days", max: Number.POSITIVE_INFINITY }
];
function digestPostmortems(postmortems, lint, period, severityLevels, placements = NO_PLACEMENTS) {
  const notes = [];
  const rows = [];
  const items = [];
  const sorted = [...postmortems].sort((a, b) => compareText(a.path, b.path));
  for (const pm of sorted) {
    for (const problem of pm.problems) notes.push({ source: "postmortems", path: pm.path, line: problem.position.line, message: problem.message });
    const severity = pm.metadata.severity?.label ?? pm.metadata.severity?.raw ?? "unknown";
    const dateMs = dayOf(pm, placements);
    if (postmortemDayMs(pm) === void 0) notes.push({ source: "postmortems", path: pm.path, message: undatedNote(pm, placements) });
    if (!inBacklogAt(pm, period, placements)) continue;
    let open = 0;
    let overdue = 0;
    let closed = 0;
    for (const a of pm.actionItems) {
      const owner = a.owner ? a.owner.isHandle ? `@${a.owner.name}` : a.owner.name : "(no owner)";
      const dueMs = a.due !== void 0 && a.dueValid ? dayMs(a.due) : void 0;
      if (a.due !== void 0 && !a.dueValid) notes.push({ source: "action-items", path: pm.path, line: a.position.line, message: `due date "${a.due}" is not a real date` });
      const isOverdue = !a.checked && dueMs !== void 0 && dueMs + DAY_MS <= period.endMs;
      if (a.checked) closed++;
      else open++;
      if (isOverdue) overdue++;
      items.push({
        postmortem: postmortemId(pm),
        path: pm.path,
        line: a.position.line,
        summary: a.summary,
        owner,
        severity,
        ...a.due !== void 0 && { due: a.due },
        ...dateMs !== void 0 && { ageDays: Math.max(0, Math.floor((period.endMs - dateMs) / DAY_MS)) },
        overdue: isOverdue,
        checked: a.checked
      });
    }
    if (dateMs !== void 0 && inPeriod(dateMs, period)) {
      const owners2 = pm.metadata.owners.map((o) => o.isHandle ? `@${o.name}` : o.name);
      const placed = placements.get(pm.path);
      const written = pm.metadata.fields.date?.raw;
      rows.push({
        path: pm.path,
        id: postmortemId(pm),
        title: pm.title?.name ?? pm.title?.text ?? "",
        date: pm.metadata.date ?? isoDay(dateMs),
        ...pm.metadata.date === void 0 && written !== void 0 && written !== "" && { dateWritten: written },
        ...pm.metadata.date === void 0 && placed !== void 0 && { placedBy: placed.placedBy },
        severity,
        owners: owners2,
        lint: lint.get(pm.path) ?? { errors: 0, warnings: 0 },
        openActions: open,
        overdueActions: overdue,
        closedActions: closed
      });
    }
  }
  rows.sort((a, b) => compareText(a.date ?? "", b.date ?? "") || compareText(a.id, b.id));
  const owners = /* @__PURE__ */ new Map();
  const severities = /* @__PURE__ */ new Map();
  const ages = AGE_BUCKETS.map((b) => ({ bucket: b.bucket, open: 0 }));
  for (const item of items) {
    const o = owners.get(item.owner) ?? { owner: item.owner, open: 0, overdue: 0, closed: 0 };
    const s = severities.get(item.severity) ?? { severity: item.severity, open: 0, overdue: 0, closed: 0 };
    if (item.checked) {
      o.closed++;
      s.closed++;
    } else {
      o.open++;
      s.open++;
      if (item.overdue) {
        o.overdue++;
        s.overdue++;
      }
      if (item.ageDays !== void 0) {
        o.oldestDays = Math.max(o.oldestDays ?? 0, item.ageDays);
        const bucket = AGE_BUCKETS.findIndex((b) => item.ageDays <= b.max);
        ages[bucket].open++;
      }
    }
    owners.set(item.owner, o);
    severities.set(item.severity, s);
  }
  const overdueItems = items.filter((i) => i.overdue).map(({ checked: _checked, ...item }) => item).sort((a, b) => compareText(a.due ?? "", b.due ?? "") || compareText(a.path, b.path) || a.line - b.line);
  return {
    inPeriod: rows,
    backlog: {
      open: items.filter((i) => !i.checked).length,
      overdue: overdueItems.length,
      closed: items.filter((i) => i.checked).length,
      byOwner: [...owners.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || compareText(a.owner, b.owner)),
      bySeverity: [...severities.values()].sort((a, b) => severityRank(a.severity, severityLevels) - severityRank(b.severity, severityLevels) || compareText(a.severity, b.severity)),
      byAge: ages,
      overdueItems
    },
    notes
  };
}

// src/review/bypasses.ts
function bypassesInPeriod(records, path2, period) {
  const rows = [];
  const notes = [];
  for (const r of records) {
    if (r.value === void 0 || r.value === null || typeof r.value !== "object" || Array.isArray(r.value)) {
      notes.push({ source: "bypasses", path: path2, line: r.line, message: r.problem ?? "not a JSON object" });
      continue;
    }
    const b = r.value;
    const instant = parseInstant(b.ts);
    if (instant === void 0) {
      notes.push({ source: "bypasses", path: path2, line: r.line, message: b.ts === void 0 ? "record without `ts`" : "`ts` is not a time" });
      continue;
    }
    if (!instant.zoned) notes.push({ source: "bypasses", path: path2, line: r.line, message: "`ts` has no time zone; read as UTC" });
    if (!inPeriod(instant.ms, period)) continue;
    rows.push({
      ms: instant.ms,
      ts: new Date(instant.ms).toISOString(),
      repository: String(b.repository ?? ""),
      pullRequest: Number(b.pull_request ?? 0),
      actor: String(b.actor ?? ""),
      gates: Array.isArray(b.gates) ? b.gates.map(String) : [],
      reason: String(b.reason ?? ""),
      ...typeof b.run_url === "string" && { runUrl: b.run_url }
    });
  }
  rows.sort((a, b) => a.ms - b.ms || compareText(a.repository, b.repository) || a.pullRequest - b.pullRequest);
  return { rows: rows.map(({ ms: _ms, ...row }) => row), notes };
}

// src/review/experiments.ts
function dayMs2(date) {
  if (date === void 0) return void 0;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : void 0;
}
function experimentsInPeriod(docs, period) {
  const rows = [];
  for (const doc of docs) {
    const created = dayMs2(doc.created);
    const concluded = dayMs2(doc.concluded);
    const activity = [];
    if (created !== void 0 && inPeriod(created, period)) activity.push("started");
    const runningDuring = created !== void 0 && created < period.endMs && (concluded === void 0 ? doc.status === "running" : concluded >= period.endMs);
    if (runningDuring) activity.push("running");
    if (concluded !== void 0 && inPeriod(concluded, period)) {
      if (doc.status === "rolled-back" || doc.outcome === "rolled-back") activity.push("rolled-back");
      else if (doc.status === "abandoned") activity.push("abandoned");
      else activity.push("concluded");
    }
    if (activity.length === 0) continue;
    const results = new Map((doc.results ?? []).map((r) => [r.name, r]));
    rows.push({
      id: doc.id,
      name: doc.name,
      path: doc.path,
      owner: doc.owner,
      status: doc.status,
      activity,
      created: doc.created,
      ...doc.concluded !== void 0 && { concluded: doc.concluded },
      ...doc.outcome !== void 0 && { outcome: doc.outcome },
      metrics: doc.metrics.map((m) => {
        const r = results.get(m.name);
        const delta = { name: m.name, baseline: m.baseline };
        if (r !== void 0) {
          delta.observed = r.observed;
          delta.targetMet = r.targetMet;
          if (typeof r.observed === "number" && typeof m.baseline === "number") delta.delta = r.observed - m.baseline;
        }
        return delta;
      })
    });
  }
  return rows.sort((a, b) => compareText(a.created, b.created) || compareText(a.path, b.path));
}

// src/review/packet.ts
function rag(value, band) {
  return value >= band.red ? "red" : value >= band.amber ? "amber" : "green";
}
var worst = (...xs) => xs.includes("red") ? "red" : xs.includes("amber") ? "amber" : "green";
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function areaStatuses(inputs) {
  const t = inputs.settings.thresholds;
  const most = inputs.severityLevels[0];
  const sev1 = inputs.incidents.filter((i) => severityRank(i.severity, inputs.severityLevels) === 1).length;
  const open = inputs.incidents.filter((i) => !i.resolved).length;
  const lintErrors = inputs.postmortems.reduce((n, p) => n + p.lint.errors, 0);
  const rolledBack = inputs.experiments.filter((e) => e.activity.includes("rolled-back")).length;
  let biggestDrop = 0;
  let dropped = "";
  let belowHalf = "";
  for (const d of inputs.audits.dimensions) {
    if (d.change !== null) {
      const drop = -d.change / (d.scale === "1-5" ? 4 : 1);
      if (drop > biggestDrop) {
        biggestDrop = drop;
        dropped = d.dimension;
      }
    }
    if (d.mean !== null && normalise(d.mean, d.scale) < 0.5 && belowHalf === "") belowHalf = d.dimension;
  }
  const noMeans = inputs.audits.counting.transcripts === 0;
  const auditRag = noMeans ? "amber" : worst(rag(biggestDrop, t["audit-drop"]), belowHalf !== "" ? "red" : "green");
  return [
    {
      area: "Incidents",
      status: worst(rag(inputs.incidents.length, t.incidents), rag(sev1, t["sev1-incidents"])),
      summary: `${plural(inputs.incidents.length, "incident")}${most !== void 0 ? `, ${sev1} ${most}` : ""}; ${open} still open`
    },
    {
      area: "Postmortem hygiene",
      status: rag(lintErrors, t["lint-errors"]),
      summary: `${plural(inputs.postmortems.length, "postmortem")} in the period; ${plural(lintErrors, "lint error")}`
    },
    {
      area: "Action items",
      status: rag(inputs.backlog.overdue, t["overdue-actions"]),
      summary: `${inputs.backlog.open} open, ${inputs.backlog.overdue} overdue, ${inputs.backlog.closed} closed${trackerSummary(inputs.tracker)}`
    },
    {
      area: "Audit scores",
      status: auditRag,
      summary: inputs.audits.records === 0 ? `no audit records for ${inputs.audits.month}` : noMeans ? `no scores of the random stratum for ${inputs.audits.month}` : [dropped !== "" ? `largest drop: ${dropped} (${biggestDrop.toFixed(2)} on 0–1)` : "no dimension dropped", belowHalf !== "" ? `${belowHalf} below half its scale` : ""].filter(Boolean).join("; ")
    },
    {
      area: "Experiments",
      status: rag(rolledBack, t["rolled-back-experiments"]),
      summary: `${plural(inputs.experiments.length, "experiment")} active; ${rolledBack} rolled back`
    },
    {
      area: "Gate bypasses",
      status: rag(inputs.bypasses.length, t.bypasses),
      summary: plural(inputs.bypasses.length, "bypass").replace("bypasss", "bypasses")
    }
  ];
}
function trackerSummary(tracker) {
  if (tracker === void 0 || !tracker.consulted) return "";
  const name = TRACKER_NAMES[tracker.tracker];
  const parts = [tracker.mismatches.length > 0 && `${tracker.mismatches.length} disagree with their ${name} ticket`, tracker.notSynced > 0 && `${tracker.notSynced} not synced yet`].filter(Boolean);
  return parts.length === 0 ? `; all match their ${name} tickets` : `; ${parts.join(", ")}`;
}
var MAX_FIELD_CHARS = 1e3;
var NEEDS_SANITIZING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|^\s*::/;
function sanitizeStrings(value) {
  if (typeof value === "string") return value.length <= MAX_FIELD_CHARS && !NEEDS_SANITIZING.test(value) ? value : sanitizeText(value, { multiline: false, maxLength: MAX_FIELD_CHARS });
  if (Array.isArray(value)) return value.map((v) => sanitizeStrings(v));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitizeStrings(k), sanitizeStrings(v)]));
  return value;
}
function buildPacket(inputs) {
  return sanitizeStrings(assemblePacket(inputs));
}
function assemblePacket(inputs) {
  const incidents = [...inputs.incidents].sort(compareIncidents).map((i) => {
    const row = { id: i.id, path: i.path, severity: i.severity, title: i.title, start: new Date(i.startedMs).toISOString(), status: i.status };
    const ttd = timeToDetect(i);
    const ttr = timeToResolve(i);
    if (ttd !== void 0) row.ttdMs = ttd;
    if (ttr !== void 0) row.ttrMs = ttr;
    if (i.postmortem !== void 0) {
      row.postmortem = i.postmortem;
      const open = inputs.openActionsByPostmortem.get(i.postmortem);
      if (open !== void 0) row.openActions = open;
    }
    return row;
  });
  return {
    period: { label: inputs.period.label, title: inputs.period.title, start: new Date(inputs.period.startMs).toISOString(), end: new Date(inputs.period.endMs).toISOString(), ...inputs.period.toDate && { toDate: true } },
    generatedAt: inputs.now.toISOString(),
    sources: inputs.sources,
    summary: areaStatuses(inputs),
    incidents,
    postmortems: inputs.postmortems,
    backlog: inputs.backlog,
    ...inputs.tracker !== void 0 && { tracker: inputs.tracker },
    audits: inputs.audits,
    experiments: inputs.experiments,
    bypasses: inputs.bypasses,
    dataQuality: [...inputs.notes].sort(compareNotes),
    decisions: inputs.decisions ?? {}
  };
}

// src/review/hand-made-tickets.ts
var UNASSIGNED = "(unassigned)";
function ticketNumber(ref) {
  const n = /(\d+)\s*$/.exec(ref)?.[1];
  return n === void 0 ? Number.POSITIVE_INFINITY : Number(n);
}
function handMadeTickets(tickets, matched) {
  const seen = /* @__PURE__ */ new Set();
  const rows = [];
  for (const t of tickets) {
    if (t.state !== "open" || t.keys.length > 0 || matched.has(t.id) || seen.has(t.id)) continue;
    seen.add(t.id);
    rows.push({ ref: t.ref, url: t.url, title: t.title, status: t.status ?? t.state, ...t.assignee !== void 0 && t.assignee !== "" && { assignee: t.assignee } });
  }
  rows.sort((a, b) => ticketNumber(a.ref) - ticketNumber(b.ref) || compareText(a.ref, b.ref));
  const counts = /* @__PURE__ */ new Map();
  for (const r of rows) counts.set(r.assignee ?? UNASSIGNED, (counts.get(r.assignee ?? UNASSIGNED) ?? 0) + 1);
  const oldest = rows[0];
  return {
    count: rows.length,
    ...oldest !== void 0 && { oldest },
    byAssignee: [...counts].map(([assignee, n]) => ({ assignee, tickets: n })).sort((a, b) => b.tickets - a.tickets || compareText(a.assignee, b.assignee)),
    tickets: rows
  };
}

// src/review/tracker-status.ts
var itemPlace = (path2, line) => `${path2}:${line}`;
function trackerNotConsulted(tracker, note) {
  return { tracker, consulted: false, note, synced: 0, notSynced: 0, brokenReferences: 0, openByStatus: [], mismatches: [] };
}
function cellOf(ticket) {
  return { ref: ticket.ref, url: ticket.url, state: ticket.state, status: ticket.status ?? ticket.state };
}
function trackerStatusOf(tracker, items, lookup, settings) {
  const plan = planSync({ items: [...items], tickets: lookup.tickets, unresolved: lookup.unresolved, assignees: /* @__PURE__ */ new Map(), settings });
  const status = { tracker, consulted: true, synced: 0, notSynced: 0, brokenReferences: 0, openByStatus: [], mismatches: [] };
  const tickets = /* @__PURE__ */ new Map();
  const byStatus = /* @__PURE__ */ new Map();
  const matched = new Set(plan.items.flatMap((p) => p.ticket === void 0 ? [] : [p.ticket.id]));
  status.handMade = handMadeTickets(lookup.tickets, matched);
  for (const { item, ticket, action, tick } of plan.items) {
    if (ticket === void 0) {
      if (item.ref !== void 0 && lookup.unresolved.has(item.ref.raw)) status.brokenReferences++;
      else if (!item.checked) status.notSynced++;
      continue;
    }
    const cell3 = cellOf(ticket);
    status.synced++;
    tickets.set(itemPlace(item.path, item.line), cell3);
    if (!item.checked) byStatus.set(cell3.status, (byStatus.get(cell3.status) ?? 0) + 1);
    const kind = item.checked && ticket.state === "open" ? "ticked-open" : !item.checked && ticket.state === "closed" ? "open-closed" : void 0;
    if (kind !== void 0) {
      status.mismatches.push({ postmortem: item.postmortemId, path: item.path, line: item.line, summary: item.summary, ...item.owner !== void 0 && { owner: item.owner }, ticket: cell3, kind, nextSync: action === "close" ? "close-ticket" : tick ? "tick-item" : "nothing" });
    }
  }
  status.openByStatus = [...byStatus].map(([s, n]) => ({ status: s, items: n })).sort((a, b) => b.items - a.items || compareText(a.status, b.status));
  status.mismatches.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.path, b.path) || a.line - b.line);
  return { status, tickets };
}

// src/review/decisions.ts
var HEADING_RE = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
function decisionsSectionLines(text) {
  const lines = text.split(/\r?\n/);
  let start = -1;
  let level = 0;
  let fence;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark !== void 0) {
      if (fence === void 0) fence = fenceMark;
      else if (fenceMark.startsWith(fence)) fence = void 0;
      continue;
    }
    if (fence !== void 0) continue;
    const heading = HEADING_RE.exec(line);
    if (heading === void 0 || heading === null) continue;
    const depth = heading[1]?.length ?? 0;
    if (start < 0) {
      if (/^decisions$/i.test((heading[2] ?? "").trim())) {
        start = i + 1;
        level = depth;
      }
    } else if (depth <= level) return trimBlank(lines.slice(start, i));
  }
  return start < 0 ? void 0 : trimBlank(lines.slice(start));
}
function trimBlank(lines) {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a] ?? "").trim() === "") a++;
  while (b > a && (lines[b - 1] ?? "").trim() === "") b--;
  return lines.slice(a, b);
}
function previousPacketPath(paths, outputDir, label) {
  const current = `${outputDir}/${label}.md`;
  const earlier = paths.filter((p) => p.startsWith(`${outputDir}/`) && !p.slice(outputDir.length + 1).includes("/") && p.endsWith(".md") && compareText(p, current) < 0);
  return earlier.sort(compareText).pop();
}
function decisionRows(packet, tickets, problems) {
  const problemAt = new Map(problems.map((s) => [s.line, s.reason]));
  return packet.actionItems.filter((a) => a.kind === "task" && a.summary.trim() !== "").map((a) => {
    const ticket = tickets.get(`${packet.path}:${a.position.line}`);
    const problem = problemAt.get(a.position.line);
    return {
      summary: a.summary.trim(),
      ...a.owner !== void 0 && { owner: a.owner.name },
      ...a.due !== void 0 && a.dueValid && { due: a.due },
      checked: a.checked,
      path: packet.path,
      line: a.position.line,
      ...ticket !== void 0 && { ticket },
      ...problem !== void 0 && { problem }
    };
  });
}

// src/modes/review.ts
async function readIncidents(settings, period, adapters, notes) {
  const paths = await adapters.files.glob(settings.incidents.paths);
  const firstNeeded = (last) => firstRecordNeeded(last, settings.incidents, period);
  const placed = [];
  for (const path2 of paths) {
    let ends;
    try {
      const read = adapters.incidentEnds(path2, firstNeeded);
      ends = read instanceof Promise ? await read : read;
    } catch (error) {
      placed.push({ notes: [{ source: "incidents", path: path2, message: `cannot read the file: ${errorText(error)}` }] });
      continue;
    }
    const placement = placeIncident(ends, settings.incidents, period);
    placed.push(placement.incident === void 0 ? { notes: placement.notes } : await completeIncident(placement, settings, path2, () => adapters.recordsFromStart(path2), () => adapters.recordsFromEnd(path2)));
  }
  const incidents = [];
  const ids = /* @__PURE__ */ new Map();
  for (const p of placed) {
    notes.push(...p.notes);
    if (p.incident === void 0) continue;
    const other = ids.get(p.incident.id);
    if (other !== void 0) notes.push({ source: "incidents", path: p.incident.path, message: `incident id ${p.incident.id} is also used by ${other}` });
    else ids.set(p.incident.id, p.incident.path);
    incidents.push(p.incident);
  }
  return { incidents, files: paths.length };
}
async function completeIncident(placement, settings, path2, fromStart, fromEnd) {
  let { incident } = placement;
  if (incident === void 0) return { notes: placement.notes };
  const notes = [...placement.notes];
  if (placement.needsDetection) {
    const found = await detectionFromStart(fromStart(), settings.incidents, path2);
    notes.push(...found.notes.filter((n) => n.line === void 0 || !notes.some((p) => p.line === n.line)));
    incident = withMilestones(incident, found);
  }
  if (placement.needsResolution) incident = withMilestones(incident, await resolutionFromEnd(fromEnd(), settings.incidents));
  return { incident, notes };
}
async function readStreamIncidents(settings, period, adapters, notes) {
  const key = settings.incidents.redisKey;
  if (adapters.streamEntries === void 0) {
    notes.push({ source: "incidents", path: `redis:${key}`, message: "incidents.source is redis but no connection is configured (set REDIS_URL); no incidents are shown" });
    return { incidents: [], files: 0 };
  }
  const { start, end } = streamIdRange(period);
  let entries;
  try {
    entries = await adapters.streamEntries(key, start, end);
  } catch (error) {
    notes.push({ source: "incidents", path: `redis:${key}`, message: `cannot read the stream: ${errorText(error)}; no incidents are shown` });
    return { incidents: [], files: 0 };
  }
  const grouped = groupStreamEntries(entries, key, settings.incidents);
  notes.push(...grouped.notes);
  const incidents = [];
  for (const { ends, timeline } of grouped.incidents) {
    const placement = placeIncident(ends, settings.incidents, period);
    const done = await completeIncident(placement, settings, ends.path, () => iterate(timeline), () => iterate([...timeline].reverse()));
    notes.push(...done.notes);
    if (done.incident !== void 0) incidents.push(done.incident);
  }
  return { incidents, files: 1 };
}
async function* iterate(items) {
  yield* items;
}
async function readPostmortems2(config, adapters, notes) {
  const paths = await adapters.files.glob(config.lint.postmortems.paths);
  const read = (path2) => adapters.files.read(path2).catch((error) => Promise.reject(new Error(`cannot read the file: ${errorText(error)}`)));
  const out = [];
  for (const got of await readPostmortems(paths, read, { parse: parseOptionsOf(config.lint) })) {
    if (isReadFailure(got)) notes.push({ source: "postmortems", path: got.path, message: got.problem });
    else out.push(got.postmortem);
  }
  return out;
}
async function readAudits(settings, month, adapters, notes) {
  const records = [];
  let files = 0;
  for (const m of auditMonths(month)) {
    const path2 = `${settings.auditDir}/${m}.ndjson`;
    if (!adapters.files.exists(path2)) continue;
    files++;
    let count = 0;
    for await (const r of readNdjson(adapters.openNdjson(path2))) {
      if (r.value === void 0) {
        notes.push({ source: "audits", path: path2, line: r.line, message: r.problem ?? "unreadable line" });
        continue;
      }
      const record = recordOf(r.value);
      if (record === void 0) notes.push({ source: "audits", path: path2, line: r.line, message: "not an audit score record; skipped" });
      else if (record.period !== m) notes.push({ source: "audits", path: path2, line: r.line, message: `record of period ${record.period} in the file of ${m}; skipped` });
      else {
        records.push(record);
        count++;
      }
    }
    if (count === 0) notes.push({ source: "audits", path: path2, message: "no audit records in this file" });
  }
  return { records, files };
}
async function readTracker(config, postmortems, decisions, placements, period, adapters, notes) {
  const tracker = adapters.tracker;
  if (tracker === void 0) return void 0;
  if (tracker.lookup === void 0) return { status: trackerNotConsulted(tracker.kind, tracker.notConsulted ?? "no credentials"), tickets: /* @__PURE__ */ new Map() };
  const items = [...collectSyncItems(postmortems.filter((pm) => inBacklogAt(pm, period, placements))).items, ...decisions];
  const sync = syncConfigOf(config);
  try {
    const lookup = await tracker.lookup({ keys: items.map((i) => i.key), references: items.flatMap((i) => i.ref ? [i.ref] : []) });
    return trackerStatusOf(tracker.kind, items, lookup, planSettingsOf(sync));
  } catch (error) {
    const why = `could not search ${TRACKER_NAMES[tracker.kind]} for tickets labelled "${sync.labels[0] ?? "reliability"}": ${errorText(error)}`;
    notes.push({ source: "action-items", message: `${why}; the tickets' status and the hand-made reliability tickets are not shown` });
    return { status: trackerNotConsulted(tracker.kind, why), tickets: /* @__PURE__ */ new Map() };
  }
}
async function readDecisionPackets(settings, period, adapters, notes) {
  const out = {};
  const current = `${settings.outputDir}/${period.label}.md`;
  const read = async (path2) => {
    try {
      return await adapters.files.read(path2);
    } catch (error) {
      notes.push({ source: "action-items", path: path2, message: `cannot read the packet for its decisions: ${errorText(error)}` });
      return void 0;
    }
  };
  if (adapters.files.exists(current)) {
    const bytes = await read(current);
    const lines = bytes === void 0 ? void 0 : decisionsSectionLines(new TextDecoder().decode(bytes));
    if (lines !== void 0 && lines.length > 0) out.written = lines;
  }
  const previousPath = previousPacketPath(await adapters.files.glob([`${settings.outputDir}/*.md`]), settings.outputDir, period.label);
  if (previousPath !== void 0) {
    const bytes = await read(previousPath);
    if (bytes !== void 0) {
      const packet = parseDecisionFile(bytes, previousPath);
      const { items, skipped } = collectDecisionItems([packet]);
      for (const s of skipped) notes.push({ source: "action-items", path: s.path, line: s.line, message: s.reason });
      out.previous = { packet, items, skipped };
    }
  }
  return out;
}
async function readBypasses(settings, period, adapters, notes) {
  if (!adapters.files.exists(settings.bypassLog)) return { rows: [], present: false };
  const records = [];
  for await (const r of readNdjson(adapters.openNdjson(settings.bypassLog))) records.push(r);
  const { rows, notes: found } = bypassesInPeriod(records, settings.bypassLog, period);
  notes.push(...found);
  return { rows, present: true };
}
async function runReview(config, request, adapters) {
  const settings = reviewConfigOf(config);
  const { period } = request;
  const notes = [];
  const incidents = settings.incidents.source === "files" ? await readIncidents(settings, period, adapters, notes) : await readStreamIncidents(settings, period, adapters, notes);
  const postmortems = await readPostmortems2(config, adapters, notes);
  const undated = postmortems.filter((pm) => postmortemDayMs(pm) === void 0).map((pm) => pm.path);
  const placements = placeUndated(postmortems, incidents.incidents, undated.length === 0 ? /* @__PURE__ */ new Map() : await adapters.lastCommitTimes(undated));
  const inPeriodPaths = postmortems.filter((pm) => datedIn(pm, period, placements)).map((pm) => pm.path);
  const lint = inPeriodPaths.length === 0 ? /* @__PURE__ */ new Map() : await adapters.lint(inPeriodPaths);
  const digest = digestPostmortems(postmortems, lint, period, config.lint.postmortems.severityLevels, placements);
  notes.push(...digest.notes);
  const decisionPackets = await readDecisionPackets(settings, period, adapters, notes);
  const tracker = await readTracker(config, postmortems, decisionPackets.previous?.items ?? [], placements, period, adapters, notes);
  const previous = decisionPackets.previous;
  const decisions = {
    ...decisionPackets.written !== void 0 && { written: decisionPackets.written },
    ...previous !== void 0 && { previous: { path: previous.packet.path, rows: decisionRows(previous.packet, tracker?.tickets ?? /* @__PURE__ */ new Map(), previous.skipped) } }
  };
  const backlog = tracker === void 0 ? digest.backlog : { ...digest.backlog, overdueItems: digest.backlog.overdueItems.map((i) => {
    const ticket = tracker.tickets.get(itemPlace(i.path, i.line));
    return ticket === void 0 ? i : { ...i, ticket };
  }) };
  const openByPostmortem = /* @__PURE__ */ new Map();
  for (const pm of postmortems) {
    openByPostmortem.set(postmortemId(pm), pm.actionItems.filter((a) => !a.checked).length);
  }
  const audits = await readAudits(settings, period.auditMonth, adapters, notes);
  const scales = new Map((config.audit?.rubric.dimensions ?? []).map((d) => [d.name, d.scale]));
  const experimentPaths = config.experiment?.paths ?? ["docs/experiments/**/EXP-*.md"];
  const discovered = await discoverExperiments(adapters.files, experimentPaths);
  const docs = [];
  for (const d of discovered) {
    if (d.doc !== void 0) docs.push(d.doc);
    else for (const p of d.problems.slice(0, 3)) notes.push({ source: "experiments", path: d.path, line: p.line, message: `not read: ${p.message}` });
  }
  const bypasses = await readBypasses(settings, period, adapters, notes);
  const sourceList = [
    { name: "Incidents", location: settings.incidents.source === "redis" ? `redis stream ${settings.incidents.redisKey}` : settings.incidents.paths.join(", "), globs: settings.incidents.source === "redis" ? [] : settings.incidents.paths, present: incidents.files > 0, ...settings.incidents.source === "redis" && { live: true } },
    { name: "Postmortems", location: config.lint.postmortems.paths.join(", "), globs: config.lint.postmortems.paths, present: postmortems.length > 0 },
    { name: "Audits", location: `${settings.auditDir}/<YYYY-MM>.ndjson`, globs: [`${settings.auditDir}/*.ndjson`], present: audits.files > 0 },
    { name: "Experiments", location: experimentPaths.join(", "), globs: experimentPaths, present: discovered.length > 0 },
    { name: "Gate bypasses", location: settings.bypassLog, globs: [settings.bypassLog], present: bypasses.present }
  ];
  const sources = [];
  for (const { globs, ...s } of sourceList) {
    const commit = s.present && globs.length > 0 ? await adapters.commitOf(globs) : void 0;
    sources.push({ ...s, ...commit !== void 0 && { commit } });
  }
  return buildPacket({
    period,
    now: request.now,
    settings,
    severityLevels: config.lint.postmortems.severityLevels,
    sources,
    incidents: incidents.incidents,
    postmortems: digest.inPeriod,
    backlog,
    ...tracker !== void 0 && { tracker: tracker.status },
    openActionsByPostmortem: openByPostmortem,
    audits: auditTrends(audits.records, period.auditMonth, scales),
    experiments: experimentsInPeriod(docs, period),
    bypasses: bypasses.rows,
    notes,
    decisions
  });
}

// src/modes/publish.ts
function trendWindow(period) {
  const months = auditMonths(period.auditMonth);
  const first = monthPeriod(months[0]);
  const last = monthPeriod(months[months.length - 1]);
  return { label: `${first.label}_${last.label}`, title: `${first.title} to ${last.title}`, startMs: first.startMs, endMs: Math.max(last.endMs, period.endMs), auditMonth: period.auditMonth };
}
function sharedIncidentEnds(adapters) {
  const read = /* @__PURE__ */ new Map();
  return async (path2, firstNeeded) => {
    const cached = read.get(path2);
    if (cached !== void 0) {
      const ends = await cached;
      if (!(ends.firstNotNeeded === true && ends.last !== void 0 && firstNeeded(ends.last.value))) return ends;
    }
    const fresh = adapters.incidentEnds(path2, firstNeeded);
    read.set(path2, fresh);
    return fresh;
  };
}
var sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
async function reviewWithHistory(config, request, adapters) {
  const shared = { ...adapters, incidentEnds: sharedIncidentEnds(adapters) };
  const packet = await runReview(config, request, shared);
  const { tracker: _tracker, ...withoutTracker } = shared;
  const incidentGlobs = config.review.incidents.paths;
  const files = { ...shared.files, glob: (patterns) => sameList(patterns, incidentGlobs) ? shared.files.glob(patterns) : Promise.resolve([]) };
  const light = { ...withoutTracker, files, lint: async () => /* @__PURE__ */ new Map(), commitOf: async () => void 0 };
  const window = trendWindow(request.period);
  const wide = await runReview(config, { ...request, period: window }, light);
  return { packet, history: incidentMonths(wide.incidents, packet.audits.months, config.lint.postmortems.severityLevels) };
}

// src/review/render-json.ts
var REVIEW_JSON_VERSION = 1;
function renderPacketJson(packet) {
  return `${JSON.stringify({ version: REVIEW_JSON_VERSION, ...packet }, null, 2)}
`;
}

// src/review/render-markdown-trends.ts
var cell = (v) => String(v).replace(/\|/g, "\\|");
function incidentTrendMarkdown(history) {
  const { months, incidents, severities } = history;
  if (months.length === 0) return [];
  const span = `${months[0]} to ${months[months.length - 1]}`;
  const out = ["### Incidents by month", ""];
  const total = incidents.reduce((n, m) => n + m.total, 0);
  if (total === 0) return [...out, `No incidents started in ${span}.`, ""];
  const most = Math.max(...incidents.map((m) => m.total));
  out.push(
    "```mermaid",
    "xychart-beta",
    `  title "Incidents started per month, ${span}"`,
    `  x-axis [${months.map((m) => `"${m}"`).join(", ")}]`,
    `  y-axis "incidents" 0 --> ${most}`,
    `  bar [${incidents.map((m) => m.total).join(", ")}]`,
    "```",
    "",
    `| month | ${severities.map(cell).join(" | ")} | total |`,
    `| --- | ${severities.map(() => "---").join(" | ")} | --- |`,
    ...incidents.map((m) => `| ${m.month} | ${m.bySeverity.join(" | ")} | ${m.total} |`),
    ""
  );
  const resolved = incidents.filter((m) => m.ttrMedianMs !== null && m.ttrWorstMs !== null);
  if (resolved.length === 0) return [...out, `No incident started in ${span} is resolved: no time to resolve to chart.`, ""];
  const worst2 = Math.max(...resolved.map((m) => m.ttrWorstMs));
  const unit = worst2 < 2 * 36e5 ? { name: "minutes", ms: 6e4 } : { name: "hours", ms: 36e5 };
  const value = (ms) => (ms / unit.ms).toFixed(1);
  const skipped = incidents.filter((m) => m.resolved === 0).map((m) => m.month);
  out.push(
    "```mermaid",
    "xychart-beta",
    `  title "Time to resolve (${unit.name}), median and worst"`,
    `  x-axis [${resolved.map((m) => `"${m.month}"`).join(", ")}]`,
    `  y-axis "${unit.name}" 0 --> ${Math.ceil(worst2 / unit.ms)}`,
    `  line [${resolved.map((m) => value(m.ttrMedianMs)).join(", ")}]`,
    `  line [${resolved.map((m) => value(m.ttrWorstMs)).join(", ")}]`,
    "```",
    "",
    `Lines: median, then worst, of the incidents started in the month and resolved${skipped.length > 0 ? `; months with none resolved are left out (${skipped.join(", ")})` : ""}.`,
    ""
  );
  return out;
}

// src/review/render-markdown.ts
var RAG_MARK = { red: "🔴 red", amber: "🟠 amber", green: "🟢 green" };
function cell2(value) {
  if (value === void 0 || value === "") return "–";
  return String(value).replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
}
function table(head, rows) {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell2).join(" | ")} |`)].join("\n");
}
var plural2 = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
var fixed = (n, digits = 2) => n === null ? "–" : n.toFixed(digits);
var signed = (n) => n === null ? "–" : `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;
function mermaidLabel(text) {
  return text.replace(/"/g, "'");
}
function auditChart(packet) {
  const { audits } = packet;
  const plotted = audits.months.map((m, i) => ({ m, i })).filter(({ i }) => audits.dimensions.some((d) => d.trend[i] !== null));
  if (plotted.length === 0) return void 0;
  const lines = audits.dimensions.filter((d) => plotted.every(({ i }) => d.trend[i] !== null));
  if (lines.length === 0) return void 0;
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${mermaidLabel(`Audit means, ${plotted[0]?.m} to ${plotted[plotted.length - 1]?.m} (0–1)`)}"`,
    `  x-axis [${plotted.map(({ m }) => `"${m}"`).join(", ")}]`,
    '  y-axis "mean score (0–1)" 0 --> 1',
    ...lines.map((d) => `  line [${plotted.map(({ i }) => normalise(d.trend[i], d.scale).toFixed(3)).join(", ")}]`),
    "```",
    "",
    `Lines, in order: ${lines.map((d) => d.dimension).join(", ")}. Each mean is put on 0–1 (a 1–5 score s as (s − 1) / 4); the table has them on their own scale.`
  ].join("\n");
}
function auditCounting(audits) {
  const c = audits.counting;
  const counted = `Counted: one score per transcript and dimension (a person's over the judge's over the rules'), ${plural2(c.transcripts, "transcript")} of the random stratum in ${audits.month} for the means and trends, ${c.flaggedTranscripts} of the flagged stratum shown apart.`;
  const left = [c.duplicates > 0 && `${plural2(c.duplicates, "record")} repeated by key`, c.superseded > 0 && `${plural2(c.superseded, "score")} set aside for one that takes precedence on the same transcript and dimension`].filter(Boolean);
  return `${counted} Left out, over the months read: ${left.length === 0 ? "nothing" : left.join(", ")}.`;
}
var NEXT_STEP = {
  "ticked-open": { "close-ticket": "ticked, ticket open: the next sync closes the ticket", "tick-item": "ticked, ticket open: close the ticket", nothing: "ticked, ticket open: close the ticket, or untick the item" },
  "open-closed": { "tick-item": "ticket closed, item open: the next sync ticks the item", "close-ticket": "ticket closed, item open: tick the item", nothing: "ticket closed, item open: tick the item, or reopen the ticket" }
};
var ticketLink = (t) => `[${t.ref}](${t.url}) ${t.status}`;
function trackerSection(tracker, itemLink) {
  const out = [`### In ${TRACKER_NAMES[tracker.tracker]}`, ""];
  if (!tracker.consulted) return [...out, `Ticket status not shown: ${tracker.note ?? "the tracker was not read"}.`, ""];
  const broken = tracker.brokenReferences > 0 ? `; ${tracker.brokenReferences} written-back reference${tracker.brokenReferences === 1 ? "" : "s"} point at no ticket` : "";
  out.push(`As the tracker had them when this packet was made: ${tracker.synced} item${tracker.synced === 1 ? "" : "s"} with a ticket, ${tracker.notSynced} open item${tracker.notSynced === 1 ? "" : "s"} not synced yet (the next sync creates their tickets)${broken}.`, "");
  if (tracker.openByStatus.length > 0) out.push(table(["ticket status", "open items"], tracker.openByStatus.map((s) => [s.status, s.items])), "");
  if (tracker.mismatches.length > 0) {
    out.push("Items whose tick and ticket disagree:", "");
    out.push(
      table(
        ["item", "owner", "postmortem", "ticket", "what to do"],
        tracker.mismatches.map((m) => [
          m.summary,
          m.owner === void 0 ? void 0 : `@${m.owner}`,
          `[${m.postmortem}](${itemLink(m.path, m.line)})`,
          ticketLink(m.ticket),
          NEXT_STEP[m.kind][m.nextSync]
        ])
      ),
      ""
    );
  }
  if (tracker.handMade !== void 0) out.push(...handMadeSection(tracker.handMade, TRACKER_NAMES[tracker.tracker]));
  return out;
}
function handMadeSection(handMade, trackerName) {
  const out = [`#### Opened by hand in ${trackerName}`, ""];
  if (handMade.count === 0) return [...out, "No open ticket with the reliability label outside the postmortems and decisions.", ""];
  const oldest = handMade.oldest === void 0 ? "" : `; the oldest (lowest-numbered) is [${handMade.oldest.ref}](${handMade.oldest.url})`;
  out.push(`${plural2(handMade.count, "open ticket")} with the reliability label ${handMade.count === 1 ? "comes" : "come"} from no postmortem or decision${oldest}.`, "");
  out.push(table(["assignee", "open tickets"], handMade.byAssignee.map((a) => [a.assignee, a.tickets])), "");
  out.push(table(["ticket", "title", "status", "assignee"], handMade.tickets.map((t) => [`[${t.ref}](${t.url})`, t.title, t.status, t.assignee ?? "(unassigned)"])), "");
  return out;
}
var OLD_HINT = "<!-- Filled in during the review meeting: decision, owner, due date. -->";
var DECISIONS_HINT = [
  "<!-- Write each decision as an action item, one a line: `- [ ] what will be done :: @owner :: YYYY-MM-DD`.",
  "     `sync` opens one ticket for each (labelled review-decision) and closes it when the line is ticked;",
  "     a decision without an owner or a due date is reported and gets no ticket. Kept when the packet is made again. -->"
];
function decisionsSections(decisions, withTickets, link) {
  const out = [];
  const previous = decisions.previous;
  if (previous !== void 0) {
    out.push("## Previous decisions", "");
    if (previous.rows.length === 0) out.push(`No decisions in [${previous.path}](${link(previous.path)}).`, "");
    else {
      const ticked = previous.rows.filter((r) => r.checked).length;
      out.push(`From [${previous.path}](${link(previous.path)}): ${ticked} ticked, ${previous.rows.length - ticked} open.`, "");
      out.push(
        table(
          ["decision", "owner", "due", "state", ...withTickets ? ["ticket"] : []],
          previous.rows.map((r) => [
            `[${r.summary}](${link(r.path, r.line)})`,
            r.owner === void 0 ? void 0 : `@${r.owner}`,
            r.due,
            r.checked ? "ticked" : r.problem !== void 0 ? "open, not synced (no owner or due date)" : "open",
            ...withTickets ? [r.ticket === void 0 ? r.problem !== void 0 ? "–" : "not synced" : ticketLink(r.ticket)] : []
          ])
        ),
        ""
      );
    }
  }
  out.push("## Decisions", "", ...DECISIONS_HINT, "");
  if (decisions.written !== void 0) out.push(...decisions.written.filter((l) => !DECISIONS_HINT.includes(l) && l !== OLD_HINT), "");
  return out;
}
function renderPacketMarkdown(packet, options = {}) {
  const up = "../".repeat((options.outputDir ?? "docs/reviews").split("/").filter((s) => s !== "" && s !== ".").length);
  const relativeLink = (_packet, path2) => `${up}${path2}`.replace(/ /g, "%20");
  const out = [];
  const p = packet.period;
  out.push(`# Reliability review: ${p.title}`, "");
  out.push(p.toDate ? `Period: ${p.start} to ${p.end}, to date: the period has not ended, and this packet covers it up to when it was made (end exclusive, UTC).` : `Period: ${p.start} to ${p.end} (end exclusive, UTC).`, "");
  out.push("## Sources", "");
  out.push(
    table(
      ["source", "read from", "commit"],
      packet.sources.map((s) => [s.name, `\`${s.location}\``, !s.present ? "absent: nothing to read" : s.live ? "live (not in git)" : s.commit !== void 0 ? `\`${s.commit.slice(0, 12)}\`` : "not committed"])
    ),
    ""
  );
  out.push("## Executive summary", "");
  out.push(table(["area", "status", "why"], packet.summary.map((a2) => [a2.area, RAG_MARK[a2.status], a2.summary])), "");
  out.push("## Incidents", "");
  if (packet.incidents.length === 0) out.push("No incidents in the period.", "");
  else {
    out.push(
      table(
        [...INCIDENT_COLUMNS],
        packet.incidents.map(incidentCells)
      ),
      ""
    );
  }
  if (options.history !== void 0) out.push(...incidentTrendMarkdown(options.history));
  out.push("## Postmortem hygiene", "");
  if (packet.postmortems.length === 0) out.push("No postmortems dated in the period.", "");
  else {
    out.push(
      table(
        ["postmortem", "date", "severity", "owners", "lint", "actions open / overdue / closed"],
        packet.postmortems.map((pm) => [
          `[${pm.id}](${relativeLink(packet, pm.path)})`,
          pm.placedBy === void 0 ? pm.date : `${pm.date} (${pm.placedBy.by === "commit" ? "last commit" : `incident ${pm.placedBy.incident}`}; ${pm.dateWritten === void 0 ? "no `Date`" : `written "${pm.dateWritten}"`})`,
          pm.severity,
          pm.owners.join(", "),
          pm.lint.errors === 0 && pm.lint.warnings === 0 ? "clean" : `${pm.lint.errors} errors, ${pm.lint.warnings} warnings`,
          `${pm.openActions} / ${pm.overdueActions} / ${pm.closedActions}`
        ])
      ),
      ""
    );
  }
  const b = packet.backlog;
  out.push("## Action-item backlog", "");
  out.push(`${b.open} open, ${b.overdue} overdue (due before ${p.toDate ? "today" : "the period's end"}), ${b.closed} closed, over every postmortem.`, "");
  if (b.byOwner.length > 0) {
    out.push("### By owner", "");
    out.push(table(["owner", "open", "overdue", "closed", "oldest open (days)"], b.byOwner.map((o) => [o.owner, o.open, o.overdue, o.closed, o.oldestDays])), "");
    out.push("### By severity", "");
    out.push(table(["severity", "open", "overdue", "closed"], b.bySeverity.map((s) => [s.severity, s.open, s.overdue, s.closed])), "");
    out.push("### By age (open items, since the postmortem's date)", "");
    out.push(table(["age", "open"], b.byAge.map((a2) => [a2.bucket, a2.open])), "");
  }
  const tracker = packet.tracker;
  const withTickets = tracker?.consulted === true;
  if (b.overdueItems.length > 0) {
    out.push("### Overdue", "");
    out.push(
      table(
        ["due", "owner", "item", "postmortem", ...withTickets ? ["ticket"] : []],
        b.overdueItems.map((i) => [i.due, i.owner, i.summary, `[${i.postmortem}](${relativeLink(packet, i.path)}#L${i.line})`, ...withTickets ? [i.ticket === void 0 ? "not synced" : ticketLink(i.ticket)] : []])
      ),
      ""
    );
  }
  if (tracker !== void 0) out.push(...trackerSection(tracker, (path2, line) => `${relativeLink(packet, path2)}#L${line}`));
  const a = packet.audits;
  out.push("## Audit scores", "");
  if (a.records === 0) out.push(`No audit records for ${a.months[0]} to ${a.month}.`, "");
  else {
    const chart = auditChart(packet);
    if (chart !== void 0) out.push(chart, "");
    out.push(
      table(
        ["dimension", "scale", ...a.months, `change vs ${a.months[a.months.length - 2]}`, `transcripts in ${a.month}`, `flagged in ${a.month} (apart)`],
        a.dimensions.map((d) => [d.dimension, d.scale, ...d.trend.map((t) => fixed(t)), signed(d.change), d.count, d.flagged.count === 0 ? void 0 : `${fixed(d.flagged.mean)} (${d.flagged.count})`])
      ),
      "",
      auditCounting(a),
      ""
    );
    if (a.lowest.length > 0) {
      out.push(`Lowest-scoring transcripts in ${a.month}:`, "");
      out.push(table(["transcript", "stratum", "mean (0–1)", "lowest dimension", "why"], a.lowest.map((t) => [`\`${t.transcript}\``, t.stratum, t.score.toFixed(2), `${t.lowest.dimension} (${t.lowest.score.toFixed(2)})`, t.lowest.reason])), "");
    }
  }
  out.push("## Experiments", "");
  if (packet.experiments.length === 0) out.push("No experiments started, running, concluded or rolled back in the period.", "");
  else {
    out.push(
      table(
        ["experiment", "owner", "in the period", "outcome", "metrics (baseline → observed)"],
        packet.experiments.map((e) => [
          `[${e.name}](${relativeLink(packet, e.path)})`,
          e.owner,
          e.activity.join(", "),
          e.outcome,
          e.metrics.map((m) => `${m.name}: ${m.baseline} → ${m.observed ?? "?"}${m.delta !== void 0 ? ` (${m.delta >= 0 ? "+" : ""}${Number(m.delta.toPrecision(6))})` : ""}${m.targetMet === void 0 ? "" : m.targetMet ? " ✓" : " ✗"}`).join("; ")
        ])
      ),
      ""
    );
  }
  out.push("## Gate bypasses", "");
  if (packet.bypasses.length === 0) out.push("No gate bypasses in the period.", "");
  else out.push(table(["when", "pull request", "actor", "gates", "reason"], packet.bypasses.map((x) => [shortUtc(Date.parse(x.ts)), `${x.repository}#${x.pullRequest}`, x.actor, x.gates.join(", "), x.reason])), "");
  out.push("## Data quality", "");
  if (packet.dataQuality.length === 0) out.push("Every input was read without a problem.", "");
  else out.push(table(["source", "where", "note"], packet.dataQuality.map((n) => [n.source, n.path === void 0 ? void 0 : `\`${n.path}${n.line !== void 0 ? `:${n.line}` : ""}\``, n.message])), "");
  out.push(...decisionsSections(packet.decisions ?? {}, withTickets, (path2, line) => `${relativeLink(packet, path2)}${line === void 0 ? "" : `#L${line}`}`));
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}
`;
}

// src/io/review-tracker.ts
function reviewTracker(config, credentials, names, env, disabled) {
  const sync = config.sync;
  if (sync === void 0 || !config.sections?.includes("sync")) return void 0;
  if (disabled !== void 0) return { kind: sync.tracker, notConsulted: disabled };
  const found = resolveConnection(sync.tracker, credentials, sync, names);
  if ("connection" in found) {
    const connection = found.connection;
    return {
      kind: sync.tracker,
      // The trackers' HTTP clients are loaded only when a tracker is read: most reviews never do.
      lookup: async (request) => {
        const { createTracker } = await import("./cli-KGBWUF6R.js");
        return createTracker(connection, { ...env, sync }).lookup(request);
      }
    };
  }
  return { kind: sync.tracker, notConsulted: "incomplete" in found ? found.incomplete : found.absent };
}

// src/cli/review-command.ts
var REVIEW_FORMATS = ["markdown", "json", "html"];
var REVIEW_HELP_AFTER = `
The packet gathers, for the period: incidents (review.incidents.paths, default logs/incidents/**/*.ndjson,
one timeline per incident, the last record its current state), postmortems dated in the period with their
lint status, the action-item backlog of every postmortem, audit means (reliability/audits/<YYYY-MM>.ndjson,
six months), experiments and gate bypasses (reliability/bypass-log.ndjson). Bad input never stops it: each
problem is listed in the packet's "Data quality" section. With review.incidents.source: redis, incidents
come from the stream review.incidents.redis-key (default incident:timeline) at REDIS_URL.

The period is a UTC calendar month (default: the month before today), or --since/--until (dates are whole
UTC days, --until inclusive; times need a zone: 2026-10-01T00:00:00+02:00), or the last --days N. A period
that has not started is refused; the current month is reviewed "to date" (overdue as of now).

Examples:
  $ reliability-loop review                                   # last month's packet on stdout
  $ reliability-loop review --month 2026-10 --write           # write docs/reviews/2026-10.md (replacing it)
  $ reliability-loop review --since 2026-10-01 --until 2026-10-15 --format json | jq '.summary'
  $ reliability-loop review --days 30 --output review.md
  $ reliability-loop review --month 2026-10 --format html --output review.html   # one file, charts inline

Exit codes:
  0  packet produced
  2  usage or configuration error (bad or future period, invalid config)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function positiveInteger(value) {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError("must be a whole number, 1 or more.");
  return Number(value);
}
function addReviewCommand(program, io, deps, done) {
  return program.command("review").summary("build the monthly reliability review packet").description("Build the reliability review packet of a period: incidents, postmortem hygiene, the action-item backlog, audit trends, experiments, gate bypasses and data quality.").option("--month <YYYY-MM>", "calendar month, UTC (default: the previous month)").option("--since <date>", "start of the period: YYYY-MM-DD (UTC) or a time with a zone").option("--until <date>", "end of the period: YYYY-MM-DD (inclusive) or a time with a zone (exclusive); default now").option("--days <n>", "the last n days up to now", positiveInteger).addOption(new Option("-f, --format <format>", "output format").choices(REVIEW_FORMATS).default("markdown")).option("-o, --output <file>", "write the packet to this file instead of stdout").option("--write", "write the markdown packet to <review.output-dir>/<period>.md (default docs/reviews/), replacing it").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; sources and the output directory are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)").option("--no-tracker", "do not read the synced action items' tickets from the tracker, even with credentials").addHelpText("after", REVIEW_HELP_AFTER).action(async (options) => {
    done(await reviewCommand(options, io, deps));
  });
}
function periodOf(options, now) {
  try {
    return resolvePeriod(
      {
        ...options.month !== void 0 && { month: options.month },
        ...options.since !== void 0 && { since: options.since },
        ...options.until !== void 0 && { until: options.until },
        ...options.days !== void 0 && { days: options.days }
      },
      now
    );
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError(error.message, "e.g. --month 2026-10, --since 2026-10-01 --until 2026-10-31, or --days 30");
    throw error;
  }
}
async function loadReviewData(options, io, now) {
  const period = periodOf(options, now);
  const root = resolveRoot(options.root, io.cwd);
  const config = loadConfig({ root, ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) }, readFile: readConfigText });
  const settings = config.review;
  const tracker = reviewTracker(
    config,
    credentialsFromEnvironment(io.env),
    ENV_NAMES,
    { startedAt: now, log: { info: (m) => isDebug(io.env) ? io.stderr(`${m}
`) : void 0, warning: (m) => io.stderr(`warning: ${m}
`) } },
    options.tracker === false ? "not read (--no-tracker)" : void 0
  );
  const adapters = createNodeReviewAdapters(config, { ...io.env.REDIS_URL !== void 0 && { redisUrl: io.env.REDIS_URL } });
  const data = await reviewWithHistory(config, { period, now }, { ...adapters, ...tracker && { tracker } });
  return { config, settings, period, root, data };
}
async function packetHtml(data) {
  const [{ renderPacketHtml }, { renderPacketView }] = await Promise.all([import("./cli-CV77RIIT.js"), import("./cli-KAP6IBZO.js")]);
  return renderPacketHtml((await renderPacketView(data, "data")).view);
}
async function reviewCommand(options, io, deps) {
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const { settings, period, root, data } = await loadReviewData(options, io, now);
  const { packet } = data;
  const markdown = renderPacketMarkdown(packet, { outputDir: settings.outputDir, history: data.history });
  if (options.write) {
    const file = `${settings.outputDir}/${period.label}.md`;
    try {
      await replaceFileAtomic(path.join(root, file), markdown);
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${errorMessage(error)}`);
    }
    io.stderr(`wrote ${file}
`);
  }
  const report = options.format === "json" ? renderPacketJson(packet) : options.format === "html" ? await packetHtml(data) : markdown;
  if (options.output !== void 0) writeOutputFile(io.cwd, options.output, report, "packet");
  else if (!options.write || options.format !== "markdown") io.stdout(report);
  if (packet.dataQuality.length > 0 && options.format !== "json") io.stderr(`note: ${packet.dataQuality.length} data-quality note${packet.dataQuality.length === 1 ? "" : "s"}; see the packet's "Data quality" section
`);
  return EXIT.OK;
}

export {
  renderPacketMarkdown,
  REVIEW_FORMATS,
  addReviewCommand,
  loadReviewData,
  reviewCommand
};
