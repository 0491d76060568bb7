#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  closedAsUsage,
  createPrompter
} from "./cli-FGYDPHZS.js";
import {
  resolveRoot
} from "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import {
  FileExistsError,
  createFileAtomic,
  replaceFileAtomic
} from "./cli-7KR5KIPO.js";
import {
  configSchema,
  loadConfig
} from "./cli-2DQVB3FE.js";
import {
  EXIT,
  Option,
  UsageError
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";

// src/cli/init-command.ts
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import path2 from "node:path";

// src/config/render-defaults.ts
function inline(value) {
  return JSON.stringify(value);
}
function wrap(text, indent, width = 100) {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && indent.length + 2 + line.length + 1 + word.length > width) {
      lines.push(`${indent}# ${line}`);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(`${indent}# ${line}`);
  return lines;
}
function isObject(node) {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.includes("object") && node.properties !== void 0;
}
var OPT_IN_SECTIONS = /* @__PURE__ */ new Set(["publish.confluence", "publish.email", "publish.slack"]);
function render(name, node, indent, out, overrides, path3) {
  if (OPT_IN_SECTIONS.has(path3) && !Object.keys(overrides).some((k) => k === path3 || k.startsWith(`${path3}.`))) {
    const block = [];
    renderNode(name, node, indent, block, overrides, path3);
    out.push(...block.map((line) => line.trimStart().startsWith("#") ? line : `${indent}# ${line.slice(indent.length)}`));
    return;
  }
  renderNode(name, node, indent, out, overrides, path3);
}
var DEFAULT_AS_COMMENT = /* @__PURE__ */ new Set(["gate.drills.source"]);
function renderNode(name, node, indent, out, overrides, path3) {
  if (node.description) out.push(...wrap(node.description, indent));
  const override = overrides[path3];
  if (override !== void 0) {
    out.push(`${indent}${name}: ${inline(override)}`);
  } else if (node.default !== void 0 && DEFAULT_AS_COMMENT.has(path3)) {
    out.push(`${indent}# ${name}: ${inline(node.default)}`);
  } else if (node.default !== void 0) {
    out.push(`${indent}${name}: ${inline(node.default)}`);
  } else if (isObject(node)) {
    out.push(`${indent}${name}:`);
    const before = out.length;
    for (const [key, child] of Object.entries(node.properties ?? {})) render(key, child, `${indent}  `, out, overrides, `${path3}.${key}`);
    if (out.slice(before).every((l) => l.trimStart().startsWith("#"))) out[before - 1] = `${indent}# ${name}:`;
  } else {
    out.push(`${indent}# ${name}:`);
  }
}
function renderDefaultConfig(options = {}) {
  const out = [];
  if (options.header) out.push(...options.header.trimEnd().split("\n"), "");
  for (const [key, node] of Object.entries(configSchema.properties)) {
    render(key, node, "", out, options.overrides ?? {}, key);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}
`;
}

// src/cli/package-assets.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var root;
function packageRoot() {
  if (root !== void 0) return root;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "reliability-loop") return root = dir;
    if (path.dirname(dir) === dir) throw new Error("cannot find the reliability-loop package directory (its package.json) above the running code");
  }
}
function readPackageFile(relative) {
  return readFileSync(path.join(packageRoot(), relative), "utf8");
}

// src/cli/init-command.ts
var WORKFLOWS = {
  lint: { file: "reliability-lint.yml", what: "lint changed postmortems on pull requests" },
  gate: { file: "reliability-gate.yml", what: "the merge gate: drills, open Sev1 action items, rollback plans" },
  sync: { file: "backlog-sync.yml", what: "every open action item becomes one ticket" },
  audit: { file: "transcript-audit.yml", what: "a monthly sample of agent transcripts scored on a rubric" },
  review: { file: "reliability-review.yml", what: "the monthly reliability review packet" },
  postmortem: { file: "reliability-postmortem.yml", what: "a draft postmortem pull request for each incident without one" },
  export: { file: "reliability-export.yml", what: "audit scores, incidents, action items and experiments into BigQuery or Snowflake, weekly" }
};
var WORKFLOW_NAMES = Object.keys(WORKFLOWS);
var PART_OF_REVIEW = "publish";
var DEFAULT_WORKFLOWS = ["lint", "gate", "sync", "review", "postmortem"];
var TRACKERS = ["github", "linear", "jira", "jira-dc"];
var HELP_AFTER = `
Writes, below the repository root (--root, default the current directory):
  .github/reliability.yml          every setting with its default and a comment saying what it does
  .github/workflows/<name>.yml     the workflows picked (${WORKFLOW_NAMES.join(", ")})
  docs/postmortems/TEMPLATE.md     the postmortem template (lint, postmortem new)
  docs/experiments/TEMPLATE.md     the experiment template (experiment new)
  .gitignore                       lines for the tool's caches (added when missing)
An existing file is kept unless --force is given. On a terminal, the tracker and the workflows are asked
for; otherwise the flags (or their defaults, with --yes) decide.

Examples:
  $ reliability-loop init                                  # asks on a terminal
  $ reliability-loop init --yes                            # GitHub Issues, workflows ${DEFAULT_WORKFLOWS.join(",")}
  $ reliability-loop init --tracker linear --workflows lint,gate,sync --yes
  $ reliability-loop init --dry-run --yes                  # list what would be written

Exit codes: 0 set up (existing files kept are listed), 2 usage error (unknown tracker or workflow,
nothing given and no terminal to ask on), 3 internal error.
`;
function addInitCommand(program, io, _deps, done) {
  return program.command("init").summary("set up reliability-loop in a repository").description("Set up the loop: the configuration with every default, the workflows, the templates and .gitignore lines.").addOption(new Option("--tracker <tracker>", "where action items become tickets").choices(TRACKERS)).option("--workflows <names>", `comma-separated workflows to write (${WORKFLOW_NAMES.join(", ")}), or "none"`).option("-y, --yes", "ask nothing: the defaults for what the flags leave out").option("--force", "replace files that exist").option("--dry-run", "list what would be written; write nothing").option("--root <dir>", "repository root (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml, else the current directory)").addHelpText("after", HELP_AFTER).action(async (options) => {
    done(await initCommand(options, io));
  });
}
function parseWorkflows(value) {
  const names = value.split(",").map((n) => n.trim().toLowerCase()).filter((n) => n !== "");
  if (names.length === 1 && names[0] === "none") return [];
  for (const name of names) {
    if (name === PART_OF_REVIEW) throw new UsageError("--workflows: publish runs as a step of the review workflow", `choose review (it sends the packet when a publish: section is configured); the workflows are ${WORKFLOW_NAMES.join(", ")}`);
    if (!WORKFLOW_NAMES.includes(name)) throw new UsageError(`--workflows: unknown workflow "${name}"`, `choose among ${WORKFLOW_NAMES.join(", ")} (comma-separated), or none`);
  }
  return [...new Set(names)];
}
async function choose(options, prompter) {
  let tracker = options.tracker;
  let workflows = options.workflows === void 0 ? void 0 : parseWorkflows(options.workflows);
  if (options.yes !== true && (tracker === void 0 || workflows === void 0)) {
    if (prompter === void 0) {
      throw new UsageError("nothing to ask on: stdin is not a terminal", `pass --yes for the defaults (tracker github; workflows ${DEFAULT_WORKFLOWS.join(",")}), or --tracker and --workflows`);
    }
    try {
      while (tracker === void 0) {
        const answer = (await prompter.ask(`Tracker for action items (${TRACKERS.join(", ")})`, { fallback: "github" })).toLowerCase();
        if (TRACKERS.includes(answer)) tracker = answer;
        else prompter.say(`  one of ${TRACKERS.join(", ")}
`);
      }
      while (workflows === void 0) {
        prompter.say(WORKFLOW_NAMES.map((n) => `  ${n.padEnd(11)}${WORKFLOWS[n].what}
`).join(""));
        try {
          workflows = parseWorkflows(await prompter.ask("Workflows, comma-separated", { fallback: DEFAULT_WORKFLOWS.join(",") }));
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          prompter.say(`  ${error.message.replace(/^--workflows: /, "")}
`);
        }
      }
    } catch (error) {
      throw closedAsUsage(error);
    } finally {
      prompter.close();
    }
  }
  return { tracker: tracker ?? "github", workflows: workflows ?? [...DEFAULT_WORKFLOWS] };
}
var CONFIG_HEADER = `# reliability-loop configuration. Every setting is written out with its default and what it does, so you
# can see what there is to change; delete what you do not change, it works the same. Reference:
# https://github.com/reliability-loop/reliability-loop/blob/v1/docs/configuration.md
# An invalid file stops every mode with \`file:line:col: key: message\` and exit code 2.`;
function nextSteps(config, tracker, workflows) {
  const steps = ['Commit the files: git add .github docs .gitignore && git commit -m "Set up reliability-loop"'];
  const secrets = {
    github: "none: GitHub Issues uses the workflow's token",
    linear: "LINEAR_API_KEY (a Linear API key), and set sync.linear.team in .github/reliability.yml (or LINEAR_TEAM)",
    jira: "JIRA_API_TOKEN and JIRA_EMAIL (an Atlassian API token and its account), and set sync.jira.base-url and sync.jira.project",
    "jira-dc": "JIRA_PAT (a personal access token), and set sync.jira.base-url and sync.jira.project"
  };
  if (workflows.includes("sync") || workflows.includes("review")) steps.push(`Secrets to add (Settings → Secrets and variables → Actions): ${secrets[tracker]}`);
  if (workflows.includes("export")) steps.push("For the export: the variables BIGQUERY_PROJECT (and workload identity federation, see docs/export.md), or the Snowflake variables and the secret SNOWFLAKE_PRIVATE_KEY; change the marked lines of .github/workflows/reliability-export.yml");
  if (workflows.includes("audit")) steps.push("For the LLM scorer of the audit: the secret OPENAI_API_KEY (or your endpoint's key) and audit.llm.model");
  const required = [];
  if (workflows.includes("lint")) required.push("reliability/lint");
  if (workflows.includes("gate")) required.push(...Object.values(config.gate.checkNames));
  if (required.length > 0) steps.push(`Checks to mark required (Settings → Branches or Rules → require status checks): ${required.join(", ")}`);
  if (workflows.includes("gate")) steps.push("The drills gate waits for the workflow named in gate.drills.workflow (default drills.yml): point it at your agent test suite");
  if (workflows.includes("postmortem") || workflows.includes("review")) steps.push('Allow Actions to open pull requests: Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests"');
  steps.push('Try it: reliability-loop lint && reliability-loop postmortem new --title "First postmortem" --severity Sev3 --dry-run');
  return steps;
}
async function initCommand(options, io) {
  const root2 = resolveRoot(options.root, io.cwd);
  const prompter = io.stdin !== void 0 && io.stdinIsTTY === true && options.yes !== true ? createPrompter(io.stdin, io.stderr) : void 0;
  const { tracker, workflows } = await choose(options, prompter);
  const configText = renderDefaultConfig({ header: CONFIG_HEADER, overrides: { "sync.tracker": tracker } });
  const config = loadConfig({ root: root2, readFile: (p) => p === path2.join(root2, ".github/reliability.yml") ? configText : void 0 });
  const planned = [
    { path: ".github/reliability.yml", text: configText },
    ...workflows.map((w) => ({ path: `.github/workflows/${WORKFLOWS[w].file}`, text: readPackageFile(`.github/workflows/${WORKFLOWS[w].file}`) })),
    { path: "docs/postmortems/TEMPLATE.md", text: readPackageFile("docs/postmortems/TEMPLATE.md") },
    { path: "docs/experiments/TEMPLATE.md", text: readPackageFile("docs/experiments/TEMPLATE.md") }
  ];
  const written = [];
  const kept = [];
  for (const file of planned) {
    const abs = path2.join(root2, file.path);
    if (existsSync2(abs) && options.force !== true) {
      kept.push(file.path);
      continue;
    }
    if (options.dryRun === true) {
      written.push(file.path);
      continue;
    }
    try {
      if (options.force === true) await replaceFileAtomic(abs, file.text);
      else await createFileAtomic(abs, file.text);
      written.push(file.path);
    } catch (error) {
      if (error instanceof FileExistsError) kept.push(file.path);
      else throw new UsageError(`cannot write ${file.path}: ${errorMessage(error)}`, "check that the directory is writable");
    }
  }
  const ignore = path2.join(root2, ".gitignore");
  const current = existsSync2(ignore) ? readFileSync2(ignore, "utf8") : "";
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim().replace(/^\//, "").replace(/\/$/, "")));
  const wanted = [".reliability-loop/", `${config.lint.cacheDir}/`].filter((l) => !have.has(l.replace(/\/$/, "")));
  if (wanted.length > 0) {
    if (options.dryRun !== true) await replaceFileAtomic(ignore, `${current}${current === "" || current.endsWith("\n") ? "" : "\n"}# reliability-loop caches
${wanted.join("\n")}
`);
    written.push(`.gitignore (${wanted.join(", ")})`);
  }
  const verb = options.dryRun === true ? "Would write" : "Wrote";
  io.stdout(`${written.length > 0 ? `${verb}:
${written.map((f) => `  ${f}
`).join("")}` : "Nothing to write.\n"}`);
  if (kept.length > 0) io.stdout(`Kept (they exist; --force replaces them):
${kept.map((f) => `  ${f}
`).join("")}`);
  io.stdout(`
Next steps:
${nextSteps(config, tracker, workflows).map((s, i) => `  ${i + 1}. ${s}
`).join("")}`);
  return EXIT.OK;
}
export {
  DEFAULT_WORKFLOWS,
  WORKFLOWS,
  addInitCommand,
  initCommand
};
