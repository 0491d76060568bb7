#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  ENV_NAMES,
  credentialsFromEnvironment,
  githubWebUrl,
  resolveConnection,
  runSync
} from "./cli-WWIUJGYL.js";
import "./cli-HHLT3I35.js";
import "./cli-PV4PP3YR.js";
import {
  createTracker
} from "./cli-VMA7M6Y6.js";
import {
  UnexpectedResponseError
} from "./cli-YW3TWOHG.js";
import {
  TRACKER_KINDS
} from "./cli-CTPB635N.js";
import "./cli-7J3Z5ETF.js";
import {
  errorStatus
} from "./cli-OYYJDXPV.js";
import {
  networkFailure
} from "./cli-G7SUBHGO.js";
import {
  resolveRoot
} from "./cli-4HXNJJBU.js";
import "./cli-44RM6KWG.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import {
  replaceRepoFileAtomic
} from "./cli-7KR5KIPO.js";
import {
  ansi,
  loadConfig,
  plural,
  readConfigText
} from "./cli-2DQVB3FE.js";
import {
  EXIT,
  InvalidArgumentError,
  Option,
  UsageError,
  isCI,
  isDebug,
  shouldUseColor
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import "./cli-YLWRLJDD.js";
import "./cli-Q4UO6FBE.js";
import "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import "./cli-EZXOBCIM.js";

// src/cli/sync-command.ts
import path from "node:path";

// src/report/sync-json.ts
function toJsonSyncReport(result) {
  return {
    tracker: result.tracker,
    dryRun: result.dryRun,
    consulted: result.consulted,
    items: result.results.map(({ plan, ticket, error }) => {
      const { item } = plan;
      const json = {
        key: item.key,
        postmortem: item.path,
        line: item.line,
        summary: item.summary,
        owner: item.owner ?? null,
        due: item.due ?? null,
        action: plan.action,
        ticket: ticket ? { ref: ticket.ref, url: ticket.url } : null,
        reason: plan.reason
      };
      if (error !== void 0) json.error = error;
      if (plan.notes.length > 0) json.notes = [...plan.notes];
      return json;
    }),
    counts: result.counts,
    orphans: result.orphans.map((t) => ({ ref: t.ref, url: t.url, title: t.title, keys: t.keys })),
    skipped: result.skipped.map((s) => ({ postmortem: s.path, line: s.line, summary: s.summary, reason: s.reason })),
    warnings: result.warnings,
    writeBack: { files: result.changedFiles }
  };
}
function formatSyncJson(result) {
  return `${JSON.stringify(toJsonSyncReport(result), null, 2)}
`;
}

// src/report/sync-text.ts
function label(result, dryRun) {
  if (result.error !== void 0) return "failed";
  if (dryRun) return result.plan.action;
  return { create: "created", update: "updated", close: "closed", unchanged: "unchanged" }[result.plan.action];
}
function pad(text, width) {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}
function cut(text, width) {
  if (width <= 1) return "";
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
function formatSyncText(result, options) {
  const c = ansi(options.color);
  const { dryRun } = result;
  const rows = result.results.map((r) => ({
    r,
    action: label(r, dryRun),
    ticket: r.ticket?.ref ?? "–",
    item: `${r.plan.item.path}:${r.plan.item.line}`,
    owner: r.plan.item.owner ?? "–",
    due: r.plan.item.due ?? "–",
    summary: r.plan.item.summary
  }));
  const headers = { action: "ACTION", ticket: "TICKET", item: "ITEM", owner: "OWNER", due: "DUE" };
  const widths = {
    action: Math.max(headers.action.length, ...rows.map((row) => row.action.length)),
    ticket: Math.max(headers.ticket.length, ...rows.map((row) => row.ticket.length)),
    item: Math.max(headers.item.length, ...rows.map((row) => row.item.length)),
    owner: Math.min(24, Math.max(headers.owner.length, ...rows.map((row) => row.owner.length))),
    due: 10
  };
  const fixed = widths.action + widths.ticket + widths.item + widths.owner + widths.due + 10;
  const summaryWidth = options.columns === void 0 ? Number.POSITIVE_INFINITY : Math.max(20, options.columns - fixed);
  const paint = (action, text) => {
    if (action === "failed") return c.red(text);
    if (action === "create" || action === "created") return c.green(text);
    if (action === "close" || action === "closed" || action === "update" || action === "updated") return c.yellow(text);
    return c.dim(text);
  };
  const lines = [];
  const where = result.consulted ? result.tracker : `${result.tracker}, not consulted: no credentials`;
  lines.push(c.bold(`reliability-loop sync → ${where}${dryRun ? " (dry run: no ticket written, no file changed)" : ""}`), "");
  if (rows.length === 0) lines.push("No action items found.");
  else {
    lines.push(c.dim(`${pad(headers.action, widths.action)}  ${pad(headers.ticket, widths.ticket)}  ${pad(headers.item, widths.item)}  ${pad(headers.owner, widths.owner)}  ${pad(headers.due, widths.due)}  SUMMARY`));
    for (const row of rows) {
      lines.push(
        `${paint(row.action, pad(row.action, widths.action))}  ${pad(row.ticket, widths.ticket)}  ${pad(row.item, widths.item)}  ${pad(cut(row.owner, widths.owner), widths.owner)}  ${pad(row.due, widths.due)}  ${cut(row.summary, summaryWidth)}`
      );
      if (row.r.error !== void 0) lines.push(c.red(`    error: ${row.r.error}`));
      for (const note of row.r.plan.notes) lines.push(c.dim(`    note: ${note}`));
    }
  }
  lines.push("");
  const n = result.counts;
  const totals = dryRun ? `${n.created} to create, ${n.updated} to update, ${n.closed} to close, ${n.unchanged} unchanged` : `${n.created} created, ${n.updated} updated, ${n.closed} closed, ${n.unchanged} unchanged, ${n.failed} failed`;
  lines.push(n.failed > 0 ? c.red(c.bold(totals)) : c.bold(totals));
  for (const t of result.orphans) lines.push(c.yellow(`open ticket without an item: ${t.ref} ${t.title} (${t.url}); its item was removed or reworded: close it or restore the item`));
  for (const s of result.skipped) lines.push(c.dim(`skipped ${s.path}:${s.line}: ${s.reason}`));
  for (const w of result.warnings) lines.push(c.yellow(`warning: ${w}`));
  if (result.changedFiles.length > 0) lines.push(`wrote ticket references into ${plural(result.changedFiles.length, "file")}: ${result.changedFiles.join(", ")}`);
  if (dryRun && !result.consulted) lines.push(c.dim("Give the tracker’s credentials (see `reliability-loop sync --help`) to compare with what exists and to write."));
  else if (dryRun) lines.push(c.dim("Run without --dry-run to write these changes."));
  if (n.failed > 0) lines.push(c.dim("Failed items are left for the next run, which completes them without duplicates."));
  return `${lines.join("\n")}
`;
}

// src/cli/sync-progress.ts
var ERASE_LINE = "\r\x1B[2K";
var NO_SYNC_PROGRESS = { phase: () => {
}, update: () => {
}, clear: () => {
} };
function syncProgressLine(write, tracker, options = {}) {
  const now = options.now ?? Date.now;
  const showAfter = options.showAfterMs ?? 2e3;
  let label2;
  let since = now();
  let lastDraw = -Infinity;
  let shown = false;
  const draw = () => {
    if (label2 === void 0) return;
    const waited = now() - since;
    lastDraw = now();
    shown = true;
    write(`${ERASE_LINE}${label2}${waited >= showAfter ? ` ${Math.floor(waited / 1e3)} s` : ""}`);
  };
  let timer;
  const restartClock = () => {
    clearInterval(timer);
    timer = setInterval(draw, options.tickMs ?? 1e3);
    timer.unref();
  };
  const labels = {
    "looking-up": `asking ${tracker} which tickets exist…`,
    writing: "syncing…",
    "writing-back": "writing ticket references…"
  };
  return {
    phase(phase) {
      label2 = labels[phase];
      since = now();
      restartClock();
      draw();
    },
    update({ done, total }) {
      if (total === 0) return;
      label2 = `syncing ${done}/${total}…`;
      if (done < total && now() - lastDraw < 80) return;
      draw();
    },
    clear() {
      clearInterval(timer);
      label2 = void 0;
      if (shown) write(ERASE_LINE);
      shown = false;
    }
  };
}

// src/cli/sync-command.ts
var SYNC_FORMATS = ["text", "json"];
var SYNC_HELP_AFTER = `
Every open action item (\`- [ ] summary :: @owner :: YYYY-MM-DD\`) of the postmortems gets exactly one
ticket, assigned to its owner and due on its date; ticked items get their ticket closed. Re-running is
safe: tickets are found by the reference written back onto the item's line, or by the item's key.

Credentials come from the environment (never from flags, so they stay out of shell history):
  github    GITHUB_TOKEN, GITHUB_REPOSITORY (owner/repo), GITHUB_API_URL (GHES)
  linear    LINEAR_API_KEY, LINEAR_TEAM (team key), LINEAR_API_URL
  jira      JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PROJECT
  jira-dc   JIRA_BASE_URL, JIRA_PAT, JIRA_PROJECT
Without the tracker's secret only \`--dry-run\` works (planned from the postmortems alone); a run that
would write exits 2 naming the missing variable.

Examples:
  $ reliability-loop sync                                   # GitHub Issues of $GITHUB_REPOSITORY
  $ reliability-loop sync --dry-run                         # what would change, nothing written
  $ LINEAR_API_KEY=lin_api_… LINEAR_TEAM=ENG reliability-loop sync --tracker linear
  $ reliability-loop sync --dry-run --format json | jq '.items[] | select(.action == "create")'

Exit codes:
  0  every item is in sync (or the dry run planned without problems)
  1  some items failed; the others were done, and the next run completes the job without duplicates
  2  usage or configuration error: bad option or config, missing or incomplete credentials
  3  unexpected internal error (run with DEBUG=reliability-loop for details)
`;
function positiveSeconds(value) {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0)) throw new InvalidArgumentError("must be a number of seconds above 0.");
  return n;
}
function addSyncCommand(program, io, deps, done) {
  return program.command("sync").summary("make every open action item exactly one ticket (GitHub, Linear, Jira)").description("Create, update and close tickets so that every open action item of the postmortems has exactly one.").addOption(new Option("-t, --tracker <tracker>", "where tickets live (default: sync.tracker from the config, else github)").choices(TRACKER_KINDS)).option("-n, --dry-run", "print the plan; write no ticket and change no file (works without credentials)").addOption(new Option("-f, --format <format>", "report format").choices(SYNC_FORMATS).default("text")).option("-c, --config <file>", "config file (default: .github/reliability.yml or .yaml under --root)").option("--root <dir>", "repository root; config and postmortem paths are relative to it (default: the enclosing git repository, or the nearest folder upward with .github/reliability.yml)").option("--no-write-back", "do not write ticket references into the postmortems").option("--timeout <seconds>", "longest wait for one tracker response before retrying (default 30)", positiveSeconds).option("--color", "colour the table even when stdout is not a terminal").option("--no-color", "never colour the table (NO_COLOR and FORCE_COLOR are honoured too)").addHelpText("after", SYNC_HELP_AFTER).action(async (options) => {
    done(await syncCommand(options, io, deps));
  });
}
function lineUrlOf(env, connection) {
  const repository = connection?.kind === "github" ? `${connection.owner}/${connection.repo}` : env.GITHUB_REPOSITORY;
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) return void 0;
  const web = (env.GITHUB_SERVER_URL || githubWebUrl(env.GITHUB_API_URL || "https://api.github.com")).replace(/\/+$/, "");
  const ref = env.GITHUB_SHA || "HEAD";
  return (file, line) => `${web}/${repository}/blob/${ref}/${file.split("/").map(encodeURIComponent).join("/")}#L${line}`;
}
function trackerFailure(error, kind) {
  const message = errorMessage(error);
  if (networkFailure(error)) return { message: `could not reach the ${kind} tracker (${message}); nothing was written`, hint: "check the base URL, the network and any proxy, then run again", code: EXIT.PROBLEMS };
  const status = errorStatus(error);
  if (status === 401 || status === 403) {
    return { message: `the ${kind} tracker refused the credentials (${status}: ${message}); nothing was written`, hint: "check the token and its permissions (see docs/sync.md)", code: EXIT.USAGE };
  }
  if (status === 404) {
    return { message: `${message}; nothing was written`, hint: "check the team or project key, the repository and the base URL (config sync:, or the environment)", code: EXIT.USAGE };
  }
  if (error instanceof UnexpectedResponseError || status !== void 0 || /fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|socket|timed? ?out|no response/i.test(message)) {
    return { message: `could not read the ${kind} tracker (${status !== void 0 ? `${status}: ` : ""}${message}); nothing was written`, hint: "check the base URL and the network, then run again", code: EXIT.PROBLEMS };
  }
  return void 0;
}
async function syncCommand(options, io, deps) {
  const root = resolveRoot(options.root, io.cwd);
  const overrides = [];
  if (options.tracker !== void 0) overrides.push({ source: "--tracker", values: { sync: { tracker: options.tracker } } });
  if (options.writeBack === false) overrides.push({ source: "--no-write-back", values: { sync: { "write-back": "off" } } });
  const config = loadConfig({
    root,
    ...options.config === void 0 ? {} : { configPath: path.resolve(io.cwd, options.config) },
    overrides,
    readFile: readConfigText
  });
  const sync = config.sync;
  const kind = sync.tracker;
  const found = resolveConnection(kind, credentialsFromEnvironment(io.env), sync, ENV_NAMES);
  if ("incomplete" in found) {
    throw new UsageError(found.incomplete, 'set the missing environment variables (see "reliability-loop sync --help"), or pass --dry-run to plan without credentials');
  }
  if ("absent" in found && options.dryRun !== true) {
    throw new UsageError(`a sync that writes needs the ${kind} credentials, and ${found.variable} is not set; nothing was planned or written`, `set ${found.variable} (see "reliability-loop sync --help"), or pass --dry-run to plan from the postmortems alone`);
  }
  const connection = "connection" in found ? found.connection : void 0;
  const dryRun = options.dryRun === true || connection === void 0;
  if ("absent" in found && options.format === "text") {
    io.stderr(`note: ${found.absent}: planned from the postmortems alone, without asking ${kind}
`);
  }
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const debug = isDebug(io.env);
  const tracker = connection ? createTracker(connection, {
    sync,
    startedAt: now(),
    log: { info: (m) => debug ? io.stderr(`${m}
`) : void 0, warning: (m) => io.stderr(`warning: ${m}
`) },
    ...options.timeout !== void 0 && { transport: { timeoutMs: options.timeout * 1e3 } }
  }) : void 0;
  const showProgress = options.format === "text" && (io.stderrIsTTY ?? io.isTTY) && !isCI(io.env) && tracker !== void 0;
  const progress = showProgress ? syncProgressLine(io.stderr, kind) : NO_SYNC_PROGRESS;
  const lineUrl = lineUrlOf(io.env, connection);
  let result;
  try {
    result = await runSync(
      config,
      { dryRun, trackerKind: kind, ...lineUrl && { lineUrl } },
      {
        files: nodeRepoFiles(root),
        writeFile: (file, text, expected) => replaceRepoFileAtomic(root, file, text, expected),
        ...tracker && { tracker },
        onProgress: progress.update,
        onPhase: progress.phase
      }
    );
  } catch (error) {
    const failure = trackerFailure(error, kind);
    if (!failure) throw error;
    io.stderr(`error: ${failure.message}
hint: ${failure.hint}
`);
    return failure.code;
  } finally {
    progress.clear();
  }
  if (options.format === "json") io.stdout(formatSyncJson(result));
  else io.stdout(formatSyncText(result, { color: shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }), ...io.isTTY && io.columns !== void 0 && { columns: io.columns } }));
  return result.counts.failed > 0 ? EXIT.PROBLEMS : EXIT.OK;
}
export {
  SYNC_FORMATS,
  addSyncCommand,
  syncCommand
};
