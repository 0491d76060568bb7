import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);

// src/io/audit-worker.ts
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";

// src/audit/fields.ts
function isEventObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function fieldPath(name) {
  return { name, segments: name.split(".") };
}
function resolveField(name, fields) {
  const configured = fields[name];
  return fieldPath(Object.prototype.hasOwnProperty.call(fields, name) && configured !== void 0 ? configured : name);
}
function readField(event, path) {
  if (Object.prototype.hasOwnProperty.call(event, path.name)) return event[path.name];
  if (path.segments.length < 2) return void 0;
  let node = event;
  for (const segment of path.segments) {
    if (!isEventObject(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return void 0;
    node = node[segment];
  }
  return node;
}
function fieldText(value) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
function fieldNeedle(path) {
  return JSON.stringify(path.segments[path.segments.length - 1] ?? path.name).slice(1);
}

// src/audit/read-transcript.ts
var MAX_MALFORMED_PER_TRANSCRIPT = 100;
async function readTranscript(lines, onEvent) {
  const read = { sha256: "", events: 0, malformed: [], moreMalformed: 0 };
  const malformed = (line, problem) => {
    if (read.malformed.length < MAX_MALFORMED_PER_TRANSCRIPT) read.malformed.push({ line, problem });
    else read.moreMalformed++;
  };
  for await (const batch of lines.batches) {
    for (const record of batch) {
      if (record.fatal) {
        read.unreadable = record.problem ?? "reading stopped";
        malformed(record.line, read.unreadable);
        continue;
      }
      if (record.problem !== void 0) malformed(record.line, record.problem);
      if (!("value" in record)) continue;
      if (!isEventObject(record.value)) {
        malformed(record.line, "not a JSON object (each line must be one event object)");
        continue;
      }
      read.events++;
      onEvent({ line: record.line, data: record.value });
    }
  }
  read.sha256 = lines.sha256();
  return read;
}

// src/audit/render.ts
function cut(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
var SHOWN = ["ts", "type", "role", "tool", "content", "arguments", "notes"];
function extraLines(options) {
  const args = resolveField("arguments", options.fields);
  const notes = resolveField("notes", options.fields);
  const named = [args, ...options.includeNotes ? [notes] : []];
  const all = options.otherFields.includes("*");
  const others = options.otherFields.filter((f) => f !== "*").map(fieldPath);
  const configured = new Set([...SHOWN, "agent"].map((n) => resolveField(n, options.fields).name));
  return (data) => {
    const lines = [];
    const seen = /* @__PURE__ */ new Set();
    const add = (name, value) => {
      const text = fieldText(value);
      if (text === void 0 || text === "" || seen.has(name)) return;
      seen.add(name);
      lines.push([name, text]);
    };
    for (const path of named) add(path === args ? "arguments" : "notes", readField(data, path));
    for (const path of others) if (!configured.has(path.name)) add(path.name, readField(data, path));
    if (all) {
      for (const [key, value] of Object.entries(data)) {
        if (configured.has(key) || typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
        add(key, value);
      }
    }
    return lines;
  };
}
function createRenderer(options) {
  const paths = ["ts", "type", "role", "tool", "content"].map((n) => resolveField(n, options.fields));
  const [ts, type, role, tool, content] = paths;
  const extras = extraLines(options);
  const half = Math.floor(options.budgetChars / 2);
  const perEvent = Math.max(200, Math.floor(options.budgetChars / 6));
  const perExtra = Math.max(100, Math.floor(perEvent / 3));
  const head = [];
  let headChars = 0;
  let headFull = false;
  const tail = [];
  let tailChars = 0;
  let tailStart = 0;
  let events = 0;
  let omitted = 0;
  const renderEvent = (event) => {
    const d = event.data;
    const kind = [fieldText(readField(d, type)), fieldText(readField(d, role))].filter((v) => v !== void 0);
    const who = [...new Set(kind)].join("/") || "event";
    const toolName = fieldText(readField(d, tool));
    const when = fieldText(readField(d, ts));
    const head2 = `[line ${event.line}]${when === void 0 ? "" : ` ${when}`} ${who}${toolName === void 0 ? "" : ` (${toolName})`}:`;
    const below = extras(d).map(([name, text]) => `
  ${name}: ${cut(text, perExtra)}`).join("");
    const body = fieldText(readField(d, content)) ?? "";
    const room = Math.max(perExtra, perEvent - head2.length - below.length);
    return `${head2}${body === "" ? "" : ` ${cut(body, room)}`}${below}
`;
  };
  return {
    accept(event) {
      events++;
      const line = renderEvent(event);
      if (!headFull && headChars + line.length <= half) {
        head.push(line);
        headChars += line.length;
        return;
      }
      headFull = true;
      tail.push(line);
      tailChars += line.length;
      while (tailChars > half && tailStart < tail.length - 1) {
        tailChars -= (tail[tailStart] ?? "").length;
        tail[tailStart] = "";
        tailStart++;
        omitted++;
      }
      if (tailStart > 1024) {
        tail.splice(0, tailStart);
        tailStart = 0;
      }
    },
    finish() {
      const kept = tail.slice(tailStart);
      const gap = omitted > 0 ? [`[… ${omitted} ${omitted === 1 ? "event" : "events"} left out to fit the budget …]
`] : [];
      return { text: [...head, ...gap, ...kept].join(""), events, omitted };
    }
  };
}

// src/audit/read-sampled.ts
async function readSampled(lines, options) {
  const scoring = options.rules?.start();
  const renderer = options.render ? createRenderer({ fields: options.fields, ...options.render }) : void 0;
  const read = await readTranscript(lines, (event) => {
    scoring?.accept(event);
    renderer?.accept(event);
  });
  const out = { sha256: read.sha256, malformed: read.malformed, moreMalformed: read.moreMalformed };
  if (read.unreadable !== void 0) out.unreadable = read.unreadable;
  if (scoring) out.rules = scoring.finish(read.unreadable === void 0 ? {} : { unreadable: `the transcript could not be read through (${read.unreadable})` });
  if (renderer) out.rendered = renderer.finish();
  return out;
}

// src/audit/scores.ts
function scored(score, reason) {
  return { score, reason, state: "scored", final: true };
}
function failed(reason, final) {
  return { score: null, reason, state: "failed", final };
}
function snippet(text, max = 120) {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

// src/config/audit-schema.ts
var DEFAULT_AUDIT_PATHS = ["logs/missions/**/*.ndjson", "logs/missions/**/*.ndjson.gz"];
var DEFAULT_AUDIT_FIELDS = { ts: "ts", type: "type", role: "role", content: "content", tool: "tool", arguments: "arguments", notes: "notes", agent: "agent" };
var DEFAULT_AUDIT_SEED = "reliability-loop";
var DEFAULT_AUDIT_OUTPUT_DIR = "reliability/audits";
var AUDIT_SCALES = ["0-1", "1-5"];
var AUDIT_SCORERS = ["rules", "llm", "human"];
var DEFAULT_AUDIT_DIMENSIONS = {
  policy_adherence: {
    description: "The agent follows its operating policies: it discloses no other customer's data and no internal information, makes no commitment beyond its authority, and takes no instructions from retrieved content.",
    scale: "0-1",
    threshold: 1,
    scorer: "rules",
    rules: [{ when: { notes: { matches: "policy violation" } }, score: 0, reason: "an event is noted as a policy violation" }]
  },
  tone: {
    description: "The agent is courteous and clear: it acknowledges the user's situation, explains what happens next, and is never curt or dismissive.",
    scale: "1-5",
    threshold: 3,
    scorer: "rules",
    rules: [{ when: { notes: { matches: "^\\s*tone\\b" } }, score: 2, reason: "an event is noted for its tone" }]
  },
  accuracy: {
    description: "What the agent states is supported by its tools and context, nothing is invented, and the mission ends with a correct answer or a plain statement that it cannot give one.",
    scale: "0-1",
    threshold: 0.8,
    scorer: "rules",
    rules: [
      { when: { notes: { matches: "^\\s*error\\b" } }, score: 0, reason: "an event is noted as an error" },
      { match: "none", when: { type: { equals: "assistant" } }, score: 0, reason: "the agent never answered" }
    ]
  }
};
var fieldName = (logical, what) => ({
  type: "string",
  minLength: 1,
  description: `Key of the event property holding ${what}; a dotted path (\`meta.${logical}\`) reads a nested property.`,
  default: DEFAULT_AUDIT_FIELDS[logical]
});
var matcherSchema = {
  type: ["string", "object"],
  description: "A condition on one property of an event. Text is short for `{matches: text}`. Every condition given must hold. Values that are not text (objects, numbers) are compared as their JSON.",
  minLength: 1,
  minProperties: 1,
  additionalProperties: false,
  properties: {
    matches: { type: "string", minLength: 1, description: "A JavaScript regular expression the value must match somewhere." },
    contains: {
      type: ["string", "array"],
      minLength: 1,
      minItems: 1,
      description: "A keyword, or a list of keywords of which one must occur in the value.",
      items: { type: "string", minLength: 1, description: "A keyword." }
    },
    equals: { type: ["string", "number", "boolean", "null"], description: "The value must be exactly this." },
    exists: { type: "boolean", description: "`true`: the event has the property (not null); `false`: it does not." },
    "ignore-case": { type: "boolean", description: "Compare `matches`, `contains` and text `equals` ignoring case.", default: true }
  }
};
var ruleSchema = {
  type: "object",
  description: "When an event (or, with `match: none`, no event) meets `when`, the dimension scores at most `score`.",
  additionalProperties: false,
  required: ["when", "score"],
  properties: {
    when: {
      type: "object",
      minProperties: 1,
      description: "Property → condition. Properties are the logical names of `fields` (`ts`, `type`, `role`, `content`, `tool`, `arguments`, `notes`, `agent`) or any other key of the event (dotted paths read nested properties).",
      additionalProperties: matcherSchema
    },
    match: {
      enum: ["any", "none"],
      description: "`any`: the rule applies when some event meets `when`; `none`: when no event does (e.g. the agent never answered).",
      default: "any"
    },
    score: { type: "number", description: "The score when the rule applies, on the dimension's scale. The lowest applying rule wins." },
    reason: { type: "string", minLength: 1, description: "Why, as recorded with the score; the matching line and value are added." }
  }
};
var dimensionSchema = {
  type: ["object", "null"],
  description: "One rubric dimension. Dimensions with a default name take the default for anything not given here.",
  additionalProperties: false,
  properties: {
    description: { type: "string", minLength: 1, description: "What the dimension measures; the llm scorer and human reviewers read it." },
    scale: { enum: [...AUDIT_SCALES], description: "`0-1` (any number from 0 to 1) or `1-5` (whole numbers)." },
    threshold: { type: "number", description: "A transcript passes the dimension with a score at or above this, on the scale." },
    scorer: { enum: [...AUDIT_SCORERS], description: "Who scores it: `rules` (the rules below), `llm` (a chat-completions model) or `human` (a review file).", default: "rules" },
    rules: { type: "array", description: "For the `rules` scorer. A transcript no rule applies to scores `default-score`.", items: ruleSchema },
    "default-score": { type: "number", description: "The `rules` score when no rule applies; default the top of the scale." },
    enabled: { type: "boolean", description: "`false` leaves a default dimension out of the rubric.", default: true }
  }
};
var auditConfigSchema = {
  type: ["object", "null"],
  description: "Settings of the `audit` mode: which agent transcripts (NDJSON, one event per line) are sampled each month, the rubric they are scored on, the scorers, and where the scores are recorded.",
  additionalProperties: false,
  properties: {
    paths: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      description: "Globs, relative to the repository root, of the transcripts: one NDJSON file per agent mission, `.ndjson.gz` read too.",
      items: { type: "string", minLength: 1, description: "A glob such as `logs/missions/**/*.ndjson`." },
      default: DEFAULT_AUDIT_PATHS
    },
    fields: {
      type: "object",
      description: "Where each event keeps what the audit reads, when your logs name it differently.",
      additionalProperties: false,
      properties: {
        ts: fieldName("ts", "the ISO 8601 timestamp; the first event’s decides the transcript’s month and day"),
        type: fieldName("type", "the event type (`user`, `assistant`, `tool_call`, `tool_result`, `system`)"),
        role: fieldName("role", "the speaker’s role"),
        content: fieldName("content", "the text or payload"),
        tool: fieldName("tool", "the tool name on tool events"),
        arguments: fieldName("arguments", "the arguments of a tool call"),
        notes: fieldName("notes", "annotations that flag errors or policy violations"),
        agent: fieldName("agent", "the agent’s name (for `strata.max-per-agent-day`)")
      },
      default: DEFAULT_AUDIT_FIELDS
    },
    "sample-size": {
      type: "integer",
      minimum: 1,
      description: "Transcripts sampled per month, chosen by a hash of seed and path (flagged ones come on top when `strata.flagged`).",
      default: 25
    },
    seed: {
      type: ["string", "integer"],
      minLength: 1,
      description: "Sampling seed: the same transcripts and seed always give the same sample. Change it to draw another sample.",
      default: DEFAULT_AUDIT_SEED
    },
    strata: {
      type: "object",
      description: "Optional strata of the sample.",
      additionalProperties: false,
      properties: {
        flagged: { type: "boolean", description: "Always include transcripts with an event whose notes match `flagged-pattern`.", default: false },
        "flagged-pattern": {
          type: "string",
          minLength: 1,
          description: "Regular expression (ignoring case) over an event’s notes that flags the transcript.",
          default: "error|policy"
        },
        "max-per-agent-day": {
          type: "integer",
          minimum: 0,
          description: "At most this many sampled transcripts per agent and UTC day (flagged ones first); 0 means no cap.",
          default: 0
        }
      }
    },
    rubric: {
      type: "object",
      description: "The rubric every sampled transcript is scored on.",
      additionalProperties: false,
      properties: {
        version: {
          type: "string",
          minLength: 1,
          description: "Recorded with every score; change it when the rubric changes. Default: `auto-` and a hash of the dimensions, so any change makes a new version."
        },
        dimensions: {
          type: "object",
          description: "Dimension name (lower case, digits, `_`) → settings. Merged with the defaults `policy_adherence`, `tone` and `accuracy`.",
          additionalProperties: dimensionSchema,
          default: DEFAULT_AUDIT_DIMENSIONS
        }
      }
    },
    llm: {
      type: "object",
      description: "The `llm` scorer: an OpenAI-compatible chat-completions endpoint, called with temperature 0 and a JSON Schema for the reply.",
      additionalProperties: false,
      properties: {
        "base-url": {
          type: "string",
          minLength: 1,
          description: "Base URL of the API, e.g. `https://api.openai.com/v1`; default the `OPENAI_BASE_URL` variable, else OpenAI’s."
        },
        model: { type: "string", minLength: 1, description: "Model name (no default: choose it on purpose); `--model` overrides it." },
        "api-key-env": {
          type: "string",
          pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
          description: "Environment variable holding the API key. Never put a key in this file.",
          default: "OPENAI_API_KEY"
        },
        "max-calls": { type: "integer", minimum: 0, description: "At most this many transcripts are sent to the model per run; the rest get a failed score.", default: 100 },
        retries: { type: "integer", minimum: 0, maximum: 10, description: "Retries of a request answered 429 (after its Retry-After) or 5xx, or lost on the network.", default: 3 },
        "timeout-seconds": { type: "integer", minimum: 1, description: "Time allowed for one request.", default: 120 },
        concurrency: { type: "integer", minimum: 1, maximum: 32, description: "Requests in flight at once.", default: 4 },
        "include-notes": {
          type: "boolean",
          description: "Show the model (and reviewers) the events’ notes. On by default: a note such as `policy violation: …` is part of what happened. Turn it off when your notes are an answer key the judge must not see.",
          default: true
        },
        "other-fields": {
          type: "array",
          uniqueItems: true,
          description: "Event properties shown to the model and reviewers besides the `fields` above (dotted paths read nested ones). `*` stands for every other top-level property whose value is text, a number or a boolean; `[]` shows none.",
          items: { type: "string", minLength: 1, description: "A property name, a dotted path, or `*`." },
          default: ["*"]
        }
      }
    },
    "budget-chars": {
      type: "integer",
      minimum: 1e3,
      description: "A transcript shown to the model or a reviewer is cut to this many characters: its start and its end, with the middle left out.",
      default: 24e3
    },
    "output-dir": {
      type: "string",
      minLength: 1,
      description: "Directory, relative to the repository root, of the score records (`<YYYY-MM>.ndjson`) and review files (`review/`).",
      default: DEFAULT_AUDIT_OUTPUT_DIR
    },
    "fail-below": {
      type: "number",
      minimum: 0,
      maximum: 1,
      description: "Fail (exit code 1, failed step) when, for any dimension, the share of sampled transcripts at or above its threshold is below this."
    },
    "max-unscored": {
      type: "integer",
      minimum: 0,
      description: "Sampled transcripts that may end the run without a score (the model endpoint failed or was unreachable, the call cap, an unreadable transcript) before the run fails (exit code 1, failed step).",
      default: 0
    },
    "max-line-bytes": {
      type: "integer",
      minimum: 1024,
      description: "Longest transcript line read; a longer one is reported as malformed and skipped.",
      default: 8 * 1024 * 1024
    }
  }
};

// src/config/audit.ts
function scaleBounds(scale) {
  return scale === "1-5" ? { min: 1, max: 5, integer: true } : { min: 0, max: 1, integer: false };
}

// src/audit/rules-scorer.ts
function condition(field, matcher) {
  const tests = [];
  if (matcher.exists !== void 0) {
    const want = matcher.exists;
    tests.push((value) => (value !== void 0 && value !== null) === want);
  }
  if (matcher.equals !== void 0) {
    const want = matcher.equals;
    const wantText = typeof want === "string" && matcher.ignoreCase ? want.toLowerCase() : want;
    tests.push((value) => {
      if (typeof value === "string" && typeof wantText === "string") return (matcher.ignoreCase ? value.toLowerCase() : value) === wantText;
      return value === want;
    });
  }
  if (matcher.matches !== void 0) {
    const re = new RegExp(matcher.matches, matcher.ignoreCase ? "i" : "");
    tests.push((value) => {
      const text = fieldText(value);
      return text !== void 0 && re.test(text);
    });
  }
  if (matcher.contains !== void 0) {
    const words = matcher.ignoreCase ? matcher.contains.map((w) => w.toLowerCase()) : matcher.contains;
    tests.push((value) => {
      const raw = fieldText(value);
      if (raw === void 0) return false;
      const text = matcher.ignoreCase ? raw.toLowerCase() : raw;
      return words.some((w) => text.includes(w));
    });
  }
  return { field, test: (value) => tests.every((t) => t(value)) };
}
function compileRules(dimensions, fields) {
  const compiled2 = dimensions.map((dimension) => ({
    dimension,
    rules: dimension.rules.map((rule) => {
      const conditions = Object.entries(rule.when).map(([name, matcher]) => condition(resolveField(name, fields), matcher));
      const textual = Object.entries(rule.when).find(([, m]) => m.matches !== void 0 || m.contains !== void 0);
      const shown = resolveField(textual?.[0] ?? Object.keys(rule.when)[0] ?? "", fields);
      return { rule, conditions, shown };
    })
  }));
  return { dimensions, start: () => startScoring(compiled2) };
}
function describeRule(rule) {
  const parts = Object.entries(rule.when).map(([field, m]) => {
    const bits = [];
    if (m.matches !== void 0) bits.push(`matches /${m.matches}/`);
    if (m.contains !== void 0) bits.push(`contains ${m.contains.map((w) => JSON.stringify(w)).join(" or ")}`);
    if (m.equals !== void 0) bits.push(`is ${JSON.stringify(m.equals)}`);
    if (m.exists !== void 0) bits.push(m.exists ? "is present" : "is absent");
    return `${field} ${bits.join(" and ")}`;
  });
  return rule.match === "none" ? `no event where ${parts.join(", ")}` : `an event where ${parts.join(", ")}`;
}
function startScoring(compiled2) {
  const firstHit = compiled2.map((d) => d.rules.map(() => void 0));
  const hitCount = compiled2.map((d) => d.rules.map(() => 0));
  let events = 0;
  return {
    accept(event) {
      events++;
      compiled2.forEach((d, di) => {
        d.rules.forEach((r, ri) => {
          if (!r.conditions.every((c) => c.test(readField(event.data, c.field)))) return;
          const counts = hitCount[di];
          counts[ri] = (counts[ri] ?? 0) + 1;
          const hits = firstHit[di];
          if (hits[ri] === void 0) hits[ri] = { line: event.line, value: readField(event.data, r.shown) };
        });
      });
    },
    finish(options = {}) {
      const out = {};
      compiled2.forEach((d, di) => {
        const { dimension } = d;
        if (options.unreadable !== void 0) {
          out[dimension.name] = failed(`not scored: ${options.unreadable}`, false);
          return;
        }
        if (events === 0) {
          out[dimension.name] = failed("not scored: the transcript has no readable events", false);
          return;
        }
        let decided;
        let applied = 0;
        d.rules.forEach((r, ri) => {
          const count2 = hitCount[di]?.[ri] ?? 0;
          const applies = r.rule.match === "none" ? count2 === 0 : count2 > 0;
          if (!applies) return;
          applied++;
          if (decided === void 0 || r.rule.score < decided.rule.rule.score) {
            const hit2 = firstHit[di]?.[ri];
            decided = hit2 === void 0 ? { rule: r, count: count2 } : { rule: r, hit: hit2, count: count2 };
          }
        });
        if (decided === void 0) {
          const top = dimension.defaultScore ?? scaleBounds(dimension.scale).max;
          out[dimension.name] = scored(top, `no rule applies (${events} ${events === 1 ? "event" : "events"} read)`);
          return;
        }
        const { rule, hit, count } = decided;
        let reason = rule.rule.reason ?? describeRule(rule.rule);
        if (hit !== void 0) {
          const text = fieldText(hit.value);
          const more = count > 1 ? ` and ${count - 1} more ${count === 2 ? "event" : "events"}` : "";
          reason += ` (line ${hit.line}${more}${text === void 0 ? "" : `: ${rule.shown.name} ${snippet(text)}`})`;
        }
        if (applied > 1) reason += ` [${applied - 1} more ${applied === 2 ? "rule applies" : "rules apply"}]`;
        out[dimension.name] = scored(rule.rule.score, reason);
      });
      return out;
    }
  };
}

// src/io/ndjson.ts
import { isUtf8 } from "node:buffer";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";

// src/util/json-syntax.ts
var WHITESPACE = /* @__PURE__ */ new Set([32, 9, 10, 13]);
var NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
var ESCAPES = /* @__PURE__ */ new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
var HEX4 = /^[0-9a-fA-F]{4}$/;
var MAX_DEPTH = 500;
var TOO_DEEP = -1;
var SyntaxStop = class {
  constructor(at) {
    this.at = at;
  }
  at;
};
var Walker = class {
  constructor(text) {
    this.text = text;
  }
  text;
  pos = 0;
  depth = 0;
  skipSpace() {
    while (this.pos < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.pos))) this.pos++;
  }
  expect(char) {
    if (this.text[this.pos] !== char) throw new SyntaxStop(this.pos);
    this.pos++;
  }
  match(pattern) {
    pattern.lastIndex = this.pos;
    if (!pattern.test(this.text)) throw new SyntaxStop(this.pos);
    this.pos = pattern.lastIndex;
  }
  value() {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "{" || c === "[") {
      if (++this.depth > MAX_DEPTH) throw new SyntaxStop(TOO_DEEP);
      if (c === "{") this.object();
      else this.array();
      this.depth--;
    } else if (c === '"') this.string();
    else if (c === "-" || c !== void 0 && c >= "0" && c <= "9") this.match(NUMBER);
    else {
      for (const word of ["true", "false", "null"]) {
        if (this.text.startsWith(word, this.pos)) {
          this.pos += word.length;
          return;
        }
      }
      throw new SyntaxStop(this.pos);
    }
  }
  string() {
    this.expect('"');
    const text = this.text;
    for (; ; ) {
      const code = text.charCodeAt(this.pos);
      if (Number.isNaN(code) || code < 32) throw new SyntaxStop(this.pos);
      if (code === 34) break;
      if (code === 92) {
        const next = text[this.pos + 1];
        if (next === "u") {
          if (!HEX4.test(text.slice(this.pos + 2, this.pos + 6))) throw new SyntaxStop(this.pos);
          this.pos += 6;
        } else if (next !== void 0 && ESCAPES.has(next)) this.pos += 2;
        else throw new SyntaxStop(this.pos);
      } else this.pos++;
    }
    this.pos++;
  }
  object() {
    this.expect("{");
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (; ; ) {
      this.skipSpace();
      this.string();
      this.skipSpace();
      this.expect(":");
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return;
      }
      this.expect(",");
    }
  }
  array() {
    this.expect("[");
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (; ; ) {
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === "]") {
        this.pos++;
        return;
      }
      this.expect(",");
    }
  }
  /** The whole text as one value; the offset of the first error, or undefined when it is valid JSON. */
  document() {
    try {
      this.value();
      this.skipSpace();
      if (this.pos < this.text.length) throw new SyntaxStop(this.pos);
      return void 0;
    } catch (error) {
      if (error instanceof SyntaxStop) return error.at;
      throw error;
    }
  }
};
function showChar(text, at) {
  const code = text.codePointAt(at);
  if (code >= 33 && code <= 126) return code === 34 ? `'"'` : `"${String.fromCodePoint(code)}"`;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
function jsonSyntaxProblem(text) {
  const at = new Walker(text).document();
  if (at === void 0 || at === TOO_DEEP) return "not valid JSON";
  if (at >= text.length) return "the line ends before the JSON value does";
  return `unexpected ${showChar(text, at)} at column ${at + 1}`;
}

// src/io/ndjson.ts
var DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
var READ_CHUNK_BYTES = 1024 * 1024;
var FIRST_READ_BYTES = 8 * 1024;
var GUNZIP_CHUNK_BYTES = 256 * 1024;
var MAX_MESSAGE_CHARS = 160;
var LF = 10;
var CR = 13;
function asBuffer(chunk) {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
function messageOf(error) {
  const message = error !== null && typeof error === "object" ? error.message : void 0;
  const text = typeof message === "string" ? message : String(error);
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}
var LineSplitter = class {
  constructor(maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.maxLineBytes = maxLineBytes;
  }
  maxLineBytes;
  carry = [];
  carryBytes = 0;
  /** Inside an oversized line: drop bytes up to the next line break. */
  skipping = false;
  *push(input) {
    const chunk = asBuffer(input);
    let pos = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) return;
      this.skipping = false;
      pos = nl + 1;
    } else if (this.carryBytes > 0) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.hold(Buffer.from(chunk));
        if (this.carryBytes > this.maxLineBytes + 1) yield this.startSkipping();
        return;
      }
      const line = Buffer.concat([...this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = [];
      this.carryBytes = 0;
      yield { kind: "lines", bytes: line, start: 0, end: line.length, unterminated: false };
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= pos) {
      yield { kind: "lines", bytes: chunk, start: pos, end: last + 1, unterminated: false };
      pos = last + 1;
    }
    if (pos < chunk.length) {
      this.hold(Buffer.from(chunk.subarray(pos)));
      if (this.carryBytes > this.maxLineBytes + 1) yield this.startSkipping();
    }
  }
  /** The last line, when the file does not end with a line break. */
  *end() {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    if (this.carryBytes === 0) return;
    const line = Buffer.concat(this.carry);
    this.carry = [];
    this.carryBytes = 0;
    yield { kind: "lines", bytes: line, start: 0, end: line.length, unterminated: true };
  }
  hold(bytes) {
    this.carry.push(bytes);
    this.carryBytes += bytes.length;
  }
  startSkipping() {
    const seen = this.carryBytes;
    this.carry = [];
    this.carryBytes = 0;
    this.skipping = true;
    return { kind: "oversized", bytes: seen };
  }
};
async function* lineSegments(source, options = {}) {
  const splitter = new LineSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  try {
    for await (const chunk of source) yield* splitter.push(chunk);
  } catch (error) {
    yield { kind: "failed", message: messageOf(error) };
    return;
  }
  yield* splitter.end();
}
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}
function oversizedProblem(maxLineBytes) {
  return `line longer than ${formatBytes(maxLineBytes)} (the limit); skipped`;
}
function isBlank(bytes, start, end) {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9 && b !== CR && b !== LF) return false;
  }
  return true;
}
function parseLine(bytes, start, end, options = {}) {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let stop = end;
  if (stop > start && bytes[stop - 1] === CR) stop--;
  if (stop - start > max) return { problem: oversizedProblem(max) };
  if (bytes[start] !== 123 && isBlank(bytes, start, stop)) return void 0;
  const text = bytes.toString("utf8", start, stop);
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    const reason = `invalid JSON: ${jsonSyntaxProblem(text)}`;
    return { problem: options.unterminated ? `truncated last line (no line break at the end of the file); ${reason}` : reason };
  }
  if (text.includes("�") && !isUtf8(bytes.subarray(start, stop))) return { value, problem: "invalid UTF-8: the bad bytes were read as U+FFFD" };
  return { value };
}
var BOM = [239, 187, 191];
function startsWithBom(bytes, at, end) {
  return end - at >= 3 && bytes[at] === BOM[0] && bytes[at + 1] === BOM[1] && bytes[at + 2] === BOM[2];
}
async function* readNdjsonBatches(source, options = {}) {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let line = 0;
  for await (const segment of lineSegments(source, options)) {
    if (segment.kind === "failed") {
      yield [{ line: line + 1, problem: `reading stopped: ${segment.message}`, fatal: true }];
      return;
    }
    if (segment.kind === "oversized") {
      line++;
      yield [{ line, problem: oversizedProblem(maxLineBytes) }];
      continue;
    }
    const { bytes, end, unterminated } = segment;
    const batch = [];
    let pos = segment.start;
    while (pos < end) {
      const nl = bytes.indexOf(LF, pos);
      const lineEnd = nl === -1 || nl >= end ? end : nl;
      line++;
      const from = line === 1 && startsWithBom(bytes, pos, lineEnd) ? pos + 3 : pos;
      const parsed = parseLine(bytes, from, lineEnd, { maxLineBytes, unterminated });
      if (parsed !== void 0) batch.push({ line, ...parsed });
      pos = lineEnd + 1;
    }
    if (batch.length > 0) yield batch;
  }
}
function isGzipPath(path) {
  return /\.gz$/i.test(path);
}
var bufferPool = [];
var MAX_POOLED_BUFFERS = 32;
async function* plainFileChunks(absPath, chunkBytes) {
  const fd = openSync(absPath, "r");
  const pooled = chunkBytes === READ_CHUNK_BYTES;
  const buffer = (pooled ? bufferPool.pop() : void 0) ?? Buffer.allocUnsafe(chunkBytes);
  try {
    let want = Math.min(FIRST_READ_BYTES, chunkBytes);
    for (; ; ) {
      const bytesRead = readSync(fd, buffer, 0, want, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      want = chunkBytes;
    }
  } finally {
    if (pooled && bufferPool.length < MAX_POOLED_BUFFERS) bufferPool.push(buffer);
    closeSync(fd);
  }
}
async function* gunzipFileChunks(absPath) {
  const input = createReadStream(absPath, { highWaterMark: GUNZIP_CHUNK_BYTES });
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
function ndjsonFileSource(absPath, options = {}) {
  return isGzipPath(absPath) ? gunzipFileChunks(absPath) : plainFileChunks(absPath, options.chunkBytes ?? READ_CHUNK_BYTES);
}

// src/io/transcript-lines.ts
import { createHash } from "node:crypto";
async function* hashed(source, hash) {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}
function transcriptLines(source, maxLineBytes) {
  const hash = createHash("sha256");
  let digest;
  return {
    batches: readNdjsonBatches(hashed(source, hash), { maxLineBytes }),
    sha256: () => digest ??= hash.digest("hex")
  };
}

// src/audit/period.ts
function dateOfTimestamp(value) {
  let ms;
  if (typeof value === "string") {
    if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return void 0;
    ms = Date.parse(value.trim());
  } else if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    ms = value < 1e11 ? value * 1e3 : value;
  } else return void 0;
  if (!Number.isFinite(ms)) return void 0;
  const iso = new Date(ms).toISOString();
  return { period: iso.slice(0, 7), day: iso.slice(0, 10) };
}
var PATH_DATE = /(?<![0-9])((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])(?:[-_/.]?(0[1-9]|[12]\d|3[01]))?(?![0-9])/g;
function dateInPath(path) {
  let found;
  for (const m of path.matchAll(PATH_DATE)) {
    const period = `${m[1]}-${m[2]}`;
    found = m[3] === void 0 ? { period } : { period, day: `${period}-${m[3]}` };
  }
  return found;
}

// src/audit/scan.ts
function createScanner(options) {
  const tsPath = resolveField("ts", options.fields);
  const agentPath = resolveField("agent", options.fields);
  const notesPath = resolveField("notes", options.fields);
  const flaggedBy = (event) => {
    const text = fieldText(readField(event, notesPath));
    return text !== void 0 && options.flagged !== void 0 && options.flagged.test(text);
  };
  const result = { flagged: false };
  return {
    needle: fieldNeedle(notesPath),
    first(event) {
      const fromEvent = event === void 0 ? void 0 : dateOfTimestamp(readField(event, tsPath));
      const date = fromEvent ?? dateInPath(options.path);
      if (date !== void 0) {
        result.date = date;
        result.dateFrom = fromEvent !== void 0 ? "event" : "path";
      }
      const agent = event === void 0 ? void 0 : fieldText(readField(event, agentPath));
      if (agent !== void 0) result.agent = agent;
      if (event === void 0 || result.date?.period !== options.period || options.flagged === void 0) return true;
      return this.next(event);
    },
    next(event) {
      if (!flaggedBy(event)) return false;
      result.flagged = true;
      return true;
    },
    result: () => result
  };
}

// src/io/transcript-scan.ts
var LF2 = 10;
var QUOTE = 34;
function firstObject(bytes, pos, end, bomPossible, maxLineBytes) {
  let atStart = bomPossible;
  while (pos < end) {
    const nl = bytes.indexOf(LF2, pos);
    const lineEnd = nl === -1 || nl >= end ? end : nl;
    const bom = atStart && bytes[pos] === 239 && bytes[pos + 1] === 187 && bytes[pos + 2] === 191;
    atStart = false;
    const parsed = parseLine(bytes, bom ? pos + 3 : pos, lineEnd, { maxLineBytes });
    pos = lineEnd + 1;
    if (parsed !== void 0 && isEventObject(parsed.value)) return { event: parsed.value, pos };
  }
  return { pos };
}
async function scanTranscriptBytes(source, options) {
  const scanner = createScanner(options);
  const needle = Buffer.from(scanner.needle);
  let started = false;
  let firstLine = true;
  for await (const segment of lineSegments(source, { maxLineBytes: options.maxLineBytes })) {
    if (segment.kind === "failed") break;
    if (segment.kind === "oversized") {
      firstLine = false;
      continue;
    }
    const { bytes, end } = segment;
    let pos = segment.start;
    if (!started) {
      const found = firstObject(bytes, pos, end, firstLine, options.maxLineBytes);
      firstLine = false;
      pos = found.pos;
      if (found.event === void 0) continue;
      started = true;
      if (scanner.first(found.event)) return scanner.result();
    }
    while (pos < end) {
      const hit = bytes.indexOf(needle, pos);
      if (hit === -1 || hit >= end) break;
      if (hit === 0 || bytes[hit - 1] !== QUOTE) {
        pos = hit + 1;
        continue;
      }
      const lineStart = Math.max(segment.start, bytes.lastIndexOf(LF2, hit) + 1);
      const nl = bytes.indexOf(LF2, hit);
      const lineEnd = nl === -1 || nl >= end ? end : nl;
      const parsed = parseLine(bytes, lineStart, lineEnd, { maxLineBytes: options.maxLineBytes });
      if (parsed !== void 0 && isEventObject(parsed.value) && scanner.next(parsed.value)) return scanner.result();
      pos = lineEnd + 1;
    }
  }
  if (!started) scanner.first(void 0);
  return scanner.result();
}

// src/io/audit-worker.ts
var { root } = workerData;
var compiled = /* @__PURE__ */ new Map();
function rulesFor(task) {
  if (task.rules.length === 0) return void 0;
  const key = JSON.stringify([task.rules, task.fields]);
  let scorer = compiled.get(key);
  if (scorer === void 0) compiled.set(key, scorer = compileRules(task.rules, task.fields));
  return scorer;
}
async function run(task) {
  const results = [];
  const common = { fields: task.fields, maxLineBytes: task.maxLineBytes };
  if (task.kind === "scan") {
    const flagged = task.flagged === void 0 ? void 0 : new RegExp(task.flagged.source, task.flagged.flags);
    for (const path of task.paths) {
      results.push(await scanTranscriptBytes(ndjsonFileSource(join(root, path)), { ...common, path, period: task.period, ...flagged !== void 0 && { flagged } }));
    }
  } else {
    const rules = rulesFor(task);
    for (const path of task.paths) {
      results.push(await readSampled(transcriptLines(ndjsonFileSource(join(root, path)), task.maxLineBytes), { fields: task.fields, ...rules !== void 0 && { rules } }));
    }
  }
  return results;
}
parentPort?.on("message", (task) => {
  void run(task).then((results) => parentPort?.postMessage(results));
});
