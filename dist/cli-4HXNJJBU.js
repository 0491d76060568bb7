#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  PROJECT_URL,
  VERSION,
  formatSarif,
  ruleHelpUri
} from "./cli-44RM6KWG.js";
import {
  NODE_MODULES_CACHE_DIR,
  defaultLintConfig,
  formatText,
  loadConfig,
  parseRuleSettings,
  plural,
  readConfigText
} from "./cli-2DQVB3FE.js";
import {
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
  require_picomatch,
  shouldUseColor,
  sortFindings
} from "./cli-JW34KQ4Z.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/cli/lint-command.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { existsSync as existsSync2 } from "node:fs";
import path4 from "node:path";

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

// src/io/lint-cache-dir.ts
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
function defaultCacheDirFor(root) {
  return statSync(path.join(root, "node_modules"), { throwIfNoEntry: false })?.isDirectory() ? NODE_MODULES_CACHE_DIR : void 0;
}
function showsAsUntracked(root, dir) {
  const run = spawnSync("git", ["check-ignore", "-q", "--", dir], { cwd: root, stdio: "ignore", timeout: 5e3 });
  return run.status === 1;
}

// src/cli/output-file.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path2 from "node:path";
function writeOutputFile(cwd, output, text, what = "report") {
  const file = path2.resolve(cwd, output);
  try {
    mkdirSync(path2.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write the ${what} to ${output}: ${errorMessage(error)}`);
  }
}

// src/cli/paths.ts
import { existsSync, statSync as statSync2 } from "node:fs";
import path3 from "node:path";
var ROOT_MARKERS = [".git", ".github/reliability.yml", ".github/reliability.yaml"];
function findRepositoryRoot(cwd) {
  for (let dir = path3.resolve(cwd); ; ) {
    if (ROOT_MARKERS.some((marker) => existsSync(path3.join(dir, marker)))) return dir;
    const parent = path3.dirname(dir);
    if (parent === dir) return path3.resolve(cwd);
    dir = parent;
  }
}
function resolveRoot(root, cwd) {
  if (root === void 0) return findRepositoryRoot(cwd);
  const abs = path3.resolve(cwd, root);
  const stat = statSync2(abs, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`--root ${root}: no such directory`);
  if (!stat.isDirectory()) throw new UsageError(`--root ${root}: not a directory`);
  return abs;
}
var DIRECTORY_PATTERN = "**/PM-*.md";
var toPosix = (p) => p.split(path3.sep).join("/");
function outside(rel) {
  return rel === ".." || rel.startsWith("../") || path3.isAbsolute(rel);
}
function resolvePathArguments(args, options) {
  const { cwd, root } = options;
  const directoryPattern = options.directoryPattern ?? DIRECTORY_PATTERN;
  const outsideError = (arg) => new UsageError(`${arg} is outside the repository root ${root}`, "pass --root <dir> with the repository that contains it");
  return args.map((arg) => {
    if (arg.trim() === "") throw new UsageError("an empty path was given", "remove the empty argument, or run without paths to lint the configured postmortems");
    const abs = path3.resolve(cwd, arg);
    const stat = statSync2(abs, { throwIfNoEntry: false });
    if (stat) {
      const rel = toPosix(path3.relative(root, abs));
      if (outside(rel)) throw outsideError(arg);
      if (stat.isDirectory()) return { arg, pattern: rel === "" ? directoryPattern : `${escapePath(rel)}/${directoryPattern}`, isFile: false };
      if (stat.isFile()) return { arg, pattern: escapePath(rel), isFile: true };
      throw new UsageError(`${arg} is not a file or directory`);
    }
    if (isDynamicPattern(arg)) {
      let pattern;
      if (path3.isAbsolute(arg)) {
        pattern = toPosix(path3.relative(root, arg));
      } else {
        const base = toPosix(path3.relative(root, cwd));
        if (outside(base)) throw outsideError(arg);
        pattern = path3.posix.normalize(base === "" ? toPosix(arg) : `${escapePath(base)}/${toPosix(arg)}`);
      }
      if (outside(pattern)) throw outsideError(arg);
      return { arg, pattern: pattern.startsWith("./") ? pattern.slice(2) : pattern, isFile: false };
    }
    throw new UsageError(
      `${arg}: no such file or directory`,
      `paths are relative to the current directory (${cwd}); run without paths to lint the configured postmortems`
    );
  });
}
async function requireMatches(args, glob, what = "files") {
  const unmatched = [];
  for (const a of args) if (!a.isFile && (await glob([a.pattern])).length === 0) unmatched.push(a);
  if (unmatched.length === 0) return;
  const lines = unmatched.map((a) => `no ${what} match ${a.arg}${a.pattern === a.arg ? "" : ` (${a.pattern} in the repository)`}`);
  throw new UsageError(
    lines.join("\nerror: "),
    "check the spelling; quote globs so the shell passes them on ('docs/postmortems/PM-9*.md'); paths are relative to the current directory"
  );
}

// src/cli/lint-command.ts
var FORMATS = ["text", "json", "sarif", "github"];
var DEFAULT_CACHE_DIR = defaultLintConfig().cacheDir;
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
  2  usage or configuration error: bad option or config, a path or glob that matches nothing
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
  return program.command("lint").summary("check incident postmortems against the template").description("Check incident postmortems (docs/postmortems/PM-<id>.md) against the template and report problems.").argument("[paths...]", "files, directories or globs to lint (default: postmortems.paths from the config)").addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("text")).option("-o, --output <file>", "write the report to a file instead of stdout").option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; config and reported paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)").option("--rule <id=setting>", "set a rule to off, warning or error, e.g. PM009=off (repeatable)", collect).option("-q, --quiet", "report errors only, not warnings").option("--max-warnings <n>", "exit 1 when there are more than n warnings", wholeNumber).option("--no-cache", "lint every file afresh instead of reusing results for unchanged files").option("--concurrency <n>", "worker threads; 0 = one per CPU core", wholeNumber).option("--color", "colour the text report even when stdout is not a terminal").option("--no-color", "never colour the text report (NO_COLOR and FORCE_COLOR are honoured too)").addHelpText("after", LINT_HELP_AFTER).action(async (paths, options) => {
    done(await lintCommand(paths, options, io, deps));
  });
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
  const defaultCacheDir = defaultCacheDirFor(root);
  const config = loadConfig({
    root,
    ...options.config === void 0 ? {} : { configPath: path4.resolve(io.cwd, options.config) },
    overrides,
    readFile: readConfigText,
    ...defaultCacheDir !== void 0 && { defaultCacheDir }
  });
  const cacheDirBefore = config.lint.cache && existsSync2(path4.join(root, config.lint.cacheDir));
  const pathArgs = paths.length > 0 ? resolvePathArguments(paths, { cwd: io.cwd, root }) : void 0;
  const patterns = pathArgs?.map((a) => a.pattern);
  const showProgress = options.format === "text" && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env);
  const progress = showProgress ? progressLine(io.stderr) : NO_PROGRESS;
  const adapters = deps.createAdapters(config, { onProgress: progress.update, ...deps.now ? { now: deps.now } : {} });
  if (pathArgs) await requireMatches(pathArgs, adapters.files.glob);
  let result;
  try {
    result = await deps.runLint(config, patterns ? { paths: patterns } : {}, adapters);
  } finally {
    progress.clear();
  }
  if (result.files.length === 0) {
    const globs = config.lint.postmortems.paths;
    const bases = [...new Set(globs.map((g) => import_picomatch.default.scan(g).base || "."))];
    const found = await adapters.files.glob(bases.map((b) => `${b === "." ? "" : `${b}/`}**/*.md`));
    const markdown = found.filter((p) => !/(^|\/)TEMPLATE\.md$/i.test(p));
    if (pathArgs === void 0 && markdown.length === 0 && found.length > 0) {
      io.stderr(`no postmortems yet under ${bases.join(", ")}: write the first with \`reliability-loop postmortem new\` (or from ${bases[0]}/TEMPLATE.md)
`);
      return EXIT.OK;
    }
    throw new UsageError(
      `no postmortems match ${globs.join(", ")} under ${root}${markdown.length > 0 ? ` (${markdown.length} other markdown file${markdown.length === 1 ? "" : "s"} there, e.g. ${markdown[0]})` : ""}`,
      "set postmortems.paths in .github/reliability.yml to where your postmortems are, pass --root <dir>, or pass the files to lint"
    );
  }
  if (config.lint.cache && !cacheDirBefore && config.lint.cacheDir === DEFAULT_CACHE_DIR && showsAsUntracked(root, config.lint.cacheDir)) {
    io.stderr(`note: the lint cache is in ${config.lint.cacheDir}/; add that line to .gitignore, or set lint.cache-dir (e.g. ${NODE_MODULES_CACHE_DIR})
`);
  }
  const shown = options.quiet ? onlyErrors(result) : result;
  const hiddenWarnings = result.summary.warnings - shown.summary.warnings;
  const report = formatReport(shown, options, io, deps, hiddenWarnings);
  if (hiddenWarnings > 0 && options.format !== "text") io.stderr(`note: ${plural(hiddenWarnings, "warning")} hidden by --quiet
`);
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
function formatReport(result, options, io, deps, hiddenWarnings) {
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
      const width = options.output === void 0 && io.isTTY && io.columns !== void 0 ? io.columns : void 0;
      return formatText(result, { color, hiddenWarnings, ...width !== void 0 && { width } });
    }
  }
}

export {
  writeOutputFile,
  resolveRoot,
  resolvePathArguments,
  requireMatches,
  FORMATS,
  collect,
  addLintCommand,
  lintCommand
};
