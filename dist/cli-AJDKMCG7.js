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
} from "./cli-64ZQU7E7.js";
import {
  checkRollbackPlan
} from "./cli-AU6KXWWY.js";
import {
  parseExperimentDoc
} from "./cli-TRUJWBLV.js";
import {
  isReadFailure,
  parseOptionsOf,
  readPostmortems
} from "./cli-PV4PP3YR.js";
import {
  createGitHubClient,
  errorStatus
} from "./cli-OYYJDXPV.js";
import "./cli-G7SUBHGO.js";
import {
  nodeRepoFiles
} from "./cli-K3LUHVBJ.js";
import "./cli-7KR5KIPO.js";
import {
  DEFAULT_CONFIG_PATHS,
  ansi,
  asDict,
  editDistance,
  loadConfig,
  plural,
  readConfigText
} from "./cli-2DQVB3FE.js";
import {
  ConfigError,
  Option,
  UsageError,
  require_dist,
  require_picomatch,
  severityIn,
  shouldUseColor
} from "./cli-JW34KQ4Z.js";
import "./cli-R3X6FJR3.js";
import {
  sanitizeText
} from "./cli-Q4UO6FBE.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";
import {
  errorMessage
} from "./cli-UJJGCHLM.js";
import {
  __toESM
} from "./cli-EZXOBCIM.js";

// src/cli/gate-command.ts
import path2 from "node:path";

// src/gates/drills.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var JOB_RESULTS = ["success", "failure", "cancelled", "skipped"];
var PENDING_STATUSES = /* @__PURE__ */ new Set(["queued", "in_progress", "waiting", "requested", "pending"]);
function drillSettingsFor(settings, drillResult) {
  const given = drillResult?.trim() ?? "";
  if (given === "" || settings.source === "job") return { settings };
  if (!settings.sourceExplicit) return { settings: { ...settings, source: "job" } };
  return {
    settings,
    warning: `The \`drill-result\` input ("${given}") is ignored: the policy sets \`gate.drills.source: ${settings.source}\`. Remove the input, or set \`gate.drills.source: job\` on the base branch to gate on it.`
  };
}
function drillWorkflowFile(settings) {
  return settings.source === "workflow" && !/^\d+$/.test(settings.workflow) ? `.github/workflows/${settings.workflow}` : void 0;
}
function editedDrillFiles(files, settings) {
  const workflow = drillWorkflowFile(settings);
  const globs = [...workflow !== void 0 ? [workflow] : [], ...settings.suitePaths];
  if (globs.length === 0) return [];
  const isSuite = (0, import_picomatch.default)(globs, { dot: true });
  return files.filter((f) => isSuite(f.path));
}
function evaluateDrills(observation, settings, edited = []) {
  const details = { gate: "drills", observation, skippedCountsAsSuccess: settings.skippedCountsAsSuccess, edited: [...edited] };
  if (edited.length > 0) {
    return {
      id: "drills",
      conclusion: "failure",
      title: "Drill suite changed by this pull request",
      details,
      // A removed file has no line to carry an annotation.
      annotations: edited.filter((f) => f.status !== "removed").map((f) => ({
        path: f.path,
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        title: "Drill suite changed",
        message: "This pull request edits the drills; their green result proves nothing until a reviewer has looked at the change (then the bypass label lets it pass)."
      }))
    };
  }
  const { conclusion, title } = judgeObservation(observation, settings);
  return { id: "drills", conclusion, title, details, annotations: [] };
}
function judgeObservation(observation, settings) {
  const skipped = (what) => settings.skippedCountsAsSuccess ? { conclusion: "success", title: `Drills ${what} (counted as success)` } : { conclusion: "failure", title: `Drills ${what}` };
  switch (observation.kind) {
    case "job":
      if (observation.result === "success") return { conclusion: "success", title: "Drills passed" };
      if (observation.result === "skipped") return skipped("skipped");
      return { conclusion: "failure", title: observation.result === "cancelled" ? "Drills cancelled" : "Drills failed" };
    case "unknown":
      return { conclusion: "neutral", title: "Drill result unknown" };
    case "not-applicable":
      return { conclusion: "success", title: "Drills not applicable" };
    case "error":
      return { conclusion: "failure", title: "Drill result could not be read" };
    case "missing-workflow":
      return { conclusion: "failure", title: "Drill workflow not found" };
    case "none":
      return observation.timedOut ? { conclusion: "failure", title: "Drills never ran" } : { conclusion: "pending", title: "Waiting for the drills to start" };
    case "run": {
      const { run } = observation;
      if (run.status !== "completed") return PENDING_STATUSES.has(run.status) ? { conclusion: "pending", title: "Drills running" } : { conclusion: "failure", title: `Drills ${run.status}` };
      switch (run.conclusion) {
        case "success":
          return { conclusion: "success", title: "Drills passed" };
        case "skipped":
        case "neutral":
          return skipped(run.conclusion);
        default:
          return { conclusion: "failure", title: run.conclusion === "failure" || run.conclusion === null ? "Drills failed" : `Drills ${run.conclusion.replace(/_/g, " ")}` };
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
  } catch (error) {
    if (errorStatus(error) === 404) return void 0;
    throw error;
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
var import_picomatch2 = __toESM(require_picomatch(), 1);

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
  } catch (error) {
    if (errorStatus(error) === 404) return false;
    throw error;
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
    observeDrills: (settings, drillResult) => observeDrills(options, settings, drillResult ?? ""),
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
async function observeDrills(options, settings, drillResult) {
  const { client, owner, repo, headSha } = options;
  if (settings.source === "job") {
    const result = drillResult.trim().toLowerCase();
    if (JOB_RESULTS.includes(result)) return { kind: "job", result };
    if (result === "" && options.missingDrillResult === "unknown") {
      return { kind: "unknown", reason: "`gate.drills.source` is `job`: the drill job’s result is only known inside the workflow; pass `--drill-result success|failure|skipped` to include it." };
    }
    return {
      kind: "error",
      message: result === "" ? "`gate.drills.source` is `job`, but the `drill-result` input is empty: pass `drill-result: ${{ needs.<drill job>.result }}` and make the gate job `needs:` the drill job with `if: always()`." : `The \`drill-result\` input is "${drillResult}"; expected success, failure, cancelled or skipped (\`\${{ needs.<drill job>.result }}\`).`
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
    } catch (error) {
      const status = errorStatus(error);
      if (status === 404 && settings.source === "workflow") {
        return { kind: "error", message: `The drill workflow \`${settings.workflow}\` was not found in ${owner}/${repo} (404). Set \`gate.drills.workflow\` to the file name of your drill workflow under .github/workflows.` };
      }
      return { kind: "error", message: `Could not read the ${source}s of ${headSha.slice(0, 7)}: ${status ?? "error"} ${errorMessage(error)}. Re-run the gate; the drills cannot be shown green without them.` };
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
  const events = await listLabelEvents(options.client, { owner: options.owner, repo: options.repo, issueNumber: number }).catch((error) => {
    options.log(`Could not list the events of #${number} to see who applied "${label}": ${errorMessage(error)}`);
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
    } catch (error) {
      const status = errorStatus(error);
      out[team] = {
        unknown: status === 403 ? "the token cannot read the organisation’s teams (403); use a token with organisation members read access, or list the users in gate.bypass.users" : `${status ?? "error"} ${errorMessage(error)}`
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
      const matches = (0, import_picomatch2.default)([...patterns]);
      return (await listing).filter((p) => matches(p)).sort();
    },
    read: (path3) => limit(async () => {
      const text = await getFileAtRef(client, { owner: request.owner, repo: request.repo, path: path3, ref: request.sha });
      if (text === void 0) throw new Error(`${path3} does not exist at ${request.sha.slice(0, 7)}`);
      return new TextEncoder().encode(text);
    })
  };
}

// src/io/gate-base-ref.ts
async function refsInRepository(root) {
  const lines = async (args) => (await runGit(root, args).catch(() => Buffer.from(""))).toString("utf8").split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.endsWith("/HEAD"));
  const [refs, remotes] = await Promise.all([lines(["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"]), lines(["remote"])]);
  return { refs, remotes };
}
var MAX_CLOSE = 5;
function closeRefNames(ref, refs) {
  const lower = ref.toLowerCase();
  return refs.map((name) => ({ name, distance: Math.min(editDistance(lower, name.toLowerCase()), editDistance(lower, name.toLowerCase().replace(/^[^/]+\//, ""))) })).filter((c) => c.distance > 0 && c.distance <= 2).sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).slice(0, MAX_CLOSE).map((c) => c.name);
}
function unknownRefHint(ref, repository) {
  const parts = [];
  const close = closeRefNames(ref, repository.refs);
  if (close.length > 0) parts.push(`did you mean ${close.join(", ")}?`);
  if (repository.remotes.length > 0) {
    const remote = repository.remotes.find((r) => ref.startsWith(`${r}/`)) ?? (repository.remotes.includes("origin") ? "origin" : repository.remotes[0] ?? "origin");
    parts.push(`if it is on the remote, fetch it first: git fetch ${remote} ${ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref}`);
  } else {
    const branches = repository.refs.slice(0, 10);
    parts.push(`this repository has no remote, so name a local branch, tag or commit${branches.length > 0 ? ` (it has ${branches.join(", ")}${repository.refs.length > 10 ? ", …" : ""})` : ""}`);
  }
  return parts.join("; ");
}

// src/io/gate-local-sources.ts
function createLocalGateSources(options) {
  const { root, mergeBase: mergeBase2 } = options;
  return {
    changedFiles: () => workingTreeChanges(root, mergeBase2),
    head: nodeRepoFiles(root),
    readBase: async (path3) => (await fileAtCommit(root, mergeBase2, path3))?.toString("utf8"),
    observeDrills: async (settings, drillResult) => localDrillObservation(settings, drillResult)
  };
}
function localDrillObservation(settings, drillResult) {
  const result = drillResult?.trim().toLowerCase() ?? "";
  if (settings.source === "job" && JOB_RESULTS.includes(result)) return { kind: "job", result };
  const from = settings.source === "job" ? "" : ` The policy reads the drills from a ${settings.source === "workflow" ? `workflow run of \`${settings.workflow}\`` : `check run \`${settings.check}\``}, which git does not have.`;
  return { kind: "unknown", reason: `Not known locally: pass \`--drill-result success|failure|skipped\` (for example the result of your CI’s drill job) to include the drills.${from}` };
}

// src/modes/gate.ts
var import_picomatch5 = __toESM(require_picomatch(), 1);

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

// src/gates/drill-paths.ts
var import_picomatch3 = __toESM(require_picomatch(), 1);
var import_yaml = __toESM(require_dist(), 1);
function workflowPathFilter(workflowText) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(workflowText);
  } catch {
    return void 0;
  }
  const on = asDict(doc)?.on;
  const trigger = asDict(on)?.pull_request ?? asDict(on)?.pull_request_target;
  const config = asDict(trigger);
  if (!config) return void 0;
  const list = (v) => Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : void 0;
  const paths = list(config.paths);
  if (paths) return { kind: "paths", patterns: paths };
  const ignore = list(config["paths-ignore"]);
  if (ignore) return { kind: "paths-ignore", patterns: ignore };
  return void 0;
}
function matchesList(patterns) {
  const compiled = patterns.map((p) => p.startsWith("!") ? { negated: true, test: (0, import_picomatch3.default)(p.slice(1), { dot: true }) } : { negated: false, test: (0, import_picomatch3.default)(p, { dot: true }) });
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
function applyBypass(input) {
  const { settings, context } = input;
  const verdicts = [...input.verdicts];
  if (!input.labelled) return { verdicts };
  const failing = verdicts.filter((v) => v.conclusion === "failure");
  const { label } = settings;
  if (failing.length === 0) return { verdicts, decision: { kind: "nothing-failed", label } };
  const refuse = (actor2, unknownMemberships) => {
    const decision2 = { kind: "refused", label, ...actor2 !== void 0 && { actor: actor2 }, unknownMemberships, allowedUsers: [...settings.users], allowedTeams: [...settings.teams] };
    return { verdicts: verdicts.map((v) => v.conclusion === "failure" ? { ...v, bypass: decision2 } : v), decision: decision2 };
  };
  if (!input.application) return refuse(void 0, []);
  const { actor } = input.application;
  const auth = authorizeBypass(actor, settings, input.memberships);
  if (auth.allowedAs === void 0) return refuse(actor, auth.notes);
  const reason = bypassReason(context.body);
  const gates = failing.map((v) => v.id);
  const record = {
    ts: context.now,
    repository: context.repository,
    pull_request: context.pullRequest,
    head_sha: context.headSha,
    actor,
    allowed_as: auth.allowedAs,
    label,
    labeled_at: input.application.at,
    ...input.application.eventId !== void 0 && { label_event_id: input.application.eventId },
    gates,
    reason: reason ?? '(none given: add "Bypass-Reason: …" to the pull request description)',
    event: context.event,
    ...context.configCommit !== void 0 && { config_commit: context.configCommit },
    ...context.runUrl !== void 0 && { run_url: context.runUrl }
  };
  const decision = { kind: "accepted", label, actor, allowedAs: auth.allowedAs, at: input.application.at, gates, ...reason !== void 0 && { reason } };
  return {
    verdicts: verdicts.map(
      (v) => v.conclusion === "failure" ? {
        ...v,
        conclusion: "neutral",
        title: `Bypassed: ${v.title}`,
        bypass: decision,
        // Still shown, but no longer as what fails the check.
        annotations: v.annotations.map((a) => a.annotation_level === "failure" ? { ...a, annotation_level: "warning" } : a)
      } : v
    ),
    record,
    decision
  };
}

// src/gates/rollback-plan.ts
var import_picomatch4 = __toESM(require_picomatch(), 1);
function changedExperimentDocs(changed, experimentGlobs) {
  const isDoc = (0, import_picomatch4.default)([...experimentGlobs], { dot: true });
  return changed.files.filter((f) => f.status !== "removed" && isDoc(f.path)).map((f) => f.path);
}
var COVERING_STATUSES = ["proposed", "running"];
function assessRollbackCoverage(input) {
  const isGated = (0, import_picomatch4.default)(input.settings.paths, { dot: true });
  const gated = input.changed.files.filter((f) => isGated(f.path)).map((f) => ({ ...f }));
  const docs = input.docs.map((doc) => assessDoc(doc, input.settings));
  for (const doc of docs) {
    if (doc.state !== "covers") continue;
    const matches = (0, import_picomatch4.default)(doc.globs, { dot: true });
    for (const file of gated) {
      if (!matches(file.path)) continue;
      doc.covers.push(file.path);
      file.coveredBy ??= doc.path;
    }
    if (doc.covers.length === 0) doc.state = "covers-nothing";
  }
  return { gated, docs };
}
function assessDoc(input, settings) {
  const base = { path: input.path, globs: [], covers: [] };
  if ("readError" in input) return { ...base, state: "unreadable", problems: [{ line: 1, message: input.readError }] };
  const parsed = parseExperimentDoc(input.content, input.path);
  if (!parsed.doc) {
    const problems = parsed.problems.length > 0 ? parsed.problems : [{ line: 1, message: "not an experiment doc (no front matter)" }];
    return { ...base, state: "invalid", problems: problems.map((p) => ({ line: p.line, message: p.message })) };
  }
  const { doc } = parsed;
  const explicit = doc.change.paths;
  const assessed = {
    ...base,
    status: doc.status,
    changeType: doc.change.type,
    globs: explicit ?? settings.typePaths[doc.change.type],
    globsFrom: explicit !== void 0 ? "change.paths" : "change.type"
  };
  const rollback = checkRollbackPlan(doc);
  if (rollback.length > 0) return { ...assessed, state: "no-rollback-plan", problems: rollback.map((p) => ({ line: p.line, message: p.message })) };
  const warnings = parsed.problems.map((p) => ({ line: p.line, message: p.message }));
  const plan = { trigger: doc.rollback.trigger, steps: doc.rollback.steps.length, owner: doc.rollback.owner };
  return { ...assessed, state: COVERING_STATUSES.includes(doc.status) ? "covers" : "finished", plan, problems: warnings };
}
var BROKEN_DOC_STATES = /* @__PURE__ */ new Set(["unreadable", "invalid", "no-rollback-plan"]);
function evaluateRollbackPlan(input) {
  const { settings, changed } = input;
  const { gated, docs } = assessRollbackCoverage(input);
  const details = { gate: "rollback-plan", gatedGlobs: [...settings.paths], experimentGlobs: [...input.experimentGlobs], truncated: changed.truncated, gated, docs };
  const verdict = (conclusion, title2, annotations2 = []) => ({ id: "rollback-plan", conclusion, title: title2, details, annotations: annotations2 });
  if (gated.length === 0) {
    if (changed.truncated) return verdict("failure", "Changed files could not all be listed");
    return verdict("success", "Not applicable: no prompt, tool or agent changes");
  }
  const uncovered = gated.filter((f) => f.coveredBy === void 0);
  const onUncovered = (message) => uncovered.filter((f) => f.status !== "removed").map((f) => ({ path: f.path, start_line: 1, end_line: 1, annotation_level: "failure", title: "Experiment doc with a rollback plan needed", message }));
  if (docs.length === 0) {
    const message = `Changes to ${settings.paths.join(", ")} need an experiment doc (${input.experimentGlobs.join(", ")}) with a rollback plan (trigger, steps, owner) that covers this file, in the same pull request.`;
    return verdict("failure", "No experiment doc for a prompt/tool change", onUncovered(message));
  }
  const annotations = [];
  for (const d of docs) {
    const at = (level, title2) => d.problems.map((p) => ({ path: d.path, start_line: p.line, end_line: p.line, annotation_level: level, title: title2, message: p.message }));
    if (d.state === "unreadable") annotations.push(...at("failure", "Experiment doc unreadable"));
    else if (d.state === "invalid") annotations.push(...at("failure", "Invalid experiment doc"));
    else if (d.state === "no-rollback-plan") annotations.push(...at("failure", "Rollback plan not real"));
    else annotations.push(...at("warning", "Experiment doc"));
  }
  const broken = docs.filter((d) => BROKEN_DOC_STATES.has(d.state));
  if (broken.length === 0 && uncovered.length === 0) {
    return verdict("success", `Rollback plan present (${plural(docs.filter((d) => d.state === "covers").length, "experiment doc")})`, annotations);
  }
  const uncoveredMessage = `No experiment doc this change adds or modifies covers this file with a real rollback plan (status proposed or running, and change.paths or change.type matching it); see ${docs.map((d) => d.path).join(", ")}.`;
  const title = broken.length > 0 ? `${plural(broken.length, "experiment doc")} without a real rollback plan` : `${plural(uncovered.length, "gated file")} not covered by an experiment doc`;
  return verdict("failure", title, [...annotations, ...onUncovered(uncoveredMessage)]);
}

// src/gates/sev1-actions.ts
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
  const { settings, pullRequest } = input;
  const levels = settings.severities;
  const levelNames = levels.join("/");
  const blocking = input.postmortems.filter((pm) => severityIn(pm.metadata.severity, levels));
  const fixLabelled = pullRequest?.labels.some((l) => l.toLowerCase() === settings.fixLabel.toLowerCase()) ?? false;
  const prText = pullRequest ? `${pullRequest.title}
${pullRequest.body}` : "";
  const open = [];
  let untracked = 0;
  for (const postmortem of blocking) {
    for (const item of postmortem.actionItems) {
      if (item.kind !== "task") {
        untracked++;
        continue;
      }
      if (item.checked) continue;
      const entry = { postmortem, item, overdue: isOverdue(item, input.today) };
      if (settings.block === "overdue" && !entry.overdue) entry.exemptBy = { notYetDue: true };
      else if (fixLabelled) {
        const reference = referencedIn(prText, postmortem.path, item);
        if (reference !== void 0) entry.exemptBy = { reference };
      }
      open.push(entry);
    }
  }
  const unread = input.postmortems.flatMap((pm) => {
    const problem = pm.problems.find((p) => p.incomplete === true);
    return problem === void 0 ? [] : [{ path: pm.path, reason: problem.message }];
  });
  const closed = closedByChange(input, levels);
  const blockers = open.filter((o) => o.exemptBy === void 0);
  const exempted = open.filter((o) => o.exemptBy !== void 0 && "reference" in o.exemptBy);
  const notYetDue = open.filter((o) => o.exemptBy !== void 0 && "notYetDue" in o.exemptBy);
  const details = {
    gate: "sev1-actions",
    severities: [...levels],
    block: settings.block,
    fixLabel: settings.fixLabel,
    postmortems: input.postmortems.length,
    blockingPostmortems: blocking.length,
    blocking: blockers.map(gateItem),
    passedByFixLabel: exempted.map((o) => ({ ...gateItem(o), reference: o.exemptBy !== void 0 && "reference" in o.exemptBy ? o.exemptBy.reference : "" })),
    closedByChange: closed.map((c) => ({ ...gateItem({ postmortem: c.postmortem, item: c.item, overdue: false }) })),
    notYetDue: notYetDue.length,
    untracked,
    unread
  };
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
    ...unread.map(
      (u) => ({
        path: u.path,
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        title: "Postmortem not read",
        message: `${u.reason} Its severity and action items are unknown, so the gate cannot pass it: fix the file (reliability-loop lint shows why).`
      })
    ),
    ...details.passedByFixLabel.map(
      (o) => ({
        path: o.path,
        start_line: o.line,
        end_line: o.line,
        annotation_level: "notice",
        title: "Open action item passed by the fix label",
        message: `${o.action}: referenced as ${o.reference} by this pull request, labelled ${settings.fixLabel}`
      })
    )
  ];
  const verdictTitle = unread.length > 0 && blockers.length === 0 ? `${plural(unread.length, "postmortem")} could not be read: ${levelNames} action items unknown` : blockers.length > 0 ? `${plural(blockers.length, `open ${levelNames} action item`)} in ${plural(new Set(blockers.map((b) => b.postmortem.path)).size, "postmortem")}` : exempted.length > 0 ? `No blocking ${levelNames} action items (${exempted.length} passed by ${settings.fixLabel})` : closed.length > 0 ? `No open ${levelNames} action items (${closed.length} closed by this change)` : `No open ${levelNames} action items`;
  return { id: "sev1-actions", conclusion: blockers.length > 0 || unread.length > 0 ? "failure" : "success", title: verdictTitle, details, annotations };
}
function gateItem(o) {
  const { item, postmortem } = o;
  return {
    path: postmortem.path,
    line: item.position.line,
    action: item.summary || item.raw,
    ...item.ownerRaw !== void 0 && { owner: item.ownerRaw },
    ...item.due !== void 0 && { due: item.due },
    overdue: o.overdue,
    ...postmortem.metadata.severity?.label !== void 0 && { severity: postmortem.metadata.severity.label }
  };
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
    for (const item of head.actionItems) if (item.kind === "task" && item.checked && wasOpen.has(itemKey(item))) closed.push({ postmortem: head, item });
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
    evaluateDrills(inputs.drill, settings.drills, editedDrillFiles(inputs.changed.files, settings.drills)),
    evaluateSev1Actions({
      postmortems: inputs.postmortems,
      ...inputs.basePostmortems !== void 0 && { basePostmortems: inputs.basePostmortems },
      settings: settings.sev1Actions,
      today: inputs.today,
      ...inputs.pullRequest !== void 0 && { pullRequest: inputs.pullRequest }
    }),
    evaluateRollbackPlan({
      changed: inputs.changed,
      docs: inputs.experimentDocs,
      settings: settings.rollbackPlan,
      experimentGlobs: inputs.experimentGlobs
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
    ...outcome.decision !== void 0 && { bypass: outcome.decision },
    notes: []
  };
}

// src/modes/gate.ts
var API_READ_CONCURRENCY = 16;
async function readHeadPostmortems(files, paths, config) {
  const reads = await readPostmortems(paths, (path3) => files.read(path3), { parse: parseOptionsOf(config.lint), concurrency: API_READ_CONCURRENCY });
  return reads.flatMap((read) => isReadFailure(read) ? [] : [read.postmortem]);
}
async function drillObservation(settings, changed, request, sources) {
  const file = drillWorkflowFile(settings);
  const workflowText = file === void 0 ? void 0 : await sources.readBase(file).then(
    (text) => ({ text }),
    () => void 0
  );
  if (file !== void 0 && workflowText !== void 0 && workflowText.text === void 0) {
    return { kind: "missing-workflow", file, ...request.configCommit !== void 0 && { baseCommit: request.configCommit } };
  }
  if (settings.paths !== void 0) {
    if (!filterExpectsRun({ kind: "paths", patterns: settings.paths }, changed)) {
      return { kind: "not-applicable", reason: `No changed file matches \`gate.drills.paths\` (${settings.paths.map((p) => `\`${p}\``).join(", ")}), so the drills are not expected for this change.` };
    }
  } else if (file !== void 0 && request.pathFiltersApply) {
    const text = workflowText?.text;
    const filter = text === void 0 ? void 0 : workflowPathFilter(text);
    if (filter && !filterExpectsRun(filter, changed)) {
      return {
        kind: "not-applicable",
        reason: `The drill workflow \`${file}\` does not run for this change: its \`pull_request\` trigger has ${describeFilter(filter)} (read from the base commit), and no changed file passes it.`
      };
    }
  }
  return sources.observeDrills(settings, request.drillResult);
}
function isoDay(date) {
  return date.toISOString().slice(0, 10);
}
async function runGate(config, request, sources, now) {
  const policy = config.gate;
  const drills = drillSettingsFor(policy.drills, request.drillResult);
  const settings = { ...policy, drills: drills.settings };
  const warnings = drills.warning !== void 0 ? [drills.warning] : [];
  const changed = await sources.changedFiles();
  const postmortemGlobs = config.lint.postmortems.paths;
  const isPostmortem = (0, import_picomatch5.default)(postmortemGlobs);
  const experimentGlobs = config.experiment.paths;
  const docPaths = changedExperimentDocs(changed, experimentGlobs);
  const changedPostmortems = changed.files.filter((f) => f.status !== "removed" && isPostmortem(f.path)).map((f) => f.path);
  const [drill, postmortems, basePostmortems, experimentDocs] = await Promise.all([
    drillObservation(settings.drills, changed, request, sources),
    sources.head.glob(postmortemGlobs).then((paths) => readHeadPostmortems(sources.head, paths, config)),
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
    ...bypass !== void 0 && { bypass }
  });
  return { ...evaluation, notes: [...warnings, ...evaluation.notes], warnings, changed, postmortems: postmortems.length };
}
async function readBasePostmortems(paths, sources, config) {
  const atBase2 = async (path3) => {
    const text = await sources.readBase(path3);
    if (text === void 0) throw new Error(`${path3} does not exist at the base`);
    return text;
  };
  const reads = await readPostmortems(paths, atBase2, { parse: parseOptionsOf(config.lint), concurrency: API_READ_CONCURRENCY });
  return reads.flatMap((read) => isReadFailure(read) ? [] : [read.postmortem]);
}
async function readExperimentDoc(files, path3) {
  try {
    return { path: path3, content: await files.read(path3) };
  } catch (error) {
    return { path: path3, readError: `cannot read the file: ${errorMessage(error)}` };
  }
}
var PolicyUnavailableError = class extends Error {
  constructor(cause) {
    super(errorMessage(cause));
    this.cause = cause;
  }
  cause;
  name = "PolicyUnavailableError";
};
async function runGateAtBase(policySource, request, sources, now) {
  let config;
  let policy;
  if (policySource.override) {
    ;
    ({ config } = policySource.override);
    policy = policySource.override.label;
  } else {
    try {
      config = await loadConfigAtRef({ root: policySource.root, ...policySource.configPath !== void 0 && { configPath: policySource.configPath }, readAtRef: policySource.readAtBase });
    } catch (error) {
      throw new PolicyUnavailableError(error);
    }
    policy = config.configFile ? `\`${config.configFile}\` at ${policySource.baseLabel}` : `built-in defaults (no \`${policySource.configPath ?? ".github/reliability.yml"}\` at ${policySource.baseLabel})`;
  }
  try {
    return { config, policy, run: await runGate(config, request, sources, now) };
  } catch (error) {
    throw new GateInputsUnreadableError(error, config, policy);
  }
}
var GateInputsUnreadableError = class extends Error {
  constructor(cause, config, policy) {
    super(errorMessage(cause));
    this.cause = cause;
    this.config = config;
    this.policy = policy;
  }
  cause;
  config;
  policy;
  name = "GateInputsUnreadableError";
};

// src/report/markdown.ts
var MAX_MESSAGE_CHARS = 1e3;
function cell(text) {
  const short2 = text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
  return short2.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function lineUrl(link, path3, line) {
  const encodedPath = path3.split("/").map(encodeURIComponent).join("/");
  return `${link.serverUrl.replace(/\/+$/, "")}/${link.repository}/blob/${link.sha}/${encodedPath}#L${line}`;
}

// src/report/gate-details.ts
var RAW = "\0raw:";
function markdownStyle(links) {
  const escape = (c) => c.startsWith(RAW) ? c.slice(RAW.length) : cell(c);
  return {
    link: (label, url) => url ? `[${label}](${url})` : label,
    lineRef: (path3, line) => links ? `[${cell(`${path3}:${line}`)}](${lineUrl(links, path3, line)})` : cell(`${path3}:${line}`),
    bold: (text) => `**${text}**`,
    heading: (text) => `### ${text}`,
    table: (headers, rows) => [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(escape).join(" | ")} |`)].join("\n"),
    raw: (text) => `${RAW}${text}`,
    block: (text) => `\`\`\`
${text}
\`\`\``,
    escape: cell,
    lineBreak: "<br>"
  };
}
var textStyle = {
  link: (label) => label,
  lineRef: (path3, line) => `${path3}:${line}`,
  bold: (text) => text,
  heading: (text) => text,
  table: (_headers, rows) => rows.map((r) => `  ${r.map((c) => (c.startsWith(RAW) ? c.slice(RAW.length) : c).replace(/\r?\n/g, " ")).join("  ·  ")}`).join("\n"),
  raw: (text) => `${RAW}${text}`,
  block: (text) => text.split("\n").map((l) => `  ${l}`).join("\n"),
  escape: (text) => text,
  lineBreak: "; "
};
var MAX_ITEMS = 40;
var MAX_FILES = 30;
var short = (sha) => sha.slice(0, 7);
var code = (text) => `\`${text}\``;
var codes = (list) => list.map(code).join(", ");
function verdictBody(verdict, style) {
  const body = detailsBody(verdict, style);
  return verdict.bypass && verdict.bypass.kind !== "nothing-failed" ? `${bypassSentence(verdict.bypass, style)}

${body}` : body;
}
function detailsBody(verdict, style) {
  const { details } = verdict;
  switch (details.gate) {
    case "drills":
      return drillsBody(details, style);
    case "sev1-actions":
      return sev1Body(details, style);
    case "rollback-plan":
      return rollbackBody(details, style);
    case "not-evaluated":
      return notEvaluatedBody(details, style);
  }
}
function notEvaluatedBody(details, style) {
  return [details.reason, ...details.detail !== void 0 ? [style.block(details.detail)] : [], ...details.action !== void 0 ? [details.action] : []].join("\n\n");
}
function runLabel(run) {
  return `${run.kind} ${run.name} #${run.id}${run.attempt !== void 0 && run.attempt > 1 ? ` (attempt ${run.attempt})` : ""}`;
}
function drillsBody(details, style) {
  const observed = observationSentences(details, style);
  if (details.edited.length === 0) return observed;
  const list = details.edited.map((f) => `${code(f.path)}${f.status === "removed" ? " (removed)" : ""}`).join(", ");
  return `This change edits the drills themselves (${list}), so their result cannot vouch for it: a reviewer must look at the drill change. Once reviewed, a user allowed to bypass (\`gate.bypass\`) applies the bypass label. What the drills reported: ${observed}`;
}
function observationSentences(details, style) {
  const observation = details.observation;
  const skippedNote = details.skippedCountsAsSuccess ? "`gate.drills.skipped-counts-as-success` is on, so a skipped drill run passes." : "A skipped drill proves nothing, so it fails the gate; set `gate.drills.skipped-counts-as-success: true` to let it pass.";
  switch (observation.kind) {
    case "job": {
      const read = `Read the drill job's result: ${code(observation.result)}.`;
      if (observation.result === "success") return read;
      if (observation.result === "skipped") return `${read} ${skippedNote}`;
      return `${read} The drill suite must pass on the pull request's head commit.`;
    }
    case "unknown":
      return observation.reason;
    case "not-applicable":
      return observation.reason;
    case "error":
      return observation.message;
    case "missing-workflow":
      return `${code(observation.file)} does not exist at the base commit${observation.baseCommit !== void 0 ? ` ${short(observation.baseCommit)}` : ""}, so no run of it can come. Set \`gate.drills.workflow\` (in the policy on the base branch) to the file name of your drill workflow under \`.github/workflows\`, or read the drills from elsewhere with \`gate.drills.source: check\` (a check run) or \`job\` (the \`drill-result\` input).`;
    case "none": {
      const what = `No ${observation.source} ${code(observation.name)} exists for the head commit ${short(observation.headSha)}`;
      if (observation.timedOut) {
        return `${what}, ${observation.waitedSeconds} s after it was made (\`gate.drills.never-ran-timeout\`: ${observation.timeoutSeconds} s). Check that the drill workflow triggers on this event and branch; when its path filters exclude this change, list the covered paths in \`gate.drills.paths\`.`;
      }
      return `${what} yet. The gate is evaluated again when the drill workflow completes.`;
    }
    case "run": {
      const { run } = observation;
      const read = `Read ${style.link(runLabel(run), run.url)} on ${short(run.headSha)}: ${run.status === "completed" ? code(run.conclusion ?? "no conclusion") : code(run.status)}.`;
      if (run.status !== "completed") {
        return ["queued", "in_progress", "waiting", "requested", "pending"].includes(run.status) ? `${read} The gate is evaluated again when it completes.` : `${read} The run cannot complete in this state.`;
      }
      if (run.conclusion === "success") return read;
      if (run.conclusion === "skipped" || run.conclusion === "neutral") return `${read} ${skippedNote}`;
      return `${read} The drill suite must pass on the pull request's head commit; re-run it or fix the failure.`;
    }
  }
}
function itemsTable(items, style, note) {
  const headers = ["Item", "Action", "Owner", "Due", ...note ? ["Note"] : []];
  const rows = items.slice(0, MAX_ITEMS).map((i) => [
    style.raw(style.lineRef(i.path, i.line)),
    i.action,
    i.owner ?? "—",
    `${i.due ?? "—"}${i.overdue && i.due ? " (overdue)" : ""}`,
    ...note ? [style.raw(note(i))] : []
  ]);
  const more = items.length > MAX_ITEMS ? `

…and ${plural(items.length - MAX_ITEMS, "more item")}.` : "";
  return `${style.table(headers, rows)}${more}`;
}
function sev1Body(d, style) {
  const levels = d.severities.join("/");
  const policy = d.block === "open" ? `every unchecked action item of a ${levels} postmortem blocks` : `unchecked action items of ${levels} postmortems block once overdue (or without a valid due date)`;
  const parts = [`Checked ${plural(d.blockingPostmortems, `${levels} postmortem`)} of ${plural(d.postmortems, "postmortem")} (policy \`block: ${d.block}\`: ${policy}).`];
  if (d.unread.length > 0) {
    const list = d.unread.slice(0, MAX_ITEMS).map((u) => `- ${u.path}: ${u.reason}`);
    parts.push(`${style.heading("Not read")}

${list.join("\n")}${d.unread.length > MAX_ITEMS ? `
- …and ${d.unread.length - MAX_ITEMS} more` : ""}

Their severity and action items are unknown, so this gate fails until they can be read (\`reliability-loop lint\` shows why).`);
  }
  if (d.blocking.length > 0) {
    parts.push(`${style.heading("Blocking")}

${itemsTable(d.blocking, style)}`);
    const first = d.blocking[0];
    parts.push(
      `To unblock: tick the item’s box in the postmortem once it is done (this pull request may do it), or, for the pull request that fixes it, add the label ${code(d.fixLabel)} and reference the item in the description by its ticket or as \`path#Lline\` (e.g. \`${first ? `${first.path}#L${first.line}` : ""}\`).`
    );
  }
  if (d.passedByFixLabel.length > 0) {
    parts.push(`${style.heading("Passed by the fix label")}

${itemsTable(d.passedByFixLabel, style, (i) => `referenced as ${code(i.reference ?? "")} by this pull request, labelled ${code(d.fixLabel)}`)}`);
  }
  if (d.closedByChange.length > 0) {
    const list = d.closedByChange.slice(0, MAX_ITEMS).map((i) => `- ${i.action} (${i.path}:${i.line})`);
    parts.push(`${style.heading("Closed by this change")}

${list.join("\n")}${d.closedByChange.length > MAX_ITEMS ? `
- …and ${d.closedByChange.length - MAX_ITEMS} more` : ""}`);
  }
  if (d.notYetDue > 0) parts.push(`${plural(d.notYetDue, "open item")} not yet overdue do not block under \`block: overdue\`.`);
  if (d.untracked > 0) parts.push(`${plural(d.untracked, "action item")} without a checkbox cannot be ticked and are not counted here; the lint mode reports them (PM007).`);
  return parts.join("\n\n");
}
function docRow(d, style) {
  const problems = d.problems.map((p) => `${style.lineRef(d.path, p.line)} ${style.escape(p.message)}`).join(style.lineBreak);
  const what = d.changeType !== void 0 ? `${d.changeType}, ${d.status ?? ""}` : "—";
  const scope = d.globs.length > 0 ? `${codes(d.globs)} (${d.globsFrom ?? ""})` : d.globsFrom === "change.type" ? "nothing: add `change.paths`" : "—";
  switch (d.state) {
    case "unreadable":
      return [code(d.path), "—", "—", `❌ cannot be read: ${d.problems[0]?.message ?? ""}`];
    case "invalid":
      return [code(d.path), "—", "—", style.raw(`❌ invalid: ${problems}`)];
    case "no-rollback-plan":
      return [code(d.path), what, style.raw(scope), style.raw(`❌ rollback plan not real: ${problems}`)];
    default: {
      const plan = d.plan ? `✅ rollback when ${d.plan.trigger}; ${plural(d.plan.steps, "step")}; owner ${d.plan.owner}` : "";
      const note = d.state === "finished" ? ` — covers nothing: status \`${d.status ?? ""}\` (only \`proposed\` or \`running\` experiments cover a change)` : d.state === "covers-nothing" ? " — covers none of the gated files" : "";
      return [code(d.path), what, style.raw(scope), `${plan}${note}`];
    }
  }
}
function rollbackBody(d, style) {
  const globs = codes(d.gatedGlobs);
  if (d.gated.length === 0) {
    return d.truncated ? `This change has more files than GitHub lists (3000), and none of those listed match ${globs}; the gate cannot tell whether the rest do. Split the pull request.` : `No changed file matches ${globs}, so no experiment doc is needed.`;
  }
  const gatedList = `${d.gated.slice(0, MAX_FILES).map((f) => `- ${code(f.path)}${f.status === "removed" ? " (removed)" : ""}`).join("\n")}${d.gated.length > MAX_FILES ? `
- …and ${d.gated.length - MAX_FILES} more` : ""}`;
  const intro = `This change touches ${plural(d.gated.length, "file")} matching ${globs}:

${gatedList}`;
  const howToCover = `Add or change an experiment doc matching ${codes(d.experimentGlobs)} with \`status: proposed\` or \`running\`, a real \`rollback:\` (trigger, steps, owner), and a \`change:\` that covers the file: \`change.paths: ["<glob>"]\`, or a \`change.type\` whose paths (\`gate.rollback-plan.type-paths\`) match it.`;
  if (d.docs.length === 0) {
    return `${intro}

It must add or change an experiment doc (markdown with YAML front matter: \`id\`, \`name\`, \`owner\`, \`hypothesis\`, \`metrics\`, \`rollback\`), and none was added or changed. ${howToCover}`;
  }
  const coverage = `${style.table(
    ["Gated file", "Covered by"],
    d.gated.slice(0, MAX_FILES).map((f) => [style.raw(`${code(f.path)}${f.status === "removed" ? " (removed)" : ""}`), style.raw(f.coveredBy !== void 0 ? code(f.coveredBy) : "❌ not covered")])
  )}${d.gated.length > MAX_FILES ? `

…and ${d.gated.length - MAX_FILES} more.` : ""}`;
  const docs = style.table(["Experiment doc", "Change, status", "Covers", "Rollback plan"], d.docs.map((doc) => docRow(doc, style).map((c, i) => i === 0 ? style.raw(c) : c)));
  const body = `${coverage}

Experiment docs this change adds or modifies:

${docs}`;
  const broken = d.docs.filter((doc) => BROKEN_DOC_STATES.has(doc.state));
  const uncovered = d.gated.filter((f) => f.coveredBy === void 0);
  if (broken.length === 0 && uncovered.length === 0) {
    return `Every gated file this change touches is covered by a proposed or running experiment with a real rollback plan:

${body}`;
  }
  const brokenNote = broken.length > 0 ? "Every experiment doc it adds or changes must be valid and have a real rollback plan (a trigger, concrete steps and an owner; not `TBD`, `N/A`, `none` or `-`). " : "";
  const uncoveredNote = uncovered.length > 0 ? `${plural(uncovered.length, "gated file")} ${uncovered.length === 1 ? "is" : "are"} not covered. ${howToCover}` : "";
  return `${intro}

${brokenNote}${uncoveredNote}

${body}`;
}
function allowedList(decision) {
  const who = [...decision.allowedUsers.map((u) => `@${u}`), ...decision.allowedTeams.map((t) => `team ${t}`)];
  return who.length > 0 ? who.join(", ") : "nobody (`gate.bypass.users` and `gate.bypass.teams` are empty)";
}
function bypassSentence(decision, style) {
  const label = code(decision.label);
  switch (decision.kind) {
    case "nothing-failed":
      return `The bypass label ${label} is present, but no gate failed: nothing was bypassed.`;
    case "refused": {
      const why = decision.actor === void 0 ? `the label ${label} is on the pull request, but the event that applied it could not be found, so who applied it is unknown.` : `the label ${label} was applied by @${decision.actor}, who is not allowed to bypass${decision.unknownMemberships.length > 0 ? ` (${decision.unknownMemberships.join("; ")})` : ""}.`;
      return `${style.bold("Bypass refused:")} ${why} Allowed to bypass: ${allowedList(decision)}.`;
    }
    case "accepted": {
      const as = decision.allowedAs === "user" ? "listed user" : decision.allowedAs.replace(/^team:/, "member of ");
      const why = decision.reason ? `Reason: ${decision.reason}` : "No reason was given; add a line `Bypass-Reason: …` to the pull request description for the record.";
      return `${style.bold("Bypassed")} by @${decision.actor} (${as}) with the label ${label} at ${decision.at}: ${decision.gates.join(", ")}. ${why}`;
    }
  }
}

// src/report/gate-report.ts
function toGateJson(result, verdicts, links) {
  const style = markdownStyle(links);
  return {
    result,
    gates: verdicts.map((v) => ({
      id: v.id,
      conclusion: v.conclusion,
      title: v.title,
      summary: verdictBody(v, style),
      details: v.details,
      ...v.bypass !== void 0 && { bypass: v.bypass }
    }))
  };
}
function formatGateJson(result, verdicts, links) {
  return `${JSON.stringify(toGateJson(result, verdicts, links))}
`;
}
function formatGateText(result, verdicts, options) {
  const c = ansi(options.color);
  const paint = { success: c.green, failure: c.red, neutral: c.dim, pending: c.yellow };
  const mark = { success: "✔", failure: "✖", neutral: "○", pending: "…" };
  const out = [];
  for (const v of verdicts) {
    out.push(`${paint[v.conclusion](`${mark[v.conclusion]} ${v.id}`)}  ${c.bold(v.title)}  ${c.dim(`(${v.conclusion})`)}`);
    const body = sanitizeText(verdictBody(v, textStyle)).trim();
    if (body !== "") out.push(body.split("\n").map((line) => line.trim() === "" ? "" : `    ${line}`).join("\n"));
    out.push("");
  }
  if (options.bypass !== void 0) out.push(sanitizeText(bypassSentence(options.bypass, textStyle)), "");
  for (const note of options.notes ?? []) out.push(sanitizeText(note), "");
  out.push(c.dim(`Policy: ${options.policy}.`));
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
base of --base and HEAD, using git only. The drill gate is "unknown" unless --drill-result says
(which means gate.drills.source: job unless the policy names another source), and fails at once when
the policy's drill workflow (gate.drills.workflow) does not exist at --base.
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
  const { run, policy, links } = options.local === true ? await gateLocal(options, io, now) : await gatePullRequest(options, io, now);
  for (const warning of run.warnings) io.stderr(`warning: ${warning}
`);
  if (options.format === "json") io.stdout(formatGateJson(run.result, run.verdicts, links));
  else {
    const color = shouldUseColor({ flag: options.color, env: io.env, isTTY: io.isTTY });
    const notes = run.notes.filter((n) => !run.warnings.includes(n));
    io.stdout(formatGateText(run.result, run.verdicts, { color, policy, notes, ...run.bypass !== void 0 && { bypass: run.bypass } }));
  }
  return run.result === "pass" ? GATE_EXIT.PASS : run.result === "fail" ? GATE_EXIT.FAIL : GATE_EXIT.PENDING;
}
function configFromFile(root, file, cwd) {
  return loadConfig({ root, configPath: path2.resolve(cwd, file), readFile: readConfigText });
}
function overrideOf(root, options, cwd) {
  if (options.config === void 0) return void 0;
  const config = configFromFile(root, options.config, cwd);
  return { config, label: `\`${config.configFile ?? options.config}\` from the working tree (--config)` };
}
async function gateLocal(options, io, now) {
  if (options.base === void 0) throw new UsageError("--local needs --base <ref>", "e.g. --base origin/main (the branch the change will merge into)");
  if (options.repo !== void 0) throw new UsageError("--repo only applies to --pr");
  const root = await workTreeRoot(io.cwd);
  if (root === void 0) throw new UsageError(`${io.cwd} is not inside a git working tree`, "run gate --local from a checkout of the repository, or use --pr <number|url>");
  const base = await resolveCommit(root, options.base);
  if (base === void 0) throw new UsageError(`--base ${options.base}: no such branch, tag or commit in ${root}`, unknownRefHint(options.base, await refsInRepository(root)));
  const head = await resolveCommit(root, "HEAD");
  let since;
  try {
    since = head === void 0 ? base : await mergeBase(root, base, head);
  } catch (error) {
    throw new UsageError(`--base ${options.base} shares no history with HEAD: ${error instanceof GitError ? error.stderr : errorMessage(error)}`);
  }
  const override = overrideOf(root, options, io.cwd);
  const policySource = {
    root,
    readAtBase: async (file) => (await fileAtCommit(root, base, file))?.toString("utf8"),
    baseLabel: `${options.base} (\`${base.slice(0, 7)}\`)`,
    ...override !== void 0 && { override }
  };
  const sources = createLocalGateSources({ root, mergeBase: since });
  const request = { event: "local", ...head !== void 0 && { headSha: head }, configCommit: base, pathFiltersApply: true, ...options.drillResult !== void 0 && { drillResult: options.drillResult } };
  return atBase(() => runGateAtBase(policySource, request, sources, now), (error) => error);
}
async function atBase(run, readFailure) {
  try {
    const { run: result, policy } = await run();
    return { run: result, policy };
  } catch (error) {
    if (error instanceof PolicyUnavailableError) throw error.cause instanceof ConfigError ? error.cause : readFailure(error.cause, "cannot read the policy at the base commit");
    if (error instanceof GateInputsUnreadableError) throw readFailure(error.cause, "cannot read the change");
    throw error;
  }
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
function apiFailure(what, error) {
  const status = errorStatus(error);
  const hint = status === 401 ? "GITHUB_TOKEN is not valid; e.g. GITHUB_TOKEN=$(gh auth token)" : status === 403 || status === 404 ? "check the repository and number, and that GITHUB_TOKEN can read the repository (a private one needs repo scope or contents/pull-requests read)" : "try again; set GITHUB_API_URL for GitHub Enterprise Server";
  return new UsageError(`${what}: ${status ?? "error"} ${errorMessage(error)}`, hint);
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
  } catch (error) {
    throw apiFailure(`cannot read pull request ${owner}/${repo}#${ref.number}`, error);
  }
  if (pr.state !== "open") io.stderr(`note: ${owner}/${repo}#${pr.number} is ${pr.state}; evaluating its last head ${pr.headSha.slice(0, 7)} anyway
`);
  const short2 = pr.baseSha.slice(0, 7);
  const tree = await workTreeRoot(io.cwd);
  const root = tree ?? io.cwd;
  const override = overrideOf(root, options, io.cwd);
  const policySource = {
    root,
    readAtBase: (file) => getFileAtRef(client, { owner, repo, path: file, ref: pr.baseSha }),
    baseLabel: `base commit \`${short2}\` of #${pr.number}`,
    ...override !== void 0 && { override }
  };
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
    missingDrillResult: "unknown",
    mayWait: false,
    sleep: async () => {
    },
    now: () => now().getTime(),
    log: () => {
    }
  });
  const request = {
    event: "dry-run",
    pullRequest: { number: pr.number, url: pr.htmlUrl, title: pr.title, body: pr.body, labels: pr.labels },
    repository: `${owner}/${repo}`,
    headSha: pr.headSha,
    configCommit: pr.baseSha,
    pathFiltersApply: true,
    ...options.drillResult !== void 0 && { drillResult: options.drillResult }
  };
  const readFailure = (error, what) => errorStatus(error) !== void 0 ? apiFailure(`${what} of ${owner}/${repo}#${pr.number}`, error) : error;
  const result = await atBase(() => runGateAtBase(policySource, request, sources, now), readFailure);
  return { ...result, links: { serverUrl: webUrl, repository: `${owner}/${repo}`, sha: pr.headSha } };
}
export {
  GATE_EXIT,
  addGateCommand,
  gateCommand
};
