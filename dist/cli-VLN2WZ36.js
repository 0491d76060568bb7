#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  groupStreamEntries
} from "./cli-RAHS34TH.js";
import {
  createNodeReviewAdapters,
  detectionFromStart,
  placeIncident,
  resolutionFromEnd,
  withMilestones
} from "./cli-JBPRAGFM.js";
import "./cli-HK53JNZZ.js";
import {
  formatDuration,
  parseInstant,
  shortUtc
} from "./cli-PKNRYYMW.js";
import {
  inProcessExecutor,
  runLint
} from "./cli-DSEV7FH7.js";
import "./cli-64ZQU7E7.js";
import {
  parseOptionsOf,
  parsePostmortem
} from "./cli-PV4PP3YR.js";
import "./cli-2EEIGSHA.js";
import "./cli-RLS4UGPM.js";
import {
  collect,
  resolveRoot
} from "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import {
  FileExistsError,
  createFileAtomic
} from "./cli-7KR5KIPO.js";
import {
  asDict,
  closestName,
  editDistance,
  loadConfig,
  missingSeveritiesOf,
  readConfigText
} from "./cli-2DQVB3FE.js";
import {
  EXIT,
  Option,
  UsageError,
  parseSeverity,
  sectionKey,
  severityIn
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";

// src/cli/postmortem-command.ts
import path from "node:path";

// src/drafts/incident-facts.ts
function recordText(value) {
  return sanitizeText(value, { multiline: false, maxLength: 300 }).replace(/[<>]/g, (c) => `\\${c}`).trim();
}
function stringsOf(value) {
  if (typeof value === "string") return value.split(/[,\n]/).map((v) => v.trim()).filter((v) => v !== "");
  if (Array.isArray(value)) return value.flatMap((v) => typeof v === "string" ? stringsOf(v) : []);
  return [];
}
var ZONED_ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
function stampOf(raw, ms) {
  const m = typeof raw === "string" ? ZONED_ISO.exec(raw.trim()) : null;
  if (m === null) return { stamp: shortUtc(ms), date: new Date(ms).toISOString().slice(0, 10) };
  const zone = m[3].toUpperCase() === "Z" ? "UTC" : m[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  return { stamp: `${m[1]} ${m[2]} ${zone}`, date: m[1] };
}
function ownerOf(value) {
  const v = recordText(value).replace(/,/g, " ").trim();
  if (v === "") return void 0;
  return /^@?[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) ? `@${v.replace(/^@/, "")}` : v;
}
function linkOf(value) {
  const v = sanitizeText(value, { multiline: false }).trim();
  return v === "" || /[\s,<>]/.test(v) ? void 0 : v;
}
async function* each(items) {
  yield* items;
}
var ALL_TIME = { label: "all", title: "all time", startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY, auditMonth: "" };
async function incidentFacts(records, path2, settings, draft) {
  const f = settings.fields;
  const readable = records.filter((r) => asDict(r.value) !== void 0);
  const notes = records.filter((r) => asDict(r.value) === void 0).map((r) => `${path2}:${r.line}: ${r.problem ?? "not a JSON object"}; skipped`);
  const first = readable[0];
  const last = readable[readable.length - 1];
  if (first === void 0 || last === void 0) return { notes: [...notes, `${path2}: no readable record`] };
  const placed = placeIncident({ path: path2, size: records.length, first: { value: first.value, line: first.line }, last: { value: last.value }, problems: [] }, settings, ALL_TIME);
  notes.push(...placed.notes.filter((n) => !/spans the period/.test(n.message)).map((n) => `${n.path}${n.line === void 0 ? "" : `:${n.line}`}: ${n.message}`));
  if (placed.incident === void 0) return { notes };
  const detection = await detectionFromStart(each(readable), settings, path2);
  const resolution = await resolutionFromEnd(each([...readable].reverse()), settings);
  const incident = withMilestones(placed.incident, { ...detection.detectedMs !== void 0 && { detectedMs: detection.detectedMs }, ...resolution.resolvedMs !== void 0 && { resolvedMs: resolution.resolvedMs } });
  const owners = [];
  const links = { traces: [], ndjson: [], pagerduty: [] };
  const timed = [];
  let previousStatus;
  let previousSeverity;
  let zoneless = 0;
  readable.forEach((r, order) => {
    const record = r.value;
    for (const field of draft.ownerFields) for (const o of stringsOf(record[field]).map(ownerOf)) if (o !== void 0 && !owners.includes(o)) owners.push(o);
    for (const key of ["traces", "ndjson", "pagerduty"]) {
      for (const field of draft.linkFields[key]) for (const l of stringsOf(record[field]).map(linkOf)) if (l !== void 0 && !links[key].includes(l)) links[key].push(l);
    }
    const status = typeof record[f.status] === "string" ? recordText(record[f.status]) : void 0;
    const severity = typeof record[f.severity] === "string" ? recordText(record[f.severity]) : void 0;
    const noted = draft.noteFields.map((field) => record[field]).find((v) => typeof v === "string" && v.trim() !== "");
    const parts = [];
    if (status !== void 0 && status.toLowerCase() !== previousStatus?.toLowerCase()) parts.push(previousStatus === void 0 ? `Incident ${status}` : `Status ${previousStatus} → ${status}`);
    if (severity !== void 0 && previousSeverity !== void 0 && severity.toLowerCase() !== previousSeverity.toLowerCase()) parts.push(`severity ${previousSeverity} → ${severity}`);
    if (noted !== void 0) parts.push(recordText(noted));
    if (status !== void 0) previousStatus = status;
    if (severity !== void 0) previousSeverity = severity;
    if (parts.length === 0) return;
    const instant = parseInstant(record[f.ts]);
    if (instant === void 0) {
      notes.push(`${path2}:${r.line}: no readable \`${f.ts}\`; the event "${parts.join("; ")}" is left out of the timeline`);
      return;
    }
    if (!instant.zoned) zoneless++;
    const text = parts.join("; ");
    timed.push({ ms: instant.ms, stamp: stampOf(record[f.ts], instant.ms).stamp, text: `${text.charAt(0).toUpperCase()}${text.slice(1)}`, order });
  });
  if (zoneless > 0) notes.push(`${path2}: ${zoneless} record time${zoneless === 1 ? "" : "s"} without a zone, written as UTC`);
  const events = timed.sort((a, b) => a.ms - b.ms || a.order - b.order).map(({ ms, stamp, text }) => ({ ms, stamp, text }));
  const startRecord = readable.find((r) => parseInstant(r.value[f.ts])?.ms === incident.startedMs);
  const startRaw = last.value[f.startedAt] ?? startRecord?.value?.[f.ts];
  return { facts: { incident, date: stampOf(startRaw, incident.startedMs).date, owners, links, events, notes }, notes };
}

// src/drafts/ids.ts
var FILE_ID = /(?:^|\/)PM-([A-Za-z0-9][A-Za-z0-9._-]*)\.md$/;
var TITLE_ID = /^#\s+Incident\s+PM-([A-Za-z0-9][A-Za-z0-9._-]*)/im;
var ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function idsInUse(files) {
  const out = /* @__PURE__ */ new Map();
  for (const file of files) {
    for (const id of [FILE_ID.exec(file.path)?.[1], TITLE_ID.exec(file.text)?.[1]]) {
      if (id !== void 0 && !out.has(id.toUpperCase())) out.set(id.toUpperCase(), file.path);
    }
  }
  return out;
}
function nextFreeId(inUse) {
  let max = 0;
  for (const id of inUse.keys()) if (/^\d+$/.test(id)) max = Math.max(max, Number(id));
  let next = max + 1;
  while (inUse.has(String(next))) next++;
  return String(next);
}
function idOfFlag(value) {
  return value.trim().replace(/^PM-/i, "");
}

// src/drafts/render.ts
var TemplateError = class extends Error {
  name = "TemplateError";
};
var TBD = "TBD";
function metadataBlock(c) {
  const list = (values) => values.length > 0 ? values.join(", ") : TBD;
  return [
    `- Date: ${c.date}`,
    `- Severity: ${c.severity}`,
    `- Owners: ${c.owners.length > 0 ? c.owners.join(", ") : "@TBD"}`,
    `- Traces: ${list(c.links.traces)}`,
    `- NDJSON: ${list(c.links.ndjson)}`,
    `- PagerDuty: ${list(c.links.pagerduty)}`,
    ...c.incidentId === void 0 ? [] : [`- Incident: ${c.incidentId}`],
    "- Status: draft"
  ];
}
function commentLines(lines) {
  const out = /* @__PURE__ */ new Set();
  let inside = false;
  let fence;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    const f = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (!inside && f !== void 0) fence = fence === void 0 ? f : trimmed.startsWith(fence) ? void 0 : fence;
    if (fence !== void 0 || f !== void 0) return;
    if (!inside && trimmed.startsWith("<!--")) {
      out.add(i + 1);
      inside = trimmed.indexOf("-->", 4) < 0;
      return;
    }
    if (inside) {
      out.add(i + 1);
      if (trimmed.includes("-->")) inside = false;
    }
  });
  return out;
}
function pushBlock(out, text) {
  if (out.length > 0 && out[out.length - 1] !== "") out.push("");
  out.push(...text.split("\n"));
}
function renderDraft(template, templatePath, content, options) {
  const pm = parsePostmortem(template, templatePath, options);
  const timelineKey = sectionKey("Timeline");
  if (!pm.sections.some((s) => s.canonical !== void 0 && sectionKey(s.canonical) === timelineKey)) {
    throw new TemplateError(`${templatePath} has no "## Timeline" section (or an alias of it); a draft needs one for the incident's events`);
  }
  const lines = pm.lines;
  const comments = commentLines(lines);
  const sections = pm.sections.filter((s) => s.heading.depth === 2);
  const firstSection = sections[0]?.heading.position.line ?? lines.length + 1;
  const titleLine = pm.title !== void 0 && pm.title.depth === 1 ? pm.title.position.line : void 0;
  const metaLines = new Set(Object.values(pm.metadata.fields).filter((f) => f.source === "list").map((f) => f.position.line));
  let frontEnd = 0;
  if (lines[0]?.trim() === "---") {
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
    frontEnd = close > 0 ? close + 1 : 0;
  }
  const out = [];
  const title = `# Incident PM-${content.id}: ${content.title}`;
  let metaWritten = false;
  if (titleLine === void 0) out.push(title, "");
  for (let line = frontEnd + 1; line < firstSection; line++) {
    const text = lines[line - 1] ?? "";
    if (line === titleLine) {
      out.push(title);
    } else if (metaLines.has(line)) {
      if (!metaWritten) out.push(...metadataBlock(content));
      metaWritten = true;
    } else if (comments.has(line) || text.trim() === "") {
      if (!metaWritten && titleLine !== void 0 && line > titleLine && text.trim() === "" && out[out.length - 1] === "") continue;
      out.push(text);
    }
  }
  if (!metaWritten) {
    const at = titleLine === void 0 ? 2 : out.indexOf(title) + 1;
    out.splice(at, 0, "", ...metadataBlock(content), "");
  }
  const given = new Map(Object.entries(content.sections).map(([name, body]) => [sectionKey(name), body]));
  const written = /* @__PURE__ */ new Set();
  sections.forEach((section, i) => {
    const end = (sections[i + 1]?.heading.position.line ?? lines.length + 1) - 1;
    pushBlock(out, lines[section.heading.position.line - 1] ?? `## ${section.heading.text}`);
    out.push("");
    for (let line = section.heading.position.line + 1; line <= end; line++) if (comments.has(line)) out.push(lines[line - 1] ?? "");
    const key = sectionKey(section.canonical ?? section.heading.text);
    pushBlock(out, (!written.has(key) ? given.get(key) : void 0) ?? `${TBD}`);
    written.add(key);
  });
  for (const name of options.sections) {
    if (written.has(sectionKey(name))) continue;
    pushBlock(out, `## ${name}`);
    out.push("");
    out.push(given.get(sectionKey(name)) ?? TBD);
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}
`;
}

// src/drafts/template.ts
var GUIDANCE = {
  Summary: "Three to five sentences a reader outside the team understands: what broke, for whom, for how long, how it was stopped.",
  Timeline: "One entry per line, oldest first, each starting with a date, a time and a zone: - 2026-10-14 09:02 UTC — what happened.",
  "Root Cause": "The mechanism, not the person: why the agent, model, prompt, tool or data behaved as it did; then the contributing factors.",
  "Customer Impact": 'Numbers: customers or conversations affected, duration, wrong answers, data exposed, money. Say "none" for what did not happen.',
  "Action Items": "One task per line: - [ ] what will change :: @owner :: YYYY-MM-DD. Tick the box when it is done."
};
function builtInTemplate(sections) {
  const body = sections.map((name) => `## ${name}

<!-- ${GUIDANCE[name] ?? `What belongs under "${name}".`} -->
`).join("\n");
  return `# Incident PM-0: <what happened>

- Date: YYYY-MM-DD
- Severity: Sev2
- Owners: @owner

${body}`;
}

// src/modes/postmortem.ts
var DraftInputError = class extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
  hint;
  name = "DraftInputError";
};
async function collect2(records) {
  const out = [];
  for await (const r of records) out.push(r);
  return out;
}
async function listIncidents(config, adapters) {
  const settings = config.review.incidents;
  const notes = [];
  if (settings.source === "redis") {
    if (adapters.streamEntries === void 0) {
      throw new DraftInputError(`review.incidents.source is redis, but no Redis connection is configured`, "set REDIS_URL (redis://host:6379) to the server holding the stream");
    }
    let entries;
    try {
      entries = await adapters.streamEntries(settings.redisKey, "-", "+");
    } catch (error) {
      throw new DraftInputError(`cannot read the incident stream ${settings.redisKey}: ${recordText(errorMessage(error))}`, "check REDIS_URL and that the server is reachable");
    }
    const grouped = groupStreamEntries(entries, settings.redisKey, settings);
    notes.push(...grouped.notes.map((n) => `${n.path}: ${n.message}`));
    const incidents2 = grouped.incidents.map(({ ends, timeline }) => ({ id: ends.path.replace(/^.*#/, ""), path: ends.path, ...asDict(ends.last?.value) && { last: asDict(ends.last?.value) }, load: async () => timeline }));
    return { incidents: incidents2, notes };
  }
  const paths = await adapters.files.glob(settings.paths);
  if (paths.length === 0) {
    throw new DraftInputError(`no incident timelines match ${settings.paths.join(", ")}`, "set review.incidents.paths in .github/reliability.yml to where the incident NDJSON files are (or --root to the repository)");
  }
  const incidents = [];
  for (const path2 of paths) {
    let last;
    try {
      const ends = await adapters.incidentEnds(path2, () => false);
      last = asDict(ends.last?.value);
      for (const p of ends.problems) notes.push(`${path2}: ${p.message}`);
    } catch (error) {
      notes.push(`${path2}: cannot read the file: ${errorMessage(error)}`);
      continue;
    }
    const idValue = last?.[settings.fields.id];
    const id = typeof idValue === "string" && idValue.trim() !== "" ? idValue.trim() : path2.replace(/^.*\//, "").replace(/\.ndjson$/i, "");
    incidents.push({ id, path: path2, ...last && { last }, load: () => collect2(adapters.recordsFromStart(path2)) });
  }
  return { incidents, notes };
}
function closeIds(wanted, ids) {
  const w = wanted.toLowerCase();
  const digits = w.replace(/\D/g, "");
  const scored = ids.map((id) => ({ id, d: editDistance(w, id.toLowerCase()), shares: digits.length >= 2 && id.replace(/\D/g, "").includes(digits) })).filter((x) => x.shares || x.d <= Math.max(2, Math.floor(w.length / 3))).sort((a, b) => a.d - b.d || a.id.localeCompare(b.id));
  const best = closestName(wanted, ids);
  return [.../* @__PURE__ */ new Set([...best ? [best] : [], ...scored.map((x) => x.id)])].slice(0, 5);
}
async function readExisting(config, adapters) {
  const dir = config.drafts.dir;
  const globs = [...config.lint.postmortems.paths, `${dir === "." ? "" : `${dir}/`}**/PM-*.md`];
  const paths = await adapters.files.glob(globs);
  const files = [];
  for (const path2 of paths) {
    try {
      files.push({ path: path2, text: new TextDecoder().decode(await adapters.files.read(path2)) });
    } catch {
      files.push({ path: path2, text: "" });
    }
  }
  return { files, ids: idsInUse(files) };
}
async function readTemplate(config, adapters) {
  const path2 = config.drafts.template;
  if (!adapters.files.exists(path2)) return { text: builtInTemplate(config.lint.postmortems.sections), path: "(built-in template)" };
  try {
    return { text: new TextDecoder().decode(await adapters.files.read(path2)), path: path2 };
  } catch (error) {
    throw new DraftInputError(`cannot read the template ${path2}: ${errorMessage(error)}`, "fix its permissions, or set drafts.template to another file");
  }
}
function canonicalSeverity(config, raw, from) {
  const parsed = parseSeverity(raw, config.lint.postmortems.severityLevels);
  if (parsed.label === void 0) {
    throw new DraftInputError(`${from} "${recordText(raw)}" is not one of postmortems.severity-levels (${config.lint.postmortems.severityLevels.join(", ")})`, "pass --severity with one of those levels");
  }
  return parsed.label;
}
function ownersOf(values) {
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "").map((v) => /^@?[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) ? `@${v.replace(/^@/, "")}` : recordText(v));
}
function sectionsFrom(facts) {
  if (facts === void 0) {
    return {
      Summary: "TBD: three to five sentences on what broke, for whom, for how long, and how it was stopped.",
      Timeline: "TBD: one entry per line, oldest first, each starting with its date, time and zone (`- 2026-10-14 09:02 UTC — what happened`)."
    };
  }
  const i = facts.incident;
  const at = (ms) => facts.events.find((e) => e.ms === ms)?.stamp;
  const detect = i.detectedMs === void 0 ? "TBD (no record shows when it was detected)" : `${formatDuration(i.detectedMs - i.startedMs)}${at(i.detectedMs) ? ` (detected ${at(i.detectedMs)})` : ""}`;
  const resolve = i.resolvedMs === void 0 ? `TBD (the incident is ${i.status}, not resolved)` : `${formatDuration(i.resolvedMs - i.startedMs)}${at(i.resolvedMs) ? ` (resolved ${at(i.resolvedMs)})` : ""}`;
  const title = i.title === "" ? "" : ` "${recordText(i.title)}"`;
  const summary = [
    "TBD: three to five sentences on what broke, for whom, for how long, and how it was stopped.",
    "",
    `Incident ${recordText(i.id)}${title}, ${recordText(i.severity)}, from \`${i.path}\`. Time to detect: ${detect}. Time to resolve: ${resolve}.`
  ].join("\n");
  const timeline = facts.events.length > 0 ? facts.events.map((e) => `- ${e.stamp} — ${e.text.replace(/[.]$/, "")}.`).join("\n") : "TBD: the records carry no status changes or notes with a time; add one entry per line, oldest first.";
  return { Summary: summary, Timeline: `${timeline}

TBD: add the triggering change, first impact, escalation and each mitigation.` };
}
async function factsOf(config, entry) {
  let records;
  try {
    records = await entry.load();
  } catch (error) {
    throw new DraftInputError(`cannot read the incident timeline ${entry.path}: ${errorMessage(error)}`, "check that the file is readable");
  }
  const { facts, notes } = await incidentFacts(records, entry.path, config.review.incidents, config.drafts);
  if (facts === void 0) throw new DraftInputError(`incident ${recordText(entry.id)} cannot be read from ${entry.path}: ${notes.join("; ")}`, "fix the records named above");
  return facts;
}
function draftOf(config, template, id, request, facts) {
  const dir = config.drafts.dir;
  const severityRaw = request.severity ?? facts?.incident.severity;
  if (severityRaw === void 0 || severityRaw === "unknown") {
    throw new DraftInputError(facts ? `incident ${recordText(facts.incident.id)} has no severity in its records` : "missing --severity (nothing to take it from without --incident)", `pass --severity <${config.lint.postmortems.severityLevels.join("|")}>`);
  }
  const severity = canonicalSeverity(config, severityRaw, request.severity !== void 0 ? "--severity" : "the incident's severity");
  const title = recordText(request.title ?? (facts?.incident.title || "TBD: what happened"));
  const owners = request.owners !== void 0 && request.owners.length > 0 ? ownersOf(request.owners) : facts?.owners ?? [];
  const content = {
    id,
    title,
    date: facts?.date ?? request.today,
    severity,
    owners,
    links: facts?.links ?? { traces: [], ndjson: [], pagerduty: [] },
    ...facts && { incidentId: recordText(facts.incident.id) },
    sections: sectionsFrom(facts)
  };
  let text;
  try {
    text = renderDraft(template.text, template.path, content, parseOptionsOf(config.lint));
  } catch (error) {
    throw new DraftInputError(errorMessage(error), 'add a "## Timeline" section to the template (or set drafts.template to one that has it)');
  }
  const notes = [...facts?.notes ?? []];
  if (owners.length === 0) notes.push("no owner known: Owners is @TBD (pass --owner, or set drafts.owner-fields to the records' commander/assignee fields)");
  const linked = severityIn(parseSeverity(severity, config.lint.postmortems.severityLevels), config.lint.linkedSeverities);
  for (const key of ["traces", "ndjson", "pagerduty"]) {
    if (content.links[key].length === 0 && linked) notes.push(`no ${key} link in the records: ${key === "ndjson" ? "NDJSON" : key === "pagerduty" ? "PagerDuty" : "Traces"} is TBD (${severity} postmortems must link it)`);
  }
  return { id, path: `${dir === "." ? "" : `${dir}/`}PM-${id}.md`, text, ...facts && { incidentId: facts.incident.id }, owners, title, notes };
}
function chooseId(requested, inUse) {
  if (requested === void 0) return nextFreeId(inUse);
  const id = idOfFlag(requested);
  if (!ID_PATTERN.test(id)) throw new DraftInputError(`--id "${recordText(requested)}" is not an id: use letters, digits, '.', '_' and '-' (e.g. 105)`);
  const user = inUse.get(id.toUpperCase());
  if (user !== void 0) throw new DraftInputError(`PM-${id} is already used by ${user}; postmortem ids never repeat`, `leave --id out to take the next free id (PM-${nextFreeId(inUse)})`);
  return id;
}
async function draftPostmortem(config, request, adapters) {
  const existing = await readExisting(config, adapters);
  const id = chooseId(request.id, existing.ids);
  let facts;
  if (request.incident !== void 0) {
    const { incidents } = await listIncidents(config, adapters);
    const wanted = request.incident.trim();
    const entry = incidents.find((i) => i.id === wanted) ?? incidents.find((i) => i.id.toLowerCase() === wanted.toLowerCase());
    if (entry === void 0) {
      const close = closeIds(wanted, incidents.map((i) => i.id));
      throw new DraftInputError(
        `no incident ${recordText(wanted)} among the ${incidents.length} incident${incidents.length === 1 ? "" : "s"} of ${config.review.incidents.source === "redis" ? `the stream ${config.review.incidents.redisKey}` : config.review.incidents.paths.join(", ")}`,
        close.length > 0 ? `did you mean ${close.join(", ")}?` : "check the id (it is the `id` field of the incident records)"
      );
    }
    facts = await factsOf(config, entry);
  }
  return draftOf(config, await readTemplate(config, adapters), id, request, facts);
}
async function draftMissing(config, request, adapters) {
  const settings = config.review.incidents;
  const severities = missingSeveritiesOf(config);
  const existing = await readExisting(config, adapters);
  const { incidents, notes } = await listIncidents(config, adapters);
  const template = await readTemplate(config, adapters);
  const result = { drafts: [], covered: [], counts: { incidents: incidents.length, open: 0, otherSeverity: 0, beforeSince: 0 }, severities, notes };
  const inUse = new Map([...request.reservedIds ?? [], ...existing.ids]);
  for (const entry of incidents) {
    const last = entry.last ?? {};
    const status = typeof last[settings.fields.status] === "string" ? last[settings.fields.status] : "";
    if (!settings.resolvedStatuses.some((s) => s.toLowerCase() === status.toLowerCase())) {
      result.counts.open++;
      continue;
    }
    const severity = parseSeverity(String(last[settings.fields.severity] ?? ""), config.lint.postmortems.severityLevels);
    if (!severityIn(severity, severities)) {
      result.counts.otherSeverity++;
      continue;
    }
    const named = typeof last[settings.fields.postmortem] === "string" ? last[settings.fields.postmortem].trim() : "";
    const mentioning = existing.files.find((f) => new RegExp(`(?<![A-Za-z0-9_-])${entry.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_-])`).test(f.text));
    if (named !== "" || mentioning !== void 0) {
      result.covered.push({ incidentId: entry.id, postmortem: named !== "" ? named : mentioning?.path ?? "" });
      continue;
    }
    if (request.skipIncidents?.has(entry.id) === true) {
      result.covered.push({ incidentId: entry.id, postmortem: "an open draft pull request" });
      continue;
    }
    const facts = await factsOf(config, entry);
    if (request.sinceMs !== void 0 && (facts.incident.resolvedMs ?? facts.incident.lastMs) < request.sinceMs) {
      result.counts.beforeSince++;
      continue;
    }
    const id = nextFreeId(inUse);
    const draft = draftOf(config, template, id, { today: request.today }, facts);
    inUse.set(id.toUpperCase(), draft.path);
    result.drafts.push(draft);
  }
  return result;
}

// src/cli/postmortem-command.ts
var HELP_AFTER = `
Writes <drafts.dir>/PM-<next free id>.md (default docs/postmortems) from <drafts.template>
(default docs/postmortems/TEMPLATE.md, else a built-in template), with Status: draft. With --incident,
the incident's records (review.incidents: NDJSON files, or the Redis stream at REDIS_URL) give the date,
severity, title, owners (drafts.owner-fields), the timeline (each status change, severity change and
note, with its time and zone), time to detect and resolve, and the Traces, NDJSON and PagerDuty links
(drafts.link-fields). What they do not know stays a visible TBD: lint reports each as a warning
while the postmortem is a draft. Never overwrites a file; ids never repeat (PM011).

--missing drafts one postmortem for every resolved incident of drafts.missing-severities (default:
lint.linked-severities and gate.sev1-actions.severities) that no postmortem names (neither the record's
postmortem field nor an existing postmortem's text).

Examples:
  $ reliability-loop postmortem new --incident INC-1014
  $ reliability-loop postmortem new --incident INC-1014 --id 105 --owner @maria.chen --dry-run
  $ reliability-loop postmortem new --title "Refund tool timed out" --severity Sev3 --owner @dev-ops
  $ reliability-loop postmortem new --missing --since 2026-10-01

Exit codes: 0 written (or nothing missing), 2 usage or input error (unknown incident, unreadable
source, template without a Timeline, id in use), 3 internal error.
`;
function addPostmortemCommand(program, io, deps, done) {
  const postmortem = program.command("postmortem").summary("start postmortems from incidents").description("Start postmortems: drafts from the template, filled in from the incident records.").usage("<command> [options]").helpCommand("help [command]", "show help for a command");
  postmortem.command("new").summary("write a draft postmortem").description("Write a draft postmortem (Status: draft), from an incident's records with --incident, or for every incident missing one with --missing.").option("--incident <id>", "the incident to draft from (its `id` in the records)").option("--id <id>", "postmortem id (default: the next free number)").option("--title <title>", "title (default: the incident's)").option("--severity <level>", "severity (default: the incident's)").option("--owner <owner>", "an owner, @handle or name (repeatable; default: the incident's commander/assignee)", collect).option("--missing", "a draft for every resolved incident that needs a postmortem and has none").option("--since <date>", "with --missing: only incidents resolved on or after this day (YYYY-MM-DD, UTC) or time").option("--dry-run", "print the draft(s) instead of writing them").addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text")).option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)").addHelpText("after", HELP_AFTER).action(async (options) => {
    done(await postmortemNewCommand(options, io, deps));
  });
  return postmortem;
}
function sinceMsOf(value) {
  if (value === void 0) return void 0;
  const instant = parseInstant(value.trim());
  if (instant === void 0 || !instant.zoned) throw new UsageError(`--since "${sanitizeText(value, { multiline: false })}" is not a date or a time with a zone`, "e.g. --since 2026-10-01 or --since 2026-10-01T00:00:00+02:00");
  return instant.ms;
}
async function lintDrafts(config, paths, now) {
  const uncached = { ...config, lint: { ...config.lint, cache: false } };
  const files = nodeRepoFiles(config.root);
  const result = await runLint(uncached, { paths }, { files, now: () => now, executor: inProcessExecutor(files.exists) });
  const out = new Map(paths.map((p) => [p, { errors: [], warnings: 0 }]));
  for (const f of result.findings) {
    const entry = out.get(f.path);
    if (entry === void 0) continue;
    if (f.severity === "error") entry.errors.push(`${f.path}:${f.line}:${f.column} ${f.rule} ${f.message}`);
    else if (f.severity === "warning") entry.warnings++;
  }
  return out;
}
async function writeDraft(root, draft) {
  try {
    await createFileAtomic(path.join(root, draft.path), draft.text);
    return "written";
  } catch (error) {
    if (error instanceof FileExistsError) return "exists";
    throw new UsageError(`cannot write ${draft.path}: ${errorMessage(error)}`, "check that the postmortem directory is writable");
  }
}
async function postmortemNewCommand(options, io, deps) {
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const root = resolveRoot(options.root, io.cwd);
  if (options.missing && (options.incident !== void 0 || options.id !== void 0 || options.title !== void 0 || options.severity !== void 0 || options.owner !== void 0)) {
    throw new UsageError("--missing drafts every incident that needs one and takes no --incident, --id, --title, --severity or --owner", 'run "postmortem new --missing" alone, or "postmortem new --incident <id>" for one');
  }
  if (options.since !== void 0 && !options.missing) throw new UsageError("--since goes with --missing");
  const sinceMs = sinceMsOf(options.since);
  const config = loadConfig({ root, ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) }, readFile: readConfigText });
  const adapters = createNodeReviewAdapters(config, { ...io.env.REDIS_URL !== void 0 && { redisUrl: io.env.REDIS_URL } });
  const today = now.toISOString().slice(0, 10);
  let drafts;
  let notes = [];
  let summary = "";
  try {
    if (options.missing) {
      const missing = await draftMissing(config, { today, ...sinceMs !== void 0 && { sinceMs } }, adapters);
      drafts = missing.drafts;
      notes = missing.notes;
      const c = missing.counts;
      summary = `${c.incidents} incident${c.incidents === 1 ? "" : "s"} read: ${missing.drafts.length} need${missing.drafts.length === 1 ? "s" : ""} a postmortem, ${missing.covered.length} ha${missing.covered.length === 1 ? "s" : "ve"} one, ${c.open} not resolved, ${c.otherSeverity} of other severities than ${missing.severities.join(", ")}${sinceMs !== void 0 ? `, ${c.beforeSince} resolved before --since` : ""}`;
    } else {
      const request = {
        today,
        ...options.incident !== void 0 && { incident: options.incident },
        ...options.id !== void 0 && { id: options.id },
        ...options.title !== void 0 && { title: options.title },
        ...options.severity !== void 0 && { severity: options.severity },
        ...options.owner !== void 0 && { owners: options.owner }
      };
      drafts = [await draftPostmortem(config, request, adapters)];
    }
  } catch (error) {
    if (error instanceof DraftInputError) throw new UsageError(sanitizeText(error.message), error.hint);
    throw error;
  }
  for (const note of notes) io.stderr(`note: ${sanitizeText(note, { multiline: false })}
`);
  if (options.dryRun) {
    if (options.format === "json") io.stdout(`${JSON.stringify({ drafts: drafts.map((d) => ({ ...d, written: false })) }, null, 2)}
`);
    else io.stdout(drafts.map((d) => `<!-- ${d.path} -->
${d.text}`).join("\n"));
    if (summary !== "") io.stderr(`${summary}
`);
    return EXIT.OK;
  }
  const written = [];
  for (const draft of drafts) {
    const outcome = await writeDraft(root, draft);
    if (outcome === "exists") {
      throw new UsageError(`${draft.path} appeared while the draft was being made; nothing was overwritten${written.length > 0 ? ` (written before it: ${written.map((d) => d.path).join(", ")})` : ""}`, "run the command again: it takes the next free id");
    }
    written.push(draft);
  }
  const lint = written.length > 0 ? await lintDrafts(config, written.map((d) => d.path), now) : /* @__PURE__ */ new Map();
  if (options.format === "json") {
    io.stdout(`${JSON.stringify({ drafts: written.map((d) => ({ id: d.id, path: d.path, incidentId: d.incidentId, title: d.title, owners: d.owners, notes: d.notes, written: true, lint: lint.get(d.path) })), summary }, null, 2)}
`);
  } else {
    for (const d of written) {
      const l = lint.get(d.path);
      io.stdout(`Created ${d.path}${d.incidentId !== void 0 ? ` for ${sanitizeText(d.incidentId, { multiline: false })}` : ""} (Status: draft; lint: ${l?.errors.length ?? 0} errors, ${l?.warnings ?? 0} warnings to fill in)
`);
      for (const note of d.notes) io.stderr(`  note: ${sanitizeText(note, { multiline: false })}
`);
      for (const e of l?.errors ?? []) io.stderr(`  lint: ${e}
`);
    }
    if (summary !== "") io.stderr(`${summary}
`);
    if (written.length > 0) io.stderr(`next: replace each TBD, then set Status to in review (or remove it) and run "reliability-loop lint ${written.map((d) => d.path).join(" ")}"
`);
  }
  return EXIT.OK;
}
export {
  addPostmortemCommand,
  postmortemNewCommand
};
