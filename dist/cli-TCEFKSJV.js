#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  detectionFromStart,
  firstRecordNeeded,
  incidentEndsOf,
  placeIncident,
  recordsFromEndOf,
  recordsFromStartOf,
  resolutionFromEnd,
  withMilestones
} from "./cli-JBPRAGFM.js";
import "./cli-HK53JNZZ.js";
import "./cli-PKNRYYMW.js";
import "./cli-DSEV7FH7.js";
import "./cli-64ZQU7E7.js";
import {
  parseExperimentDoc
} from "./cli-TRUJWBLV.js";
import {
  collectSyncItems
} from "./cli-HHLT3I35.js";
import {
  parseOptionsOf,
  parsePostmortem
} from "./cli-PV4PP3YR.js";
import {
  DEFAULT_HTTP_POLICY,
  HttpRequestError,
  sendWithRetry
} from "./cli-YW3TWOHG.js";
import "./cli-7J3Z5ETF.js";
import "./cli-G7SUBHGO.js";
import {
  recordOf
} from "./cli-OJWVH3MO.js";
import {
  ndjsonFileSource,
  readNdjsonBatches
} from "./cli-2EEIGSHA.js";
import {
  coreCount
} from "./cli-RLS4UGPM.js";
import {
  resolveRoot
} from "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import "./cli-7KR5KIPO.js";
import {
  EXPORT_TARGETS,
  dictOrEmpty,
  loadConfig,
  readConfigText
} from "./cli-2DQVB3FE.js";
import {
  EXIT,
  NO_PROGRESS,
  Option,
  UsageError,
  isCI,
  isInsideRepo,
  progressLine
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import "./cli-YLWRLJDD.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";

// src/cli/export-command.ts
import path2 from "node:path";

// src/export/warehouse.ts
function sliceEncoded(rows, start, end) {
  if (start === 0 && end >= rows.texts.length) return rows;
  return { texts: rows.texts.slice(start, end), ...rows.recordIds !== void 0 && { recordIds: rows.recordIds.slice(start, end) }, longest: rows.longest };
}
var WarehouseError = class extends Error {
  constructor(message, hint, configuration = false) {
    super(message);
    this.hint = hint;
    this.configuration = configuration;
  }
  hint;
  configuration;
  name = "WarehouseError";
};

// src/io/export-warehouse.ts
import path from "node:path";

// src/io/export-bigquery.ts
import { randomUUID } from "node:crypto";

// src/export/dialect.ts
function duckdbDialect() {
  return {
    name: "duckdb",
    table: (name) => `"${name}"`,
    type: (t) => ({ STRING: "VARCHAR", INTEGER: "BIGINT", FLOAT: "DOUBLE", BOOLEAN: "BOOLEAN", TIMESTAMP: "TIMESTAMPTZ", DATE: "DATE", JSON: "JSON" })[t],
    dayNumber: (d) => `(CAST(${d} AS DATE) - DATE '1970-01-01')`,
    toDate: (ts) => `CAST(timezone('UTC', ${ts}) AS DATE)`,
    weekStart: (ts) => `CAST(date_trunc('week', timezone('UTC', ${ts})) AS DATE)`,
    monthStart: (ts) => `CAST(date_trunc('month', timezone('UTC', ${ts})) AS DATE)`,
    minutesBetween: (a, b) => `(epoch(${b}) - epoch(${a})) / 60.0`,
    median: (x) => `median(${x})`,
    countIf: (b) => `SUM(CASE WHEN ${b} THEN 1 ELSE 0 END)`
  };
}
function bigqueryDialect(project, dataset) {
  return {
    name: "bigquery",
    table: (name) => `\`${project}.${dataset}.${name}\``,
    type: (t) => ({ STRING: "STRING", INTEGER: "INT64", FLOAT: "FLOAT64", BOOLEAN: "BOOL", TIMESTAMP: "TIMESTAMP", DATE: "DATE", JSON: "JSON" })[t],
    dayNumber: (d) => `UNIX_DATE(${d})`,
    toDate: (ts) => `DATE(${ts})`,
    weekStart: (ts) => `DATE_TRUNC(DATE(${ts}), WEEK(MONDAY))`,
    monthStart: (ts) => `DATE_TRUNC(DATE(${ts}), MONTH)`,
    minutesBetween: (a, b) => `TIMESTAMP_DIFF(${b}, ${a}, SECOND) / 60.0`,
    median: (x) => `APPROX_QUANTILES(${x}, 100)[OFFSET(50)]`,
    countIf: (b) => `COUNTIF(${b})`
  };
}
function snowflakeDialect(database, schema) {
  return {
    name: "snowflake",
    table: (name) => `"${database}"."${schema}"."${name.toUpperCase()}"`,
    type: (t) => ({ STRING: "VARCHAR", INTEGER: "NUMBER(38,0)", FLOAT: "FLOAT", BOOLEAN: "BOOLEAN", TIMESTAMP: "TIMESTAMP_TZ", DATE: "DATE", JSON: "VARIANT" })[t],
    dayNumber: (d) => `DATEDIFF('day', '1970-01-01'::DATE, ${d})`,
    toDate: (ts) => `TO_DATE(CONVERT_TIMEZONE('UTC', ${ts}))`,
    weekStart: (ts) => `TO_DATE(DATE_TRUNC('week', CONVERT_TIMEZONE('UTC', ${ts})))`,
    monthStart: (ts) => `TO_DATE(DATE_TRUNC('month', CONVERT_TIMEZONE('UTC', ${ts})))`,
    minutesBetween: (a, b) => `DATEDIFF('second', ${a}, ${b}) / 60.0`,
    median: (x) => `MEDIAN(${x})`,
    countIf: (b) => `COUNT_IF(${b})`
  };
}

// src/export/request-id.ts
import { createHash } from "node:crypto";
function requestIdFor(seed) {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// src/export/tables.ts
var common = [
  { name: "record_id", type: "STRING", required: true, description: "Stable key of the row (SHA-256 of what identifies it); rows are merged on it." },
  { name: "repository", type: "STRING", required: true, description: "owner/name of the repository the row comes from." },
  { name: "source", type: "STRING", required: true, description: "Repository-relative path of the file the row comes from." }
];
var TABLES = [
  {
    name: "audit_scores",
    description: "One row per audited transcript, rubric dimension and scorer (reliability/audits/<YYYY-MM>.ndjson).",
    columns: [
      ...common,
      { name: "period", type: "STRING", required: true, description: "Audit period, YYYY-MM." },
      { name: "transcript", type: "STRING", required: true, description: "Repository-relative path of the transcript." },
      { name: "content_sha256", type: "STRING", required: true, description: "SHA-256 of the transcript content that was scored." },
      { name: "stratum", type: "STRING", required: true, description: "random (the unbiased sample: use it for trends) or flagged (added on top)." },
      { name: "scorer", type: "STRING", required: true, description: "rules, llm or human." },
      { name: "model", type: "STRING", description: "The judge model, for the llm scorer." },
      { name: "dimension", type: "STRING", required: true, description: "Rubric dimension." },
      { name: "score", type: "FLOAT", description: "Score on the dimension's scale; null when scoring failed." },
      { name: "score_normalised", type: "FLOAT", description: "Score mapped to 0..1 (1-5 scales: (score-1)/4), so dimensions chart together." },
      { name: "pass", type: "BOOLEAN", description: "Score at or above the dimension's threshold (false when scoring failed; null when the dimension is no longer in the rubric)." },
      { name: "reason", type: "STRING", description: "Why: the rule, the model's reason or the reviewer's note." },
      { name: "rubric_version", type: "STRING", required: true, description: "Rubric version the score was given under." },
      { name: "seed", type: "STRING", description: "Sampling seed of the audit run." },
      { name: "scored_at", type: "TIMESTAMP", description: "When the score was given (UTC)." }
    ]
  },
  {
    name: "incidents",
    description: "One row per incident timeline (review.incidents.paths), as its last record describes it.",
    columns: [
      ...common,
      { name: "incident_id", type: "STRING", required: true, description: "The incident id (e.g. INC-1014)." },
      { name: "severity", type: "STRING", description: "Severity label as recorded." },
      { name: "status", type: "STRING", description: "Status of the last record." },
      { name: "resolved", type: "BOOLEAN", description: "The status is one of review.incidents.resolved-statuses." },
      { name: "title", type: "STRING", description: "Incident title." },
      { name: "started_at", type: "TIMESTAMP", description: "Start (UTC)." },
      { name: "detected_at", type: "TIMESTAMP", description: "Detection (UTC), when known." },
      { name: "resolved_at", type: "TIMESTAMP", description: "Resolution (UTC), when known." },
      { name: "postmortem_id", type: "STRING", description: "The postmortem the incident names, when it names one." }
    ]
  },
  {
    name: "action_items",
    description: "A snapshot, per export day, of every postmortem action item (the backlog over time).",
    snapshotColumn: "snapshot_date",
    columns: [
      ...common,
      { name: "snapshot_date", type: "DATE", required: true, description: "The export day (UTC) this row describes." },
      { name: "postmortem_id", type: "STRING", required: true, description: "PM-<id> of the postmortem." },
      { name: "item_key", type: "STRING", required: true, description: "Stable key of the item (the one sync uses)." },
      { name: "summary", type: "STRING", description: "What is to be done." },
      { name: "owner", type: "STRING", description: "Owner as written, without @." },
      { name: "due", type: "DATE", description: "Due date, when a real date." },
      { name: "is_open", type: "BOOLEAN", required: true, description: "The checkbox is not ticked." },
      { name: "ticket", type: "STRING", description: "Ticket reference written beside the item (id or URL)." },
      { name: "overdue", type: "BOOLEAN", required: true, description: "Open and due before the snapshot date." },
      { name: "severity", type: "STRING", description: "Severity of the postmortem." }
    ]
  },
  {
    name: "experiments",
    description: "One row per experiment doc (docs/experiments/).",
    columns: [
      ...common,
      { name: "experiment_id", type: "STRING", required: true, description: "Experiment id." },
      { name: "name", type: "STRING", description: "Experiment name." },
      { name: "owner", type: "STRING", description: "Owner." },
      { name: "status", type: "STRING", description: "proposed, running, concluded, rolled-back or abandoned." },
      { name: "change_type", type: "STRING", description: "prompt, tool, model or policy." },
      { name: "change_ref", type: "STRING", description: "What changes (prompt version, commit, model id)." },
      { name: "outcome", type: "STRING", description: "Outcome once concluded." },
      { name: "metrics", type: "JSON", description: "Metrics with baseline and target, and results, as JSON." },
      { name: "created", type: "DATE", description: "Created (YYYY-MM-DD)." },
      { name: "concluded", type: "DATE", description: "Concluded (YYYY-MM-DD)." }
    ]
  }
];
var STATE_TABLE = "_reliability_loop_state";
var STATE_COLUMNS = [
  { name: "table_name", type: "STRING", required: true, description: "The exported table." },
  { name: "repository", type: "STRING", required: true, description: "owner/name." },
  { name: "source", type: "STRING", required: true, description: "Repository-relative file." },
  { name: "fingerprint", type: "STRING", required: true, description: "SHA-256 of what was exported from the file (its rows)." },
  { name: "row_count", type: "INTEGER", required: true, description: "Rows exported from the file." },
  { name: "exported_at", type: "TIMESTAMP", required: true, description: "When (UTC)." }
];
function tableDefinition(name) {
  const table = TABLES.find((t) => t.name === name);
  if (table === void 0) throw new Error(`unknown table ${name}`);
  return table;
}

// src/export/views.ts
function auditDaily(d) {
  return `WITH ranked AS (
  SELECT repository, dimension, scored_at, score_normalised,
    ROW_NUMBER() OVER (PARTITION BY repository, period, content_sha256, dimension
      ORDER BY CASE scorer WHEN 'human' THEN 0 WHEN 'llm' THEN 1 ELSE 2 END, scored_at DESC) AS pick
  FROM ${d.table("audit_scores")}
  WHERE stratum = 'random' AND score_normalised IS NOT NULL AND scored_at IS NOT NULL
), daily AS (
  SELECT repository, dimension, ${d.toDate("scored_at")} AS day, SUM(score_normalised) AS total, COUNT(*) AS scores
  FROM ranked WHERE pick = 1
  GROUP BY repository, dimension, ${d.toDate("scored_at")}
)`;
}
function rolling(days) {
  return (d) => `${auditDaily(d)}
SELECT repository, dimension, day,
  SUM(total) OVER w / SUM(scores) OVER w AS rolling_mean,
  SUM(scores) OVER w AS scores_in_window
FROM daily
WINDOW w AS (PARTITION BY repository, dimension ORDER BY ${d.dayNumber("day")} RANGE BETWEEN ${days - 1} PRECEDING AND CURRENT ROW)`;
}
var VIEWS = [
  { name: "audit_rolling_30d", description: "Mean normalised audit score (0..1) per dimension over the 30 days up to each day; random stratum, one score per transcript.", sql: rolling(30) },
  { name: "audit_rolling_90d", description: "As audit_rolling_30d over 90 days.", sql: rolling(90) },
  {
    name: "incidents_weekly",
    description: "Incidents started per week (Monday) and severity.",
    sql: (d) => `SELECT repository, ${d.weekStart("started_at")} AS week, severity, COUNT(*) AS incidents
FROM ${d.table("incidents")}
WHERE started_at IS NOT NULL
GROUP BY repository, ${d.weekStart("started_at")}, severity`
  },
  {
    name: "resolve_time_monthly",
    description: "Median and worst minutes from start to resolution of the incidents resolved in each month.",
    sql: (d) => `SELECT repository, ${d.monthStart("resolved_at")} AS month, COUNT(*) AS resolved_incidents,
  ${d.median(d.minutesBetween("started_at", "resolved_at"))} AS median_minutes,
  MAX(${d.minutesBetween("started_at", "resolved_at")}) AS worst_minutes
FROM ${d.table("incidents")}
WHERE resolved_at IS NOT NULL AND started_at IS NOT NULL
GROUP BY repository, ${d.monthStart("resolved_at")}`
  },
  {
    name: "backlog_daily",
    description: "Open and overdue action items per export day.",
    sql: (d) => `SELECT repository, snapshot_date, ${d.countIf("is_open")} AS open_items, ${d.countIf("overdue")} AS overdue_items, COUNT(*) AS items
FROM ${d.table("action_items")}
GROUP BY repository, snapshot_date`
  }
];

// src/io/row-encoding.ts
import { Buffer as Buffer2 } from "node:buffer";
function field(value2) {
  if (value2 === null || value2 === void 0) return "";
  if (typeof value2 === "string") return `"${value2.includes('"') ? value2.replaceAll('"', '""') : value2}"`;
  return String(value2);
}
var CsvLineWriter = class {
  constructor(names) {
    this.names = names;
    this.lastValues = names.map(() => void 0);
    this.lastFields = names.map(() => "");
    this.fields = names.map(() => "");
  }
  names;
  lastValues;
  lastFields;
  fields;
  /** One CSV line (no newline) of a row, its values in the order of the names. */
  line(row) {
    for (let i = 0; i < this.names.length; i++) {
      const value2 = row[this.names[i]];
      if (value2 !== this.lastValues[i]) {
        this.lastValues[i] = value2;
        this.lastFields[i] = field(value2);
      }
      this.fields[i] = this.lastFields[i];
    }
    return this.fields.join(",");
  }
};
var EXACT_FROM_CHARS = 64 * 1024;
function encodeRows(encoding, names, rows) {
  const texts = new Array(rows.length);
  let longest = 0;
  if (encoding === "csv") {
    const writer = new CsvLineWriter(names);
    for (let i = 0; i < rows.length; i++) texts[i] = writer.line(rows[i]);
  } else {
    for (let i = 0; i < rows.length; i++) texts[i] = JSON.stringify(rows[i]);
  }
  for (const text of texts) {
    const bytes = text.length > EXACT_FROM_CHARS ? Buffer2.byteLength(text) : text.length * 3;
    if (bytes > longest) longest = bytes;
  }
  return { texts, ...encoding === "json" && { recordIds: rows.map((r) => String(r.record_id)) }, longest };
}

// src/io/json-row-batch.ts
var JsonRowBatch = class {
  /** Each row's JSON, in order. */
  json = [];
  /** Each row's record_id, in order. */
  recordIds = [];
  get rowCount() {
    return this.json.length;
  }
  add(rows) {
    this.addEncoded(encodeRows("json", [], rows));
  }
  addEncoded(rows) {
    if (rows.recordIds === void 0 || rows.recordIds.length !== rows.texts.length) throw new Error("this is a bug: JSON rows came without their record ids");
    for (const text of rows.texts) this.json.push(text);
    for (const id of rows.recordIds) this.recordIds.push(id);
  }
  /** Rows `start` to `end` as one JSON array, as `JSON.stringify(rows.slice(start, end))` would give. */
  jsonArray(start = 0, end = this.json.length) {
    return `[${this.json.slice(start, end).join(",")}]`;
  }
  /** The rows as newline-delimited JSON. */
  ndjson() {
    return this.json.join("\n");
  }
};

// src/io/own-batch.ts
function ownBatch(batch, kind, warehouse) {
  if (batch instanceof kind) return batch;
  throw new Error(`this is a bug: the ${warehouse} warehouse was given a batch made by another warehouse`);
}

// src/io/export-bigquery.ts
var bqType = { STRING: "STRING", INTEGER: "INTEGER", FLOAT: "FLOAT", BOOLEAN: "BOOLEAN", TIMESTAMP: "TIMESTAMP", DATE: "DATE", JSON: "JSON" };
var fieldsOf = (columns) => columns.map((c) => ({ name: c.name, type: bqType[c.type], mode: c.required ? "REQUIRED" : "NULLABLE", description: c.description }));
function errorOf(json) {
  const error = dictOrEmpty(dictOrEmpty(json).error);
  const first = dictOrEmpty(Array.isArray(error.errors) ? error.errors[0] : void 0);
  const message = typeof error.message === "string" ? error.message : typeof json === "string" ? json : "no details";
  return { message: sanitizeText(message, { multiline: false, maxLength: 300 }), ...typeof first.reason === "string" && { reason: first.reason } };
}
var isRateLimit = (r) => r.status === 403 && ["rateLimitExceeded", "backendError"].includes(errorOf(r.json).reason ?? "");
function openBigQueryWarehouse(settings) {
  const apiUrl = (settings.apiUrl ?? "https://bigquery.googleapis.com").replace(/\/+$/, "");
  const fetchFn = settings.fetch ?? fetch;
  const policy = settings.policy ?? DEFAULT_HTTP_POLICY;
  const sleep = settings.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const { project, dataset } = settings;
  const dialect = bigqueryDialect(project, dataset);
  const projectPath = `/bigquery/v2/projects/${encodeURIComponent(project)}`;
  const datasetPath = `${projectPath}/datasets/${encodeURIComponent(dataset)}`;
  const location = settings.location === void 0 ? "" : `location=${encodeURIComponent(settings.location)}`;
  async function call(method, path3, what, body, options = {}) {
    let response;
    try {
      response = await sendWithRetry(
        fetchFn,
        {
          url: `${apiUrl}${path3}`,
          method,
          headers: { authorization: `Bearer ${settings.token}`, ...body !== void 0 || options.raw !== void 0 ? { "content-type": options.contentType ?? "application/json" } : {} },
          ...options.raw !== void 0 ? { body: options.raw } : body !== void 0 ? { body: JSON.stringify(body) } : {},
          idempotent: options.idempotent ?? method !== "POST",
          what
        },
        policy,
        isRateLimit
      );
    } catch (error) {
      if (error instanceof HttpRequestError) throw new WarehouseError(`BigQuery: ${sanitizeText(error.message, { multiline: false, maxLength: 300 })}`, "check that BigQuery is reachable; the export can be re-run safely");
      throw error;
    }
    if (response.status === 401) throw new WarehouseError(`BigQuery refused the credentials (401) for ${what}`, "the access token is missing, expired or for another project: check the BigQuery credentials", true);
    if (response.status === 403) {
      const { message, reason } = errorOf(response.json);
      const quota = reason === "quotaExceeded";
      throw new WarehouseError(`BigQuery refused ${what} (403${reason ? ` ${reason}` : ""}): ${message}`, quota ? "a BigQuery quota is exhausted: wait and re-run (the export resumes where it stopped)" : `the account needs roles/bigquery.dataEditor on dataset ${project}:${dataset} and roles/bigquery.jobUser on project ${project}`, !quota);
    }
    return response;
  }
  const fail = (what, response, hint = "check the project, dataset and location settings") => {
    const { message } = errorOf(response.json);
    return new WarehouseError(`BigQuery: ${what} failed (${response.status}): ${message}`, hint, response.status === 400 || response.status === 404);
  };
  async function waitForJob(jobId, what) {
    const deadline = Date.now() + (settings.jobTimeoutMs ?? 6e5);
    let delay = 250;
    for (; ; ) {
      const r = await call("GET", `${projectPath}/jobs/${encodeURIComponent(jobId)}${location ? `?${location}` : ""}`, `${what} (job ${jobId})`);
      if (r.status >= 400) throw fail(what, r);
      const job = dictOrEmpty(r.json);
      const status = dictOrEmpty(job.status);
      if (status.state === "DONE") {
        const result = dictOrEmpty(status.errorResult);
        if (typeof result.message === "string") {
          const details = (Array.isArray(status.errors) ? status.errors : []).slice(0, 3).map((e) => sanitizeText(String(dictOrEmpty(e).message ?? ""), { multiline: false, maxLength: 200 }));
          throw new WarehouseError(`BigQuery: ${what} failed: ${sanitizeText(result.message, { multiline: false, maxLength: 300 })}${details.length > 0 ? ` (${details.join("; ")})` : ""}`, "the export can be re-run; if it fails again, the rows or the table schema do not match (see docs/export.md)");
        }
        return job;
      }
      if (Date.now() > deadline) throw new WarehouseError(`BigQuery: ${what}: job ${jobId} did not finish in time`, "re-run the export later: the job id is the same, so it is not run twice");
      await sleep(delay);
      delay = Math.min(delay * 2, 5e3);
    }
  }
  async function query(sql, what, options = {}) {
    const body = {
      query: sql,
      useLegacySql: false,
      requestId: options.requestId ?? randomUUID(),
      timeoutMs: 1e4,
      ...settings.location !== void 0 && { location: settings.location },
      ...options.params !== void 0 && {
        parameterMode: "NAMED",
        queryParameters: options.params.map(
          (p) => typeof p.value === "string" ? { name: p.name, parameterType: { type: p.type }, parameterValue: { value: p.value } } : { name: p.name, parameterType: { type: "ARRAY", arrayType: { type: p.type } }, parameterValue: { arrayValues: p.value.map((v) => ({ value: v })) } }
        )
      }
    };
    let r = await call("POST", `${projectPath}/queries`, what, body, { idempotent: true });
    if (r.status >= 400) throw fail(what, r);
    let result = dictOrEmpty(r.json);
    const jobId = String(dictOrEmpty(result.jobReference).jobId ?? "");
    const rows = [];
    let delay = 250;
    for (; ; ) {
      if (result.jobComplete === true) {
        const fields = (Array.isArray(dictOrEmpty(result.schema).fields) ? dictOrEmpty(result.schema).fields : []).map((f) => String(dictOrEmpty(f).name));
        for (const row of Array.isArray(result.rows) ? result.rows : []) {
          const cells = Array.isArray(dictOrEmpty(row).f) ? dictOrEmpty(row).f : [];
          rows.push(Object.fromEntries(fields.map((name, i) => [name, dictOrEmpty(cells[i]).v ?? null])));
        }
        if (typeof result.pageToken !== "string") return rows;
      } else await sleep(delay = Math.min(delay * 2, 5e3));
      const page = [location, result.jobComplete === true && typeof result.pageToken === "string" ? `pageToken=${encodeURIComponent(result.pageToken)}` : "", "timeoutMs=10000"].filter(Boolean).join("&");
      r = await call("GET", `${projectPath}/queries/${encodeURIComponent(jobId)}?${page}`, what);
      if (r.status >= 400) throw fail(what, r);
      result = dictOrEmpty(r.json);
    }
  }
  async function ensureTable(name, description, columns, changes) {
    const path3 = `${datasetPath}/tables/${encodeURIComponent(name)}`;
    const got = await call("GET", path3, `reading table ${name}`);
    if (got.status === 404) {
      const created = await call("POST", `${datasetPath}/tables`, `creating table ${name}`, { tableReference: { projectId: project, datasetId: dataset, tableId: name }, description, schema: { fields: fieldsOf(columns) } });
      if (created.status >= 400 && created.status !== 409) throw fail(`creating table ${name}`, created);
      changes.push({ description: `created table ${name}` });
      return;
    }
    if (got.status >= 400) throw fail(`reading table ${name}`, got);
    const existing = (Array.isArray(dictOrEmpty(dictOrEmpty(got.json).schema).fields) ? dictOrEmpty(dictOrEmpty(got.json).schema).fields : []).map(dictOrEmpty);
    const have = new Set(existing.map((f) => String(f.name)));
    const missing = columns.filter((c) => !have.has(c.name));
    if (missing.length === 0) return;
    const fields = [...existing, ...fieldsOf(missing).map((f) => ({ ...f, mode: "NULLABLE" }))];
    const patched = await call("PUT", path3, `adding columns to ${name}`, { tableReference: { projectId: project, datasetId: dataset, tableId: name }, schema: { fields } });
    if (patched.status >= 400) throw fail(`adding columns to ${name}`, patched);
    for (const c of missing) changes.push({ description: `added column ${name}.${c.name}` });
  }
  async function load(table, stage, rows, batchId) {
    const jobId = `reliability_loop_${table.name}_${batchId}`;
    const job = {
      jobReference: { projectId: project, jobId, ...settings.location !== void 0 && { location: settings.location } },
      configuration: {
        load: {
          destinationTable: { projectId: project, datasetId: dataset, tableId: stage },
          sourceFormat: "NEWLINE_DELIMITED_JSON",
          schema: { fields: fieldsOf(table.columns) },
          writeDisposition: "WRITE_TRUNCATE",
          createDisposition: "CREATE_IF_NEEDED"
        }
      }
    };
    const boundary = `reliability-loop-${batchId}`;
    const body = [`--${boundary}`, "Content-Type: application/json; charset=UTF-8", "", JSON.stringify(job), `--${boundary}`, "Content-Type: application/octet-stream", "", rows.ndjson(), `--${boundary}--`, ""].join("\r\n");
    const r = await call("POST", `/upload${projectPath}/jobs?uploadType=multipart`, `loading ${rows.rowCount} rows into ${table.name}`, void 0, { idempotent: true, contentType: `multipart/related; boundary=${boundary}`, raw: body });
    if (r.status >= 400 && r.status !== 409) throw fail(`loading rows into ${table.name}`, r);
    await waitForJob(jobId, `loading rows into ${table.name}`);
  }
  const scopeParams = (repository, sources, snapshotDate) => [
    { name: "repository", type: "STRING", value: repository },
    { name: "sources", type: "STRING", value: sources },
    ...snapshotDate === void 0 ? [] : [{ name: "snapshot", type: "DATE", value: snapshotDate }]
  ];
  return {
    describe: `BigQuery ${project}:${dataset}`,
    async ensureSchema() {
      const changes = [];
      const got = await call("GET", datasetPath, `reading dataset ${dataset}`);
      if (got.status === 404) {
        const created = await call("POST", `${projectPath}/datasets`, `creating dataset ${dataset}`, { datasetReference: { projectId: project, datasetId: dataset }, ...settings.location !== void 0 && { location: settings.location }, description: "Reliability records exported by reliability-loop." });
        if (created.status >= 400 && created.status !== 409) throw fail(`creating dataset ${dataset}`, created, `check that project ${project} exists and the account may create datasets, or create ${dataset} yourself`);
        changes.push({ description: `created dataset ${dataset}` });
      } else if (got.status >= 400) throw fail(`reading dataset ${dataset}`, got);
      for (const table of TABLES) await ensureTable(table.name, table.description, table.columns, changes);
      await ensureTable(STATE_TABLE, "What reliability-loop export has sent, per table and source file.", STATE_COLUMNS, changes);
      for (const view of VIEWS) {
        await query(`CREATE OR REPLACE VIEW ${dialect.table(view.name)} OPTIONS (description = ${JSON.stringify(view.description)}) AS
${view.sql(dialect)}`, `creating view ${view.name}`);
      }
      return changes;
    },
    async readState(repository) {
      const got = await call("GET", `${datasetPath}/tables/${encodeURIComponent(STATE_TABLE)}`, "reading the export state");
      if (got.status === 404) return [];
      const rows = await query(`SELECT table_name, source, fingerprint, row_count FROM ${dialect.table(STATE_TABLE)} WHERE repository = @repository`, "reading the export state", { params: [{ name: "repository", type: "STRING", value: repository }] });
      return rows.map((r) => ({ table: String(r.table_name), source: String(r.source), fingerprint: String(r.fingerprint), rowCount: Number(r.row_count) }));
    },
    rowEncoding: "json",
    newBatch: () => new JsonRowBatch(),
    async replace(table, repository, sources, batch, batchId, snapshotDate) {
      const rows = ownBatch(batch, JsonRowBatch, "BigQuery");
      const snapshot = snapshotDate !== void 0 && table.snapshotColumn !== void 0 ? snapshotDate : void 0;
      const scope = `T.repository = @repository AND T.source IN UNNEST(@sources)${snapshot === void 0 ? "" : ` AND T.${table.snapshotColumn} = @snapshot`}`;
      const params = scopeParams(repository, sources, snapshot);
      if (rows.rowCount === 0) {
        await query(`DELETE FROM ${dialect.table(table.name)} T WHERE ${scope}`, `removing rows from ${table.name}`, { params, requestId: requestIdFor(batchId) });
        return;
      }
      const stage = `_reliability_loop_stage_${table.name}_${batchId.slice(0, 16)}`;
      await load(table, stage, rows, batchId);
      const names = table.columns.map((c) => c.name);
      await query(
        `MERGE INTO ${dialect.table(table.name)} T USING ${dialect.table(stage)} S ON T.record_id = S.record_id
WHEN MATCHED THEN UPDATE SET ${names.filter((n) => n !== "record_id").map((n) => `${n} = S.${n}`).join(", ")}
WHEN NOT MATCHED BY TARGET THEN INSERT (${names.join(", ")}) VALUES (${names.map((n) => `S.${n}`).join(", ")})${// A file's later batches add to its rows: only a batch that starts files removes their old rows.
        sources.length === 0 ? "" : `
WHEN NOT MATCHED BY SOURCE AND ${scope} THEN DELETE`}`,
        `merging rows into ${table.name}`,
        { ...sources.length > 0 && { params }, requestId: requestIdFor(batchId) }
      );
      const dropped = await call("DELETE", `${datasetPath}/tables/${encodeURIComponent(stage)}`, `dropping the staging table ${stage}`);
      if (dropped.status >= 400 && dropped.status !== 404) throw fail(`dropping the staging table ${stage}`, dropped);
    },
    async recordState(repository, sent, removed, at) {
      const keys = [...sent, ...removed].map((e) => `${e.table}\0${e.source}`);
      if (keys.length === 0) return;
      const literal2 = (s) => JSON.stringify(s);
      const values = sent.map((s) => `(${literal2(s.table)}, @repository, ${literal2(s.source)}, ${literal2(s.fingerprint)}, ${s.rowCount}, TIMESTAMP ${literal2(at.toISOString())})`);
      await query(
        `DELETE FROM ${dialect.table(STATE_TABLE)} WHERE repository = @repository AND CONCAT(table_name, CODE_POINTS_TO_STRING([0]), source) IN UNNEST(@keys);${values.length === 0 ? "" : `
INSERT INTO ${dialect.table(STATE_TABLE)} (table_name, repository, source, fingerprint, row_count, exported_at) VALUES ${values.join(", ")};`}`,
        "recording the export state",
        { params: [{ name: "repository", type: "STRING", value: repository }, { name: "keys", type: "STRING", value: keys }] }
      );
    },
    async close() {
    }
  };
}

// src/io/export-duckdb.ts
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// src/io/duckdb-csv.ts
import { closeSync, openSync, writeSync } from "node:fs";
var ROWS_PER_WRITE = 4096;
var DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024;
var READ_BUFFER_BYTES = 4 * 1024 * 1024;
var CsvFileBatch = class {
  constructor(file, columns) {
    this.file = file;
    this.names = columns.map((c) => c.name);
  }
  file;
  names;
  fd;
  rows = 0;
  longest = 0;
  get rowCount() {
    return this.rows;
  }
  get longestLine() {
    return this.longest;
  }
  add(rows) {
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) this.addEncoded(encodeRows("csv", this.names, rows.slice(start, start + ROWS_PER_WRITE)));
  }
  addEncoded(rows) {
    if (rows.texts.length === 0) return;
    this.fd ??= openSync(this.file, "w");
    writeSync(this.fd, `${rows.texts.join("\n")}
`);
    this.rows += rows.texts.length;
    if (rows.longest > this.longest) this.longest = rows.longest;
  }
  /** Ends the file; the batch takes no more rows. */
  close() {
    if (this.fd !== void 0) closeSync(this.fd);
    this.fd = void 0;
  }
};
var maxLineBytes = (longestLine) => Math.max(DEFAULT_MAX_LINE_BYTES, longestLine + 1);
function csvReadBufferBytes(longestLine) {
  return Math.max(READ_BUFFER_BYTES, 2 * maxLineBytes(longestLine));
}
function readCsvOptions(columnTypes, longestLine) {
  return `header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, max_line_size = ${maxLineBytes(longestLine)}, buffer_size = ${csvReadBufferBytes(longestLine)}, columns = {${columnTypes}}`;
}

// src/io/export-duckdb.ts
var DUCKDB_INSTALL_HINT = "DuckDB is an optional dependency of the CLI: install it with `npm install @duckdb/node-api` (or choose --to bigquery|snowflake)";
async function loadDuckDb() {
  try {
    return await import("@duckdb/node-api");
  } catch (error) {
    throw new WarehouseError(`cannot load DuckDB (@duckdb/node-api): ${errorMessage(error).split("\n")[0]}`, DUCKDB_INSTALL_HINT, true);
  }
}
var DUCKDB_BATCH_ROWS = 122880;
var DUCKDB_SETTINGS = { threads: "1", allocator_flush_threshold: "8MB", allocator_background_threads: "true" };
var DUCKDB_MEMORY_MIB = 64;
function loadFailureHint(message, memoryMiB, longestLine) {
  if (/out of memory/i.test(message)) return `DuckDB had ${memoryMiB} MiB for a batch whose longest row is up to ${longestLine} bytes; free memory on this machine and re-run (it resumes where it stopped), and report it if it happens again`;
  return "this is a bug if the table was created by reliability-loop; otherwise check the table's columns";
}
var quote = (text) => `'${text.replace(/'/g, "''")}'`;
var ident = (name) => `"${name.replace(/"/g, '""')}"`;
async function openDuckDbWarehouse(absPath, shownPath, options = {}) {
  const duckdb = await loadDuckDb();
  const baseMemoryMiB = options.memoryMiB ?? DUCKDB_MEMORY_MIB;
  let memoryMiB = baseMemoryMiB;
  if (options.readOnly && !existsSync(absPath)) return emptyWarehouse(`DuckDB ${shownPath} (not created yet)`);
  if (!options.readOnly) await mkdir(dirname(absPath), { recursive: true });
  let connection;
  let instance;
  try {
    instance = await duckdb.DuckDBInstance.create(absPath, { ...options.readOnly && { access_mode: "READ_ONLY" }, ...DUCKDB_SETTINGS, memory_limit: `${baseMemoryMiB}MiB` });
    connection = await instance.connect();
  } catch (error) {
    throw new WarehouseError(`cannot open the DuckDB file ${shownPath}: ${errorMessage(error).split("\n")[0]}`, "check the path (export.duckdb.path) and that no other process holds the file open", true);
  }
  const dialect = duckdbDialect();
  const scratch = await mkdtemp(join(tmpdir(), "reliability-loop-export-"));
  let batches = 0;
  const all = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  async function ensureTable(name, description, columns, changes) {
    const existing = new Set((await all(`SELECT column_name FROM information_schema.columns WHERE table_name = ${quote(name)} AND table_schema = 'main'`)).map((r) => String(r.column_name)));
    if (existing.size === 0) {
      await connection.run(`CREATE TABLE ${ident(name)} (${columns.map((c) => `${ident(c.name)} ${dialect.type(c.type)}`).join(", ")})`);
      await connection.run(`COMMENT ON TABLE ${ident(name)} IS ${quote(description)}`);
      for (const c of columns) await connection.run(`COMMENT ON COLUMN ${ident(name)}.${ident(c.name)} IS ${quote(c.description)}`);
      changes.push({ description: `created table ${name}` });
      return;
    }
    for (const c of columns.filter((col) => !existing.has(col.name))) {
      await connection.run(`ALTER TABLE ${ident(name)} ADD COLUMN ${ident(c.name)} ${dialect.type(c.type)}`);
      await connection.run(`COMMENT ON COLUMN ${ident(name)}.${ident(c.name)} IS ${quote(c.description)}`);
      changes.push({ description: `added column ${name}.${c.name}` });
    }
  }
  return {
    describe: `DuckDB ${shownPath}`,
    batchRows: DUCKDB_BATCH_ROWS,
    rowEncoding: "csv",
    async ensureSchema() {
      const changes = [];
      for (const table of TABLES) await ensureTable(table.name, table.description, table.columns, changes);
      await ensureTable(STATE_TABLE, "What reliability-loop export has sent, per table and source file.", STATE_COLUMNS, changes);
      for (const view of VIEWS) {
        await connection.run(`CREATE OR REPLACE VIEW ${ident(view.name)} AS ${view.sql(dialect)}`);
        await connection.run(`COMMENT ON VIEW ${ident(view.name)} IS ${quote(view.description)}`);
      }
      return changes;
    },
    async readState(repository) {
      if ((await all(`SELECT 1 FROM information_schema.tables WHERE table_name = ${quote(STATE_TABLE)}`)).length === 0) return [];
      const rows = await all(`SELECT table_name, source, fingerprint, row_count FROM ${ident(STATE_TABLE)} WHERE repository = ${quote(repository)}`);
      return rows.map((r) => ({ table: String(r.table_name), source: String(r.source), fingerprint: String(r.fingerprint), rowCount: Number(r.row_count) }));
    },
    newBatch: (table) => new CsvFileBatch(join(scratch, `batch-${++batches}.csv`), table.columns),
    async replace(table, repository, sources, batch, _batchId, snapshotDate) {
      const rows = ownBatch(batch, CsvFileBatch, "DuckDB");
      rows.close();
      const file = rows.file;
      const columns = table.columns.map((c) => `${quote(c.name)}: ${quote(dialect.type(c.type))}`).join(", ");
      const names = table.columns.map((c) => ident(c.name)).join(", ");
      const scope = `repository = $repository AND source IN (SELECT unnest(from_json($sources, '["VARCHAR"]')))${snapshotDate === void 0 || table.snapshotColumn === void 0 ? "" : ` AND ${ident(table.snapshotColumn)} = DATE ${quote(snapshotDate)}`}`;
      const needMiB = Math.max(baseMemoryMiB, Math.ceil(3 * csvReadBufferBytes(rows.longestLine) / 1048576));
      try {
        if (needMiB !== memoryMiB) {
          await connection.run(`SET memory_limit = '${needMiB}MiB'`);
          memoryMiB = needMiB;
        }
        await connection.run("BEGIN TRANSACTION");
        if (sources.length > 0) await connection.run(`DELETE FROM ${ident(table.name)} WHERE ${scope}`, { repository, sources: JSON.stringify(sources) });
        if (rows.rowCount > 0) await connection.run(`INSERT INTO ${ident(table.name)} (${names}) SELECT ${names} FROM read_csv(${quote(file)}, ${readCsvOptions(columns, rows.longestLine)})`);
        await connection.run("COMMIT");
      } catch (error) {
        await connection.run("ROLLBACK").catch(() => void 0);
        const message = errorMessage(error).split("\n")[0] ?? "";
        throw new WarehouseError(`DuckDB refused the rows of ${table.name}: ${message}`, loadFailureHint(message, memoryMiB, rows.longestLine));
      } finally {
        await rm(file, { force: true });
      }
    },
    async recordState(repository, sent, removed, at) {
      const forget = [...sent, ...removed];
      await connection.run("BEGIN TRANSACTION");
      try {
        if (forget.length > 0) {
          await connection.run(
            `DELETE FROM ${ident(STATE_TABLE)} WHERE repository = $repository AND (table_name, source) IN (SELECT e->>0, e->>1 FROM (SELECT unnest(CAST($entries AS JSON[])) AS e))`,
            { repository, entries: JSON.stringify(forget.map((e) => [e.table, e.source])) }
          );
        }
        if (sent.length > 0) {
          await connection.run(
            `INSERT INTO ${ident(STATE_TABLE)} (table_name, repository, source, fingerprint, row_count, exported_at)
SELECT e->>0, $repository, e->>1, e->>2, CAST(e->>3 AS BIGINT), CAST($at AS TIMESTAMPTZ) FROM (SELECT unnest(CAST($entries AS JSON[])) AS e)`,
            { repository, at: at.toISOString(), entries: JSON.stringify(sent.map((e) => [e.table, e.source, e.fingerprint, e.rowCount])) }
          );
        }
        await connection.run("COMMIT");
      } catch (error) {
        await connection.run("ROLLBACK").catch(() => void 0);
        throw error;
      }
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      await rm(scratch, { recursive: true, force: true });
    }
  };
}
function emptyWarehouse(describe) {
  const refusal = () => new WarehouseError("a dry run writes nothing", "this is a bug: a dry run must not reach the warehouse's writes");
  const refuse = async () => {
    throw refusal();
  };
  return {
    describe,
    rowEncoding: "csv",
    ensureSchema: refuse,
    readState: async () => [],
    newBatch: () => {
      throw refusal();
    },
    replace: refuse,
    recordState: refuse,
    close: async () => {
    }
  };
}
async function queryDuckDb(absPath, sql) {
  const duckdb = await loadDuckDb();
  const instance = await duckdb.DuckDBInstance.create(absPath, { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJson() };
  } catch (error) {
    throw new WarehouseError(`the query failed: ${errorMessage(error).split("\n")[0]}`, "the views are audit_rolling_30d, audit_rolling_90d, incidents_weekly, resolve_time_monthly and backlog_daily (docs/export.md)", true);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// src/io/export-snowflake.ts
import { createHash as createHash2, createPrivateKey, createPublicKey, createSign, randomUUID as randomUUID2 } from "node:crypto";
function jwtAccountName(account) {
  const name = account.replace(/\.snowflakecomputing\.com$/i, "");
  return (name.includes(".") ? name.split(".")[0] : name).toUpperCase();
}
function snowflakeJwt(settings, nowMs) {
  let key;
  try {
    key = createPrivateKey({ key: settings.privateKey ?? "", format: "pem", ...settings.passphrase !== void 0 && settings.passphrase !== "" && { passphrase: settings.passphrase } });
  } catch (error) {
    throw new WarehouseError(`SNOWFLAKE_PRIVATE_KEY cannot be read as a PEM private key (${errorMessage(error).split("\n")[0]})`, "give the PKCS#8 PEM key (-----BEGIN PRIVATE KEY----- or ENCRYPTED PRIVATE KEY with SNOWFLAKE_PRIVATE_KEY_PASSPHRASE)", true);
  }
  const der = createPublicKey(key).export({ type: "spki", format: "der" });
  const fingerprint2 = `SHA256:${createHash2("sha256").update(der).digest("base64")}`;
  const qualified = `${jwtAccountName(settings.account)}.${settings.user.toUpperCase()}`;
  const now = Math.floor(nowMs / 1e3);
  const part = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iss: `${qualified}.${fingerprint2}`, sub: qualified, iat: now, exp: now + 3540 })}`;
  return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(key, "base64url")}`;
}
var castOf = { STRING: "STRING", INTEGER: "NUMBER(38,0)", FLOAT: "FLOAT", BOOLEAN: "BOOLEAN", TIMESTAMP: "TIMESTAMP_TZ", DATE: "DATE", JSON: "VARIANT" };
var literal = (s) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
function openSnowflakeWarehouse(settings) {
  const apiUrl = (settings.apiUrl ?? `https://${settings.account.replace(/\.snowflakecomputing\.com$/i, "").toLowerCase()}.snowflakecomputing.com`).replace(/\/+$/, "");
  const fetchFn = settings.fetch ?? fetch;
  const policy = settings.policy ?? DEFAULT_HTTP_POLICY;
  const sleep = settings.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const now = settings.now ?? Date.now;
  const dialect = snowflakeDialect(settings.database, settings.schema);
  const chunkRows = settings.chunkRows ?? 5e3;
  let jwt;
  const auth = () => {
    if (settings.accessToken !== void 0 && settings.accessToken !== "") return { authorization: `Bearer ${settings.accessToken}`, "x-snowflake-authorization-token-type": "PROGRAMMATIC_ACCESS_TOKEN" };
    if (jwt === void 0 || jwt.until < now()) jwt = { token: snowflakeJwt(settings, now()), until: now() + 50 * 6e4 };
    return { authorization: `Bearer ${jwt.token}`, "x-snowflake-authorization-token-type": "KEYPAIR_JWT" };
  };
  async function send(method, path3, what, body) {
    let response;
    try {
      response = await sendWithRetry(fetchFn, { url: `${apiUrl}${path3}`, method, headers: { ...auth(), accept: "application/json", "user-agent": "reliability-loop", ...body !== void 0 && { "content-type": "application/json" } }, ...body !== void 0 && { body: JSON.stringify(body) }, idempotent: true, what }, policy);
    } catch (error) {
      if (error instanceof HttpRequestError) throw new WarehouseError(`Snowflake: ${sanitizeText(error.message, { multiline: false, maxLength: 300 })}`, "check that the account URL is reachable; the export can be re-run safely");
      throw error;
    }
    const message = sanitizeText(String(dictOrEmpty(response.json).message ?? ""), { multiline: false, maxLength: 300 });
    if (response.status === 401) throw new WarehouseError(`Snowflake refused the credentials (401) for ${what}${message ? `: ${message}` : ""}`, "check SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and that the public key is set on the user (ALTER USER … SET RSA_PUBLIC_KEY), or the programmatic access token", true);
    if (response.status === 403) throw new WarehouseError(`Snowflake refused ${what} (403)${message ? `: ${message}` : ""}`, `the role needs USAGE on the warehouse and database, and CREATE TABLE/VIEW on schema ${settings.database}.${settings.schema}`, true);
    return response;
  }
  async function execute(statement, what, bindings = [], requestId = randomUUID2()) {
    const body = {
      statement,
      timeout: 600,
      database: settings.database,
      schema: settings.schema,
      ...settings.warehouse !== void 0 && { warehouse: settings.warehouse },
      ...settings.role !== void 0 && { role: settings.role },
      ...bindings.length > 0 && { bindings: Object.fromEntries(bindings.map((value2, i) => [String(i + 1), { type: "TEXT", value: value2 }])) },
      parameters: { timezone: "UTC" }
    };
    let r = await send("POST", `/api/v2/statements?requestId=${requestId}&async=false`, what, body);
    let delay = 250;
    for (; ; ) {
      if (r.status === 202) {
        const handle = String(dictOrEmpty(r.json).statementHandle ?? "");
        await sleep(delay = Math.min(delay * 2, 5e3));
        r = await send("GET", `/api/v2/statements/${encodeURIComponent(handle)}`, what);
        continue;
      }
      if (r.status !== 200) {
        const failure = dictOrEmpty(r.json);
        throw new WarehouseError(`Snowflake: ${what} failed (${r.status}${failure.sqlState ? ` ${String(failure.sqlState)}` : ""}): ${sanitizeText(String(failure.message ?? "no details"), { multiline: false, maxLength: 300 })}`, r.status === 422 ? "the statement was refused: check the database, schema and that the tables were created by reliability-loop" : "the export can be re-run safely", r.status === 422 || r.status === 400 || r.status === 404);
      }
      const result = dictOrEmpty(r.json);
      const columns = (Array.isArray(dictOrEmpty(result.resultSetMetaData).rowType) ? dictOrEmpty(result.resultSetMetaData).rowType : []).map((c) => String(dictOrEmpty(c).name).toLowerCase());
      return (Array.isArray(result.data) ? result.data : []).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
    }
  }
  async function ensureTable(name, description, columns, changes) {
    const existing = await execute(`SELECT column_name FROM ${JSON.stringify(settings.database)}.INFORMATION_SCHEMA.COLUMNS WHERE table_schema = ? AND table_name = ?`, `reading table ${name}`, [settings.schema, name.toUpperCase()]);
    const have = new Set(existing.map((r) => String(r.column_name).toLowerCase()));
    if (have.size === 0) {
      await execute(`CREATE TABLE IF NOT EXISTS ${dialect.table(name)} (${columns.map((c) => `${c.name} ${dialect.type(c.type)} COMMENT ${literal(c.description)}`).join(", ")}) COMMENT = ${literal(description)}`, `creating table ${name}`);
      changes.push({ description: `created table ${name}` });
      return;
    }
    for (const c of columns.filter((col) => !have.has(col.name))) {
      await execute(`ALTER TABLE ${dialect.table(name)} ADD COLUMN IF NOT EXISTS ${c.name} ${dialect.type(c.type)} COMMENT ${literal(c.description)}`, `adding column ${name}.${c.name}`);
      changes.push({ description: `added column ${name}.${c.name}` });
    }
  }
  const scopeOf = (table, snapshot) => `repository = ? AND source IN (SELECT value::STRING FROM TABLE(FLATTEN(PARSE_JSON(?))))${snapshot === void 0 ? "" : ` AND ${table.snapshotColumn} = ?::DATE`}`;
  return {
    describe: `Snowflake ${settings.database}.${settings.schema}`,
    async ensureSchema() {
      const changes = [];
      for (const table of TABLES) await ensureTable(table.name, table.description, table.columns, changes);
      await ensureTable(STATE_TABLE, "What reliability-loop export has sent, per table and source file.", STATE_COLUMNS, changes);
      for (const view of VIEWS) await execute(`CREATE OR REPLACE VIEW ${dialect.table(view.name)} COMMENT = ${literal(view.description)} AS
${view.sql(dialect)}`, `creating view ${view.name}`);
      return changes;
    },
    async readState(repository) {
      const exists = await execute(`SELECT COUNT(*) AS n FROM ${JSON.stringify(settings.database)}.INFORMATION_SCHEMA.TABLES WHERE table_schema = ? AND table_name = ?`, "reading the export state", [settings.schema, STATE_TABLE.toUpperCase()]);
      if (Number(exists[0]?.n ?? 0) === 0) return [];
      const rows = await execute(`SELECT table_name, source, fingerprint, row_count FROM ${dialect.table(STATE_TABLE)} WHERE repository = ?`, "reading the export state", [repository]);
      return rows.map((r) => ({ table: String(r.table_name), source: String(r.source), fingerprint: String(r.fingerprint), rowCount: Number(r.row_count) }));
    },
    rowEncoding: "json",
    newBatch: () => new JsonRowBatch(),
    async replace(table, repository, sources, batch, batchId, snapshotDate) {
      const rows = ownBatch(batch, JsonRowBatch, "Snowflake");
      const snapshot = snapshotDate !== void 0 && table.snapshotColumn !== void 0 ? snapshotDate : void 0;
      const scopeBindings = [repository, JSON.stringify(sources), ...snapshot === void 0 ? [] : [snapshot]];
      await execute(
        `DELETE FROM ${dialect.table(table.name)} WHERE ${scopeOf(table, snapshot)} AND record_id NOT IN (SELECT value::STRING FROM TABLE(FLATTEN(PARSE_JSON(?))))`,
        `removing old rows from ${table.name}`,
        [...scopeBindings, JSON.stringify(rows.recordIds)],
        requestIdFor(`${batchId}:delete`)
      );
      const names = table.columns.map((c) => c.name);
      const select = table.columns.map((c) => c.type === "JSON" ? `PARSE_JSON(value:${c.name}::STRING) AS ${c.name}` : `value:${c.name}::${castOf[c.type]} AS ${c.name}`).join(", ");
      for (let i = 0; i < rows.rowCount; i += chunkRows) {
        await execute(
          `MERGE INTO ${dialect.table(table.name)} T USING (SELECT ${select} FROM TABLE(FLATTEN(PARSE_JSON(?)))) S ON T.record_id = S.record_id
WHEN MATCHED THEN UPDATE SET ${names.filter((n) => n !== "record_id").map((n) => `T.${n} = S.${n}`).join(", ")}
WHEN NOT MATCHED THEN INSERT (${names.join(", ")}) VALUES (${names.map((n) => `S.${n}`).join(", ")})`,
          `merging rows into ${table.name}`,
          [rows.jsonArray(i, i + chunkRows)],
          requestIdFor(`${batchId}:merge:${i}`)
        );
      }
    },
    async recordState(repository, sent, removed, at) {
      const forget = [...sent, ...removed].map((e) => ({ table_name: e.table, source: e.source }));
      if (forget.length === 0) return;
      await execute(
        `DELETE FROM ${dialect.table(STATE_TABLE)} WHERE repository = ? AND (table_name, source) IN (SELECT value:table_name::STRING, value:source::STRING FROM TABLE(FLATTEN(PARSE_JSON(?))))`,
        "recording the export state",
        [repository, JSON.stringify(forget)]
      );
      if (sent.length === 0) return;
      await execute(
        `INSERT INTO ${dialect.table(STATE_TABLE)} (table_name, repository, source, fingerprint, row_count, exported_at) SELECT value:table_name::STRING, ?, value:source::STRING, value:fingerprint::STRING, value:row_count::NUMBER(38,0), ?::TIMESTAMP_TZ FROM TABLE(FLATTEN(PARSE_JSON(?)))`,
        "recording the export state",
        [repository, at.toISOString(), JSON.stringify(sent.map((s) => ({ table_name: s.table, source: s.source, fingerprint: s.fingerprint, row_count: s.rowCount })))]
      );
    },
    async close() {
    }
  };
}

// src/io/google-auth.ts
import { createSign as createSign2 } from "node:crypto";
import { readFile } from "node:fs/promises";
var BIGQUERY_SCOPE = "https://www.googleapis.com/auth/bigquery";
var DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
var GoogleAuthError = class extends Error {
  name = "GoogleAuthError";
};
var str = (d, k) => typeof d[k] === "string" ? d[k] : void 0;
var base64url = (data) => Buffer.from(data).toString("base64url");
async function postToken(fetchFn, policy, url, body, contentType, what, bearer) {
  const response = await sendWithRetry(fetchFn, { url, method: "POST", headers: { "content-type": contentType, ...bearer !== void 0 && { authorization: `Bearer ${bearer}` } }, body, idempotent: true, what }, policy);
  const json = response.json !== null && typeof response.json === "object" ? response.json : {};
  if (response.status >= 400) {
    const reason = str(json, "error_description") ?? str(json, "error") ?? (typeof json.error === "object" ? str(json.error, "message") : void 0) ?? `HTTP ${response.status}`;
    throw new GoogleAuthError(`${what} was refused (${response.status}): ${reason.slice(0, 200)}`);
  }
  return json;
}
function tokenOf(json, field2, what) {
  const token = str(json, field2);
  if (token === void 0 || token === "") throw new GoogleAuthError(`${what} answered without ${field2}`);
  return token;
}
async function serviceAccountToken(key, fetchFn, policy) {
  const email = str(key, "client_email");
  const privateKey = str(key, "private_key");
  if (email === void 0 || privateKey === void 0) throw new GoogleAuthError("the service-account key has no client_email or private_key");
  const tokenUri = str(key, "token_uri") ?? DEFAULT_TOKEN_URI;
  const now = Math.floor(Date.now() / 1e3);
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", ...str(key, "private_key_id") !== void 0 && { kid: str(key, "private_key_id") } }));
  const claims = base64url(JSON.stringify({ iss: email, scope: BIGQUERY_SCOPE, aud: tokenUri, iat: now, exp: now + 3600 }));
  let signature;
  try {
    signature = createSign2("RSA-SHA256").update(`${header}.${claims}`).sign(privateKey, "base64url");
  } catch (error) {
    throw new GoogleAuthError(`the service-account key's private_key cannot sign (${errorMessage(error).split("\n")[0]})`);
  }
  const body = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: `${header}.${claims}.${signature}` }).toString();
  return tokenOf(await postToken(fetchFn, policy, tokenUri, body, "application/x-www-form-urlencoded", `the token exchange for ${email}`), "access_token", "the token endpoint");
}
async function subjectToken(source, fetchFn, policy) {
  const format = source.format ?? {};
  const field2 = str(format, "subject_token_field_name");
  const fromText = (text) => {
    if (str(format, "type") !== "json") return text.trim();
    try {
      const value2 = JSON.parse(text)[field2 ?? "value"];
      if (typeof value2 === "string") return value2;
    } catch {
    }
    throw new GoogleAuthError(`the workload identity subject token has no "${field2 ?? "value"}" field`);
  };
  const file = str(source, "file");
  if (file !== void 0) return fromText(await readFile(file, "utf8").catch((e) => {
    throw new GoogleAuthError(`cannot read the subject token file: ${errorMessage(e)}`);
  }));
  const url = str(source, "url");
  if (url === void 0) throw new GoogleAuthError("the external_account credentials name neither a credential_source file nor url (only those two are supported)");
  const headers = Object.fromEntries(Object.entries(source.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const response = await sendWithRetry(fetchFn, { url, method: "GET", headers, idempotent: true, what: "the OIDC token request (credential_source.url)" }, policy);
  if (response.status >= 400) throw new GoogleAuthError(`the OIDC token request (credential_source.url) was refused (${response.status}); on GitHub Actions the job needs \`permissions: id-token: write\``);
  return fromText(typeof response.json === "string" ? response.json : JSON.stringify(response.json));
}
async function externalAccountToken(cred, fetchFn, policy) {
  const tokenUrl = str(cred, "token_url");
  const audience = str(cred, "audience");
  if (tokenUrl === void 0 || audience === void 0) throw new GoogleAuthError("the external_account credentials have no token_url or audience");
  const subject = await subjectToken(cred.credential_source ?? {}, fetchFn, policy);
  const impersonation = str(cred, "service_account_impersonation_url");
  const body = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    audience,
    scope: impersonation === void 0 ? BIGQUERY_SCOPE : "https://www.googleapis.com/auth/cloud-platform",
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
    subject_token_type: str(cred, "subject_token_type") ?? "urn:ietf:params:oauth:token-type:jwt",
    subject_token: subject
  }).toString();
  const federated = tokenOf(await postToken(fetchFn, policy, tokenUrl, body, "application/x-www-form-urlencoded", "the workload identity token exchange (STS)"), "access_token", "the STS endpoint");
  if (impersonation === void 0) return federated;
  const impersonated = await postToken(fetchFn, policy, impersonation, JSON.stringify({ scope: [BIGQUERY_SCOPE], lifetime: "3600s" }), "application/json", "the service account impersonation", federated);
  return tokenOf(impersonated, "accessToken", "the impersonation endpoint");
}
async function authorizedUserToken(cred, fetchFn, policy) {
  const body = new URLSearchParams({ grant_type: "refresh_token", client_id: str(cred, "client_id") ?? "", client_secret: str(cred, "client_secret") ?? "", refresh_token: str(cred, "refresh_token") ?? "" }).toString();
  return tokenOf(await postToken(fetchFn, policy, str(cred, "token_uri") ?? DEFAULT_TOKEN_URI, body, "application/x-www-form-urlencoded", "the refresh-token exchange"), "access_token", "the token endpoint");
}
var GOOGLE_CREDENTIAL_HINT = "set BIGQUERY_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS to a credentials file (google-github-actions/auth sets it), or BIGQUERY_CREDENTIALS_JSON to a service-account key from a secret";
async function googleAccessToken(env, fetchFn = fetch, policy = DEFAULT_HTTP_POLICY) {
  if (env.BIGQUERY_ACCESS_TOKEN !== void 0 && env.BIGQUERY_ACCESS_TOKEN !== "") return { token: env.BIGQUERY_ACCESS_TOKEN, from: "BIGQUERY_ACCESS_TOKEN" };
  let text;
  let from;
  if (env.BIGQUERY_CREDENTIALS_JSON !== void 0 && env.BIGQUERY_CREDENTIALS_JSON !== "") {
    text = env.BIGQUERY_CREDENTIALS_JSON;
    from = "BIGQUERY_CREDENTIALS_JSON";
  } else if (env.GOOGLE_APPLICATION_CREDENTIALS !== void 0 && env.GOOGLE_APPLICATION_CREDENTIALS !== "") {
    from = "GOOGLE_APPLICATION_CREDENTIALS";
    try {
      text = await readFile(env.GOOGLE_APPLICATION_CREDENTIALS, "utf8");
    } catch (error) {
      throw new GoogleAuthError(`cannot read the credentials file named by GOOGLE_APPLICATION_CREDENTIALS: ${errorMessage(error).replace(/'[^']*'/, "the file")}`);
    }
  } else throw new GoogleAuthError(`no BigQuery credentials: ${GOOGLE_CREDENTIAL_HINT}`);
  let cred;
  try {
    cred = JSON.parse(text);
  } catch {
    throw new GoogleAuthError(`${from} is not JSON credentials`);
  }
  const type = str(cred, "type");
  if (type === "service_account") return { token: await serviceAccountToken(cred, fetchFn, policy), from: `service account ${str(cred, "client_email") ?? ""} (${from})` };
  if (type === "external_account") return { token: await externalAccountToken(cred, fetchFn, policy), from: `workload identity federation (${from})` };
  if (type === "authorized_user") return { token: await authorizedUserToken(cred, fetchFn, policy), from: `gcloud user credentials (${from})` };
  throw new GoogleAuthError(`${from}: credentials of type ${JSON.stringify(type ?? null)} are not supported (service_account, external_account, authorized_user are)`);
}

// src/io/export-warehouse.ts
var value = (env, name, fallback) => {
  const v = env[name];
  return v !== void 0 && v.trim() !== "" ? v.trim() : fallback;
};
function required(v, variable, key) {
  if (v === void 0) throw new WarehouseError(`the export needs ${variable} (or ${key} in .github/reliability.yml)`, `set ${variable} in the environment (a repository variable or secret in the workflow)`, true);
  return v;
}
async function openWarehouse(target, settings, options) {
  const { env } = options;
  if (target === "duckdb") return openDuckDbWarehouse(path.join(options.root, settings.duckdbPath), settings.duckdbPath, { readOnly: options.dryRun === true });
  if (target === "bigquery") {
    const project = required(value(env, "BIGQUERY_PROJECT", settings.bigquery.project), "BIGQUERY_PROJECT", "export.bigquery.project");
    const dataset = required(value(env, "BIGQUERY_DATASET", settings.bigquery.dataset), "BIGQUERY_DATASET", "export.bigquery.dataset");
    const location = value(env, "BIGQUERY_LOCATION", settings.bigquery.location);
    let token;
    try {
      token = (await googleAccessToken({ BIGQUERY_ACCESS_TOKEN: value(env, "BIGQUERY_ACCESS_TOKEN"), BIGQUERY_CREDENTIALS_JSON: value(env, "BIGQUERY_CREDENTIALS_JSON"), GOOGLE_APPLICATION_CREDENTIALS: value(env, "GOOGLE_APPLICATION_CREDENTIALS") }, options.fetch)).token;
    } catch (error) {
      if (error instanceof GoogleAuthError) throw new WarehouseError(`BigQuery credentials: ${error.message}`, GOOGLE_CREDENTIAL_HINT, true);
      throw error;
    }
    const apiUrl2 = value(env, "BIGQUERY_API_URL");
    return openBigQueryWarehouse({ project, dataset, token, ...location !== void 0 && { location }, ...apiUrl2 !== void 0 && { apiUrl: apiUrl2 }, ...options.fetch !== void 0 && { fetch: options.fetch } });
  }
  const s = settings.snowflake;
  const account = required(value(env, "SNOWFLAKE_ACCOUNT", s.account), "SNOWFLAKE_ACCOUNT", "export.snowflake.account");
  const user = required(value(env, "SNOWFLAKE_USER", s.user), "SNOWFLAKE_USER", "export.snowflake.user");
  const database = required(value(env, "SNOWFLAKE_DATABASE", s.database), "SNOWFLAKE_DATABASE", "export.snowflake.database");
  const schema = required(value(env, "SNOWFLAKE_SCHEMA", s.schema), "SNOWFLAKE_SCHEMA", "export.snowflake.schema");
  const privateKey = env.SNOWFLAKE_PRIVATE_KEY?.trim() ? env.SNOWFLAKE_PRIVATE_KEY.replace(/\\n/g, "\n") : void 0;
  const accessToken = value(env, "SNOWFLAKE_TOKEN");
  if (privateKey === void 0 && accessToken === void 0) throw new WarehouseError("the Snowflake export needs SNOWFLAKE_PRIVATE_KEY (key-pair authentication) or SNOWFLAKE_TOKEN (a programmatic access token)", "add one of them as a secret and pass it to the step's env", true);
  const warehouse = value(env, "SNOWFLAKE_WAREHOUSE", s.warehouse);
  const role = value(env, "SNOWFLAKE_ROLE", s.role);
  const passphrase = value(env, "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE");
  const apiUrl = value(env, "SNOWFLAKE_API_URL");
  return openSnowflakeWarehouse({
    account,
    user,
    database,
    schema,
    ...warehouse !== void 0 && { warehouse },
    ...role !== void 0 && { role },
    ...privateKey !== void 0 && { privateKey },
    ...passphrase !== void 0 && { passphrase },
    ...accessToken !== void 0 && { accessToken },
    ...apiUrl !== void 0 && { apiUrl },
    ...options.fetch !== void 0 && { fetch: options.fetch }
  });
}

// src/io/node-export-adapters.ts
import { createHash as createHash3, hash } from "node:crypto";
import { closeSync as closeSync2, fstatSync, openSync as openSync2, readFileSync, readSync } from "node:fs";
import { join as join3 } from "node:path";

// src/io/export-audit-lines.ts
async function* auditLinesOf(absPath) {
  for await (const records of readNdjsonBatches(ndjsonFileSource(absPath))) yield records.map((r) => r.value === void 0 ? { line: r.line, problem: r.problem ?? "unreadable line" } : { line: r.line, value: r.value });
}

// src/io/export-audit-pool.ts
import { existsSync as existsSync2, statSync } from "node:fs";
import { join as join2 } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
var CREDITS = 64;
var MIN_BYTES_FOR_WORKERS = 8 * 1024 * 1024;
var WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 };
function workerScript() {
  const url = new URL("./export-audit-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync2(fileURLToPath(url)) ? url : void 0;
}
function auditPartsOnWorkers(root, paths, setup, options = {}) {
  const script = options.script ?? workerScript();
  const count = Math.min(paths.length, options.workers ?? coreCount() - 1);
  if (script === void 0 || count < 1) return void 0;
  const bytes = paths.reduce((sum, p) => sum + (statSync(join2(root, p), { throwIfNoEntry: false })?.size ?? 0), 0);
  if (bytes < (options.minBytes ?? MIN_BYTES_FOR_WORKERS)) return void 0;
  const files = paths.map((path3) => ({ path: path3, parts: [], done: false }));
  const byPath = new Map(files.map((f, i) => [f.path, i]));
  let next = 0;
  const workers = [];
  const wake = (file) => {
    file.wake?.();
    file.wake = void 0;
  };
  const assign = (worker) => {
    if (next >= files.length) {
      void worker.terminate();
      return;
    }
    const id = next++;
    worker.postMessage({ kind: "file", id, path: files[id].path });
  };
  const workerData = { root, ...setup, credits: CREDITS };
  for (let i = 0; i < count; i++) {
    const worker = new Worker(script, { workerData, resourceLimits: WORKER_LIMITS });
    worker.unref();
    worker.on("message", (reply) => {
      const file = files[reply.id];
      if (reply.kind === "part") file.parts.push({ part: { problems: reply.problems, encoded: { texts: reply.texts, ...reply.recordIds !== void 0 && { recordIds: reply.recordIds }, longest: reply.longest } }, worker });
      else {
        if (reply.kind === "failed") file.failed = reply.message;
        file.done = true;
        assign(worker);
      }
      wake(file);
    });
    worker.on("error", (error) => {
      for (const file of files) if (!file.done) {
        file.failed = `an export worker stopped: ${error.message}`;
        file.done = true;
        wake(file);
      }
    });
    workers.push(worker);
    assign(worker);
  }
  const partsOf2 = (path3) => {
    const index = byPath.get(path3);
    if (index === void 0) throw new Error(`this is a bug: ${path3} was not given to the export's workers`);
    const file = files[index];
    return {
      async *[Symbol.asyncIterator]() {
        for (; ; ) {
          const taken = file.parts.shift();
          if (taken !== void 0) {
            taken.worker.postMessage({ kind: "credit" });
            yield taken.part;
            continue;
          }
          if (file.failed !== void 0) throw new Error(`reading ${path3}: ${file.failed}`);
          if (file.done) return;
          await new Promise((resolve) => file.wake = resolve);
        }
      }
    };
  };
  return {
    partsOf: partsOf2,
    close: () => {
      for (const worker of workers) void worker.terminate();
    }
  };
}

// src/io/node-export-adapters.ts
var READ_WHOLE_BYTES = 4 << 20;
async function sha256File(absPath) {
  const fd = openSync2(absPath, "r");
  try {
    const size = fstatSync(fd).size;
    if (size <= READ_WHOLE_BYTES) return hash("sha256", readFileSync(fd), "hex");
    const digest = createHash3("sha256");
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) digest.update(buffer.subarray(0, read));
    return digest.digest("hex");
  } finally {
    closeSync2(fd);
  }
}
function createNodeExportAdapters(config) {
  const root = config.root;
  return {
    files: nodeRepoFiles(root),
    hashFile: (path3) => sha256File(join3(root, path3)),
    ndjsonLines: (path3) => auditLinesOf(join3(root, path3)),
    auditPartsElsewhere: (paths, setup) => auditPartsOnWorkers(root, paths, setup),
    openIncident(path3) {
      const fd = openSync2(join3(root, path3), "r");
      return {
        ends: (firstNeeded) => incidentEndsOf(fd, path3, firstNeeded),
        recordsFromStart: () => recordsFromStartOf(fd),
        recordsFromEnd: () => recordsFromEndOf(fd),
        close: () => closeSync2(fd)
      };
    }
  };
}

// src/io/repository-name.ts
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
function repositoryOfRemote(url) {
  const match = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : void 0;
}
function repositoryNameAt(root) {
  try {
    const url = execFileSync("git", ["remote", "get-url", "origin"], { cwd: root, stdio: ["ignore", "pipe", "ignore"], timeout: 5e3 }).toString();
    const name = repositoryOfRemote(url);
    if (name !== void 0) return name;
  } catch {
  }
  return basename(root);
}

// src/export/plan.ts
function planExport(current, state) {
  const held = new Map(state.map((s) => [`${s.table}\0${s.source}`, s.fingerprint]));
  const present = new Set(current.map((c) => `${c.table}\0${c.source}`));
  const send = current.filter((c) => held.get(`${c.table}\0${c.source}`) !== c.fingerprint);
  const remove = state.filter((s) => !present.has(`${s.table}\0${s.source}`)).map((s) => ({ table: s.table, source: s.source }));
  return { send, remove, unchanged: current.length - send.length };
}

// src/modes/export-batches.ts
import { createHash as createHash4 } from "node:crypto";

// src/modes/export-parts.ts
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
var YIELD_EVERY_MS = 5;
var EventLoopTurns = class {
  last = performance.now();
  async take() {
    if (performance.now() - this.last < YIELD_EVERY_MS) return;
    await yieldToEventLoop();
    this.last = performance.now();
  }
};
var madePart = (made) => ({
  problems: made.problems,
  count: made.rows.length,
  addTo: (batch, start, end) => batch.add(start === 0 && end === made.rows.length ? made.rows : made.rows.slice(start, end))
});
var encodedPart = (made) => ({
  problems: made.problems,
  count: made.encoded.texts.length,
  addTo: (batch, start, end) => batch.addEncoded(sliceEncoded(made.encoded, start, end))
});
function prefetchParts(sources) {
  const settle = /* @__PURE__ */ new Map();
  const out = /* @__PURE__ */ new Map();
  for (const source of sources) {
    const promise = new Promise((resolve, reject) => settle.set(source, { resolve, reject }));
    promise.catch(() => void 0);
    out.set(source, promise);
  }
  void (async () => {
    const turns = new EventLoopTurns();
    for (const source of sources) {
      const { resolve, reject } = settle.get(source);
      try {
        const parts = [];
        for await (const made of source.rows()) parts.push(madePart(made));
        resolve(parts);
      } catch (error) {
        reject(error);
      }
      await turns.take();
    }
  })();
  return out;
}
async function* partsOf(made) {
  for await (const rows of made) yield madePart(rows);
}
async function* encodedPartsOf(made) {
  for await (const encoded of made) yield encodedPart(encoded);
}

// src/modes/export-batches.ts
var BATCH_ROWS = 5e4;
var PENDING = "pending";
function countingBatch() {
  let rowCount = 0;
  return {
    get rowCount() {
      return rowCount;
    },
    add: (rows) => {
      rowCount += rows.length;
    },
    addEncoded: (rows) => {
      rowCount += rows.texts.length;
    }
  };
}
var BatchSender = class {
  constructor(warehouse, request, problems) {
    this.warehouse = warehouse;
    this.request = request;
    this.problems = problems;
    this.day = request.now.toISOString().slice(0, 10);
    this.batchRows = warehouse.batchRows ?? BATCH_ROWS;
  }
  warehouse;
  request;
  problems;
  /** The batch being sent: the next one waits for it. A failure is thrown at the next flush, or at the end. */
  sending = Promise.resolve();
  turns = new EventLoopTurns();
  day;
  batchRows;
  async finished() {
    await this.sending;
  }
  async sendTable(work) {
    const { table, changed, summary } = work;
    summary.unchanged_files = summary.files - changed.length;
    summary.removed_files = work.removed.length;
    let batch = this.emptyBatch(table);
    const flush = async (removed) => {
      if (batch.sources.length === 0 && batch.rows.rowCount === 0 && batch.finished.length === 0 && removed.length === 0) return;
      const full = batch;
      batch = this.emptyBatch(table);
      await this.sending;
      if (!this.request.dryRun) this.send(table, full, removed);
    };
    for (const [index, source] of changed.entries()) {
      this.request.onProgress?.(table.name, index + 1, changed.length);
      batch.sources.push(source.source);
      batch.started.push({ table: table.name, source: source.source, fingerprint: source.fingerprint });
      let rowCount = 0;
      for await (const part of await work.partsOf(source)) {
        await this.turns.take();
        this.problems.push(...part.problems);
        summary.left_out += part.problems.filter((p) => p.leftOut === true).length;
        for (let taken = 0; taken < part.count; ) {
          if (batch.rows.rowCount >= this.batchRows) await flush([]);
          const take = Math.min(this.batchRows - batch.rows.rowCount, part.count - taken);
          part.addTo(batch.rows, taken, taken + take);
          const range = batch.ranges.get(source.source);
          if (range === void 0) batch.ranges.set(source.source, { fingerprint: source.fingerprint, start: rowCount, count: take });
          else range.count += take;
          rowCount += take;
          taken += take;
        }
      }
      summary.rows += rowCount;
      summary.sent_files++;
      batch.finished.push({ table: table.name, source: source.source, fingerprint: source.fingerprint, rowCount });
      if (batch.rows.rowCount >= this.batchRows) await flush([]);
    }
    await flush(work.removed);
  }
  emptyBatch(table) {
    return { sources: [], rows: this.request.dryRun ? countingBatch() : this.warehouse.newBatch(table), started: [], finished: [], ranges: /* @__PURE__ */ new Map() };
  }
  /** Starts sending a full batch; the next flush (or `finished`) waits for it. */
  send(table, full, removed) {
    const { warehouse, request, day } = this;
    const started = full.started.map((s) => `${s.source}=${s.fingerprint}`);
    const ranges = [...full.ranges].map(([source, r]) => `${source}=${r.fingerprint}@${r.start}+${r.count}`);
    const batchId = createHash4("sha256").update([table.name, request.repository, day, ...started, "", ...ranges, "", ...removed.map((r) => r.source)].join("\0")).digest("hex").slice(0, 40);
    this.sending = (async () => {
      if (full.started.length > 0) await warehouse.recordState(request.repository, full.started.map((s) => ({ ...s, fingerprint: PENDING, rowCount: 0 })), [], request.now);
      const replaced = [...full.sources, ...removed.map((r) => r.source)];
      if (replaced.length > 0 || full.rows.rowCount > 0) await warehouse.replace(table, request.repository, replaced, full.rows, batchId, table.snapshotColumn === void 0 ? void 0 : day);
      await warehouse.recordState(request.repository, full.finished, removed, request.now);
    })();
    this.sending.catch(() => void 0);
  }
};

// src/modes/export-sources.ts
import { createHash as createHash5 } from "node:crypto";

// src/export/rows.ts
import { hash as hash2 } from "node:crypto";
function recordId(...parts) {
  return recordIdOfJoined(parts.join("\0"));
}
function recordIdOfJoined(joined) {
  return hash2("sha256", joined, "hex").slice(0, 32);
}
var iso = (ms) => ms === void 0 || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
var DAY = /^\d{4}-\d{2}-\d{2}$/;
var date = (value2) => value2 !== void 0 && DAY.test(value2) && !Number.isNaN(Date.parse(`${value2}T00:00:00Z`)) ? value2 : null;
var CERTAIN_TIMESTAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
var COLUMN_CHECKS = {
  STRING: (v) => typeof v === "string",
  JSON: (v) => typeof v === "string",
  INTEGER: (v) => Number.isInteger(v),
  FLOAT: (v) => typeof v === "number" && Number.isFinite(v),
  BOOLEAN: (v) => typeof v === "boolean",
  DATE: (v) => typeof v === "string" && date(v) !== null,
  TIMESTAMP: (v) => typeof v === "string" && (CERTAIN_TIMESTAMP.test(v) || !Number.isNaN(Date.parse(v)))
};
var CHECKED_COLUMNS = new Map(
  TABLES.map((t) => [t.name, t.columns.map((column) => ({ column, check: COLUMN_CHECKS[column.type] }))])
);
function rowProblems(table, row) {
  const problems = [];
  for (const { column, check } of CHECKED_COLUMNS.get(table) ?? []) {
    const value2 = row[column.name];
    if (value2 === null || value2 === void 0) {
      if (column.required) problems.push(`${column.name} is missing`);
      continue;
    }
    if (!check(value2)) problems.push(`${column.name} is not a ${column.type.toLowerCase()}: ${JSON.stringify(value2).slice(0, 60)}`);
  }
  return problems;
}
function accept(out, row, line) {
  const problems = rowProblems(out.table, row);
  if (problems.length === 0) out.rows.push(row);
  else out.problems.push({ source: out.source, ...line !== void 0 && { line }, message: `left out: ${problems.join("; ")}`, leftOut: true });
}
var AUDIT_RECORDS_PER_PART = 256;
function auditRowMaker(repository, source, dimensions) {
  const byName = new Map(dimensions.map((d) => [d.name, d]));
  const loaded = /* @__PURE__ */ new Map();
  return (lines) => {
    const out = { table: "audit_scores", source, rows: [], problems: [] };
    for (const { line, value: value2, problem } of lines) {
      if (problem !== void 0) {
        out.problems.push({ source, line, message: `left out: ${problem}`, leftOut: true });
        continue;
      }
      const record = recordOf(value2);
      if (record === void 0) {
        out.problems.push({ source, line, message: "left out: not an audit record (needs period, seed, transcript, sha256, rubric_version, scorer and scores)", leftOut: true });
        continue;
      }
      const scoredMs = Date.parse(record.scored_at);
      const scoredAt = Number.isNaN(scoredMs) ? null : new Date(scoredMs).toISOString();
      const idPrefix = [repository, record.period, record.seed, record.sha256, record.rubric_version, record.scorer, ""].join("\0");
      const dimensionsOfRecord = Object.keys(record.scores);
      const earlier = loaded.get(idPrefix);
      if (earlier === void 0) loaded.set(idPrefix, dimensionsOfRecord);
      for (const dimension of dimensionsOfRecord) {
        if (earlier !== void 0) {
          if (earlier.includes(dimension)) continue;
          earlier.push(dimension);
        }
        const score = record.scores[dimension] ?? null;
        const id = recordIdOfJoined(idPrefix + dimension);
        const rubric = byName.get(dimension);
        const normalised = score === null ? null : rubric?.scale === "1-5" ? (score - 1) / 4 : score;
        accept(
          out,
          {
            record_id: id,
            repository,
            source,
            period: record.period,
            transcript: record.transcript,
            content_sha256: record.sha256,
            stratum: record.stratum,
            scorer: record.scorer,
            model: record.model,
            dimension,
            score,
            score_normalised: normalised,
            pass: rubric === void 0 ? null : score !== null && score >= rubric.threshold,
            reason: record.reasons[dimension] ?? null,
            rubric_version: record.rubric_version,
            seed: record.seed,
            scored_at: scoredAt
          },
          line
        );
      }
    }
    return out;
  };
}
function incidentRows(repository, source, incident, notes) {
  const out = { table: "incidents", source, rows: [], problems: [...notes] };
  if (incident === void 0) return out;
  accept(out, {
    record_id: recordId(repository, "incident", source),
    repository,
    source,
    incident_id: incident.id,
    severity: incident.severity,
    status: incident.status,
    resolved: incident.resolved,
    title: incident.title,
    started_at: iso(incident.startedMs),
    detected_at: iso(incident.detectedMs),
    resolved_at: iso(incident.resolvedMs),
    postmortem_id: incident.postmortem ?? null
  });
  return out;
}
function actionItemRows(repository, source, items, snapshotDate) {
  const out = { table: "action_items", source, rows: [], problems: [] };
  for (const item of items) {
    const due = date(item.due);
    accept(
      out,
      {
        record_id: recordId(repository, snapshotDate, item.key),
        repository,
        source,
        snapshot_date: snapshotDate,
        postmortem_id: item.postmortemId,
        item_key: item.key,
        summary: item.summary,
        owner: item.owner ?? null,
        due,
        is_open: !item.checked,
        ticket: item.ref?.id ?? item.ref?.url ?? null,
        overdue: !item.checked && due !== null && due < snapshotDate,
        severity: item.severity ?? null
      },
      item.line
    );
  }
  return out;
}
function experimentRows(repository, doc) {
  const out = { table: "experiments", source: doc.path, rows: [], problems: [] };
  accept(out, {
    record_id: recordId(repository, "experiment", doc.path),
    repository,
    source: doc.path,
    experiment_id: doc.id,
    name: doc.name,
    owner: doc.owner,
    status: doc.status,
    change_type: doc.change.type,
    change_ref: doc.change.ref,
    outcome: doc.outcome ?? null,
    metrics: JSON.stringify({ metrics: doc.metrics, ...doc.results !== void 0 && { results: doc.results } }),
    created: date(doc.created),
    concluded: date(doc.concluded)
  });
  return out;
}

// src/modes/export-sources.ts
var EXPORT_SCHEMA_VERSION = "1";
var ALL_TIME = { label: "all", title: "all time", startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY, auditMonth: "" };
async function* once(rows) {
  yield await rows;
}
function fingerprint(table, fileHash, extra = "") {
  return createHash5("sha256").update(`${EXPORT_SCHEMA_VERSION}\0${table}\0${extra}\0${fileHash}`).digest("hex");
}
var textDecoder = new TextDecoder();
function sourceAdder(adapters, sources) {
  const addParts = async (table, paths, rows, extra = "") => {
    for (const path3 of [...new Set(paths)].sort()) sources.push({ table, source: path3, fingerprint: fingerprint(table, await adapters.hashFile(path3), extra), rows: () => rows(path3) });
  };
  const add = (table, paths, rows, extra = "") => addParts(table, paths, (path3) => once(rows(path3)), extra);
  return { addParts, add };
}
async function listAuditSources(config, request, adapters, notes) {
  const { auditDir } = config.review;
  const { repository } = request;
  const sources = [];
  const auditFiles = (await adapters.files.glob([`${auditDir}/*.ndjson`])).filter((p) => /\/\d{4}-\d{2}\.ndjson$/.test(p));
  if (auditFiles.length === 0) notes.push(`no audit records in ${auditDir}/ (run \`reliability-loop audit\` to record some, or set review.audit-dir): the audit_scores table and the audit_rolling_* views stay empty`);
  const dimensions = config.audit.rubric.dimensions;
  const rubricDigest = JSON.stringify(dimensions.map((d) => [d.name, d.scale, d.threshold]));
  await sourceAdder(adapters, sources).addParts("audit_scores", auditFiles, async function* (path3) {
    const make = auditRowMaker(repository, path3, dimensions);
    for await (const lines of adapters.ndjsonLines(path3)) for (let i = 0; i < lines.length; i += AUDIT_RECORDS_PER_PART) yield make(lines.slice(i, i + AUDIT_RECORDS_PER_PART));
  }, rubricDigest);
  return sources;
}
async function listOtherSources(config, request, adapters, notes) {
  const review = config.review;
  const experiments = config.experiment;
  const day = request.now.toISOString().slice(0, 10);
  const { repository } = request;
  const sources = [];
  const { add } = sourceAdder(adapters, sources);
  if (review.incidents.source === "redis") notes.push("incidents are read from Redis (review.incidents.source: redis) and are not exported: only incident files are");
  else {
    const incidentSettings = review.incidents;
    await add("incidents", await adapters.files.glob(incidentSettings.paths), async (path3) => {
      const file = adapters.openIncident(path3);
      try {
        const placement = placeIncident(file.ends((last) => firstRecordNeeded(last, incidentSettings)), incidentSettings, ALL_TIME);
        let incident = placement.incident;
        if (incident !== void 0 && placement.needsDetection) incident = withMilestones(incident, await detectionFromStart(file.recordsFromStart(), incidentSettings, path3));
        if (incident !== void 0 && placement.needsResolution) incident = withMilestones(incident, await resolutionFromEnd(file.recordsFromEnd(), incidentSettings));
        const problems = placement.notes.map((n) => ({ source: path3, ...n.line !== void 0 && { line: n.line }, message: n.message }));
        return incidentRows(repository, path3, incident, problems);
      } finally {
        file.close();
      }
    }, JSON.stringify(incidentSettings));
  }
  const parseOptions = parseOptionsOf(config.lint);
  await add("action_items", await adapters.files.glob(config.lint.postmortems.paths), async (path3) => {
    const pm = parsePostmortem(await adapters.files.read(path3), path3, parseOptions);
    return actionItemRows(repository, path3, collectSyncItems([pm]).items, day);
  }, day);
  await add("experiments", await adapters.files.glob(experiments.paths), async (path3) => {
    const parsed = parseExperimentDoc(textDecoder.decode(await adapters.files.read(path3)), path3);
    if (parsed.doc === void 0) {
      const first = parsed.problems[0];
      return { table: "experiments", source: path3, rows: [], problems: [{ source: path3, ...first !== void 0 && { line: first.line }, message: `left out: not a valid experiment doc (${first?.message ?? "unreadable"}); run \`reliability-loop experiment validate\``, leftOut: true }] };
    }
    return experimentRows(repository, { ...parsed.doc, path: path3 });
  });
  return sources;
}

// src/modes/export.ts
async function runExport(config, request, adapters, warehouse) {
  const notes = [];
  const problems = [];
  const schemaWork = request.dryRun ? Promise.resolve([]) : warehouse.ensureSchema();
  schemaWork.catch(() => void 0);
  const auditSources = await listAuditSources(config, request, adapters, notes).catch(async (error) => {
    await schemaWork.catch(() => void 0);
    throw error;
  });
  const schemaChanges = await schemaWork;
  const state = await warehouse.readState(request.repository);
  const auditChanged = planExport(auditSources, state).send.map((s) => s.source);
  const auditColumns = tableDefinition("audit_scores").columns.map((c) => c.name);
  const elsewhere = auditChanged.length === 0 ? void 0 : adapters.auditPartsElsewhere?.(auditChanged, { repository: request.repository, dimensions: config.audit.rubric.dimensions, encoding: warehouse.rowEncoding, columns: auditColumns });
  try {
    const sources = [...auditSources, ...await listOtherSources(config, request, adapters, notes)];
    const plan = planExport(sources, state);
    const summaries = new Map(TABLES.map((t) => [t.name, { table: t.name, files: 0, sent_files: 0, unchanged_files: 0, removed_files: 0, rows: 0, left_out: 0 }]));
    for (const s of sources) summaries.get(s.table).files++;
    const toSend = new Set(plan.send.map((s) => `${s.table}\0${s.source}`));
    const changed = sources.filter((s) => toSend.has(`${s.table}\0${s.source}`));
    const prefetched = elsewhere === void 0 ? /* @__PURE__ */ new Map() : prefetchParts(changed.filter((s) => s.table !== "audit_scores"));
    const partsFor = async (source) => await prefetched.get(source) ?? (source.table === "audit_scores" && elsewhere !== void 0 ? encodedPartsOf(elsewhere.partsOf(source.source)) : partsOf(source.rows()));
    const sender = new BatchSender(warehouse, request, problems);
    for (const table of TABLES) {
      const removed = plan.remove.filter((r) => r.table === table.name);
      await sender.sendTable({ table, changed: changed.filter((s) => s.table === table.name), removed, summary: summaries.get(table.name), partsOf: partsFor });
    }
    await sender.finished();
    return {
      warehouse: warehouse.describe,
      repository: request.repository,
      dry_run: request.dryRun,
      schema_changes: schemaChanges.map((c) => c.description),
      tables: [...summaries.values()],
      problems,
      notes
    };
  } finally {
    elsewhere?.close();
  }
}

// src/cli/export-command.ts
var EXPORT_HELP_AFTER = `
Tables (created when absent, columns only ever added): audit_scores (one row per transcript, dimension and
scorer), incidents (one row per incident timeline), action_items (a snapshot of every action item per export
day), experiments (one row per experiment doc). Views: audit_rolling_30d, audit_rolling_90d (random stratum),
incidents_weekly, resolve_time_monthly, backlog_daily. See docs/export.md.

Only files that changed since the last export are sent: the warehouse keeps a fingerprint of every file it
holds rows of (table ${"`"}_reliability_loop_state${"`"}). Re-running an export, or one that was cut off, ends with the
same rows. Records that do not fit the schema are listed with file and line and left out.

Examples:
  $ reliability-loop export                                 # into .reliability-loop/warehouse.duckdb
  $ reliability-loop export --dry-run                       # what would be sent
  $ BIGQUERY_PROJECT=acme BIGQUERY_DATASET=reliability reliability-loop export --to bigquery
  $ SNOWFLAKE_ACCOUNT=myorg-acct SNOWFLAKE_USER=EXPORTER SNOWFLAKE_PRIVATE_KEY="$(cat key.p8)" \\
    SNOWFLAKE_DATABASE=ANALYTICS SNOWFLAKE_SCHEMA=RELIABILITY reliability-loop export --to snowflake
  $ reliability-loop export --format json | jq '.tables'
  $ reliability-loop export --query "select * from audit_rolling_30d order by day desc limit 10"

Exit codes:
  0  exported (or nothing changed)
  1  exported, but records were left out (listed), or the warehouse refused a batch
  2  usage or configuration error (nothing to export, DuckDB not installed, bad path)
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function addExportCommand(program, io, deps, done) {
  return program.command("export").summary("export reliability records to a warehouse (DuckDB, BigQuery, Snowflake)").description("Export audit scores, incidents, action items and experiments to a warehouse, incrementally, with rolling-average views.").addOption(new Option("--to <warehouse>", "target warehouse (default: export.target, else duckdb)").choices(EXPORT_TARGETS)).option("--dry-run", "show what would be sent; change nothing").addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text")).option("--duckdb-path <file>", "DuckDB file, relative to the repository root (default: export.duckdb.path, .reliability-loop/warehouse.duckdb)").option("--repository <owner/name>", "label for the rows (default: GITHUB_REPOSITORY, else the origin remote, else the folder name)").option("--query <sql>", "after exporting to DuckDB, run this SQL on the file and print the rows (e.g. select * from audit_rolling_30d)").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)").addHelpText("after", EXPORT_HELP_AFTER).action(async (options) => {
    done(await exportCommand(options, io, deps));
  });
}
function renderRows(columns, rows) {
  const cells = [columns, ...rows.map((r) => r.map((v) => v === null ? "" : sanitizeText(String(v), { multiline: false, maxLength: 80 })))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  const line = (r) => r.map((v, i) => String(v ?? "").padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return `
${[line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n")}
(${rows.length} row${rows.length === 1 ? "" : "s"})
`;
}
function renderText(result) {
  const lines = [`${result.dry_run ? "dry run: nothing sent to" : "exported to"} ${result.warehouse} (repository ${result.repository})`];
  const width = Math.max(...result.tables.map((t) => t.table.length));
  for (const t of result.tables) {
    lines.push(`  ${t.table.padEnd(width)}  ${t.files} file${t.files === 1 ? "" : "s"}: ${t.sent_files} ${result.dry_run ? "to send" : "sent"} (${t.rows} row${t.rows === 1 ? "" : "s"}), ${t.unchanged_files} unchanged, ${t.removed_files} removed${t.left_out > 0 ? `, ${t.left_out} record${t.left_out === 1 ? "" : "s"} left out` : ""}`);
  }
  if (result.schema_changes.length > 0) lines.push(`schema: ${result.schema_changes.join(", ")}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  if (result.problems.length > 0) {
    lines.push(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}:`);
    for (const p of result.problems.slice(0, 50)) lines.push(`  ${p.source}${p.line === void 0 ? "" : `:${p.line}`}: ${sanitizeText(p.message, { multiline: false, maxLength: 300 })}`);
    if (result.problems.length > 50) lines.push(`  … and ${result.problems.length - 50} more (--format json lists all)`);
  }
  return `${lines.join("\n")}
`;
}
async function exportCommand(options, io, deps) {
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const root = resolveRoot(options.root, io.cwd);
  const config = loadConfig({ root, ...options.config === void 0 ? {} : { configPath: path2.resolve(io.cwd, options.config) }, readFile: readConfigText });
  const settings = { ...config.export };
  if (options.duckdbPath !== void 0) {
    const duckdbPath = path2.relative(root, path2.resolve(io.cwd, options.duckdbPath)).replace(/\\/g, "/");
    if (!isInsideRepo(duckdbPath)) throw new UsageError(`--duckdb-path ${options.duckdbPath}: the DuckDB file must be inside the repository`, "give a path inside the repository, e.g. .reliability-loop/warehouse.duckdb");
    settings.duckdbPath = duckdbPath;
  }
  const target = options.to ?? settings.target;
  if (options.query !== void 0 && target !== "duckdb") throw new UsageError("--query runs on the DuckDB file only", "query BigQuery or Snowflake with their own tools; the views have the same names there");
  const repository = options.repository ?? settings.repository ?? io.env.GITHUB_REPOSITORY ?? repositoryNameAt(root);
  const showProgress = options.format !== "json" && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env);
  let progress = NO_PROGRESS;
  let progressTable = "";
  const onProgress = (table, done, total) => {
    if (!showProgress) return;
    if (table !== progressTable) {
      progress.clear();
      progress = progressLine(io.stderr, { label: `exporting ${table}` });
      progressTable = table;
    }
    progress.update({ done, total });
  };
  let warehouse;
  try {
    warehouse = await openWarehouse(target, settings, { root, env: io.env, dryRun: options.dryRun === true });
  } catch (error) {
    if (error instanceof WarehouseError) throw new UsageError(error.message, error.hint);
    throw error;
  }
  let result;
  try {
    result = await runExport(config, { repository, now, dryRun: options.dryRun === true, onProgress }, createNodeExportAdapters(config), warehouse);
  } catch (error) {
    progress.clear();
    if (error instanceof WarehouseError) {
      io.stderr(`error: ${error.message}
hint: ${error.hint}
`);
      return error.configuration ? EXIT.USAGE : EXIT.PROBLEMS;
    }
    throw error;
  } finally {
    await warehouse.close();
  }
  progress.clear();
  io.stdout(options.format === "json" ? `${JSON.stringify(result, null, 2)}
` : renderText(result));
  const files = result.tables.reduce((n, t) => n + t.files, 0);
  if (files === 0) {
    io.stderr("error: nothing to export: no audit records, incident timelines, postmortems or experiment docs were found\nhint: run it from the repository root (or pass --root), and check the paths in .github/reliability.yml (audit.output-dir, review.incidents.paths, postmortems.paths, experiment.paths)\n");
    return EXIT.USAGE;
  }
  if (options.query !== void 0) {
    let answer;
    try {
      answer = await queryDuckDb(path2.join(root, settings.duckdbPath), options.query);
    } catch (error) {
      if (error instanceof WarehouseError) throw new UsageError(error.message, error.hint);
      throw error;
    }
    io.stdout(options.format === "json" ? `${JSON.stringify(answer.rows.map((r) => Object.fromEntries(answer.columns.map((c, i) => [c, r[i]]))), null, 2)}
` : renderRows(answer.columns, answer.rows));
  }
  const leftOut = result.tables.reduce((n, t) => n + t.left_out, 0);
  if (leftOut > 0) {
    io.stderr(`error: ${leftOut} record${leftOut === 1 ? "" : "s"} did not fit the schema and ${leftOut === 1 ? "was" : "were"} left out (listed above); fix them in the repository and export again
`);
    return EXIT.PROBLEMS;
  }
  return EXIT.OK;
}
export {
  addExportCommand,
  exportCommand
};
