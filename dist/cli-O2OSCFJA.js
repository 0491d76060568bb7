#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  createNodeLintAdapters,
  runLint
} from "./cli-DSEV7FH7.js";
import "./cli-PV4PP3YR.js";
import "./cli-RLS4UGPM.js";
import {
  PROJECT_URL,
  VERSION
} from "./cli-44RM6KWG.js";
import "./cli-K3LUHVBJ.js";
import "./cli-7KR5KIPO.js";
import {
  Command,
  CommanderError,
  ConfigError,
  EXIT,
  RULES,
  UsageError,
  isDebug
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";

// src/cli/main.ts
import { inspect } from "node:util";
var defaultDeps = { runLint, createAdapters: createNodeLintAdapters, rules: RULES };
var PROGRAM_HELP_AFTER = `
Examples:
  $ reliability-loop init                                  # set up the configuration, workflows and templates
  $ reliability-loop lint                                  # lint docs/postmortems/**/PM-*.md
  $ reliability-loop lint docs/postmortems/PM-7.md         # lint one postmortem
  $ reliability-loop lint --format sarif > results.sarif   # for GitHub code scanning
  $ reliability-loop gate --local --base origin/main       # the merge gate on this checkout, offline
  $ reliability-loop sync --dry-run                        # which tickets sync would create or close
  $ reliability-loop audit --period 2026-10 --scorer rules # score a month of agent transcripts
  $ reliability-loop experiment list                       # prompt and tool experiments
  $ reliability-loop review --month 2026-10 --write        # the monthly reliability packet
  $ reliability-loop export                                # records into a DuckDB warehouse, with views
  $ reliability-loop publish --month 2026-10 --dry-run     # what Confluence, e-mail and Slack would get
  $ reliability-loop postmortem new --incident INC-1014    # a draft postmortem from an incident
  $ reliability-loop lint --help                           # options of a mode

Exit codes: 0 no errors, 1 problems found, 2 usage or configuration error, 3 internal error
(gate: 3 also means a gate is still pending). Each mode's --help gives its own.
`;
var MODES = [
  ["lint", async () => (await import("./cli-4ASSYJ2G.js")).addLintCommand],
  ["gate", async () => (await import("./cli-AJDKMCG7.js")).addGateCommand],
  ["experiment", async () => (await import("./cli-6W7UVKQ5.js")).addExperimentCommand],
  ["sync", async () => (await import("./cli-PHSEJUNA.js")).addSyncCommand],
  ["audit", async () => (await import("./cli-PMIZWDMY.js")).addAuditCommand],
  ["review", async () => (await import("./cli-KT4W5TAR.js")).addReviewCommand],
  ["export", async () => (await import("./cli-TCEFKSJV.js")).addExportCommand],
  ["publish", async () => (await import("./cli-TARF5GCF.js")).addPublishCommand],
  ["postmortem", async () => (await import("./cli-VLN2WZ36.js")).addPostmortemCommand],
  ["init", async () => (await import("./cli-JGRN3EIX.js")).addInitCommand]
];
function modeOf(argv) {
  const first = argv[0];
  return MODES.some(([name]) => name === first) ? first : void 0;
}
async function buildProgram(argv, io, deps, done) {
  const width = io.columns !== void 0 && io.columns >= 40 ? io.columns : 80;
  const program = new Command("reliability-loop").usage("<mode> [options]").description("Closes the loop of a reliability program for teams running LLM agents in production.").configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
    getOutHelpWidth: () => width,
    getErrHelpWidth: () => width,
    getOutHasColors: () => false,
    getErrHasColors: () => false
  }).exitOverride().showHelpAfterError("(add --help for usage)").helpOption("-h, --help", "show help").version(VERSION, "-v, --version", "print the version").helpCommand("help [mode]", "show help for a mode").commandsGroup("Modes:").addHelpText("after", PROGRAM_HELP_AFTER);
  const mode = modeOf(argv);
  for (const [name, load] of MODES) if (mode === void 0 || name === mode) (await load())(program, io, deps, done);
  return program;
}
async function main(argv, io, deps = {}) {
  let code = EXIT.OK;
  try {
    const program = await buildProgram(argv, io, { ...defaultDeps, ...deps }, (c) => {
      code = c;
    });
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}
function configHint(error) {
  if (error.issues.every((issue) => issue.file.startsWith("--"))) {
    return 'fix the option value; run "reliability-loop lint --help" for the accepted values';
  }
  if (error.issues.some((issue) => issue.message.startsWith("config file not found"))) {
    return "check the --config path (relative to the current directory), or leave --config out to read .github/reliability.yml";
  }
  if (error.issues.some((issue) => issue.message.startsWith("both "))) {
    return "delete one of the two files, or choose one with --config";
  }
  const files = [...new Set(error.issues.filter((i) => !i.file.startsWith("--")).map((i) => i.file))];
  return `fix ${files.join(" and ")} at the place shown; the settings are described at ${PROJECT_URL}#configuration`;
}
function reportError(error, io) {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (error instanceof ConfigError) {
    io.stderr(`error: ${error.message}
hint: ${configHint(error)}
`);
    return EXIT.USAGE;
  }
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}
${error.hint === void 0 ? "" : `hint: ${error.hint}
`}`);
    return EXIT.USAGE;
  }
  const message = errorMessage(error);
  const firstLine = message.split("\n")[0] || (error instanceof Error ? error.name : "unknown error");
  io.stderr(`error: unexpected internal error: ${firstLine}
`);
  io.stderr(isDebug(io.env) ? `${inspect(error)}
` : "run with DEBUG=reliability-loop for details\n");
  return EXIT.INTERNAL;
}
export {
  EXIT,
  defaultDeps,
  main
};
