#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  INCIDENT_COLUMNS,
  incidentCells
} from "./cli-QQVCZU33.js";
import {
  shortUtc
} from "./cli-PKNRYYMW.js";
import {
  TRACKER_NAMES
} from "./cli-CTPB635N.js";

// src/report/packet-html.ts
var RAG_COLOUR = {
  red: { bg: "#b91c1c", fg: "#ffffff", confluence: "Red" },
  amber: { bg: "#d97706", fg: "#ffffff", confluence: "Yellow" },
  green: { bg: "#15803d", fg: "#ffffff", confluence: "Green" }
};
function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
var STYLE = {
  table: "border-collapse:collapse;margin:8px 0 16px 0;font-size:14px",
  th: "border:1px solid #d1d5db;background:#f3f4f6;padding:6px 10px;text-align:left",
  td: "border:1px solid #d1d5db;padding:6px 10px;vertical-align:top",
  h2: "font-size:20px;margin:28px 0 8px 0;border-bottom:1px solid #e5e7eb;padding-bottom:4px"
};
function td(value) {
  const inner = value === void 0 || value === "" ? "&#8211;" : typeof value === "object" ? value.html : escapeHtml(value);
  return `<td style="${STYLE.td}">${inner}</td>`;
}
function table(head, rows) {
  return [
    `<table style="${STYLE.table}">`,
    `<thead><tr>${head.map((h) => `<th style="${STYLE.th}">${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map(td).join("")}</tr>`).join("")}</tbody>`,
    "</table>"
  ].join("");
}
var p = (text) => `<p>${escapeHtml(text)}</p>`;
var h2 = (text) => `<h2 style="${STYLE.h2}">${escapeHtml(text)}</h2>`;
var h3 = (text) => `<h3>${escapeHtml(text)}</h3>`;
var fixed = (n) => n === null ? "–" : n.toFixed(2);
var signed = (n) => n === null ? "–" : `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;
function fileLink(text, path, options) {
  if (options.fileUrl === void 0) return { html: `${escapeHtml(text)} <span style="color:#6b7280">(${escapeHtml(path)})</span>` };
  return { html: `<a href="${escapeHtml(options.fileUrl(path))}">${escapeHtml(text)}</a>` };
}
var HTML_FLAVOUR = {
  image: (c) => `<img src="${escapeHtml(c.src)}" alt="${escapeHtml(c.spec.alt)}" width="${c.width}" height="${c.height}" style="max-width:100%;height:auto;border:1px solid #e5e7eb" />`,
  status: (rag) => `<span style="background:${RAG_COLOUR[rag].bg};color:${RAG_COLOUR[rag].fg};padding:2px 10px;border-radius:10px;font-weight:bold">${rag}</span>`
};
var STORAGE_FLAVOUR = {
  image: (c) => `<ac:image ac:alt="${escapeHtml(c.spec.alt)}" ac:width="${c.width}"><ri:attachment ri:filename="${escapeHtml(c.src)}" /></ac:image>`,
  status: (rag) => `<ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">${RAG_COLOUR[rag].confluence}</ac:parameter><ac:parameter ac:name="title">${rag}</ac:parameter></ac:structured-macro>`
};
function chartsSection(view, flavour) {
  if (view.charts.length === 0) return [];
  return [h2("Trends"), ...view.charts.map((c) => `<p>${flavour.image(c)}</p>`)];
}
function incidentsSection(packet) {
  if (packet.incidents.length === 0) return [h2("Incidents"), p("No incidents in the period.")];
  return [
    h2("Incidents"),
    table(
      [...INCIDENT_COLUMNS],
      packet.incidents.map(incidentCells)
    )
  ];
}
function backlogSection(packet, options) {
  const b = packet.backlog;
  const out = [h2("Action-item backlog"), p(`${b.open} open, ${b.overdue} overdue (due before the period's end), ${b.closed} closed, over every postmortem.`)];
  if (b.byOwner.length > 0) out.push(h3("By owner"), table(["owner", "open", "overdue", "closed", "oldest open (days)"], b.byOwner.map((o) => [o.owner, o.open, o.overdue, o.closed, o.oldestDays])));
  if (b.overdueItems.length > 0) {
    out.push(h3("Overdue"), table(["due", "owner", "item", "postmortem", "ticket"], b.overdueItems.map((i) => [i.due, i.owner, i.summary, fileLink(i.postmortem, i.path, options), i.ticket === void 0 ? void 0 : { html: `<a href="${escapeHtml(i.ticket.url)}">${escapeHtml(i.ticket.ref)}</a> ${escapeHtml(i.ticket.status)}` }])));
  }
  const t = packet.tracker;
  if (t !== void 0) {
    const name = TRACKER_NAMES[t.tracker];
    out.push(h3(`In ${name}`), p(t.consulted ? `${t.synced} items with a ticket, ${t.notSynced} open items not synced yet, ${t.mismatches.length} whose tick and ticket disagree (see the markdown packet for the list).` : `Ticket status not shown: ${t.note ?? "the tracker was not read"}.`));
  }
  return out;
}
function auditSection(packet) {
  const a = packet.audits;
  if (a.records === 0) return [h2("Audit scores"), p(`No audit records for ${a.months[0]} to ${a.month}.`)];
  const out = [
    h2("Audit scores"),
    table(["dimension", "scale", ...a.months, `change vs ${a.months[a.months.length - 2]}`, `scores in ${a.month}`], a.dimensions.map((d) => [d.dimension, d.scale, ...d.trend.map(fixed), signed(d.change), d.count]))
  ];
  if (a.lowest.length > 0) out.push(p(`Lowest-scoring transcripts in ${a.month}:`), table(["transcript", "mean (0–1)", "lowest dimension", "why"], a.lowest.map((t) => [t.transcript, t.score.toFixed(2), `${t.lowest.dimension} (${t.lowest.score.toFixed(2)})`, t.lowest.reason])));
  return out;
}
function body(view, flavour, options) {
  const { packet } = view;
  const period = packet.period;
  const out = [p(`Period: ${period.start} to ${period.end} (end exclusive, UTC).`)];
  out.push(h2("Executive summary"), table(["area", "status", "why"], packet.summary.map((a) => [a.area, { html: flavour.status(a.status) }, a.summary])));
  out.push(...chartsSection(view, flavour));
  out.push(...incidentsSection(packet));
  out.push(h2("Postmortem hygiene"));
  if (packet.postmortems.length === 0) out.push(p("No postmortems dated in the period."));
  else {
    out.push(
      table(
        ["postmortem", "date", "severity", "owners", "lint", "actions open / overdue / closed"],
        packet.postmortems.map((pm) => [fileLink(pm.id, pm.path, options), pm.date, pm.severity, pm.owners.join(", "), pm.lint.errors === 0 && pm.lint.warnings === 0 ? "clean" : `${pm.lint.errors} errors, ${pm.lint.warnings} warnings`, `${pm.openActions} / ${pm.overdueActions} / ${pm.closedActions}`])
      )
    );
  }
  out.push(...backlogSection(packet, options));
  out.push(...auditSection(packet));
  out.push(h2("Experiments"));
  if (packet.experiments.length === 0) out.push(p("No experiments started, running, concluded or rolled back in the period."));
  else out.push(table(["experiment", "owner", "in the period", "outcome"], packet.experiments.map((e) => [fileLink(e.name, e.path, options), e.owner, e.activity.join(", "), e.outcome])));
  out.push(h2("Gate bypasses"));
  if (packet.bypasses.length === 0) out.push(p("No gate bypasses in the period."));
  else out.push(table(["when", "pull request", "actor", "gates", "reason"], packet.bypasses.map((x) => [shortUtc(Date.parse(x.ts)), `${x.repository}#${x.pullRequest}`, x.actor, x.gates.join(", "), x.reason])));
  out.push(h2("Data quality"));
  if (packet.dataQuality.length === 0) out.push(p("Every input was read without a problem."));
  else out.push(table(["source", "where", "note"], packet.dataQuality.map((n) => [n.source, n.path === void 0 ? void 0 : `${n.path}${n.line !== void 0 ? `:${n.line}` : ""}`, n.message])));
  out.push(h2("Sources"), table(["source", "read from", "commit"], packet.sources.map((s) => [s.name, s.location, !s.present ? "absent: nothing to read" : s.live ? "live (not in git)" : s.commit !== void 0 ? s.commit.slice(0, 12) : "not committed"])));
  return out.join("\n");
}
function renderPacketHtml(view, options = {}) {
  const title = `Reliability review: ${view.packet.period.title}`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    `<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#ffffff;color:#111827;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;line-height:1.45">',
    '<div style="max-width:900px;margin:0 auto">',
    `<h1 style="font-size:26px;margin:0 0 8px 0">${escapeHtml(title)}</h1>`,
    body(view, HTML_FLAVOUR, options),
    "</div>",
    "</body>",
    "</html>",
    ""
  ].join("\n");
}
function renderPacketStorage(view, options = {}) {
  return body(view, STORAGE_FLAVOUR, options);
}

export {
  escapeHtml,
  renderPacketHtml,
  renderPacketStorage
};
