#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  GitError,
  commitFiles,
  fileAtCommit,
  mergeBase,
  resolveCommit,
  runGit,
  workTreeRoot,
  workingTreeChanges
} from "./cli-YCR4GTMK.js";
import {
  checkRollbackPlan
} from "./cli-AU6KXWWY.js";
import {
  DEFAULT_EXPERIMENT_PATHS
} from "./cli-JCR4YYTK.js";
import {
  parseExperimentDoc
} from "./cli-B332P2HQ.js";
import {
  RULES,
  parseOptionsOf,
  parsePostmortem
} from "./cli-B3GQPTVW.js";
import {
  createGitHubClient,
  errorStatus,
  require_tunnel,
  require_undici
} from "./cli-HIEROXGC.js";
import "./cli-G7SUBHGO.js";
import {
  nodeRepoFiles
} from "./cli-LOBLEYOU.js";
import {
  DEFAULT_CONFIG_PATHS,
  ansi,
  gateConfigOf,
  loadConfig,
  plural
} from "./cli-TE7GFLBL.js";
import {
  ConfigError,
  Option,
  UsageError,
  require_dist,
  require_picomatch,
  severityIn,
  shouldUseColor
} from "./cli-LO3OCXTE.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import "./cli-Q4UO6FBE.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/cli/gate-command.ts
import { readFileSync } from "node:fs";
import path2 from "node:path";

// src/config/load-at-ref.ts
import path from "node:path";
async function loadConfigAtRef(options) {
  const texts = /* @__PURE__ */ new Map();
  const candidates = options.configPath !== void 0 ? [options.configPath.replace(/^\.\/+/, "")] : DEFAULT_CONFIG_PATHS;
  for (const candidate of candidates) {
    const text = await options.readAtRef(candidate);
    if (text !== void 0) {
      texts.set(path.resolve(options.root, candidate), text);
      break;
    }
  }
  return loadConfig({
    root: options.root,
    ...options.configPath !== void 0 && { configPath: options.configPath },
    ...options.overrides !== void 0 && { overrides: options.overrides },
    readFile: (abs) => texts.get(abs)
  });
}

// src/gates/drills.ts
var JOB_RESULTS = ["success", "failure", "cancelled", "skipped"];
var PENDING_STATUSES = /* @__PURE__ */ new Set(["queued", "in_progress", "waiting", "requested", "pending"]);
function runLink(run) {
  const label = `${run.kind} ${run.name} #${run.id}${run.attempt !== void 0 && run.attempt > 1 ? ` (attempt ${run.attempt})` : ""}`;
  return run.url ? `[${label}](${run.url})` : label;
}
var short = (sha) => sha.slice(0, 7);
function evaluateDrills(observation, settings) {
  const verdict = (conclusion, title, summary2) => ({ id: "drills", conclusion, title, summary: summary2, annotations: [] });
  const skippedNote = settings.skippedCountsAsSuccess ? "`gate.drills.skipped-counts-as-success` is on, so a skipped drill run passes." : "A skipped drill proves nothing, so it fails the gate; set `gate.drills.skipped-counts-as-success: true` to let it pass.";
  switch (observation.kind) {
    case "job": {
      const read = `Read the drill job's result: \`${observation.result}\`.`;
      if (observation.result === "success") return verdict("success", "Drills passed", read);
      if (observation.result === "skipped") {
        return settings.skippedCountsAsSuccess ? verdict("success", "Drills skipped (counted as success)", `${read} ${skippedNote}`) : verdict("failure", "Drills skipped", `${read} ${skippedNote}`);
      }
      return verdict("failure", observation.result === "cancelled" ? "Drills cancelled" : "Drills failed", `${read} The drill suite must pass on the pull request's head commit.`);
    }
    case "unknown":
      return verdict("neutral", "Drill result unknown", observation.reason);
    case "not-applicable":
      return verdict("success", "Drills not applicable", observation.reason);
    case "error":
      return verdict("failure", "Drill result could not be read", observation.message);
    case "none": {
      const what = `No ${observation.source} \`${observation.name}\` exists for the head commit ${short(observation.headSha)}`;
      if (observation.timedOut) {
        return verdict(
          "failure",
          "Drills never ran",
          `${what}, ${observation.waitedSeconds} s after it was made (\`gate.drills.never-ran-timeout\`: ${observation.timeoutSeconds} s). Check that the drill workflow triggers on this event and branch; when its path filters exclude this change, list the covered paths in \`gate.drills.paths\`.`
        );
      }
      return verdict("pending", "Waiting for the drills to start", `${what} yet. The gate is evaluated again when the drill workflow completes.`);
    }
    case "run": {
      const { run } = observation;
      const read = `Read ${runLink(run)} on ${short(run.headSha)}: ${run.status === "completed" ? `\`${run.conclusion ?? "no conclusion"}\`` : `\`${run.status}\``}.`;
      if (run.status !== "completed") {
        if (PENDING_STATUSES.has(run.status)) return verdict("pending", "Drills running", `${read} The gate is evaluated again when it completes.`);
        return verdict("failure", `Drills ${run.status}`, `${read} The run cannot complete in this state.`);
      }
      switch (run.conclusion) {
        case "success":
          return verdict("success", "Drills passed", read);
        case "skipped":
        case "neutral":
          return settings.skippedCountsAsSuccess ? verdict("success", `Drills ${run.conclusion} (counted as success)`, `${read} ${skippedNote}`) : verdict("failure", `Drills ${run.conclusion}`, `${read} ${skippedNote}`);
        default:
          return verdict("failure", run.conclusion === "failure" || run.conclusion === null ? "Drills failed" : `Drills ${run.conclusion.replace(/_/g, " ")}`, `${read} The drill suite must pass on the pull request's head commit; re-run it or fix the failure.`);
      }
    }
  }
}

// src/github/get-file-at-ref.ts
async function getFileAtRef(client, request) {
  try {
    const { data } = await client.rest.repos.getContent({
      owner: request.owner,
      repo: request.repo,
      path: request.path,
      ref: request.ref,
      mediaType: { format: "raw" }
    });
    if (typeof data === "string") return data;
    throw new Error(`${request.path} at ${request.ref} is not a file`);
  } catch (error2) {
    if (errorStatus(error2) === 404) return void 0;
    throw error2;
  }
}

// src/github/get-pull-request.ts
async function getPullRequest(client, request) {
  const { data } = await client.rest.pulls.get({ owner: request.owner, repo: request.repo, pull_number: request.pullNumber });
  return {
    number: data.number,
    htmlUrl: data.html_url,
    title: data.title,
    body: data.body ?? "",
    labels: data.labels.map((l) => l.name),
    state: data.state,
    headSha: data.head.sha,
    headRepository: data.head.repo?.full_name ?? null,
    baseSha: data.base.sha,
    baseRef: data.base.ref
  };
}

// src/io/gate-github-sources.ts
var import_picomatch = __toESM(require_picomatch(), 1);

// src/github/compare-commits.ts
var COMPARE_FILES_CAP = 300;
var STATUSES = { added: "added", removed: "removed", renamed: "renamed", copied: "added" };
async function compareCommits(client, request) {
  const { data } = await client.rest.repos.compareCommitsWithBasehead({
    owner: request.owner,
    repo: request.repo,
    basehead: `${request.base}...${request.head}`,
    // Commits are what is paginated; one is enough, the files come with the first page regardless.
    per_page: 1
  });
  const files = (data.files ?? []).map((file) => ({ path: file.filename, status: STATUSES[file.status] ?? "modified" }));
  return { files, truncated: files.length >= COMPARE_FILES_CAP };
}

// src/github/get-commit-date.ts
async function getCommitDate(client, request) {
  const { data } = await client.rest.repos.getCommit({ owner: request.owner, repo: request.repo, ref: request.sha, per_page: 1 });
  return data.commit.committer?.date ?? data.commit.author?.date ?? void 0;
}

// src/github/get-team-membership.ts
async function isActiveTeamMember(client, request) {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({ org: request.org, team_slug: request.teamSlug, username: request.username });
    return data.state === "active";
  } catch (error2) {
    if (errorStatus(error2) === 404) return false;
    throw error2;
  }
}

// src/github/get-tree-paths.ts
async function getTreePaths(client, request) {
  const { data } = await client.rest.git.getTree({ owner: request.owner, repo: request.repo, tree_sha: request.sha, recursive: "true" });
  return { paths: data.tree.filter((entry) => entry.type === "blob" && entry.path !== void 0).map((entry) => entry.path), truncated: data.truncated };
}

// src/github/list-check-runs-for-ref.ts
async function listCheckRunsForRef(client, request) {
  const runs = [];
  const maxPages = request.maxPages ?? 5;
  let pages = 0;
  const iterator = client.paginate.iterator(client.rest.checks.listForRef, {
    owner: request.owner,
    repo: request.repo,
    ref: request.ref,
    ...request.checkName !== void 0 && { check_name: request.checkName },
    filter: "latest",
    per_page: 100
  });
  for await (const page of iterator) {
    for (const run of page.data) {
      runs.push({
        id: run.id,
        name: run.name,
        status: run.status,
        conclusion: run.conclusion ?? null,
        htmlUrl: run.html_url ?? null,
        headSha: run.head_sha,
        startedAt: run.started_at ?? null,
        ...run.app?.slug !== void 0 && { appSlug: run.app.slug }
      });
    }
    if (++pages >= maxPages) break;
  }
  return runs.sort((a, b) => (a.startedAt ?? "") < (b.startedAt ?? "") ? 1 : (a.startedAt ?? "") > (b.startedAt ?? "") ? -1 : b.id - a.id);
}

// src/github/list-label-events.ts
async function listLabelEvents(client, request) {
  const events = [];
  const iterator = client.paginate.iterator(client.rest.issues.listEvents, { owner: request.owner, repo: request.repo, issue_number: request.issueNumber, per_page: 100 });
  for await (const page of iterator) {
    for (const event of page.data) {
      if (event.event !== "labeled" && event.event !== "unlabeled") continue;
      const label = event.label?.name;
      if (label === void 0) continue;
      events.push({ id: event.id, action: event.event, label, actor: event.actor?.login ?? "ghost", createdAt: event.created_at });
    }
  }
  return events;
}

// src/github/list-pull-request-files.ts
var PULL_REQUEST_FILES_CAP = 3e3;
async function listPullRequestFiles(client, request) {
  const files = [];
  const removed = [];
  let listed = 0;
  const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
    owner: request.owner,
    repo: request.repo,
    pull_number: request.pullNumber,
    per_page: 100
  });
  for await (const page of pages) {
    for (const entry of page.data) {
      listed++;
      if (entry.status !== "removed") files.push(entry.filename);
      else removed.push(entry.filename);
    }
  }
  const truncated = listed >= PULL_REQUEST_FILES_CAP || (request.changedFiles ?? 0) > PULL_REQUEST_FILES_CAP;
  return { files, removed, listed, truncated };
}

// src/github/list-workflow-runs.ts
async function latestWorkflowRunForSha(client, request) {
  const workflowId = /^\d+$/.test(request.workflow) ? Number(request.workflow) : request.workflow;
  const { data } = await client.rest.actions.listWorkflowRuns({
    owner: request.owner,
    repo: request.repo,
    workflow_id: workflowId,
    head_sha: request.headSha,
    exclude_pull_requests: true,
    per_page: 100
  });
  const runs = data.workflow_runs.filter((run2) => run2.head_sha.toLowerCase() === request.headSha.toLowerCase());
  runs.sort((a, b) => a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id);
  const run = runs[0];
  if (!run) return void 0;
  return {
    id: run.id,
    name: run.name ?? request.workflow,
    status: run.status ?? "queued",
    conclusion: run.conclusion ?? null,
    htmlUrl: run.html_url,
    runAttempt: run.run_attempt ?? 1,
    event: run.event,
    headSha: run.head_sha,
    createdAt: run.created_at
  };
}

// src/io/gate-github-sources.ts
function createGitHubGateSources(options) {
  const { client, owner, repo } = options;
  return {
    changedFiles: () => changedFiles(options),
    head: options.head,
    readBase: (path3) => getFileAtRef(client, { owner, repo, path: path3, ref: options.baseSha }),
    observeDrills: (settings) => observeDrills(options, settings),
    ...options.pullNumber !== void 0 && {
      labelApplication: (label) => labelApplication(options, options.pullNumber ?? 0, label),
      teamMemberships: (user, teams) => teamMemberships(client, user, teams)
    }
  };
}
async function changedFiles(options) {
  const { client, owner, repo, change } = options;
  const fromPullRequest = async (number, changedCount) => {
    const listing = await listPullRequestFiles(client, { owner, repo, pullNumber: number, ...changedCount !== void 0 && { changedFiles: changedCount } });
    return {
      files: [...listing.files.map((path3) => ({ path: path3, status: "modified" })), ...listing.removed.map((path3) => ({ path: path3, status: "removed" }))],
      truncated: listing.truncated
    };
  };
  if (change.kind === "pull-request") return fromPullRequest(change.number, change.changedFiles);
  const compared = await compareCommits(client, { owner, repo, base: change.base, head: change.head });
  if (compared.truncated && change.fallbackPullRequest !== void 0) return fromPullRequest(change.fallbackPullRequest);
  return compared;
}
async function observeDrills(options, settings) {
  const { client, owner, repo, headSha } = options;
  if (settings.source === "job") {
    const result = options.drillResult.trim().toLowerCase();
    if (JOB_RESULTS.includes(result)) return { kind: "job", result };
    if (result === "" && options.missingDrillResult === "unknown") {
      return { kind: "unknown", reason: "`gate.drills.source` is `job`: the drill job’s result is only known inside the workflow; pass `--drill-result success|failure|skipped` to include it." };
    }
    return {
      kind: "error",
      message: result === "" ? "`gate.drills.source` is `job`, but the `drill-result` input is empty: pass `drill-result: ${{ needs.<drill job>.result }}` and make the gate job `needs:` the drill job with `if: always()`." : `The \`drill-result\` input is "${options.drillResult}"; expected success, failure, cancelled or skipped (\`\${{ needs.<drill job>.result }}\`).`
    };
  }
  const source = settings.source === "workflow" ? "workflow run" : "check run";
  const name = settings.source === "workflow" ? settings.workflow : settings.check;
  const trigger = options.triggeringRun;
  if (settings.source === "workflow" && trigger && trigger.headSha.toLowerCase() === headSha.toLowerCase() && sameWorkflow(trigger.path, settings.workflow)) {
    return { kind: "run", run: trigger };
  }
  const find = async () => {
    if (settings.source === "workflow") {
      const run2 = await latestWorkflowRunForSha(client, { owner, repo, workflow: settings.workflow, headSha });
      return run2 && { kind: "workflow run", name, id: run2.id, status: run2.status, conclusion: run2.conclusion, url: run2.htmlUrl, attempt: run2.runAttempt, headSha: run2.headSha };
    }
    const [run] = await listCheckRunsForRef(client, { owner, repo, ref: headSha, checkName: settings.check, maxPages: 1 });
    return run && { kind: "check run", name, id: run.id, status: run.status, conclusion: run.conclusion, ...run.htmlUrl !== null && { url: run.htmlUrl }, headSha: run.headSha };
  };
  let reference;
  for (; ; ) {
    let run;
    try {
      run = await find();
    } catch (error2) {
      const status = errorStatus(error2);
      if (status === 404 && settings.source === "workflow") {
        return { kind: "error", message: `The drill workflow \`${settings.workflow}\` was not found in ${owner}/${repo} (404). Set \`gate.drills.workflow\` to the file name of your drill workflow under .github/workflows.` };
      }
      return { kind: "error", message: `Could not read the ${source}s of ${headSha.slice(0, 7)}: ${status ?? "error"} ${errorMessage(error2)}. Re-run the gate; the drills cannot be shown green without them.` };
    }
    if (run) return { kind: "run", run };
    reference ??= await commitTime(options);
    const waited = Math.max(0, Math.round((options.now() - reference) / 1e3));
    const timedOut = waited >= settings.neverRanTimeoutSeconds;
    if (timedOut || !options.mayWait) {
      return { kind: "none", source, name, headSha, timedOut, waitedSeconds: waited, timeoutSeconds: settings.neverRanTimeoutSeconds };
    }
    const pause = Math.min(settings.pollIntervalSeconds, settings.neverRanTimeoutSeconds - waited);
    options.log(`No ${source} ${name} for ${headSha.slice(0, 7)} yet; looking again in ${pause} s (giving up ${settings.neverRanTimeoutSeconds - waited} s from now).`);
    await options.sleep(pause * 1e3);
  }
}
function sameWorkflow(runPath, workflow) {
  const file = runPath.replace(/@.*$/, "").split("/").pop() ?? "";
  return file === workflow;
}
async function commitTime(options) {
  try {
    const date = await getCommitDate(options.client, { owner: options.owner, repo: options.repo, sha: options.headSha });
    const ms = date === void 0 ? Number.NaN : Date.parse(date);
    return Number.isNaN(ms) ? options.now() : Math.min(ms, options.now());
  } catch {
    return options.now();
  }
}
async function labelApplication(options, number, label) {
  const events = await listLabelEvents(options.client, { owner: options.owner, repo: options.repo, issueNumber: number }).catch((error2) => {
    options.log(`Could not list the events of #${number} to see who applied "${label}": ${errorMessage(error2)}`);
    return [];
  });
  const applied = events.filter((e) => e.action === "labeled" && e.label.toLowerCase() === label.toLowerCase()).pop();
  return applied && { actor: applied.actor, at: applied.createdAt, eventId: applied.id };
}
async function teamMemberships(client, user, teams) {
  const out = {};
  for (const team of teams) {
    const [org = "", teamSlug = ""] = team.split("/");
    try {
      out[team] = await isActiveTeamMember(client, { org, teamSlug, username: user });
    } catch (error2) {
      const status = errorStatus(error2);
      out[team] = {
        unknown: status === 403 ? "the token cannot read the organisation’s teams (403); use a token with organisation members read access, or list the users in gate.bypass.users" : `${status ?? "error"} ${errorMessage(error2)}`
      };
    }
    if (out[team] === true) break;
  }
  return out;
}
function apiCommitFiles(client, request) {
  let listing;
  const limit = pLimit(8);
  return {
    async glob(patterns) {
      listing ??= getTreePaths(client, request).then((tree) => tree.paths);
      const matches = (0, import_picomatch.default)([...patterns]);
      return (await listing).filter((p) => matches(p)).sort();
    },
    read: (path3) => limit(async () => {
      const text = await getFileAtRef(client, { owner: request.owner, repo: request.repo, path: path3, ref: request.sha });
      if (text === void 0) throw new Error(`${path3} does not exist at ${request.sha.slice(0, 7)}`);
      return new TextEncoder().encode(text);
    })
  };
}

// src/io/gate-local-sources.ts
function createLocalGateSources(options) {
  const { root, mergeBase: mergeBase2 } = options;
  const drill = options.drillResult ? { kind: "job", result: options.drillResult } : { kind: "unknown", reason: "Not known locally: pass `--drill-result success|failure|skipped` (for example the result of your CI’s drill job) to include the drills." };
  return {
    changedFiles: () => workingTreeChanges(root, mergeBase2),
    head: nodeRepoFiles(root),
    readBase: async (path3) => (await fileAtCommit(root, mergeBase2, path3))?.toString("utf8"),
    observeDrills: async () => drill
  };
}

// src/modes/gate.ts
var import_picomatch4 = __toESM(require_picomatch(), 1);

// src/gates/drill-paths.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
var import_yaml = __toESM(require_dist(), 1);
var dict = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? v : void 0;
function workflowPathFilter(workflowText) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(workflowText);
  } catch {
    return void 0;
  }
  const on = dict(doc)?.on;
  const trigger = dict(on)?.pull_request ?? dict(on)?.pull_request_target;
  const config = dict(trigger);
  if (!config) return void 0;
  const list = (v) => Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : void 0;
  const paths = list(config.paths);
  if (paths) return { kind: "paths", patterns: paths };
  const ignore = list(config["paths-ignore"]);
  if (ignore) return { kind: "paths-ignore", patterns: ignore };
  return void 0;
}
function matchesList(patterns) {
  const compiled = patterns.map((p) => p.startsWith("!") ? { negated: true, test: (0, import_picomatch2.default)(p.slice(1), { dot: true }) } : { negated: false, test: (0, import_picomatch2.default)(p, { dot: true }) });
  return (path3) => {
    let included = false;
    for (const c of compiled) if (c.test(path3)) included = !c.negated;
    return included;
  };
}
function filterExpectsRun(filter, changed) {
  if (changed.truncated || changed.files.length === 0) return true;
  const matches = matchesList(filter.patterns);
  return filter.kind === "paths" ? changed.files.some((f) => matches(f.path)) : !changed.files.every((f) => matches(f.path));
}
function describeFilter(filter) {
  return `${filter.kind}: ${filter.patterns.map((p) => `\`${p}\``).join(", ")}`;
}

// src/gates/bypass.ts
var REASON_RE = /^\s*(?:[-*]\s*)?(?:\*\*)?bypass[- ]reason(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/im;
function bypassReason(body) {
  const reason = REASON_RE.exec(body)?.[1]?.replace(/\*\*$/, "").trim();
  return reason === void 0 || reason === "" ? void 0 : reason;
}
function authorizeBypass(actor, settings, memberships) {
  const login = actor.toLowerCase();
  if (settings.users.some((u) => u.toLowerCase() === login)) return { allowedAs: "user", notes: [] };
  const notes = [];
  for (const team of settings.teams) {
    const member = memberships[team];
    if (member === true) return { allowedAs: `team:${team}`, notes };
    if (member !== void 0 && member !== false) notes.push(`membership of @${actor} in ${team} could not be read (${member.unknown})`);
  }
  return { notes };
}
function allowedList(settings) {
  const who = [...settings.users.map((u) => `@${u}`), ...settings.teams.map((t) => `team ${t}`)];
  return who.length > 0 ? who.join(", ") : "nobody (`gate.bypass.users` and `gate.bypass.teams` are empty)";
}
function applyBypass(input) {
  const { settings, context } = input;
  const verdicts = [...input.verdicts];
  if (!input.labelled) return { verdicts };
  const failing = verdicts.filter((v) => v.conclusion === "failure");
  const label = `\`${settings.label}\``;
  if (failing.length === 0) return { verdicts, note: `The bypass label ${label} is present, but no gate failed: nothing was bypassed.` };
  const refuse = (why2) => {
    const note2 = `**Bypass refused:** ${why2} Allowed to bypass: ${allowedList(settings)}.`;
    return { verdicts: verdicts.map((v) => v.conclusion === "failure" ? { ...v, summary: `${note2}

${v.summary}` } : v), note: note2 };
  };
  if (!input.application) return refuse(`the label ${label} is on the pull request, but the event that applied it could not be found, so who applied it is unknown.`);
  const { actor } = input.application;
  const auth = authorizeBypass(actor, settings, input.memberships);
  if (auth.allowedAs === void 0) {
    const unknown = auth.notes.length > 0 ? ` (${auth.notes.join("; ")})` : "";
    return refuse(`the label ${label} was applied by @${actor}, who is not allowed to bypass${unknown}.`);
  }
  const reason = bypassReason(context.body);
  const gates = failing.map((v) => v.id);
  const record = {
    ts: context.now,
    repository: context.repository,
    pull_request: context.pullRequest,
    head_sha: context.headSha,
    actor,
    allowed_as: auth.allowedAs,
    label: settings.label,
    labeled_at: input.application.at,
    ...input.application.eventId !== void 0 && { label_event_id: input.application.eventId },
    gates,
    reason: reason ?? '(none given: add "Bypass-Reason: …" to the pull request description)',
    event: context.event,
    ...context.configCommit !== void 0 && { config_commit: context.configCommit },
    ...context.runUrl !== void 0 && { run_url: context.runUrl }
  };
  const why = reason ? `Reason: ${reason}` : "No reason was given; add a line `Bypass-Reason: …` to the pull request description for the record.";
  const note = `**Bypassed** by @${actor} (${auth.allowedAs === "user" ? "listed user" : auth.allowedAs.replace(/^team:/, "member of ")}) with the label ${label} at ${input.application.at}: ${gates.join(", ")}. ${why}`;
  return {
    verdicts: verdicts.map(
      (v) => v.conclusion === "failure" ? {
        ...v,
        conclusion: "neutral",
        title: `Bypassed: ${v.title}`,
        summary: `${note}

${v.summary}`,
        // Still shown, but no longer as what fails the check.
        annotations: v.annotations.map((a) => a.annotation_level === "failure" ? { ...a, annotation_level: "warning" } : a)
      } : v
    ),
    record,
    note
  };
}

// src/gates/rollback-plan.ts
var import_picomatch3 = __toESM(require_picomatch(), 1);

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell2) => {
        if (typeof cell2 === "string") {
          return this.wrap("td", cell2);
        }
        const { header, data, colspan, rowspan } = cell2;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();

// node_modules/@actions/core/lib/platform.js
import os from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os.platform();
var arch = os.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));

// src/report/annotations.ts
var RULE_NAMES = new Map(RULES.map((rule) => [rule.id, rule.name]));

// src/report/job-summary.ts
var MAX_MESSAGE_CHARS = 1e3;
function cell(text) {
  const short2 = text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
  return short2.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function lineUrl(link, path3, line) {
  const encodedPath = path3.split("/").map(encodeURIComponent).join("/");
  return `${link.serverUrl.replace(/\/+$/, "")}/${link.repository}/blob/${link.sha}/${encodedPath}#L${line}`;
}

// src/gates/rollback-plan.ts
function changedExperimentDocs(changed, experimentGlobs) {
  const isDoc = (0, import_picomatch3.default)([...experimentGlobs], { dot: true });
  return changed.files.filter((f) => f.status !== "removed" && isDoc(f.path)).map((f) => f.path);
}
var MAX_LISTED = 30;
function evaluateRollbackPlan(input) {
  const { settings, changed, links } = input;
  const isGated = (0, import_picomatch3.default)(settings.paths, { dot: true });
  const gated = changed.files.filter((f) => isGated(f.path));
  const globs = settings.paths.map((g) => `\`${g}\``).join(", ");
  const verdict = (conclusion, title, summary2, annotations2 = []) => ({
    id: "rollback-plan",
    conclusion,
    title,
    summary: summary2,
    annotations: annotations2
  });
  if (gated.length === 0) {
    if (changed.truncated) {
      return verdict(
        "failure",
        "Changed files could not all be listed",
        `This change has more files than GitHub lists (3000), and none of those listed match ${globs}; the gate cannot tell whether the rest do. Split the pull request.`
      );
    }
    return verdict("success", "Not applicable: no prompt, tool or agent changes", `No changed file matches ${globs}, so no experiment doc is needed.`);
  }
  const link = (path3, line) => links ? `[${cell(`${path3}:${line}`)}](${lineUrl(links, path3, line)})` : cell(`${path3}:${line}`);
  const gatedList = `${gated.slice(0, MAX_LISTED).map((f) => `- \`${f.path}\`${f.status === "removed" ? " (removed)" : ""}`).join("\n")}${gated.length > MAX_LISTED ? `
- …and ${gated.length - MAX_LISTED} more` : ""}`;
  const intro = `This change touches ${plural(gated.length, "file")} matching ${globs}:

${gatedList}`;
  const onGatedFiles = (message2) => gated.filter((f) => f.status !== "removed").map((f) => ({ path: f.path, start_line: 1, end_line: 1, annotation_level: "failure", title: "Experiment doc with a rollback plan needed", message: message2 }));
  if (input.docs.length === 0) {
    const docs = input.experimentGlobs.map((g) => `\`${g}\``).join(", ");
    const message2 = `Changes to ${settings.paths.join(", ")} need an experiment doc (${input.experimentGlobs.join(", ")}) with a rollback plan (trigger, steps, owner) in the same pull request.`;
    return verdict(
      "failure",
      "No experiment doc for a prompt/tool change",
      `${intro}

It must add or change an experiment doc matching ${docs} (markdown with YAML front matter: \`id\`, \`name\`, \`owner\`, \`hypothesis\`, \`metrics\`, \`rollback\`), and none was added or changed. Add one whose \`rollback:\` names a trigger (when to roll back), the steps (how) and an owner (who).`,
      onGatedFiles(message2)
    );
  }
  const annotations = [];
  const rows = [];
  let good = 0;
  for (const input_ of input.docs) {
    const { path: path3 } = input_;
    if ("readError" in input_) {
      rows.push(`| \`${cell(path3)}\` | ❌ cannot be read: ${cell(input_.readError)} |`);
      annotations.push({ path: path3, start_line: 1, end_line: 1, annotation_level: "failure", title: "Experiment doc unreadable", message: input_.readError });
      continue;
    }
    const parsed = parseExperimentDoc(input_.content, path3);
    if (!parsed.doc) {
      const problems = parsed.problems.length > 0 ? parsed.problems : [{ line: 1, column: 1, message: "not an experiment doc (no front matter)" }];
      rows.push(`| \`${cell(path3)}\` | ❌ invalid: ${problems.map((p) => `${link(path3, p.line)} ${cell(p.message)}`).join("<br>")} |`);
      for (const p of problems) annotations.push({ path: path3, start_line: p.line, end_line: p.line, annotation_level: "failure", title: "Invalid experiment doc", message: p.message });
      continue;
    }
    const rollback = checkRollbackPlan(parsed.doc);
    if (rollback.length > 0) {
      rows.push(`| \`${cell(path3)}\` | ❌ rollback plan not real: ${rollback.map((p) => `${link(path3, p.line)} ${cell(p.message)}`).join("<br>")} |`);
      for (const p of rollback) annotations.push({ path: path3, start_line: p.line, end_line: p.line, annotation_level: "failure", title: "Rollback plan not real", message: p.message });
    } else {
      good++;
      const plan = parsed.doc.rollback;
      rows.push(`| \`${cell(path3)}\` | ✅ rollback when ${cell(plan.trigger)}; ${plural(plan.steps.length, "step")}; owner ${cell(plan.owner)} |`);
    }
    for (const p of parsed.problems) annotations.push({ path: path3, start_line: p.line, end_line: p.line, annotation_level: "warning", title: "Experiment doc", message: p.message });
  }
  const bad = input.docs.length - good;
  const table = `| Experiment doc | Rollback plan |
| --- | --- |
${rows.join("\n")}`;
  if (bad === 0) {
    return verdict("success", `Rollback plan present (${plural(good, "experiment doc")})`, `${intro}

and adds or changes:

${table}`, annotations);
  }
  const message = `The experiment doc${input.docs.length === 1 ? "" : "s"} changed with this file ${bad === 1 && input.docs.length === 1 ? "has" : "have"} no real rollback plan; see ${input.docs.map((d) => d.path).join(", ")}.`;
  return verdict(
    "failure",
    `${plural(bad, "experiment doc")} without a real rollback plan`,
    `${intro}

Every experiment doc it adds or changes must have a real rollback plan (a trigger, concrete steps and an owner; not \`TBD\`, \`N/A\`, \`none\` or \`-\`):

${table}`,
    [...annotations, ...onGatedFiles(message)]
  );
}

// src/gates/sev1-actions.ts
var MAX_LISTED2 = 40;
function itemKey(item) {
  return item.summary.toLowerCase().replace(/\s+/g, " ").trim();
}
function itemReferences(path3, item) {
  const refs = [`${path3}#L${item.position.line}`, `${path3}:${item.position.line}`];
  if (item.ticket?.url) refs.push(item.ticket.url);
  if (item.ticket?.id) refs.push(item.ticket.id);
  return refs;
}
function referencedIn(text, path3, item) {
  const lower = text.toLowerCase();
  for (const ref of itemReferences(path3, item)) {
    const needle = ref.toLowerCase();
    let at = lower.indexOf(needle);
    while (at !== -1) {
      const before = at === 0 ? "" : lower[at - 1] ?? "";
      const after = lower[at + needle.length] ?? "";
      if (!/[a-z0-9_]/.test(before) && !/[0-9a-z_]/.test(after)) return ref;
      at = lower.indexOf(needle, at + 1);
    }
  }
  return void 0;
}
function isOverdue(item, today) {
  if (!item.due || !item.dueValid) return true;
  return item.due < today;
}
function evaluateSev1Actions(input) {
  const { settings, pullRequest, links } = input;
  const levels = settings.severities;
  const levelNames = levels.join("/");
  const blocking = input.postmortems.filter((pm) => severityIn(pm.metadata.severity, levels));
  const fixLabelled = pullRequest?.labels.some((l) => l.toLowerCase() === settings.fixLabel.toLowerCase()) ?? false;
  const prText = pullRequest ? `${pullRequest.title}
${pullRequest.body}` : "";
  const open2 = [];
  let untracked = 0;
  for (const postmortem of blocking) {
    for (const item of postmortem.actionItems) {
      if (item.kind !== "task") {
        untracked++;
        continue;
      }
      if (item.checked) continue;
      const entry = { postmortem, item, overdue: isOverdue(item, input.today) };
      if (settings.block === "overdue" && !entry.overdue) entry.exemptBy = "not overdue";
      else if (fixLabelled) {
        const ref = referencedIn(prText, postmortem.path, item);
        if (ref !== void 0) entry.exemptBy = `referenced as \`${ref}\` by this pull request, labelled \`${settings.fixLabel}\``;
      }
      open2.push(entry);
    }
  }
  const closed = closedByChange(input, levels);
  const blockers = open2.filter((o) => o.exemptBy === void 0);
  const exempted = open2.filter((o) => o.exemptBy !== void 0 && o.exemptBy !== "not overdue");
  const notYetDue = open2.filter((o) => o.exemptBy === "not overdue");
  const where = (o) => {
    const loc = `${o.postmortem.path}:${o.item.position.line}`;
    return links ? `[${cell(loc)}](${lineUrl(links, o.postmortem.path, o.item.position.line)})` : cell(loc);
  };
  const table = (items, extra) => {
    const rows = items.slice(0, MAX_LISTED2).map(
      (o) => `| ${where(o)} | ${cell(o.item.summary || o.item.raw)} | ${cell(o.item.ownerRaw ?? "—")} | ${cell(o.item.due ?? "—")}${o.overdue && o.item.due ? " (overdue)" : ""} |${extra ? ` ${cell(extra(o))} |` : ""}`
    );
    const more = items.length > MAX_LISTED2 ? `

…and ${plural(items.length - MAX_LISTED2, "more item")}.` : "";
    return `| Item | Action | Owner | Due |${extra ? " Note |" : ""}
| --- | --- | --- | --- |${extra ? " --- |" : ""}
${rows.join("\n")}${more}`;
  };
  const parts = [];
  const policy = settings.block === "open" ? `every unchecked action item of a ${levelNames} postmortem blocks` : `unchecked action items of ${levelNames} postmortems block once overdue (or without a valid due date)`;
  parts.push(`Checked ${plural(blocking.length, `${levelNames} postmortem`)} of ${plural(input.postmortems.length, "postmortem")} (policy \`block: ${settings.block}\`: ${policy}).`);
  if (blockers.length > 0) {
    parts.push(`### Blocking

${table(blockers)}`);
    const how = [
      "tick the item’s box in the postmortem once it is done (this pull request may do it)",
      `or, for the pull request that fixes it, add the label \`${settings.fixLabel}\` and reference the item in the description by its ticket or as \`path#Lline\` (e.g. \`${blockers[0] ? itemReferences(blockers[0].postmortem.path, blockers[0].item)[0] : ""}\`)`
    ];
    parts.push(`To unblock: ${how.join(", ")}.`);
  }
  if (exempted.length > 0) parts.push(`### Passed by the fix label

${table(exempted, (o) => o.exemptBy ?? "")}`);
  if (closed.length > 0) {
    const list = closed.slice(0, MAX_LISTED2).map((c) => `- ${cell(c.item.summary)} (${c.path}:${c.item.position.line})`);
    parts.push(`### Closed by this change

${list.join("\n")}${closed.length > MAX_LISTED2 ? `
- …and ${closed.length - MAX_LISTED2} more` : ""}`);
  }
  if (notYetDue.length > 0) parts.push(`${plural(notYetDue.length, "open item")} not yet overdue do not block under \`block: overdue\`.`);
  if (untracked > 0) parts.push(`${plural(untracked, "action item")} without a checkbox cannot be ticked and are not counted here; the lint mode reports them (PM007).`);
  const annotations = [
    ...blockers.map(
      (o) => ({
        path: o.postmortem.path,
        start_line: o.item.position.line,
        end_line: o.item.position.line,
        annotation_level: "failure",
        title: `Open ${o.postmortem.metadata.severity?.label ?? levelNames} action item`,
        message: `${o.item.summary || o.item.raw}${o.item.ownerRaw ? ` (owner ${o.item.ownerRaw}` : " (no owner"}${o.item.due ? `, due ${o.item.due})` : ")"} blocks merges until it is checked.`
      })
    ),
    ...exempted.map(
      (o) => ({
        path: o.postmortem.path,
        start_line: o.item.position.line,
        end_line: o.item.position.line,
        annotation_level: "notice",
        title: "Open action item passed by the fix label",
        message: `${o.item.summary}: ${o.exemptBy ?? ""}`
      })
    )
  ];
  const verdictTitle = blockers.length > 0 ? `${plural(blockers.length, `open ${levelNames} action item`)} in ${plural(new Set(blockers.map((b) => b.postmortem.path)).size, "postmortem")}` : exempted.length > 0 ? `No blocking ${levelNames} action items (${exempted.length} passed by \`${settings.fixLabel}\`)` : closed.length > 0 ? `No open ${levelNames} action items (${closed.length} closed by this change)` : `No open ${levelNames} action items`;
  return { id: "sev1-actions", conclusion: blockers.length > 0 ? "failure" : "success", title: verdictTitle.replace(/`/g, ""), summary: parts.join("\n\n"), annotations };
}
function closedByChange(input, levels) {
  if (!input.basePostmortems) return [];
  const heads = new Map(input.postmortems.map((pm) => [pm.path, pm]));
  const closed = [];
  for (const base of input.basePostmortems) {
    if (!severityIn(base.metadata.severity, levels)) continue;
    const head = heads.get(base.path);
    if (!head) continue;
    const wasOpen = new Set(base.actionItems.filter((i) => i.kind === "task" && !i.checked).map(itemKey));
    for (const item of head.actionItems) if (item.kind === "task" && item.checked && wasOpen.has(itemKey(item))) closed.push({ path: head.path, item });
  }
  return closed;
}

// src/gates/types.ts
function overallResult(verdicts) {
  if (verdicts.some((v) => v.conclusion === "failure")) return "fail";
  if (verdicts.some((v) => v.conclusion === "pending")) return "pending";
  return "pass";
}

// src/gates/evaluate.ts
function evaluateGates(inputs) {
  const { settings } = inputs;
  const verdicts = [
    evaluateDrills(inputs.drill, settings.drills),
    evaluateSev1Actions({
      postmortems: inputs.postmortems,
      ...inputs.basePostmortems !== void 0 && { basePostmortems: inputs.basePostmortems },
      settings: settings.sev1Actions,
      today: inputs.today,
      ...inputs.pullRequest !== void 0 && { pullRequest: inputs.pullRequest },
      ...inputs.links !== void 0 && { links: inputs.links }
    }),
    evaluateRollbackPlan({
      changed: inputs.changed,
      docs: inputs.experimentDocs,
      settings: settings.rollbackPlan,
      experimentGlobs: inputs.experimentGlobs,
      ...inputs.links !== void 0 && { links: inputs.links }
    })
  ];
  if (!inputs.bypass) return { result: overallResult(verdicts), verdicts, notes: [] };
  const outcome = applyBypass({
    verdicts,
    settings: settings.bypass,
    labelled: true,
    ...inputs.bypass.application !== void 0 && { application: inputs.bypass.application },
    memberships: inputs.bypass.memberships,
    context: inputs.bypass.context
  });
  return {
    result: overallResult(outcome.verdicts),
    verdicts: outcome.verdicts,
    ...outcome.record !== void 0 && { bypassRecord: outcome.record },
    notes: outcome.note !== void 0 ? [outcome.note] : []
  };
}

// src/modes/gate.ts
var READ_CONCURRENCY = 16;
async function readPostmortems(files, paths, config) {
  const options = parseOptionsOf(config.lint);
  const limit = pLimit(READ_CONCURRENCY);
  const read = await Promise.all(
    paths.map(
      (path3) => limit(async () => {
        try {
          return parsePostmortem(await files.read(path3), path3, options);
        } catch {
          return void 0;
        }
      })
    )
  );
  return read.filter((pm) => pm !== void 0);
}
async function drillObservation(settings, changed, request, sources) {
  if (settings.paths !== void 0) {
    if (!filterExpectsRun({ kind: "paths", patterns: settings.paths }, changed)) {
      return { kind: "not-applicable", reason: `No changed file matches \`gate.drills.paths\` (${settings.paths.map((p) => `\`${p}\``).join(", ")}), so the drills are not expected for this change.` };
    }
  } else if (settings.source === "workflow" && request.pathFiltersApply && !/^\d+$/.test(settings.workflow)) {
    const file = `.github/workflows/${settings.workflow}`;
    const text = await sources.readBase(file).catch(() => void 0);
    const filter = text === void 0 ? void 0 : workflowPathFilter(text);
    if (filter && !filterExpectsRun(filter, changed)) {
      return {
        kind: "not-applicable",
        reason: `The drill workflow \`${file}\` does not run for this change: its \`pull_request\` trigger has ${describeFilter(filter)} (read from the base commit), and no changed file passes it.`
      };
    }
  }
  return sources.observeDrills(settings);
}
function isoDay(date) {
  return date.toISOString().slice(0, 10);
}
async function runGate(config, request, sources, now) {
  const settings = gateConfigOf(config);
  const changed = await sources.changedFiles();
  const postmortemGlobs = config.lint.postmortems.paths;
  const isPostmortem = (0, import_picomatch4.default)(postmortemGlobs);
  const experimentGlobs = config.experiment?.paths ?? DEFAULT_EXPERIMENT_PATHS;
  const docPaths = changedExperimentDocs(changed, experimentGlobs);
  const changedPostmortems = changed.files.filter((f) => f.status !== "removed" && isPostmortem(f.path)).map((f) => f.path);
  const [drill, postmortems, basePostmortems, experimentDocs] = await Promise.all([
    drillObservation(settings.drills, changed, request, sources),
    sources.head.glob(postmortemGlobs).then((paths) => readPostmortems(sources.head, paths, config)),
    readBasePostmortems(changedPostmortems, sources, config),
    Promise.all(docPaths.map((path3) => readExperimentDoc(sources.head, path3)))
  ]);
  const pr = request.pullRequest;
  const labelled = pr?.labels.some((l) => l.toLowerCase() === settings.bypass.label.toLowerCase()) ?? false;
  let bypass;
  if (pr && labelled) {
    const application = sources.labelApplication ? await sources.labelApplication(settings.bypass.label) : void 0;
    const actor = application?.actor;
    const listedUser = actor !== void 0 && settings.bypass.users.some((u) => u.toLowerCase() === actor.toLowerCase());
    const memberships = actor !== void 0 && !listedUser && settings.bypass.teams.length > 0 && sources.teamMemberships ? await sources.teamMemberships(actor, settings.bypass.teams) : {};
    bypass = {
      ...application !== void 0 && { application },
      memberships,
      context: {
        repository: request.repository ?? "",
        pullRequest: pr.number,
        headSha: request.headSha ?? "",
        event: request.event,
        now: now().toISOString(),
        body: pr.body,
        ...request.configCommit !== void 0 && { configCommit: request.configCommit },
        ...request.runUrl !== void 0 && { runUrl: request.runUrl }
      }
    };
  }
  const evaluation = evaluateGates({
    settings,
    drill,
    postmortems,
    basePostmortems,
    changed,
    experimentDocs,
    experimentGlobs,
    today: isoDay(now()),
    ...pr !== void 0 && { pullRequest: pr },
    ...request.links !== void 0 && { links: request.links },
    ...bypass !== void 0 && { bypass }
  });
  return { ...evaluation, changed, postmortems: postmortems.length };
}
async function readBasePostmortems(paths, sources, config) {
  const options = parseOptionsOf(config.lint);
  const limit = pLimit(READ_CONCURRENCY);
  const found = await Promise.all(
    paths.map(
      (path3) => limit(async () => {
        const text = await sources.readBase(path3).catch(() => void 0);
        return text === void 0 ? void 0 : parsePostmortem(text, path3, options);
      })
    )
  );
  return found.filter((pm) => pm !== void 0);
}
async function readExperimentDoc(files, path3) {
  try {
    return { path: path3, content: await files.read(path3) };
  } catch (error2) {
    return { path: path3, readError: `cannot read the file: ${error2 instanceof Error ? error2.message : String(error2)}` };
  }
}

// src/report/gate-report.ts
function toGateJson(result, verdicts) {
  return { result, gates: verdicts.map((v) => ({ id: v.id, conclusion: v.conclusion, title: v.title, summary: v.summary })) };
}
function formatGateJson(result, verdicts) {
  return `${JSON.stringify(toGateJson(result, verdicts))}
`;
}
function plainMarkdown(markdown) {
  return markdown.replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1").replace(/^\| ?(---|:?-+:?)( \| ?:?-+:?)* ?\|$/gm, "").replace(/^\| (.*) \|$/gm, (_m, row) => `  ${row.split(" | ").join("  ·  ")}`).replace(/<br>/g, "; ").replace(/\*\*([A-Za-z][^*`]*?)\*\*/g, "$1").replace(/^### /gm, "").replace(/\n{3,}/g, "\n\n").trim();
}
function formatGateText(result, verdicts, options) {
  const c = ansi(options.color);
  const paint = { success: c.green, failure: c.red, neutral: c.dim, pending: c.yellow };
  const mark = { success: "✔", failure: "✖", neutral: "○", pending: "…" };
  const out = [];
  for (const v of verdicts) {
    out.push(`${paint[v.conclusion](`${mark[v.conclusion]} ${v.id}`)}  ${c.bold(v.title)}  ${c.dim(`(${v.conclusion})`)}`);
    const body = plainMarkdown(v.summary);
    if (body !== "") out.push(body.split("\n").map((line) => line === "" ? "" : `    ${line}`).join("\n"));
    out.push("");
  }
  for (const note of options.notes ?? []) out.push(plainMarkdown(note), "");
  out.push(c.dim(`Policy: ${plainMarkdown(options.policy)}.`));
  const resultPaint = result === "pass" ? c.green : result === "fail" ? c.red : c.yellow;
  out.push(resultPaint(c.bold(`gate: ${result}`)));
  return `${out.join("\n")}
`;
}

// src/cli/gate-command.ts
var GATE_EXIT = { PASS: 0, FAIL: 1, USAGE: 2, PENDING: 3 };
var GATE_HELP_AFTER = `
Evaluates the three gates the Action reports as check runs: reliability/drills (the drill suite is
green), reliability/sev1-actions (no open Sev1 action items) and reliability/rollback-plan (prompt and
tool changes come with an experiment doc that has a real rollback plan). The policy (gate: in
.github/reliability.yml) is read from the base, as in the Action. Nothing is posted.

--local compares the working tree (committed, staged, unstaged and untracked changes) with the merge
base of --base and HEAD, using git only. The drill gate is "unknown" unless --drill-result says.
--pr reads the pull request through the GitHub API with the token in GITHUB_TOKEN (GITHUB_API_URL for
GitHub Enterprise Server); when the head commit is in the local repository its files are read from
git, otherwise through the API.

Examples:
  $ reliability-loop gate --local --base origin/main
  $ reliability-loop gate --local --base main --drill-result success --format json | jq .result
  $ GITHUB_TOKEN=$(gh auth token) reliability-loop gate --pr 123
  $ reliability-loop gate --pr https://github.com/acme/agents/pull/123

Exit codes:
  0  pass: every gate succeeded (or is neutral)
  1  fail: at least one gate failed
  2  usage or configuration error: bad option, unknown ref, invalid config, token or pull request problem
  3  pending: no gate failed, but the drills are still running
`;
function addGateCommand(program, io, deps, done) {
  return program.command("gate").summary("evaluate the merge gate (drills, Sev1 action items, rollback plan) locally or for a pull request").description("Evaluate the reliability merge gate for the working tree (--local) or a pull request (--pr), without posting anything.").option("--local", "evaluate the working tree of this git checkout against --base (no network)").option("--base <ref>", "with --local: the base branch, tag or commit (e.g. origin/main)").option("--pr <number|url>", "evaluate a pull request through the GitHub API (token from GITHUB_TOKEN)").option("--repo <owner/name>", "with --pr <number>: the repository (default: from the URL, else GITHUB_REPOSITORY, else the origin remote)").addOption(new Option("--drill-result <result>", "the drill result to use (e.g. from CI); without it the drill gate is unknown locally").choices(JOB_RESULTS)).addOption(new Option("-f, --format <format>", "report format").choices(["text", "json"]).default("text")).option("-c, --config <file>", "read the policy from this file instead of the base (to try a policy change)").option("--color", "colour the text report even when stdout is not a terminal").option("--no-color", "never colour the text report").addHelpText("after", GATE_HELP_AFTER).action(async (options) => {
    done(await gateCommand(options, io, deps));
  });
}
async function gateCommand(options, io, deps) {
  if (options.local === true && options.pr !== void 0) throw new UsageError("--local and --pr cannot be used together", "choose one: --local --base <ref> for this checkout, or --pr <number|url> for a pull request");
  if (options.local !== true && options.pr === void 0) throw new UsageError("say what to gate: --local --base <ref> or --pr <number|url>", 'run "reliability-loop gate --help" for examples');
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const { run, policy } = options.local === true ? await gateLocal(options, io, now) : await gatePullRequest(options, io, now);
  if (options.format === "json") io.stdout(formatGateJson(run.result, run.verdicts));
  else io.stdout(formatGateText(run.result, run.verdicts, { color: shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY }), policy, notes: run.notes }));
  return run.result === "pass" ? GATE_EXIT.PASS : run.result === "fail" ? GATE_EXIT.FAIL : GATE_EXIT.PENDING;
}
function readConfigFile(file) {
  try {
    return readFileSync(file, "utf8");
  } catch (error2) {
    const code = error2.code;
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    throw new ConfigError({ file, key: "", message: `cannot read the config file: ${errorMessage(error2)}` });
  }
}
function configFromFile(root, file, cwd) {
  return loadConfig({ root, configPath: path2.resolve(cwd, file), readFile: readConfigFile });
}
async function gateLocal(options, io, now) {
  if (options.base === void 0) throw new UsageError("--local needs --base <ref>", "e.g. --base origin/main (the branch the change will merge into)");
  if (options.repo !== void 0) throw new UsageError("--repo only applies to --pr");
  const root = await workTreeRoot(io.cwd);
  if (root === void 0) throw new UsageError(`${io.cwd} is not inside a git working tree`, "run gate --local from a checkout of the repository, or use --pr <number|url>");
  const base = await resolveCommit(root, options.base);
  if (base === void 0) throw new UsageError(`--base ${options.base}: no such branch, tag or commit in ${root}`, `fetch it first (git fetch origin ${options.base.replace(/^origin\//, "")}) or name a local branch`);
  const head = await resolveCommit(root, "HEAD");
  let since;
  try {
    since = head === void 0 ? base : await mergeBase(root, base, head);
  } catch (error2) {
    throw new UsageError(`--base ${options.base} shares no history with HEAD: ${error2 instanceof GitError ? error2.stderr : errorMessage(error2)}`);
  }
  const short2 = base.slice(0, 7);
  let config;
  let policy;
  if (options.config !== void 0) {
    config = configFromFile(root, options.config, io.cwd);
    policy = `\`${config.configFile ?? options.config}\` from the working tree (--config)`;
  } else {
    config = await loadConfigAtRef({ root, readAtRef: async (file) => (await fileAtCommit(root, base, file))?.toString("utf8") });
    policy = config.configFile ? `\`${config.configFile}\` at ${options.base} (\`${short2}\`)` : `built-in defaults (no .github/reliability.yml at ${options.base}, \`${short2}\`)`;
  }
  const sources = createLocalGateSources({ root, mergeBase: since, ...options.drillResult !== void 0 && { drillResult: options.drillResult } });
  const run = await runGate(config, { event: "local", ...head !== void 0 && { headSha: head }, configCommit: base, pathFiltersApply: true }, sources, now);
  return { run, policy };
}
async function parsePullRequestRef(options, io) {
  const value = (options.pr ?? "").trim();
  const url = /^(https?:\/\/[^/]+)\/([^/]+)\/([^/]+)\/pull\/(\d+)(?:[/?#].*)?$/i.exec(value);
  if (url) return { webUrl: url[1] ?? "", owner: url[2] ?? "", repo: url[3] ?? "", number: Number(url[4]) };
  if (!/^#?\d+$/.test(value)) throw new UsageError(`--pr ${value}: expected a pull request number or URL`, "e.g. --pr 123 or --pr https://github.com/acme/agents/pull/123");
  const number = Number(value.replace("#", ""));
  const repository = options.repo ?? io.env.GITHUB_REPOSITORY ?? await originRepository(io.cwd);
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository ?? "");
  if (!match) throw new UsageError(`--pr ${value}: which repository?`, "pass --repo owner/name, a pull request URL, or run it in a clone whose origin is on GitHub");
  return { owner: match[1] ?? "", repo: (match[2] ?? "").replace(/\.git$/, ""), number };
}
async function originRepository(cwd) {
  try {
    const remote = (await runGit(cwd, ["remote", "get-url", "origin"])).toString("utf8").trim();
    return /[/:]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(remote)?.[1];
  } catch {
    return void 0;
  }
}
function apiUrlFor(ref, env) {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL;
  if (ref.webUrl === void 0 || /^https?:\/\/(www\.)?github\.com$/i.test(ref.webUrl)) return "https://api.github.com";
  return `${ref.webUrl}/api/v3`;
}
function apiFailure(what, error2) {
  const status = errorStatus(error2);
  const hint = status === 401 ? "GITHUB_TOKEN is not valid; e.g. GITHUB_TOKEN=$(gh auth token)" : status === 403 || status === 404 ? "check the repository and number, and that GITHUB_TOKEN can read the repository (a private one needs repo scope or contents/pull-requests read)" : "try again; set GITHUB_API_URL for GitHub Enterprise Server";
  return new UsageError(`${what}: ${status ?? "error"} ${errorMessage(error2)}`, hint);
}
async function gatePullRequest(options, io, now) {
  if (options.base !== void 0) throw new UsageError("--base only applies to --local", "with --pr the base is the pull request’s own base commit");
  const ref = await parsePullRequestRef(options, io);
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token) throw new UsageError("--pr needs a GitHub token in GITHUB_TOKEN", "e.g. GITHUB_TOKEN=$(gh auth token) reliability-loop gate --pr 123");
  const client = createGitHubClient({
    token,
    baseUrl: apiUrlFor(ref, io.env),
    log: { info: () => {
    }, warning: (message) => io.stderr(`warning: ${message}
`) }
  });
  const { owner, repo } = ref;
  let pr;
  try {
    pr = await getPullRequest(client, { owner, repo, pullNumber: ref.number });
  } catch (error2) {
    throw apiFailure(`cannot read pull request ${owner}/${repo}#${ref.number}`, error2);
  }
  if (pr.state !== "open") io.stderr(`note: ${owner}/${repo}#${pr.number} is ${pr.state}; evaluating its last head ${pr.headSha.slice(0, 7)} anyway
`);
  const short2 = pr.baseSha.slice(0, 7);
  const tree = await workTreeRoot(io.cwd);
  const root = tree ?? io.cwd;
  let config;
  let policy;
  try {
    if (options.config !== void 0) {
      config = configFromFile(root, options.config, io.cwd);
      policy = `\`${config.configFile ?? options.config}\` from the working tree (--config)`;
    } else {
      config = await loadConfigAtRef({ root, readAtRef: (file) => getFileAtRef(client, { owner, repo, path: file, ref: pr.baseSha }) });
      policy = config.configFile ? `\`${config.configFile}\` at base commit \`${short2}\` of #${pr.number}` : `built-in defaults (no .github/reliability.yml at base commit \`${short2}\` of #${pr.number})`;
    }
  } catch (error2) {
    if (error2 instanceof ConfigError) throw error2;
    throw apiFailure(`cannot read the policy at the base commit ${short2}`, error2);
  }
  const local = tree !== void 0 && await resolveCommit(tree, pr.headSha) !== void 0;
  const head = local ? commitFiles(root, pr.headSha) : apiCommitFiles(client, { owner, repo, sha: pr.headSha });
  const webUrl = ref.webUrl ?? (io.env.GITHUB_SERVER_URL || "https://github.com");
  const sources = createGitHubGateSources({
    client,
    owner,
    repo,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    pullNumber: pr.number,
    change: { kind: "pull-request", number: pr.number },
    head,
    drillResult: options.drillResult ?? "",
    missingDrillResult: "unknown",
    mayWait: false,
    sleep: async () => {
    },
    now: () => now().getTime(),
    log: () => {
    }
  });
  try {
    const run = await runGate(
      config,
      {
        event: "dry-run",
        pullRequest: { number: pr.number, url: pr.htmlUrl, title: pr.title, body: pr.body, labels: pr.labels },
        repository: `${owner}/${repo}`,
        headSha: pr.headSha,
        configCommit: pr.baseSha,
        links: { serverUrl: webUrl, repository: `${owner}/${repo}`, sha: pr.headSha },
        pathFiltersApply: true
      },
      sources,
      now
    );
    return { run, policy };
  } catch (error2) {
    if (errorStatus(error2) !== void 0) throw apiFailure(`cannot read ${owner}/${repo}#${pr.number}`, error2);
    throw error2;
  }
}
export {
  GATE_EXIT,
  addGateCommand,
  gateCommand
};
