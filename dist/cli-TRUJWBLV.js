#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  closestName,
  describeTypes,
  describeValue,
  formatKeyPath,
  isDict,
  pointerSegments,
  require_ajv
} from "./cli-2DQVB3FE.js";
import {
  require_dist
} from "./cli-JW34KQ4Z.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/experiments/model.ts
var EXPERIMENT_STATUSES = ["proposed", "running", "concluded", "rolled-back", "abandoned"];
var FINISHED_STATUSES = ["concluded", "rolled-back"];
var EXPERIMENT_OUTCOMES = ["won", "lost", "inconclusive", "rolled-back"];
var CHANGE_TYPES = ["prompt", "tool", "model", "policy"];
function notAlreadyReported(more, reported) {
  const keys = reported.map((p) => p.key).filter((key) => key !== void 0);
  return more.filter((p) => p.key === void 0 || !keys.some((key) => key === p.key || p.key?.startsWith(`${key}.`) || p.key?.startsWith(`${key}[`)));
}
function isFinished(status) {
  return FINISHED_STATUSES.includes(status);
}

// src/experiments/front-matter.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_EXPERIMENT_BYTES = 1024 * 1024;
function decodeDoc(input) {
  const at = { line: 1, column: 1 };
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_EXPERIMENT_BYTES) {
    return { problem: { ...at, message: `File is ${(size / 1024 / 1024).toFixed(1)} MB, over the 1 MB an experiment doc may be; it was not read.` } };
  }
  let text2;
  if (typeof input === "string") text2 = input;
  else {
    try {
      text2 = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      return { problem: { ...at, message: "File is not valid UTF-8 text; re-save it as UTF-8." } };
    }
  }
  if (text2.slice(0, 8e3).includes("\0")) return { problem: { ...at, message: "File is binary (it contains NUL bytes), not a markdown experiment doc." } };
  if (text2.charCodeAt(0) === 65279) text2 = text2.slice(1);
  return { text: text2.replace(/\r\n?/g, "\n") };
}
var NO_FRONT_MATTER = 'no YAML front matter: an experiment doc starts with a line "---", then the front matter (id, name, owner, status, change, hypothesis, metrics, rollback, created), then a line "---"; see docs/experiments/TEMPLATE.md';
function readFrontMatter(text2) {
  const lines = text2.split("\n");
  if (lines[0]?.trimEnd() !== "---") return { problems: [{ line: 1, column: 1, message: NO_FRONT_MATTER }] };
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === "---" || line.trimEnd() === "..."));
  if (close < 0) return { problems: [{ line: 1, column: 1, message: 'the front matter is not closed: add a line "---" after it' }] };
  const yamlText = lines.slice(1, close).join("\n");
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + 1, column: pos.col };
  };
  const frontMatter = {
    positions: {},
    start: { line: 2, column: 1 },
    body: lines.slice(close + 1).join("\n"),
    bodyLine: close + 2
  };
  if (doc.errors.length > 0) {
    return {
      frontMatter,
      problems: doc.errors.map((e) => ({ ...at(e.pos[0]), message: `invalid YAML in the front matter: ${firstLine(e.message)}` }))
    };
  }
  try {
    frontMatter.values = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    return { frontMatter, problems: [{ line: 2, column: 1, message: `invalid YAML in the front matter: ${errorMessage(e)}` }] };
  }
  recordPositions(doc, doc.contents, [], frontMatter.positions, at);
  return { frontMatter, problems: [] };
}
function firstLine(message) {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}
function rangeStart(node) {
  if (node !== null && typeof node === "object" && "range" in node) {
    const range = node.range;
    if (Array.isArray(range) && typeof range[0] === "number") return range[0];
  }
  return void 0;
}
function recordPositions(doc, node, segments, out, at, depth = 0) {
  if (depth > 50) return;
  const resolved = (0, import_yaml.isAlias)(node) ? node.resolve(doc) : node;
  if ((0, import_yaml.isMap)(resolved)) {
    for (const pair of resolved.items) {
      const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
      const path = [...segments, key];
      const offset = rangeStart(pair.key) ?? rangeStart(pair.value);
      if (offset !== void 0) out[formatKeyPath(path)] ??= at(offset);
      recordPositions(doc, pair.value, path, out, at, depth + 1);
    }
  } else if ((0, import_yaml.isSeq)(resolved)) {
    resolved.items.forEach((item, index) => {
      const path = [...segments, index];
      const offset = rangeStart(item);
      if (offset !== void 0) out[formatKeyPath(path)] ??= at(offset);
      recordPositions(doc, item, path, out, at, depth + 1);
    });
  }
}

// src/experiments/schema-problems.ts
var import_ajv = __toESM(require_ajv(), 1);

// src/experiments/schema.ts
var DATE = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";
var MONTH = "^\\d{4}-(0[1-9]|1[0-2])$";
var UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
var text = (description) => ({ type: "string", minLength: 1, description });
var metricValue = (description) => ({
  type: ["number", "string"],
  minLength: 1,
  description: `${description} A number, or text such as "< 2%" or "4.1 s".`
});
var experimentSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/reliability-loop/reliability-loop/schemas/experiment.json",
  title: "reliability-loop experiment doc (front matter of docs/experiments/EXP-*.md)",
  description: "One prompt, tool, model or policy change tried on an LLM agent: the hypothesis, the metrics that decide it, the guardrails that must hold, and the way back.",
  type: "object",
  additionalProperties: false,
  required: ["id", "name", "owner", "status", "change", "hypothesis", "metrics", "rollback", "created"],
  properties: {
    id: { type: "string", pattern: UUID, description: "A UUID that identifies the experiment; `experiment conclude <id>` takes it (or a unique prefix)." },
    name: text('Short name of the experiment, e.g. "Ask before retrying an empty search".'),
    owner: text("Who runs the experiment: an @handle or a team."),
    status: {
      enum: [...EXPERIMENT_STATUSES],
      description: "`proposed`, `running`, `concluded`, `rolled-back` or `abandoned`. `concluded` and `rolled-back` require outcome, concluded and results."
    },
    change: {
      type: "object",
      additionalProperties: false,
      required: ["type", "ref"],
      description: "What changes.",
      properties: {
        type: { enum: [...CHANGE_TYPES], description: "`prompt`, `tool`, `model` or `policy`." },
        ref: text("Exactly which change: a prompt version (support-agent@v43), a commit, a pull request, a model id."),
        description: text("One line on what the change does."),
        paths: {
          type: "array",
          minItems: 1,
          uniqueItems: true,
          description: "Globs (repository-relative) of the files this experiment changes, e.g. `prompts/support-agent.md`. The merge gate accepts a change to a gated file only with a proposed or running experiment doc that covers it; without `paths`, the files `change.type` implies (`gate.rollback-plan.type-paths`).",
          items: text("A glob relative to the repository root, e.g. `prompts/support-*.md`.")
        }
      }
    },
    hypothesis: text("What we expect to happen, and why, in a sentence or two."),
    metrics: {
      type: "array",
      minItems: 1,
      description: "The numbers that decide the experiment.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "baseline", "target"],
        description: "One metric.",
        properties: {
          name: text("Metric name, e.g. task_success_rate."),
          baseline: metricValue("The value before the change."),
          target: metricValue("The value that counts as a win.")
        }
      }
    },
    guardrails: {
      type: "array",
      description: "Numbers that must not get worse, e.g. audit dimensions with their thresholds.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "threshold"],
        description: "One guardrail.",
        properties: {
          name: text("What is watched, e.g. audit:tenant-isolation."),
          threshold: metricValue("The limit that must hold."),
          source: text("Where the number comes from, e.g. audit.")
        }
      }
    },
    rollback: {
      type: "object",
      additionalProperties: false,
      required: ["trigger", "steps", "owner"],
      description: "How to undo the change: when, how, and who.",
      properties: {
        trigger: text('The observation that makes us roll back, e.g. "tenant-isolation audit score below 1.0".'),
        steps: {
          type: "array",
          minItems: 1,
          description: "What to do to roll back, in order.",
          items: text('One concrete step, e.g. "pin support-agent prompt to v42 in prompts/registry.yaml".')
        },
        owner: text("Who rolls back: an @handle or a team.")
      }
    },
    created: { type: "string", pattern: DATE, description: "The day the experiment doc was created, YYYY-MM-DD." },
    related: {
      type: "array",
      description: "Postmortems, transcripts or links this experiment follows up on.",
      items: text("A postmortem id (PM-101), a repository path or a URL.")
    },
    outcome: {
      enum: [...EXPERIMENT_OUTCOMES],
      description: "`won`, `lost`, `inconclusive` or `rolled-back`. Required when status is concluded (won, lost or inconclusive) or rolled-back (rolled-back)."
    },
    concluded: { type: "string", pattern: DATE, description: "The day the experiment was concluded or rolled back, YYYY-MM-DD." },
    results: {
      type: "array",
      minItems: 1,
      description: "What was observed, one entry per metric.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "observed", "target-met"],
        description: "The result of one metric.",
        properties: {
          name: text("One of the metric names."),
          observed: metricValue("The value observed."),
          "target-met": { type: "boolean", description: "Whether the observed value reached the target." }
        }
      }
    },
    "audit-period": { type: "string", pattern: MONTH, description: "The audit period (YYYY-MM) whose scores measured the experiment." }
  },
  allOf: [
    {
      if: { type: "object", required: ["status"], properties: { status: { enum: ["concluded", "rolled-back"] } } },
      // The properties are defined above; repeated as `true` so ajv's strict mode sees them here too.
      then: { type: "object", required: ["outcome", "concluded", "results"], properties: { outcome: true, concluded: true, results: true } }
    },
    {
      if: { type: "object", required: ["status"], properties: { status: { const: "concluded" } } },
      then: { type: "object", properties: { outcome: { enum: ["won", "lost", "inconclusive"] } } }
    },
    {
      if: { type: "object", required: ["status"], properties: { status: { const: "rolled-back" } } },
      then: { type: "object", properties: { outcome: { const: "rolled-back" } } }
    }
  ]
};

// src/experiments/schema-problems.ts
var compiled;
function experimentValidator() {
  compiled ??= new import_ajv.Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(experimentSchema);
  return compiled;
}
function locate(positions, segments, fallback) {
  for (let n = segments.length; n > 0; n--) {
    const found = positions[formatKeyPath(segments.slice(0, n))];
    if (found) return found;
  }
  return fallback;
}
function schemaProblems(values, positions, fallback) {
  const validate = experimentValidator();
  if (validate(values)) return [];
  const problems = [];
  const seen = /* @__PURE__ */ new Set();
  for (const error of validate.errors ?? []) {
    if (error.keyword === "if") continue;
    const { segments, message } = describeError(error, values);
    const key = formatKeyPath(segments);
    const id = `${key}\0${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ ...locate(positions, segments, fallback), ...key === "" ? {} : { key }, message });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
var FORMATS = {
  id: "a UUID such as 3f2b8c1e-6d4a-4e0b-9a57-2c1d0e9f8a76",
  created: "a date, YYYY-MM-DD",
  concluded: "a date, YYYY-MM-DD",
  "audit-period": "a month, YYYY-MM"
};
function statusOf(root) {
  const status = root !== null && typeof root === "object" ? root.status : void 0;
  return typeof status === "string" ? status : "?";
}
function describeError(error, root) {
  const segments = pointerSegments(error.instancePath, root);
  const params = error.params;
  const data = error.data;
  const inThen = error.schemaPath.includes("/then/");
  const last = segments[segments.length - 1];
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      if (inThen) {
        return {
          segments: ["status"],
          message: `status is ${statusOf(root)}, so "${missing}" is required; record the result with "reliability-loop experiment conclude <id>"`
        };
      }
      const where = segments.length === 0 ? "the front matter" : `"${formatKeyPath(segments)}"`;
      return { segments, message: `${where} is missing "${missing}"` };
    }
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(error.parentSchema?.properties ?? {});
      const suggestion = closestName(name, allowed);
      return {
        segments: [...segments, name],
        message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; allowed here: ${allowed.join(", ")}`
      };
    }
    case "type": {
      const names = describeTypes(String(params.type).split(","));
      if (segments.length === 0) return { segments, message: `the front matter must be a map of key: value (got ${describeValue(data)})` };
      const quote = names === "text" && (typeof data === "number" || typeof data === "boolean") ? "; put it in quotes" : "";
      return { segments, message: `must be ${names} (got ${describeValue(data)}${quote})` };
    }
    case "enum":
    case "const": {
      const allowed = error.keyword === "enum" ? params.allowedValues.map(String) : [String(params.allowedValue)];
      if (inThen && last === "outcome") {
        const wanted = allowed.length === 1 ? allowed.join("") : `one of ${allowed.join(", ")}`;
        return { segments, message: `with status ${statusOf(root)} the outcome must be ${wanted} (got ${describeValue(data)})` };
      }
      return { segments, message: `must be one of ${allowed.join(", ")} (got ${describeValue(data)})` };
    }
    case "pattern": {
      const wanted = typeof last === "string" && FORMATS[last] || `text matching ${String(params.pattern)}`;
      return { segments, message: `must be ${wanted} (got ${describeValue(data)})` };
    }
    case "minItems":
      return { segments, message: "must list at least one item" };
    case "minLength":
      return { segments, message: "must not be empty" };
    default:
      return { segments, message: error.message ?? `fails ${error.keyword}` };
  }
}

// src/experiments/consistency.ts
function isRealDate(date) {
  const parsed = /* @__PURE__ */ new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
function consistencyProblems(values, positions, fallback) {
  const problems = [];
  const add = (segments, key, message) => problems.push({ ...locate(positions, segments, fallback), key, message });
  const fm = isDict(values) ? values : {};
  const dateOf = (key) => typeof fm[key] === "string" && DAY_RE.test(fm[key]) ? fm[key] : void 0;
  for (const key of ["created", "concluded"]) {
    const date = dateOf(key);
    if (date !== void 0 && !isRealDate(date)) add([key], key, `${date} is not a day in the calendar`);
  }
  const created = dateOf("created");
  const concluded = dateOf("concluded");
  if (created !== void 0 && concluded !== void 0 && isRealDate(created) && isRealDate(concluded) && concluded < created) {
    add(["concluded"], "concluded", `concluded (${concluded}) is before created (${created})`);
  }
  const metricNames = /* @__PURE__ */ new Set();
  const metrics = Array.isArray(fm.metrics) ? fm.metrics : [];
  metrics.forEach((metric, i) => {
    const name = nameOf(metric);
    if (name === void 0) return;
    if (metricNames.has(name)) add(["metrics", i, "name"], `metrics[${i}].name`, `metric "${name}" is listed more than once`);
    metricNames.add(name);
  });
  const metricsComplete = metrics.length > 0 && metrics.every((m) => nameOf(m) !== void 0);
  if (Array.isArray(fm.results) && metricsComplete) {
    const reported = /* @__PURE__ */ new Set();
    fm.results.forEach((result, i) => {
      const name = nameOf(result);
      if (name === void 0) return;
      if (!metricNames.has(name)) {
        add(["results", i, "name"], `results[${i}].name`, `"${name}" is not one of the metrics (${[...metricNames].join(", ")})`);
      } else if (reported.has(name)) {
        add(["results", i, "name"], `results[${i}].name`, `metric "${name}" has more than one result`);
      }
      reported.add(name);
    });
    const missing = [...metricNames].filter((name) => !reported.has(name));
    const resultsComplete = fm.results.every((r) => nameOf(r) !== void 0);
    if (missing.length > 0 && resultsComplete) add(["results"], "results", `no result for ${missing.map((m) => `"${m}"`).join(", ")}: record one result per metric`);
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
var DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
function nameOf(entry) {
  return isDict(entry) && typeof entry.name === "string" ? entry.name : void 0;
}

// src/experiments/parse.ts
function parseExperimentDoc(text2, path) {
  try {
    return parse(text2, path);
  } catch (error) {
    return { problems: [{ line: 1, column: 1, message: `could not read this experiment doc: ${errorMessage(error)}` }] };
  }
}
function parse(input, path) {
  const decoded = decodeDoc(input);
  if (decoded.text === void 0) return { problems: decoded.problem ? [decoded.problem] : [] };
  const { frontMatter, problems } = readFrontMatter(decoded.text);
  if (!frontMatter || problems.length > 0) return { problems };
  const fallback = { line: 1, column: 1 };
  const invalid = schemaProblems(frontMatter.values, frontMatter.positions, fallback);
  const inconsistent = consistencyProblems(frontMatter.values, frontMatter.positions, fallback);
  if (invalid.length > 0) {
    return { problems: [...invalid, ...notAlreadyReported(inconsistent, invalid)], unvalidated: { values: frontMatter.values, positions: frontMatter.positions } };
  }
  const fm = toFrontMatter(frontMatter.values);
  const doc = { ...fm, path, body: frontMatter.body, bodyLine: frontMatter.bodyLine, positions: frontMatter.positions };
  return { doc, problems: inconsistent };
}
function toFrontMatter(values) {
  const { "audit-period": auditPeriod, results, ...rest } = values;
  const fm = { ...rest };
  if (Array.isArray(results)) {
    fm.results = results.map((r) => ({ name: r.name, observed: r.observed, targetMet: r["target-met"] }));
  }
  if (typeof auditPeriod === "string") fm.auditPeriod = auditPeriod;
  return fm;
}

export {
  EXPERIMENT_STATUSES,
  EXPERIMENT_OUTCOMES,
  CHANGE_TYPES,
  notAlreadyReported,
  isFinished,
  decodeDoc,
  parseExperimentDoc
};
