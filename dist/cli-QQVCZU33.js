#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  formatDuration,
  shortUtc
} from "./cli-PKNRYYMW.js";

// src/review/incident-cells.ts
var INCIDENT_COLUMNS = ["id", "severity", "title", "start", "time to detect", "time to resolve", "status", "open actions"];
function incidentCells(i) {
  return [
    i.id,
    i.severity,
    i.title,
    shortUtc(Date.parse(i.start)),
    i.ttdMs === void 0 ? void 0 : formatDuration(i.ttdMs),
    i.ttrMs === void 0 ? void 0 : formatDuration(i.ttrMs),
    i.status,
    i.openActions === void 0 ? i.postmortem === void 0 ? "no postmortem" : `${i.postmortem} not found` : `${i.openActions} (${i.postmortem})`
  ];
}

export {
  INCIDENT_COLUMNS,
  incidentCells
};
