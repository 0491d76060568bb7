#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  discoverExperiments
} from "./cli-SSVDVKMN.js";
import {
  closedAsUsage,
  createPrompter
} from "./cli-FGYDPHZS.js";
import {
  checkRollbackPlan,
  isPlaceholder
} from "./cli-AU6KXWWY.js";
import {
  CHANGE_TYPES,
  EXPERIMENT_OUTCOMES,
  EXPERIMENT_STATUSES,
  decodeDoc,
  isFinished,
  notAlreadyReported,
  parseExperimentDoc
} from "./cli-TRUJWBLV.js";
import {
  collect,
  requireMatches,
  resolvePathArguments,
  resolveRoot
} from "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import {
  FileExistsError,
  createFileAtomic,
  replaceFileAtomic
} from "./cli-7KR5KIPO.js";
import {
  ansi,
  loadConfig,
  plural,
  readConfigText
} from "./cli-2DQVB3FE.js";
import {
  EXIT,
  Option,
  UsageError,
  require_dist,
  shouldUseColor
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/experiments/validate.ts
function withRollbackProblems(parsed) {
  let rollback = [];
  if (parsed.doc) rollback = checkRollbackPlan(parsed.doc);
  else if (parsed.unvalidated && hasRollbackMap(parsed.unvalidated.values)) {
    const { values, positions } = parsed.unvalidated;
    const partial = { rollback: values.rollback, positions };
    rollback = notAlreadyReported(checkRollbackPlan(partial), parsed.problems);
  }
  const problems = [...parsed.problems, ...rollback].sort((a, b) => a.line - b.line || a.column - b.column);
  return parsed.doc ? { doc: parsed.doc, problems } : { problems };
}
function hasRollbackMap(values) {
  const rollback = values !== null && typeof values === "object" ? values.rollback : void 0;
  return rollback !== null && typeof rollback === "object" && !Array.isArray(rollback);
}
function validateExperimentDoc(text, path4) {
  return withRollbackProblems(parseExperimentDoc(text, path4));
}

// src/modes/experiment.ts
async function runExperimentValidation(config, files, request = {}) {
  const found = await discoverExperiments(files, request.paths ?? config.paths);
  const experiments = found.map((e) => ({ path: e.path, ...withRollbackProblems(e) }));
  return { experiments, summary: summarise(experiments) };
}
function summarise(experiments) {
  const invalid = experiments.filter((e) => e.problems.length > 0).length;
  const problems = experiments.reduce((n, e) => n + e.problems.length, 0);
  return { files: experiments.length, invalid, problems };
}
function findExperiment(experiments, query) {
  const wanted = query.trim().toLowerCase();
  const byPath = experiments.filter((e) => e.path.toLowerCase() === wanted.replace(/^\.\//, ""));
  const byId = wanted === "" ? [] : experiments.filter((e) => e.doc?.id.toLowerCase().startsWith(wanted));
  const exact = byId.filter((e) => e.doc?.id.toLowerCase() === wanted);
  const matches = byPath.length > 0 ? byPath : exact.length > 0 ? exact : byId;
  const only = matches[0];
  if (matches.length === 1 && only) {
    return only.doc ? { found: only } : { error: "invalid", candidates: matches };
  }
  return { error: matches.length === 0 ? "none" : "ambiguous", candidates: matches };
}

// src/experiments/front-matter-values.ts
function frontMatterValuesOf(fm) {
  const values = {
    id: fm.id,
    name: fm.name,
    owner: fm.owner,
    status: fm.status,
    change: { ...fm.change },
    hypothesis: fm.hypothesis,
    metrics: fm.metrics.map((m) => ({ ...m }))
  };
  if (fm.guardrails !== void 0) values.guardrails = fm.guardrails.map((g) => ({ ...g }));
  values.rollback = { trigger: fm.rollback.trigger, steps: [...fm.rollback.steps], owner: fm.rollback.owner };
  values.created = fm.created;
  if (fm.related !== void 0) values.related = [...fm.related];
  if (fm.outcome !== void 0) values.outcome = fm.outcome;
  if (fm.concluded !== void 0) values.concluded = fm.concluded;
  if (fm.results !== void 0) values.results = fm.results.map((r) => ({ name: r.name, observed: r.observed, "target-met": r.targetMet }));
  if (fm.auditPeriod !== void 0) values["audit-period"] = fm.auditPeriod;
  return values;
}

// src/report/experiments.ts
function oneLine(text) {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/\t/g, " ");
}
function truncate(text, width) {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
function statusPaint(c, status) {
  switch (status) {
    case "running":
      return c.yellow;
    case "concluded":
      return c.green;
    case "rolled-back":
      return c.red;
    case "abandoned":
      return c.dim;
    default:
      return (text) => text;
  }
}
function sortForList(experiments) {
  return [...experiments].sort((a, b) => {
    const ca = a.doc?.created ?? "";
    const cb = b.doc?.created ?? "";
    return ca < cb ? 1 : ca > cb ? -1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}
function formatExperimentList(experiments, options) {
  const c = ansi(options.color);
  const docs = sortForList(experiments).filter((e) => e.doc !== void 0);
  const invalid = experiments.filter((e) => e.doc === void 0);
  if (experiments.length === 0) return "No experiment docs found.\n";
  const header = ["ID", "STATUS", "CREATED", "CHANGE", "OWNER", "OUTCOME", "NAME"];
  const rows = docs.map(({ doc }) => [doc.id.slice(0, 8), doc.status, doc.created, doc.change.type, oneLine(doc.owner), doc.outcome ?? "-", oneLine(doc.name)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fixed = widths.slice(0, -1).reduce((n, w) => n + w + 2, 0);
  const nameWidth = options.width === void 0 ? Number.POSITIVE_INFINITY : Math.max(20, options.width - fixed);
  const line = (cells, paint) => cells.map((cellText, i) => {
    const last = i === cells.length - 1;
    const text = last ? truncate(cellText, nameWidth) : cellText.padEnd(widths[i] ?? 0);
    return paint(i, text);
  }).join("  ").trimEnd();
  const out = [];
  if (rows.length > 0) {
    out.push(line(header, (_, text) => c.dim(text)));
    docs.forEach(({ doc }, r) => {
      out.push(line(rows[r] ?? [], (i, text) => i === 1 ? statusPaint(c, doc.status)(text) : i === 0 ? c.dim(text) : text));
    });
  }
  const counts = /* @__PURE__ */ new Map();
  for (const { doc } of docs) counts.set(doc.status, (counts.get(doc.status) ?? 0) + 1);
  const byStatus = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  out.push("");
  out.push(`${plural(docs.length, "experiment")}${byStatus ? ` (${byStatus})` : ""}`);
  if (invalid.length > 0) {
    out.push(c.yellow(`${plural(invalid.length, "experiment doc")} could not be read: ${invalid.map((e) => e.path).join(", ")}`));
    out.push(c.dim('run "reliability-loop experiment validate" to see why'));
  }
  return `${out.join("\n")}
`;
}
function toExperimentListJson(experiments) {
  const sorted = sortForList(experiments);
  return {
    experiments: sorted.flatMap((e) => e.doc ? [{ path: e.path, ...frontMatterValuesOf(e.doc) }] : []),
    invalid: sorted.filter((e) => !e.doc).map((e) => ({ path: e.path, problems: e.problems.map((p) => ({ ...p })) }))
  };
}
function formatExperimentProblems(result, options) {
  const c = ansi(options.color);
  const { summary } = result;
  if (summary.files === 0) return "No experiment docs found.\n";
  if (summary.problems === 0) return `${c.green(`✔ ${plural(summary.files, "experiment doc")}, no problems`)}
`;
  const blocks = [];
  for (const experiment of [...result.experiments].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
    if (experiment.problems.length === 0) continue;
    const problems = [...experiment.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    const lineWidth = Math.max(...problems.map((p) => String(p.line).length));
    const columnWidth = Math.max(...problems.map((p) => String(p.column).length));
    const messages = problems.map((p) => oneLine(p.message));
    const messageWidth = Math.max(...messages.map((m) => m.length));
    const rows = problems.map((p, i) => {
      const position = `${String(p.line).padStart(lineWidth)}:${String(p.column).padEnd(columnWidth)}`;
      return `  ${c.dim(position)}  ${c.red("error")}  ${(messages[i] ?? "").padEnd(messageWidth)}  ${c.dim(p.key ?? "")}`.trimEnd();
    });
    blocks.push(`${c.underline(experiment.path)}
${rows.join("\n")}
`);
  }
  const summaryLine = `✖ ${plural(summary.problems, "problem")} in ${summary.invalid} of ${plural(summary.files, "experiment doc")}`;
  return `${blocks.join("\n")}
${c.bold(c.red(summaryLine))}
`;
}
function toExperimentValidationJson(result) {
  const experiments = [...result.experiments].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0).map((e) => ({
    path: e.path,
    ...e.doc ? { id: e.doc.id } : {},
    valid: e.problems.length === 0,
    problems: [...e.problems].sort((a, b) => a.line - b.line || a.column - b.column).map((p) => ({ line: p.line, column: p.column, ...p.key === void 0 ? {} : { key: p.key }, message: p.message }))
  }));
  return { experiments, summary: { ...result.summary } };
}

// src/cli/experiment-conclude.ts
import path2 from "node:path";

// src/experiments/conclude.ts
var import_yaml = __toESM(require_dist(), 1);
function statusAfter(outcome) {
  return outcome === "rolled-back" ? "rolled-back" : "concluded";
}
var NEVER_RAN = {
  won: "cannot have won",
  lost: "cannot have lost",
  inconclusive: "has no result to call inconclusive",
  "rolled-back": "has nothing to roll back"
};
function conclusionRefusal(status, outcome) {
  if (status !== "proposed") return void 0;
  return `is still proposed: it never ran, so it ${outcome === void 0 ? "has no outcome to record" : NEVER_RAN[outcome]}`;
}
function entryText(key, value) {
  return new import_yaml.Document({ [key]: value }).toString({ lineWidth: 0 }).replace(/\n+$/, "");
}
function concludeExperimentText(text, conclusion) {
  const lines = text.split("\n");
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === "---" || line.trimEnd() === "..."));
  if (lines[0]?.trimEnd() !== "---" || close < 0) throw new Error("concludeExperimentText: the text has no front matter");
  let yaml = lines.slice(1, close).join("\n");
  const doc = (0, import_yaml.parseDocument)(yaml);
  if (doc.errors.length > 0 || !(0, import_yaml.isMap)(doc.contents)) throw new Error("concludeExperimentText: the front matter is not a YAML map");
  const entries = [
    ["status", statusAfter(conclusion.outcome)],
    ["outcome", conclusion.outcome],
    ["concluded", conclusion.concluded],
    ["results", conclusion.results.map((r) => ({ name: r.name, observed: r.observed, "target-met": r.targetMet }))]
  ];
  if (conclusion.auditPeriod !== void 0) entries.push(["audit-period", conclusion.auditPeriod]);
  const replacements = [];
  const appended = [];
  for (const [key, value] of entries) {
    const pair = doc.contents.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key);
    const keyRange = pair && (0, import_yaml.isScalar)(pair.key) ? pair.key.range : void 0;
    if (!pair || !keyRange) {
      appended.push(entryText(key, value));
      continue;
    }
    const valueRange = pair.value?.range;
    let end = valueRange?.[1] ?? keyRange[1];
    while (end > keyRange[0] && yaml[end - 1] === "\n") end--;
    replacements.push({ start: keyRange[0], end, text: entryText(key, value) });
  }
  for (const r of replacements.sort((a, b) => b.start - a.start)) yaml = `${yaml.slice(0, r.start)}${r.text}${yaml.slice(r.end)}`;
  if (appended.length > 0) yaml = `${yaml.replace(/\n*$/, "")}
${appended.join("\n")}`;
  return ["---", yaml, ...lines.slice(close)].join("\n");
}

// src/experiments/values.ts
var NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
function metricValueOf(text) {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
}
function parseMetricSpec(spec) {
  const [name, baseline, ...rest] = spec.split(":");
  const target = rest.join(":");
  if (!name?.trim() || !baseline?.trim() || !target.trim()) return { error: `"${spec}" is not name:baseline:target (e.g. task_success_rate:0.78:0.82)` };
  return { name: name.trim(), baseline: metricValueOf(baseline), target: metricValueOf(target) };
}
function parseGuardrailSpec(spec) {
  const at = spec.lastIndexOf(":");
  const name = spec.slice(0, Math.max(at, 0)).trim();
  const threshold = spec.slice(at + 1).trim();
  if (at < 0 || !name || !threshold) return { error: `"${spec}" is not name:threshold (e.g. audit:tone:>=0.9)` };
  return { name, threshold: metricValueOf(threshold) };
}
var MET = /* @__PURE__ */ new Set(["met", "yes", "y", "true", "hit"]);
var MISSED = /* @__PURE__ */ new Set(["missed", "no", "n", "false", "miss"]);
function parseResultSpec(spec) {
  const parts = spec.split(":");
  const last = parts[parts.length - 1]?.trim().toLowerCase() ?? "";
  let targetMet;
  if (parts.length >= 3 && (MET.has(last) || MISSED.has(last))) {
    targetMet = MET.has(last);
    parts.pop();
  }
  const [name, ...observedParts] = parts;
  const observed = observedParts.join(":");
  if (!name?.trim() || !observed.trim()) return { error: `"${spec}" is not name:observed or name:observed:met|missed (e.g. task_success_rate:0.81)` };
  return { name: name.trim(), observed: metricValueOf(observed), ...targetMet === void 0 ? {} : { targetMet } };
}
function parseTargetMetAnswer(text) {
  const answer = text.trim().toLowerCase();
  if (MET.has(answer)) return true;
  if (MISSED.has(answer)) return false;
  return void 0;
}
function comparison(value) {
  if (typeof value === "number") return void 0;
  const match = /^\s*(>=|<=|>|<|=|≥|≤)\s*([-+]?(\d+(\.\d*)?|\.\d+))\s*%?\s*[\p{L}]*\s*$/u.exec(value);
  if (!match) return void 0;
  const op = match[1] === "≥" ? ">=" : match[1] === "≤" ? "<=" : match[1];
  return { op, limit: Number(match[2]) };
}
function numberOf(value) {
  if (typeof value === "number") return value;
  const match = /^\s*([-+]?(\d+(\.\d*)?|\.\d+))\s*%?\s*[\p{L}]*\s*$/u.exec(value);
  return match ? Number(match[1]) : void 0;
}
function targetMetOf(metric, observed) {
  const value = numberOf(observed);
  if (value === void 0) return void 0;
  const compare = comparison(metric.target);
  if (compare) {
    switch (compare.op) {
      case ">=":
        return value >= compare.limit;
      case ">":
        return value > compare.limit;
      case "<=":
        return value <= compare.limit;
      case "<":
        return value < compare.limit;
      default:
        return value === compare.limit;
    }
  }
  const target = numberOf(metric.target);
  const baseline = numberOf(metric.baseline);
  if (target === void 0 || baseline === void 0 || target === baseline) return void 0;
  return target > baseline ? value >= target : value <= target;
}

// src/cli/experiment-context.ts
import path from "node:path";
function experimentContext(options, io, deps, wantPrompter = false) {
  const root = resolveRoot(options.root, io.cwd);
  const config = loadConfig({
    root,
    ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) },
    readFile: readConfigText
  });
  const context = {
    io,
    root,
    config,
    settings: config.experiment,
    files: nodeRepoFiles(root),
    now: deps.now ?? (() => /* @__PURE__ */ new Date()),
    randomUUID: deps.randomUUID ?? (() => globalThis.crypto.randomUUID())
  };
  const stdin = io.stdin;
  if (wantPrompter && stdin !== void 0 && io.stdinIsTTY === true) context.prompter = lazyPrompter(() => createPrompter(stdin, io.stderr));
  return context;
}
function lazyPrompter(open) {
  let prompter;
  return {
    ask: (question, options) => (prompter ??= open()).ask(question, options),
    say: (text) => (prompter ??= open()).say(text),
    close: () => prompter?.close()
  };
}
function colorFor(io, flag) {
  return shouldUseColor({ flag, env: io.env, isTTY: io.isTTY });
}
function todayOf(now) {
  return now().toISOString().slice(0, 10);
}

// src/cli/experiment-conclude.ts
var DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
var MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
async function findDoc(query, ctx) {
  const experiments = await discoverExperiments(ctx.files, ctx.settings.paths);
  const asPath = path2.relative(ctx.root, path2.resolve(ctx.io.cwd, query)).split(path2.sep).join("/");
  let lookup = findExperiment(experiments, query);
  if ("error" in lookup && lookup.error === "none") lookup = findExperiment(experiments, asPath);
  if ("found" in lookup) return lookup.found.doc;
  const listHint = 'run "reliability-loop experiment list" to see the ids';
  switch (lookup.error) {
    case "ambiguous":
      throw new UsageError(
        `"${query}" matches ${plural(lookup.candidates.length, "experiment")}: ${lookup.candidates.map((c) => `${c.doc?.id ?? "?"} (${c.path})`).join(", ")}`,
        "give more characters of the id"
      );
    case "invalid":
      throw new UsageError(`${lookup.candidates[0]?.path ?? query} is not a valid experiment doc`, `run "reliability-loop experiment validate ${lookup.candidates[0]?.path ?? ""}" and fix it first`);
    default:
      throw new UsageError(`no experiment has the id "${query}" (searched ${plural(experiments.length, "doc")} matching ${ctx.settings.paths.join(", ")})`, listHint);
  }
}
function outcomeOf(value) {
  const outcome = value.trim().toLowerCase();
  return EXPERIMENT_OUTCOMES.includes(outcome) ? outcome : void 0;
}
function describeTarget(metric) {
  return `baseline ${metric.baseline}, target ${metric.target}`;
}
async function gatherResults(doc, specs, prompter) {
  const byName = new Map(doc.metrics.map((m) => [m.name, m]));
  const given = /* @__PURE__ */ new Map();
  for (const spec of specs) {
    if (!byName.has(spec.name)) {
      throw new UsageError(`--result ${spec.name}: not a metric of this experiment; its metrics are ${doc.metrics.map((m) => m.name).join(", ")}`);
    }
    if (given.has(spec.name)) throw new UsageError(`--result ${spec.name} is given more than once`);
    given.set(spec.name, spec);
  }
  const missing = doc.metrics.filter((m) => !given.has(m.name));
  if (missing.length > 0 && prompter === void 0) {
    throw new UsageError(
      `missing ${missing.map((m) => `--result ${m.name}:<observed>`).join(", ")} (stdin is not a terminal, so nothing can be asked)`,
      "record one result per metric: --result <metric>:<observed>, adding :met or :missed when the target is not a number"
    );
  }
  const results = [];
  const undecided = [];
  for (const metric of doc.metrics) {
    let spec = given.get(metric.name);
    if (spec === void 0) {
      const answer = await prompter.ask(`Observed ${metric.name} (${describeTarget(metric)})`);
      spec = { name: metric.name, observed: metricValueOf(answer === "" ? "n/a" : answer) };
    }
    let targetMet = spec.targetMet ?? targetMetOf(metric, spec.observed);
    if (targetMet === void 0 && prompter !== void 0) {
      for (; ; ) {
        targetMet = parseTargetMetAnswer(await prompter.ask(`Did ${metric.name} = ${spec.observed} meet its target ${metric.target}? (met/missed)`));
        if (targetMet !== void 0) break;
        prompter.say("  answer met or missed\n");
      }
    }
    if (targetMet === void 0) {
      undecided.push(`${metric.name} (${describeTarget(metric)}, observed ${spec.observed})`);
      continue;
    }
    results.push({ name: metric.name, observed: spec.observed, targetMet });
  }
  if (undecided.length > 0) {
    throw new UsageError(
      `cannot tell whether ${undecided.join("; ")} met the target`,
      "add :met or :missed to the --result, e.g. --result task_success_rate:0.79:met"
    );
  }
  return results;
}
async function gatherOutcome(options, prompter) {
  if (options.outcome !== void 0) {
    const outcome = outcomeOf(options.outcome);
    if (outcome === void 0) throw new UsageError(`--outcome must be one of ${EXPERIMENT_OUTCOMES.join(", ")} (got "${options.outcome}")`);
    return outcome;
  }
  if (prompter === void 0) {
    throw new UsageError(`missing --outcome <${EXPERIMENT_OUTCOMES.join("|")}> (stdin is not a terminal, so nothing can be asked)`);
  }
  for (; ; ) {
    const outcome = outcomeOf(await prompter.ask(`Outcome (${EXPERIMENT_OUTCOMES.join(", ")})`));
    if (outcome !== void 0) return outcome;
    prompter.say(`  one of ${EXPERIMENT_OUTCOMES.join(", ")}
`);
  }
}
async function experimentConcludeCommand(query, options, ctx) {
  const { io } = ctx;
  if (options.date !== void 0 && !DATE.test(options.date)) throw new UsageError(`--date must be YYYY-MM-DD (got "${options.date}")`);
  if (options.auditPeriod !== void 0 && !MONTH.test(options.auditPeriod)) throw new UsageError(`--audit-period must be YYYY-MM (got "${options.auditPeriod}")`);
  const specs = (options.result ?? []).map((spec) => {
    const parsed = parseResultSpec(spec);
    if ("error" in parsed) throw new UsageError(`--result: ${parsed.error}`);
    return parsed;
  });
  const doc = await findDoc(query, ctx);
  if (isFinished(doc.status) && !options.force) {
    throw new UsageError(
      `${doc.path} is already ${doc.status}${doc.concluded ? ` (${doc.concluded})` : ""} with outcome ${doc.outcome ?? "?"}`,
      "pass --force to record a new conclusion over it"
    );
  }
  const refusal = conclusionRefusal(doc.status, options.outcome === void 0 ? void 0 : outcomeOf(options.outcome));
  if (refusal !== void 0) {
    ctx.prompter?.close();
    throw new UsageError(`${doc.path} ${refusal}`, "set status: running in its front matter when it starts, or status: abandoned if it will not run");
  }
  let conclusion;
  try {
    const outcome = await gatherOutcome(options, ctx.prompter);
    const results = await gatherResults(doc, specs, ctx.prompter);
    conclusion = { outcome, concluded: options.date ?? todayOf(ctx.now), results, ...options.auditPeriod ? { auditPeriod: options.auditPeriod } : {} };
  } catch (error) {
    throw closedAsUsage(error);
  } finally {
    ctx.prompter?.close();
  }
  const original = decodeDoc(await ctx.files.read(doc.path));
  if (original.text === void 0) throw new UsageError(`${doc.path} can no longer be read: ${original.problem?.message ?? "unknown reason"}`);
  const text = concludeExperimentText(original.text, conclusion);
  const { doc: concluded, problems } = validateExperimentDoc(text, doc.path);
  if (!concluded || problems.length > 0) {
    throw new UsageError(
      `the concluded doc would not be valid:
${problems.map((p) => `  ${p.key ?? "front matter"}: ${p.message}`).join("\n")}`,
      "fix the values above (or the doc) and run the command again"
    );
  }
  await replaceFileAtomic(path2.join(ctx.root, doc.path), text);
  const met = conclusion.results.filter((r) => r.targetMet).length;
  const status = statusAfter(conclusion.outcome);
  if (options.format === "json") {
    io.stdout(`${JSON.stringify({ path: doc.path, ...frontMatterValuesOf(concluded) })}
`);
  } else {
    io.stdout(`${doc.path}: ${status}, outcome ${conclusion.outcome} (${met} of ${plural(conclusion.results.length, "target")} met)
`);
  }
  return EXIT.OK;
}

// src/cli/experiment-new.ts
import { readFile } from "node:fs/promises";
import path3 from "node:path";

// src/experiments/create.ts
var import_yaml2 = __toESM(require_dist(), 1);
function slugify(name) {
  const slug = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 20 ? cut.slice(0, lastDash) : slug.slice(0, 60)).replace(/-+$/, "");
}
function experimentFileName(created, name, id) {
  const slug = slugify(name) || id.slice(0, 8).toLowerCase();
  return `EXP-${created}-${slug}.md`;
}
var DEFAULT_BODY = `
# {name}

## Context

<!-- Why this experiment: the postmortem, audit finding or transcript that prompted it. -->

## Design

<!-- Arms and traffic split, how users are assigned, duration, sample size, where the numbers come from. -->

## Results

<!-- Filled in when the experiment ends: what was observed, with links. -->

## Decision

<!-- Ship, iterate, or roll back, and what follows. -->
`;
function bodyFromTemplate(templateText, name) {
  let body = DEFAULT_BODY.replace("{name}", name);
  if (templateText !== void 0) {
    const text = templateText.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const match = /^---\n[\s\S]*?\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text);
    const rest = match ? text.slice(match[0].length) : text;
    if (rest.trim() !== "") {
      let replaced = false;
      body = rest.replace(/^# .*$/m, () => {
        replaced = true;
        return `# ${name}`;
      });
      if (!replaced) body = `
# ${name}

${rest.replace(/^\n+/, "")}`;
    }
  }
  return body.startsWith("\n") ? body : `
${body}`;
}
function frontMatterOf(input, options) {
  const change = { type: input.change.type, ref: input.change.ref };
  if (input.change.description) change.description = input.change.description;
  const values = {
    id: options.id,
    name: input.name,
    owner: input.owner,
    status: input.status ?? "proposed",
    change,
    hypothesis: input.hypothesis,
    metrics: input.metrics.map((m) => ({ name: m.name, baseline: m.baseline, target: m.target }))
  };
  if (input.guardrails && input.guardrails.length > 0) {
    values.guardrails = input.guardrails.map((g) => ({ name: g.name, threshold: g.threshold, ...g.source ? { source: g.source } : {} }));
  }
  values.rollback = { trigger: input.rollback.trigger, steps: [...input.rollback.steps], owner: input.rollback.owner };
  values.created = options.created;
  if (input.related && input.related.length > 0) values.related = [...input.related];
  return values;
}
function renderFrontMatter(values) {
  return new import_yaml2.Document(values).toString({ lineWidth: 0 });
}
function createExperimentDoc(input, options) {
  const dir = options.dir.replace(/\/+$/, "");
  const file = experimentFileName(options.created, input.name, options.id);
  const path4 = dir === "" || dir === "." ? file : `${dir}/${file}`;
  const text = `---
${renderFrontMatter(frontMatterOf(input, options))}---
${bodyFromTemplate(options.templateText, input.name)}`;
  return { path: path4, text };
}

// src/cli/experiment-new.ts
var FLAG_OF_KEY = {
  name: "--name",
  owner: "--owner",
  hypothesis: "--hypothesis",
  "change.type": "--change-type",
  "change.ref": "--change-ref",
  "change.description": "--change-description",
  metrics: "--metric",
  guardrails: "--guardrail",
  "rollback.trigger": "--rollback-trigger",
  "rollback.steps": "--rollback-step",
  "rollback.owner": "--rollback-owner",
  related: "--related"
};
function flagOf(key) {
  if (key === void 0) return void 0;
  for (let k = key.replace(/\[\d+\].*$/, ""); k !== ""; k = k.replace(/\.?[^.]*$/, "")) {
    const flag = FLAG_OF_KEY[k];
    if (flag) return flag;
  }
  return void 0;
}
function parseSpecs(specs, flag, parse) {
  return (specs ?? []).map((spec) => {
    const parsed = parse(spec);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed) throw new UsageError(`${flag}: ${parsed.error}`);
    return parsed;
  });
}
function changeTypeOf(value, flag) {
  const type = value.trim().toLowerCase();
  if (!CHANGE_TYPES.includes(type)) throw new UsageError(`${flag}: must be one of ${CHANGE_TYPES.join(", ")} (got "${value}")`);
  return type;
}
var present = (value) => value !== void 0 && value.trim() !== "";
async function askUntil(prompter, question, check, fallback) {
  for (; ; ) {
    const answer = await prompter.ask(question, fallback === void 0 ? {} : { fallback });
    const problem = check(answer);
    if (problem === void 0) return answer;
    prompter.say(`  ${problem}
`);
  }
}
var required = (what) => (answer) => answer === "" ? `${what} is required` : void 0;
var realValue = (what) => (answer) => isPlaceholder(answer) ? `${what} must be real, not "${answer}" (TBD, N/A, none and the like are rejected)` : void 0;
async function askList(prompter, question, parse) {
  const items = [];
  for (; ; ) {
    const answer = await prompter.ask(`${question}${items.length > 0 ? " (empty to finish)" : ""}`);
    if (answer === "") {
      if (items.length > 0) return items;
      prompter.say("  at least one is required\n");
      continue;
    }
    const parsed = parse(answer);
    if ("error" in parsed) prompter.say(`  ${parsed.error}
`);
    else items.push(parsed.value);
  }
}
async function gather(options, prompter) {
  const metrics = parseSpecs(options.metric, "--metric", parseMetricSpec);
  const guardrails = parseSpecs(options.guardrail, "--guardrail", parseGuardrailSpec);
  const steps = (options.rollbackStep ?? []).map((s) => s.trim()).filter((s) => s !== "");
  let changeType = present(options.changeType) ? changeTypeOf(options.changeType, "--change-type") : void 0;
  const missing = [];
  if (!present(options.name)) missing.push("--name <name>");
  if (!present(options.owner)) missing.push("--owner <owner>");
  if (!present(options.hypothesis)) missing.push("--hypothesis <text>");
  if (changeType === void 0) missing.push(`--change-type <${CHANGE_TYPES.join("|")}>`);
  if (!present(options.changeRef)) missing.push("--change-ref <ref>");
  if (metrics.length === 0) missing.push("--metric <name:baseline:target>");
  if (!present(options.rollbackTrigger)) missing.push("--rollback-trigger <text>");
  if (steps.length === 0) missing.push("--rollback-step <text>");
  if (missing.length > 0 && prompter === void 0) {
    throw new UsageError(
      `missing ${missing.join(", ")} (stdin is not a terminal, so nothing can be asked)`,
      'pass every value as a flag, e.g. reliability-loop experiment new --name "Ask before retrying" --owner @you --hypothesis "…" --change-type prompt --change-ref "agent prompt v43" --metric task_success:0.78:0.82 --rollback-trigger "task_success below 0.74 for 2 hours" --rollback-step "pin the prompt to v42 and deploy"'
    );
  }
  const ask = prompter;
  const name = present(options.name) ? options.name.trim() : await askUntil(ask, "Name", required("a name"));
  const owner = present(options.owner) ? options.owner.trim() : await askUntil(ask, "Owner (@handle or team)", required("an owner"));
  const hypothesis = present(options.hypothesis) ? options.hypothesis.trim() : await askUntil(ask, "Hypothesis", required("a hypothesis"));
  if (changeType === void 0) {
    const answer = await askUntil(
      ask,
      `Change type (${CHANGE_TYPES.join(", ")})`,
      (a) => CHANGE_TYPES.includes(a.toLowerCase()) ? void 0 : `one of ${CHANGE_TYPES.join(", ")}`
    );
    changeType = answer.toLowerCase();
  }
  const changeRef = present(options.changeRef) ? options.changeRef.trim() : await askUntil(ask, "Change reference (prompt version, commit, PR, model id)", required("a reference"));
  if (metrics.length === 0) {
    metrics.push(
      ...await askList(ask, "Metric as name:baseline:target", (answer) => {
        const parsed = parseMetricSpec(answer);
        return "error" in parsed ? parsed : { value: parsed };
      })
    );
  }
  const trigger = present(options.rollbackTrigger) ? options.rollbackTrigger.trim() : await askUntil(ask, "Rollback trigger (what makes you roll back)", (a) => required("a trigger")(a) ?? realValue("the trigger")(a));
  if (steps.length === 0) {
    steps.push(...await askList(ask, "Rollback step", (answer) => isPlaceholder(answer) ? { error: `a step must be real, not "${answer}"` } : { value: answer }));
  }
  const rollbackOwner = present(options.rollbackOwner) ? options.rollbackOwner.trim() : owner;
  const input = {
    name,
    owner,
    hypothesis,
    change: { type: changeType, ref: changeRef, ...present(options.changeDescription) ? { description: options.changeDescription.trim() } : {} },
    metrics,
    rollback: { trigger, steps, owner: rollbackOwner }
  };
  if (guardrails.length > 0) input.guardrails = guardrails;
  if (options.status) input.status = options.status;
  const related = (options.related ?? []).map((r) => r.trim()).filter((r) => r !== "");
  if (related.length > 0) input.related = related;
  return input;
}
async function readTemplate(ctx) {
  try {
    return await readFile(path3.join(ctx.root, ctx.settings.template), "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    throw new UsageError(`cannot read the template ${ctx.settings.template}: ${errorMessage(error)}`, "fix or remove experiment.template in the config");
  }
}
async function experimentNewCommand(options, ctx) {
  const { io } = ctx;
  let input;
  try {
    input = await gather(options, ctx.prompter);
  } catch (error) {
    throw closedAsUsage(error);
  } finally {
    ctx.prompter?.close();
  }
  const id = ctx.randomUUID();
  const created = todayOf(ctx.now);
  const templateText = await readTemplate(ctx);
  let { path: docPath, text } = createExperimentDoc(input, { id, created, dir: ctx.settings.dir, ...templateText === void 0 ? {} : { templateText } });
  if (present(options.slug)) {
    const slug = options.slug.trim();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new UsageError(`--slug: use lower-case letters, digits and single hyphens (got "${slug}")`);
    docPath = `${path3.posix.dirname(docPath)}/EXP-${created}-${slug}.md`.replace(/^\.\//, "");
  }
  const { doc, problems } = validateExperimentDoc(text, docPath);
  if (!doc || problems.length > 0) {
    const lines = problems.map((p) => `  ${flagOf(p.key) ?? p.key ?? "front matter"}: ${p.message}`);
    throw new UsageError(`the experiment doc would not be valid:
${lines.join("\n")}`, "fix the values above and run the command again");
  }
  if (options.dryRun) {
    io.stdout(options.format === "json" ? `${JSON.stringify({ path: docPath, written: false, ...frontMatterValuesOf(doc), text })}
` : text);
    return EXIT.OK;
  }
  try {
    await createFileAtomic(path3.join(ctx.root, docPath), text);
  } catch (error) {
    if (error instanceof FileExistsError) {
      throw new UsageError(`${docPath} already exists; experiment new never overwrites a doc`, "choose another --name, or pass --slug <slug> for a different file name");
    }
    throw error;
  }
  if (options.format === "json") {
    io.stdout(`${JSON.stringify({ path: docPath, written: true, ...frontMatterValuesOf(doc) })}
`);
  } else {
    io.stdout(`Created ${docPath}
  id: ${id}
`);
    io.stderr(`next: describe the context and design in the doc, then "reliability-loop experiment validate ${docPath}"
`);
  }
  return EXIT.OK;
}

// src/cli/experiment-command.ts
var FORMATS = ["text", "json"];
var EXPERIMENT_HELP_AFTER = `
An experiment doc is markdown with YAML front matter: id, name, owner, status, change (type and ref),
hypothesis, metrics (name, baseline, target), guardrails, rollback (trigger, steps, owner), created,
and once concluded: outcome, concluded, results, audit-period. See docs/experiment.md.

Examples:
  $ reliability-loop experiment new                      # asks for each value on a terminal
  $ reliability-loop experiment list
  $ reliability-loop experiment conclude bd6cd37c --outcome won --result task_success_rate:0.81
  $ reliability-loop experiment validate                 # in CI or a pre-commit hook
`;
var NEW_HELP_AFTER = `
Writes <experiment.dir>/EXP-<yyyy-mm-dd>-<slug>.md (default docs/experiments), with the body of
<experiment.template> (default docs/experiments/TEMPLATE.md). Never overwrites an existing doc.
On a terminal, values not given as flags are asked for; otherwise they are a usage error (exit 2).

Examples:
  $ reliability-loop experiment new
  $ reliability-loop experiment new --name "Ask before retrying an empty search" --owner @maria.chen \\
      --hypothesis "Two empty searches then a question removes the loops of PM-102" \\
      --change-type prompt --change-ref "research-agent prompt v43" \\
      --metric missions_hitting_step_cap:0.031:0.005 --metric task_success_rate:0.78:0.8 \\
      --guardrail "audit:tool-use:>= 0.85" \\
      --rollback-trigger "task_success_rate below 0.74 for 2 hours" \\
      --rollback-step "set research.prompt_version back to v42 and deploy" --related PM-102

Exit codes: 0 written, 2 usage error (missing or invalid value, doc exists), 3 internal error.
`;
var LIST_HELP_AFTER = `
Examples:
  $ reliability-loop experiment list
  $ reliability-loop experiment list --status running,proposed
  $ reliability-loop experiment list --format json | jq '.experiments[] | {name, status, outcome}'
`;
var CONCLUDE_HELP_AFTER = `
<id> is the experiment's id, a unique prefix of it (as "experiment list" shows), or the doc's path.
Whether each target was met is worked out when the target is a comparison (">= 0.9") or a number
different from the baseline; otherwise add :met or :missed. On a terminal, missing values are asked for.

Examples:
  $ reliability-loop experiment conclude bd6cd37c --outcome won \\
      --result missions_hitting_step_cap:0.002 --result task_success_rate:0.81 --audit-period 2026-10
  $ reliability-loop experiment conclude b4ba15ed --outcome rolled-back --result billing_csat:3.9:missed

Exit codes: 0 recorded, 2 usage error (unknown id, missing or invalid value, already concluded), 3 internal error.
`;
var VALIDATE_HELP_AFTER = `
Checks every experiment doc (experiment.paths, default docs/experiments/**/EXP-*.md) or the given files,
directories (EXP-*.md below them) or globs: the front matter against the schema, dates and results,
and that the rollback plan is real (a trigger, concrete steps and an owner; no TBD, N/A, none, -, ?).

Examples:
  $ reliability-loop experiment validate
  $ reliability-loop experiment validate docs/experiments/EXP-2026-11-12-billing-tone-canary.md
  $ reliability-loop experiment validate --format json | jq '.summary'

Exit codes: 0 no problems, 1 problems found, 2 usage or configuration error, 3 internal error.
`;
function statusesOf(values) {
  if (values === void 0) return void 0;
  const wanted = /* @__PURE__ */ new Set();
  for (const value of values.flatMap((v) => v.split(",")).map((v) => v.trim().toLowerCase()).filter((v) => v !== "")) {
    if (!EXPERIMENT_STATUSES.includes(value)) throw new UsageError(`--status must be among ${EXPERIMENT_STATUSES.join(", ")} (got "${value}")`);
    wanted.add(value);
  }
  return wanted;
}
function safeToPrint(experiments) {
  const clean = (text) => sanitizeText(text, { multiline: false });
  return experiments.map((e) => {
    const doc = e.doc && {
      ...e.doc,
      id: clean(e.doc.id),
      name: clean(e.doc.name),
      owner: clean(e.doc.owner),
      created: clean(e.doc.created),
      change: { ...e.doc.change, type: clean(e.doc.change.type) }
    };
    return { ...e, path: clean(e.path), ...doc && { doc } };
  });
}
async function experimentListCommand(options, ctx) {
  const statuses = statusesOf(options.status);
  const found = await discoverExperiments(ctx.files, ctx.settings.paths);
  const shown = statuses ? found.filter((e) => e.doc === void 0 || statuses.has(e.doc.status)) : found;
  if (options.format === "json") {
    ctx.io.stdout(`${JSON.stringify(toExperimentListJson(shown), null, 2)}
`);
  } else {
    if (found.length === 0) ctx.io.stderr(`warning: no experiment docs found matching ${ctx.settings.paths.join(", ")} under ${ctx.root}
`);
    else ctx.io.stdout(formatExperimentList(safeToPrint(shown), { color: colorFor(ctx.io, options.color), ...ctx.io.isTTY && ctx.io.columns ? { width: ctx.io.columns } : {} }));
  }
  return EXIT.OK;
}
async function experimentValidateCommand(paths, options, ctx) {
  const pathArgs = paths.length > 0 ? resolvePathArguments(paths, { cwd: ctx.io.cwd, root: ctx.root, directoryPattern: "**/EXP-*.md" }) : void 0;
  if (pathArgs) await requireMatches(pathArgs, ctx.files.glob);
  const patterns = pathArgs?.map((a) => a.pattern);
  const result = await runExperimentValidation(ctx.settings, ctx.files, patterns ? { paths: patterns } : {});
  if (result.summary.files === 0) {
    ctx.io.stderr(`warning: no experiment docs found matching ${(patterns ?? ctx.settings.paths).join(", ")} under ${ctx.root}
`);
  }
  ctx.io.stdout(
    options.format === "json" ? `${JSON.stringify(toExperimentValidationJson(result), null, 2)}
` : formatExperimentProblems(result, { color: colorFor(ctx.io, options.color) })
  );
  return result.summary.problems > 0 ? EXIT.PROBLEMS : EXIT.OK;
}
function withConfigOptions(command) {
  return command.option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)");
}
function formatOption() {
  return new Option("-f, --format <format>", "output format").choices(FORMATS).default("text");
}
function addExperimentCommand(program, io, deps, done) {
  const experiment = program.command("experiment").summary("record prompt and tool experiments with a way back").description("Record prompt, tool, model and policy experiments on LLM agents: hypothesis, metrics, guardrails and a rollback plan, as docs/experiments/EXP-*.md.").usage("<command> [options]").helpCommand("help [command]", "show help for a command").addHelpText("after", EXPERIMENT_HELP_AFTER);
  withConfigOptions(
    experiment.command("new").summary("create an experiment doc").description("Create docs/experiments/EXP-<yyyy-mm-dd>-<slug>.md from flags (asking on a terminal for what is missing).").option("--name <name>", "short name of the experiment").option("--owner <owner>", "who runs it: @handle or team").option("--hypothesis <text>", "what you expect to happen, and why").addOption(new Option("--change-type <type>", "what kind of change").choices(["prompt", "tool", "model", "policy"])).option("--change-ref <ref>", "which change: prompt version, commit, pull request, model id").option("--change-description <text>", "one line on what the change does").option("--metric <name:baseline:target>", "a metric that decides the experiment (repeatable)", collect).option("--guardrail <name:threshold>", 'a number that must hold, e.g. "audit:tone:>= 0.9" (repeatable)', collect).option("--rollback-trigger <text>", "the observation that makes you roll back").option("--rollback-step <text>", "one step of the rollback, in order (repeatable)", collect).option("--rollback-owner <owner>", "who rolls back (default: --owner)").addOption(new Option("--status <status>", "initial status").choices(["proposed", "running"]).default("proposed")).option("--related <ref>", "a postmortem id, path or URL this follows up on (repeatable)", collect).option("--slug <slug>", "file-name slug instead of one made from --name").option("--dry-run", "print the doc instead of writing it").addOption(formatOption())
  ).addHelpText("after", NEW_HELP_AFTER).action(async (options) => {
    done(await experimentNewCommand(options, experimentContext(options, io, deps, true)));
  });
  withConfigOptions(
    experiment.command("list").summary("list experiments, newest first").description("List the experiment docs: id, status, created, change type, owner, outcome and name.").option("--status <status>", `only these statuses, comma-separated (${EXPERIMENT_STATUSES.join(", ")}); repeatable`, collect).addOption(formatOption()).option("--color", "colour the output even when stdout is not a terminal").option("--no-color", "never colour the output")
  ).addHelpText("after", LIST_HELP_AFTER).action(async (options) => {
    done(await experimentListCommand(options, experimentContext(options, io, deps)));
  });
  withConfigOptions(
    experiment.command("conclude").summary("record the outcome and results of an experiment").description("Record the outcome (won, lost, inconclusive, rolled-back), the result of each metric and the audit period that measured it.").argument("<id>", "experiment id, unique id prefix, or doc path").addOption(new Option("--outcome <outcome>", "how it ended").choices(["won", "lost", "inconclusive", "rolled-back"])).option("--result <name:observed[:met|missed]>", "the observed value of a metric (repeatable; one per metric)", collect).option("--audit-period <yyyy-mm>", "the audit period whose scores measured it").option("--date <yyyy-mm-dd>", "the day it concluded (default: today, UTC)").option("--force", "record a new conclusion over an existing one").addOption(formatOption())
  ).addHelpText("after", CONCLUDE_HELP_AFTER).action(async (id, options) => {
    done(await experimentConcludeCommand(id, options, experimentContext(options, io, deps, true)));
  });
  withConfigOptions(
    experiment.command("validate").summary("check experiment docs against the schema and rollback rules").description("Check experiment docs: front matter against the schema, dates and results, and a real rollback plan.").argument("[paths...]", "files, directories or globs (default: experiment.paths from the config)").addOption(formatOption()).option("--color", "colour the report even when stdout is not a terminal").option("--no-color", "never colour the report")
  ).addHelpText("after", VALIDATE_HELP_AFTER).action(async (paths, options) => {
    done(await experimentValidateCommand(paths, options, experimentContext(options, io, deps)));
  });
  return experiment;
}
export {
  addExperimentCommand,
  experimentListCommand,
  experimentValidateCommand
};
