#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  PROJECT_URL,
  VERSION,
  formatSarif,
  ruleHelpUri
} from "./cli-KBHHEDEB.js";
import {
  formatText,
  loadConfig,
  parseRuleSettings,
  plural
} from "./cli-TE7GFLBL.js";
import {
  ConfigError,
  EXIT,
  InvalidArgumentError,
  NO_PROGRESS,
  Option,
  UsageError,
  escapePath,
  formatJson,
  isCI,
  isDynamicPattern,
  progressLine,
  shouldUseColor,
  sortFindings
} from "./cli-LO3OCXTE.js";

// src/cli/lint-command.ts
import { readFileSync, statSync as statSync2 } from "node:fs";
import path3 from "node:path";

// src/report/workflow-commands.ts
function escapeData(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(value) {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function workflowCommand(name, properties, message) {
  const props = Object.entries(properties).filter((entry) => entry[1] !== void 0 && entry[1] !== "").map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${name}${props.length > 0 ? ` ${props.join(",")}` : ""}::${escapeData(message)}`;
}
function annotation(finding, ruleNames) {
  const name = ruleNames.get(finding.rule);
  return workflowCommand(
    finding.severity,
    {
      file: finding.path,
      line: finding.line,
      col: finding.column,
      title: name === void 0 ? finding.rule : `${finding.rule} ${name}`
    },
    finding.message
  );
}
function formatWorkflowCommands(result, options) {
  const names = new Map(options.rules.map((rule) => [rule.id, rule.name]));
  const lines = sortFindings(result.findings).map((finding) => annotation(finding, names));
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const files = new Set(result.findings.map((f) => f.path)).size;
  lines.push(
    result.findings.length === 0 ? `${plural(result.summary.files, "postmortem")}, no problems` : `${plural(result.findings.length, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}) in ${plural(files, "file")}`
  );
  return `${lines.join("\n")}
`;
}

// src/cli/output-file.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
function writeOutputFile(cwd, output, text, what = "report") {
  const file = path.resolve(cwd, output);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write the ${what} to ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// src/cli/paths.ts
import { statSync } from "node:fs";
import path2 from "node:path";
var DIRECTORY_PATTERN = "**/PM-*.md";
var toPosix = (p) => p.split(path2.sep).join("/");
function outside(rel) {
  return rel === ".." || rel.startsWith("../") || path2.isAbsolute(rel);
}
function resolveLintPaths(args, options) {
  const { cwd, root } = options;
  const directoryPattern = options.directoryPattern ?? DIRECTORY_PATTERN;
  const outsideError = (arg) => new UsageError(`${arg} is outside the repository root ${root}`, "pass --root <dir> with the repository that contains it");
  return args.map((arg) => {
    if (arg.trim() === "") throw new UsageError("an empty path was given", "remove the empty argument, or run without paths to lint the configured postmortems");
    const abs = path2.resolve(cwd, arg);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (stat) {
      const rel = toPosix(path2.relative(root, abs));
      if (outside(rel)) throw outsideError(arg);
      if (stat.isDirectory()) return rel === "" ? directoryPattern : `${escapePath(rel)}/${directoryPattern}`;
      if (stat.isFile()) return escapePath(rel);
      throw new UsageError(`${arg} is not a file or directory`);
    }
    if (isDynamicPattern(arg)) {
      let pattern;
      if (path2.isAbsolute(arg)) {
        pattern = toPosix(path2.relative(root, arg));
      } else {
        const base = toPosix(path2.relative(root, cwd));
        if (outside(base)) throw outsideError(arg);
        pattern = path2.posix.normalize(base === "" ? toPosix(arg) : `${escapePath(base)}/${toPosix(arg)}`);
      }
      if (outside(pattern)) throw outsideError(arg);
      return pattern.startsWith("./") ? pattern.slice(2) : pattern;
    }
    throw new UsageError(
      `${arg}: no such file or directory`,
      `paths are relative to the current directory (${cwd}); run without paths to lint the configured postmortems`
    );
  });
}

// src/cli/lint-command.ts
var FORMATS = ["text", "json", "sarif", "github"];
var LINT_HELP_AFTER = `
Paths may be files, directories (PM-*.md files below them are linted) or globs, relative to the
current directory and inside --root. Without paths, postmortems.paths from the config is linted
(default docs/postmortems/**/PM-*.md).

Examples:
  $ reliability-loop lint
  $ reliability-loop lint docs/postmortems/PM-7.md --rule PM009=off
  $ reliability-loop lint $(git diff --cached --name-only --diff-filter=AM -- 'docs/postmortems/PM-*.md')   # pre-commit hook
  $ reliability-loop lint --format sarif > results.sarif   # upload with github/codeql-action/upload-sarif
  $ reliability-loop lint --format json | jq '.summary'

Exit codes:
  0  no errors (and no more warnings than --max-warnings)
  1  errors found, or more warnings than --max-warnings
  2  usage or configuration error: unknown option, bad value, invalid config, path not found
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function wholeNumber(value) {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError("must be a whole number, 0 or more.");
  return Number(value);
}
function collect(value, previous) {
  return [...previous ?? [], value];
}
function addLintCommand(program, io, deps, done) {
  return program.command("lint").summary("check incident postmortems against the template").description("Check incident postmortems (docs/postmortems/PM-<id>.md) against the template and report problems.").argument("[paths...]", "files, directories or globs to lint (default: postmortems.paths from the config)").addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("text")).option("-o, --output <file>", "write the report to a file instead of stdout").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; config and reported paths are relative to it (default: current directory)").option("--rule <id=setting>", "set a rule to off, warning or error, e.g. PM009=off (repeatable)", collect).option("-q, --quiet", "report errors only, not warnings").option("--max-warnings <n>", "exit 1 when there are more than n warnings", wholeNumber).option("--no-cache", "lint every file afresh instead of reusing results for unchanged files").option("--concurrency <n>", "worker threads; 0 = one per CPU core", wholeNumber).option("--color", "colour the text report even when stdout is not a terminal").option("--no-color", "never colour the text report (NO_COLOR and FORCE_COLOR are honoured too)").addHelpText("after", LINT_HELP_AFTER).action(async (paths, options) => {
    done(await lintCommand(paths, options, io, deps));
  });
}
function readConfigText(file) {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError({ file, key: "", message: `cannot read the config file: ${reason}` });
  }
}
function resolveRoot(root, cwd) {
  if (root === void 0) return cwd;
  const abs = path3.resolve(cwd, root);
  const stat = statSync2(abs, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`--root ${root}: no such directory`);
  if (!stat.isDirectory()) throw new UsageError(`--root ${root}: not a directory`);
  return abs;
}
function onlyErrors(result) {
  return { findings: result.findings.filter((f) => f.severity === "error"), summary: { ...result.summary, warnings: 0 } };
}
async function lintCommand(paths, options, io, deps) {
  const root = resolveRoot(options.root, io.cwd);
  const overrides = [];
  if (options.rule !== void 0) overrides.push({ source: "--rule", values: parseRuleSettings(options.rule, "--rule") });
  if (options.cache === false) overrides.push({ source: "--no-cache", values: { lint: { cache: false } } });
  if (options.concurrency !== void 0) overrides.push({ source: "--concurrency", values: { lint: { concurrency: options.concurrency } } });
  const config = loadConfig({
    root,
    ...options.config === void 0 ? {} : { configPath: path3.resolve(io.cwd, options.config) },
    overrides,
    readFile: readConfigText
  });
  const patterns = paths.length > 0 ? resolveLintPaths(paths, { cwd: io.cwd, root }) : void 0;
  const showProgress = options.format === "text" && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env);
  const progress = showProgress ? progressLine(io.stderr) : NO_PROGRESS;
  const adapters = deps.createAdapters(config, { onProgress: progress.update, ...deps.now ? { now: deps.now } : {} });
  let result;
  try {
    result = await deps.runLint(config, patterns ? { paths: patterns } : {}, adapters);
  } finally {
    progress.clear();
  }
  if (result.files.length === 0) {
    const looked = patterns ?? config.lint.postmortems.paths;
    io.stderr(`warning: no postmortems found matching ${looked.join(", ")} under ${root}
`);
  }
  const shown = options.quiet ? onlyErrors(result) : result;
  const report = formatReport(shown, options, io, deps);
  if (options.output === void 0) io.stdout(report);
  else writeOutputFile(io.cwd, options.output, report);
  let code = result.summary.errors > 0 ? EXIT.PROBLEMS : EXIT.OK;
  if (options.maxWarnings !== void 0 && result.summary.warnings > options.maxWarnings) {
    io.stderr(`error: too many warnings: ${result.summary.warnings} (--max-warnings is ${options.maxWarnings})
`);
    code = EXIT.PROBLEMS;
  }
  return code;
}
function formatReport(result, options, io, deps) {
  switch (options.format) {
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result, {
        rules: deps.rules,
        version: VERSION,
        informationUri: PROJECT_URL,
        helpUri: (id) => ruleHelpUri(id, VERSION)
      });
    case "github":
      return formatWorkflowCommands(result, { rules: deps.rules });
    case "text": {
      const color = options.output === void 0 ? shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }) : options.color === true;
      return formatText(result, { color });
    }
  }
}

export {
  writeOutputFile,
  resolveLintPaths,
  FORMATS,
  collect,
  addLintCommand,
  readConfigText,
  resolveRoot,
  lintCommand
};
