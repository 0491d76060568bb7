#!/usr/bin/env node
import { createRequire as __rlCreateRequire } from 'node:module';
const require = __rlCreateRequire(import.meta.url);
import {
  DEFAULT_HTTP_POLICY,
  HttpRequestError,
  UnexpectedResponseError,
  expectShape,
  isArrayOf,
  isOptionalArrayOf,
  isOptionalString,
  isRecord,
  isString,
  sendWithRetry
} from "./cli-YW3TWOHG.js";
import {
  displayTitle
} from "./cli-CTPB635N.js";
import {
  deterministicUuid,
  isItemKey,
  keyLabel
} from "./cli-7J3Z5ETF.js";
import {
  createGitHubClient,
  errorStatus
} from "./cli-OYYJDXPV.js";
import {
  NOT_SENT_CODES,
  networkFailure
} from "./cli-G7SUBHGO.js";
import {
  sanitizeVendorBody
} from "./cli-Q4UO6FBE.js";
import {
  pLimit
} from "./cli-QCVQTLV6.js";

// src/github/check-assignee.ts
async function canBeAssigned(client, request) {
  try {
    await client.rest.issues.checkUserCanBeAssigned({ owner: request.owner, repo: request.repo, assignee: request.login });
    return true;
  } catch (error) {
    if (errorStatus(error) === 404) return false;
    throw error;
  }
}

// src/github/list-issues.ts
function isRawIssue(value) {
  if (!isRecord(value)) return false;
  const { number, title, body, state, state_reason: stateReason, html_url: htmlUrl, assignees, milestone } = value;
  return Number.isInteger(number) && isString(title) && isOptionalString(body) && isString(state) && isOptionalString(stateReason) && isString(htmlUrl) && isOptionalArrayOf(assignees, (a) => a === null || isRecord(a) && isString(a.login)) && (milestone === void 0 || milestone === null || isRecord(milestone) && Number.isInteger(milestone.number) && isString(milestone.title));
}
var ISSUE_SHAPE = "an issue with number, title, state and html_url";
function toIssueRecord(data, what = "GitHub issue") {
  const issue = expectShape(data, isRawIssue, what, ISSUE_SHAPE);
  const record = {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    htmlUrl: issue.html_url,
    assignees: (issue.assignees ?? []).flatMap((a) => a ? [a.login] : [])
  };
  if (record.state === "closed" && issue.state_reason) record.stateReason = issue.state_reason;
  if (issue.milestone) record.milestone = { number: issue.milestone.number, title: issue.milestone.title };
  return record;
}
async function listIssues(client, request) {
  const issues = [];
  const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: request.owner,
    repo: request.repo,
    labels: request.label,
    state: "all",
    per_page: 100,
    ...request.since !== void 0 && { since: request.since, sort: "updated", direction: "desc" }
  });
  const what = `GitHub list issues of ${request.owner}/${request.repo}`;
  for await (const page of pages) {
    const data = expectShape(page.data, (v) => isArrayOf(v, isRecord), what, "an array of issues");
    for (const issue of data) if (isRecord(issue) && issue.pull_request === void 0) issues.push(toIssueRecord(issue, what));
  }
  return issues;
}

// src/github/create-issue.ts
async function createIssue(client, request) {
  const { data } = await client.rest.issues.create({
    owner: request.owner,
    repo: request.repo,
    title: request.title,
    body: request.body,
    labels: request.labels,
    ...request.assignees !== void 0 && request.assignees.length > 0 && { assignees: request.assignees },
    ...request.milestone !== void 0 && { milestone: request.milestone },
    request: { retries: 0 }
  });
  return toIssueRecord(data, `GitHub create issue in ${request.owner}/${request.repo}`);
}

// src/github/list-milestones.ts
function isMilestone(value) {
  return isRecord(value) && Number.isInteger(value.number) && isString(value.title);
}
async function listMilestones(client, request) {
  const all = [];
  const pages = client.paginate.iterator(client.rest.issues.listMilestones, { owner: request.owner, repo: request.repo, state: "all", per_page: 100 });
  for await (const page of pages) {
    const data = expectShape(page.data, (v) => isArrayOf(v, isMilestone), "GitHub list milestones", "an array of milestones with number and title");
    for (const m of data) all.push({ number: m.number, title: m.title });
  }
  return all;
}

// src/github/create-milestone.ts
async function createMilestone(client, request) {
  const { data } = await client.rest.issues.createMilestone({
    owner: request.owner,
    repo: request.repo,
    title: request.title,
    due_on: `${request.dueOn}T00:00:00Z`
  });
  const milestone = expectShape(data, isMilestone, "GitHub create milestone", "a milestone with number and title");
  return { number: milestone.number, title: milestone.title };
}

// src/github/get-issue.ts
async function getIssue(client, request) {
  try {
    const { data } = await client.rest.issues.get({ owner: request.owner, repo: request.repo, issue_number: request.number });
    return toIssueRecord(data, `GitHub get issue #${request.number}`);
  } catch (error) {
    const status = errorStatus(error);
    if (status === 404 || status === 410) return void 0;
    throw error;
  }
}

// src/github/update-issue.ts
async function updateIssue(client, request) {
  const { data } = await client.rest.issues.update({
    owner: request.owner,
    repo: request.repo,
    issue_number: request.number,
    ...request.title !== void 0 && { title: request.title },
    ...request.body !== void 0 && { body: request.body },
    ...request.assignees !== void 0 && { assignees: request.assignees },
    ...request.milestone !== void 0 && { milestone: request.milestone },
    ...request.close === true && { state: "closed", state_reason: "completed" }
  });
  return toIssueRecord(data, `GitHub update issue #${request.number}`);
}

// src/sync/trackers/description.ts
var FOOTER = "Opened by reliability-loop from a postmortem action item. Tick the item in the postmortem to close this ticket; edit the item there to change it.";
function facts(content) {
  const rows = [];
  if (content.owner !== void 0) rows.push(["Owner", content.owner]);
  if (content.due !== void 0) rows.push(["Due", content.due]);
  if (content.severity !== void 0) rows.push(["Severity", content.severity]);
  return rows;
}
function postmortemName(content) {
  return content.postmortemTitle ?? `${content.postmortemId} (${content.postmortemPath})`;
}
function markdownText(text) {
  return text.replace(/[\\`*_[\]<>]/g, "\\$&").replace(/^([#>+-]|\d+\.)/, "\\$1");
}
function markdownDescription(content) {
  const name = markdownText(postmortemName(content));
  const postmortem = content.postmortemUrl !== void 0 ? `[${name}](${content.postmortemUrl})` : `${name} — \`${content.postmortemPath}\``;
  const lines = [markdownText(content.summary), "", `**Postmortem:** ${postmortem}`];
  for (const [label, value] of facts(content)) lines.push(`**${label}:** ${markdownText(value)}`);
  lines.push("", `_${FOOTER}_`);
  return lines.join("\n");
}
function wikiDescription(content) {
  const escape = (text) => text.replace(/([{}[\]|*_+^~?])/g, "\\$1").replace(/(^|\s)([-#])(?=\S)/g, "$1\\$2");
  const name = escape(postmortemName(content));
  const postmortem = content.postmortemUrl !== void 0 ? `[${name}|${content.postmortemUrl}]` : `${name} ({{${content.postmortemPath}}})`;
  const lines = [escape(content.summary), "", `*Postmortem:* ${postmortem}`];
  for (const [label, value] of facts(content)) lines.push(`*${label}:* ${escape(value)}`);
  lines.push("", `_${FOOTER}_`);
  return lines.join("\n");
}
function adfDescription(content) {
  const paragraph = (...inline) => ({ type: "paragraph", content: inline.filter((n) => n.text !== "") });
  const strong = (text) => ({ type: "text", text, marks: [{ type: "strong" }] });
  const name = postmortemName(content);
  const postmortem = content.postmortemUrl !== void 0 ? { type: "text", text: name, marks: [{ type: "link", attrs: { href: content.postmortemUrl } }] } : { type: "text", text: `${name} — ${content.postmortemPath}` };
  const nodes = [paragraph({ type: "text", text: content.summary }), paragraph(strong("Postmortem: "), postmortem)];
  for (const [label, value] of facts(content)) nodes.push(paragraph(strong(`${label}: `), { type: "text", text: value }));
  nodes.push(paragraph({ type: "text", text: FOOTER, marks: [{ type: "em" }] }));
  return { type: "doc", version: 1, content: nodes };
}

// src/sync/trackers/github.ts
var MARKER_RE = /<!--\s*reliability-loop:((?:\s*[a-z]+=[^\s>]+)+)\s*-->/g;
var LOGIN_RE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var RECHECK_SKEW_MS = 5 * 6e4;
function githubMarker(draft) {
  return `<!-- reliability-loop:key=${draft.key}${draft.due !== void 0 ? ` due=${draft.due}` : ""} -->`;
}
function githubBody(draft) {
  return `${markdownDescription(draft.content)}

${githubMarker(draft)}
`;
}
function readMarkers(body) {
  const keys = [];
  let due;
  for (const m of body.matchAll(MARKER_RE)) {
    for (const pair of (m[1] ?? "").trim().split(/\s+/)) {
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (name === "key" && isItemKey(value) && !keys.includes(value)) keys.push(value);
      if (name === "due" && /^\d{4}-\d{2}-\d{2}$/.test(value)) due = value;
    }
  }
  return due !== void 0 ? { keys, due } : { keys };
}
function toTicket(issue) {
  const { keys, due } = readMarkers(issue.body);
  const ticket = { id: String(issue.number), ref: `#${issue.number}`, url: issue.htmlUrl, keys, title: displayTitle(issue.title), state: issue.state };
  ticket.status = issue.stateReason !== void 0 && issue.stateReason !== "completed" ? `closed (${issue.stateReason.replace(/_/g, " ")})` : issue.state;
  if (due !== void 0) ticket.due = due;
  const [assignee] = issue.assignees;
  if (assignee !== void 0) ticket.assignee = assignee;
  return ticket;
}
async function withPermissionHint(write) {
  try {
    return await write;
  } catch (error) {
    if (errorStatus(error) === 403 && error instanceof Error && !/rate limit/i.test(error.message)) {
      error.message = `${error.message} (the token needs \`permissions: issues: write\`)`;
    }
    throw error;
  }
}
var GITHUB_CAPABILITIES = { dueDate: "description", priority: false, keyStoredOnCreate: true, idempotentCreate: false, recheckConsistent: true };
var GitHubTracker = class {
  constructor(options) {
    this.options = options;
    this.limit = pLimit(options.concurrency ?? 4);
  }
  options;
  kind = "github";
  capabilities = GITHUB_CAPABILITIES;
  milestones;
  limit;
  get repoRef() {
    return { owner: this.options.owner, repo: this.options.repo };
  }
  async resolveAssignees(owners) {
    const assignees = /* @__PURE__ */ new Map();
    const warnings = [];
    const checked = /* @__PURE__ */ new Map();
    await Promise.all(
      owners.map(async (identity) => {
        const login = identity.github ?? (LOGIN_RE.test(identity.owner) ? identity.owner : void 0);
        if (login === void 0) {
          warnings.push(`owner ${identity.owner}: not a GitHub login; add \`github: <login>\` for them under sync.owners`);
          return;
        }
        let check = checked.get(login.toLowerCase());
        if (!check) {
          check = this.limit(() => canBeAssigned(this.options.client, { ...this.repoRef, login }));
          checked.set(login.toLowerCase(), check);
        }
        if (await check) assignees.set(identity.owner, login);
        else warnings.push(`owner ${identity.owner}: ${login} cannot be assigned issues in ${this.options.owner}/${this.options.repo} (not a collaborator, or a team); map them under sync.owners`);
      })
    );
    return { assignees, warnings: warnings.sort() };
  }
  /** `#12` or this repository's issue URL → 12; undefined for anything else. */
  issueNumberOf(ref) {
    if (ref.url !== void 0) {
      const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/(?:issues|pull)\/(\d+)(?:[/?#].*)?$/i.exec(ref.url);
      const sameRepo = m && m[1]?.toLowerCase() === this.options.owner.toLowerCase() && m[2]?.toLowerCase() === this.options.repo.toLowerCase();
      return sameRepo ? Number(m[3]) : "foreign";
    }
    const id = /^#(\d+)$/.exec(ref.id ?? "");
    return id ? Number(id[1]) : "foreign";
  }
  async lookup({ references }) {
    const issues = await listIssues(this.options.client, { ...this.repoRef, label: this.options.label });
    const tickets = issues.map(toTicket);
    const known = new Set(issues.map((i) => i.number));
    const unresolved = /* @__PURE__ */ new Map();
    const wanted = /* @__PURE__ */ new Map();
    for (const ref of references) {
      const number = this.issueNumberOf(ref);
      if (number === "foreign") unresolved.set(ref.raw, "foreign");
      else if (!known.has(number)) wanted.set(number, [...wanted.get(number) ?? [], ref.raw]);
    }
    await Promise.all(
      [...wanted].map(
        ([number, raws]) => this.limit(async () => {
          const issue = await getIssue(this.options.client, { ...this.repoRef, number });
          if (issue) tickets.push(toTicket(issue));
          else for (const raw of raws) unresolved.set(raw, "not-found");
        })
      )
    );
    return { tickets, unresolved };
  }
  async recheck(keys) {
    const since = new Date(this.options.startedAt.getTime() - RECHECK_SKEW_MS).toISOString().replace(/\.\d+Z$/, "Z");
    const issues = await listIssues(this.options.client, { ...this.repoRef, label: this.options.label, since });
    const wanted = new Set(keys);
    return issues.map(toTicket).filter((t) => t.keys.some((k) => wanted.has(k)));
  }
  async milestoneFor(due) {
    if (!this.options.milestones || due === void 0) return void 0;
    const title = `Due ${due}`;
    this.milestones ??= listMilestones(this.options.client, this.repoRef).then((list) => new Map(list.map((m) => [m.title, m])));
    const byTitle = await this.milestones;
    const existing = byTitle.get(title);
    if (existing) return existing.number;
    try {
      const created = await createMilestone(this.options.client, { ...this.repoRef, title, dueOn: due });
      byTitle.set(title, created);
      return created.number;
    } catch (error) {
      if (errorStatus(error) !== 422) throw error;
      const again = (await listMilestones(this.options.client, this.repoRef)).find((m) => m.title === title);
      if (!again) throw error;
      byTitle.set(title, again);
      return again.number;
    }
  }
  async create(draft) {
    const milestone = await this.milestoneFor(draft.due);
    const issue = await withPermissionHint(createIssue(this.options.client, {
      ...this.repoRef,
      title: draft.title,
      body: githubBody(draft),
      labels: draft.labels,
      ...draft.assignee !== void 0 && { assignees: [draft.assignee] },
      ...milestone !== void 0 && { milestone }
    }));
    return toTicket(issue);
  }
  async update(ticket, draft, changes) {
    const milestone = changes.includes("due") && this.options.milestones ? await this.milestoneFor(draft.due) ?? null : void 0;
    const issue = await withPermissionHint(updateIssue(this.options.client, {
      ...this.repoRef,
      number: Number(ticket.id),
      title: draft.title,
      // The body carries the due date and the key; rewriting it keeps both current.
      body: githubBody(draft),
      ...changes.includes("assignee") && draft.assignee !== void 0 && { assignees: [draft.assignee] },
      ...milestone !== void 0 && { milestone }
    }));
    return toTicket(issue);
  }
  async close(ticket) {
    return toTicket(await withPermissionHint(updateIssue(this.options.client, { ...this.repoRef, number: Number(ticket.id), close: true })));
  }
  classify(error) {
    const status = errorStatus(error);
    if (status === void 0) return "fatal";
    const network = networkFailure(error);
    if (network && NOT_SENT_CODES.has(network.code)) return "retryable";
    if (status >= 500) return "ambiguous";
    if (status === 429 || status === 403 && /rate limit/i.test(error instanceof Error ? error.message : "")) return "retryable";
    return "fatal";
  }
};

// src/sync/trackers/jira.ts
var JiraError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
  status;
  name = "JiraError";
};
var PROPERTY_KEY = "reliability-loop";
var FIELDS = ["summary", "status", "duedate", "assignee", "labels"];
var PAGE = 100;
function isIssueJson(value) {
  if (!isRecord(value) || !isString(value.id) || !isString(value.key)) return false;
  const fields = value.fields;
  if (fields === void 0) return true;
  if (!isRecord(fields) || !isOptionalString(fields.summary) || !isOptionalString(fields.duedate) || !isOptionalArrayOf(fields.labels, isString)) return false;
  return [fields.status, fields.assignee].every((f) => f === void 0 || f === null || isRecord(f)) && (value.properties === void 0 || isRecord(value.properties));
}
var ISSUE_SHAPE2 = "an issue with id and key";
var isSearchPage = (v) => isRecord(v) && isOptionalArrayOf(v.issues, isIssueJson) && isOptionalString(v.nextPageToken);
var isUserList = (v) => isArrayOf(v, isRecord);
var isTransitions = (v) => isRecord(v) && isOptionalArrayOf(v.transitions, (t) => isRecord(t) && isString(t.id) && isString(t.name) && (t.to === void 0 || isRecord(t.to)));
var isCreated = (v) => isRecord(v) && isString(v.id) && v.id !== "" && isString(v.key) && /^[A-Z][A-Z0-9_]*-\d+$/i.test(v.key);
var anything = (_v) => true;
var JIRA_CAPABILITIES = { dueDate: "field", priority: true, keyStoredOnCreate: true, idempotentCreate: false, recheckConsistent: false };
function quote(value) {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
var JiraTracker = class {
  constructor(options) {
    this.options = options;
    this.kind = options.auth.flavour === "cloud" ? "jira" : "jira-dc";
    this.api = `${options.baseUrl.replace(/\/+$/, "")}/rest/api/${options.auth.flavour === "cloud" ? "3" : "2"}`;
  }
  options;
  kind;
  capabilities = JIRA_CAPABILITIES;
  api;
  /** Label → key for the current items: a ticket whose property is missing is still recognised. */
  keyOfLabel = /* @__PURE__ */ new Map();
  /** Ids of the issues this run created, reconciled into later searches (Cloud) and found by key. */
  created = /* @__PURE__ */ new Map();
  priorityNames;
  get cloud() {
    return this.options.auth.flavour === "cloud";
  }
  headers() {
    const auth = this.options.auth;
    const authorization = auth.flavour === "cloud" ? `Basic ${Buffer.from(`${auth.email}:${auth.apiToken}`).toString("base64")}` : `Bearer ${auth.pat}`;
    return { authorization, accept: "application/json", "content-type": "application/json" };
  }
  /** One request; a successful answer is checked with `shape` (what it must look like, and how to say so). */
  async call(method, path, body, idempotent, what, shape) {
    const response = await sendWithRetry(
      this.options.fetch,
      { url: `${this.api}${path}`, method, headers: this.headers(), ...body !== void 0 && { body: JSON.stringify(body) }, idempotent, what: `Jira ${what}` },
      this.options.policy
    );
    if (response.status >= 400) {
      const json = response.json ?? {};
      const details = sanitizeVendorBody([...json.errorMessages ?? [], ...Object.entries(json.errors ?? {}).map(([field, message]) => `${field}: ${String(message)}`)].join("; "));
      const hint = response.status === 401 ? this.cloud ? " (check JIRA_EMAIL and JIRA_API_TOKEN)" : " (check the personal access token)" : "";
      throw new JiraError(`Jira ${what}: ${response.status} ${details || "error"}${hint}`, response.status);
    }
    return expectShape(response.json, shape.guard, `Jira ${what}`, shape.expected);
  }
  async resolveAssignees(owners) {
    const assignees = /* @__PURE__ */ new Map();
    const warnings = [];
    await Promise.all(
      owners.map(async (o) => {
        if (o.jira !== void 0) {
          assignees.set(o.owner, o.jira);
          return;
        }
        if (o.email === void 0) {
          warnings.push(`owner ${o.owner}: no email or Jira ${this.cloud ? "accountId" : "user name"}; add them under sync.owners`);
          return;
        }
        const param = this.cloud ? "query" : "username";
        const users = await this.call("GET", `/user/search?${param}=${encodeURIComponent(o.email)}&maxResults=10`, void 0, true, "user search", { guard: isUserList, expected: "a list of users" });
        const active = users.filter((u) => u.active !== false);
        const match = active.find((u) => u.emailAddress?.toLowerCase() === o.email?.toLowerCase()) ?? (active.length === 1 ? active[0] : void 0);
        const id = this.cloud ? match?.accountId : match?.name;
        if (id !== void 0) assignees.set(o.owner, id);
        else warnings.push(`owner ${o.owner}: no active Jira user with the email ${o.email}`);
      })
    );
    return { assignees, warnings: warnings.sort() };
  }
  toTicket(issue) {
    const keys = [];
    const stored = issue.properties?.[PROPERTY_KEY]?.key;
    if (typeof stored === "string" && isItemKey(stored)) keys.push(stored);
    for (const label of issue.fields?.labels ?? []) {
      const key = this.keyOfLabel.get(label);
      if (key !== void 0 && !keys.includes(key)) keys.push(key);
    }
    const ticket = {
      id: issue.id,
      ref: issue.key,
      url: `${this.options.baseUrl.replace(/\/+$/, "")}/browse/${issue.key}`,
      keys,
      title: displayTitle(issue.fields?.summary ?? ""),
      state: issue.fields?.status?.statusCategory?.key === "done" ? "closed" : "open"
    };
    if (issue.fields?.status?.name) ticket.status = issue.fields.status.name;
    if (issue.fields?.duedate) ticket.due = issue.fields.duedate;
    const assignee = this.cloud ? issue.fields?.assignee?.accountId : issue.fields?.assignee?.name;
    if (assignee) ticket.assignee = assignee;
    return ticket;
  }
  /** Every issue the JQL finds, 100 a page (token pagination on Cloud, startAt on Data Center). */
  async search(jql) {
    const tickets = [];
    const reconcile = [...this.created.values()].slice(-50).map((t) => Number(t.id));
    let token;
    let startAt = 0;
    for (; ; ) {
      const body = this.cloud ? { jql, fields: FIELDS, properties: [PROPERTY_KEY], maxResults: PAGE, ...token !== void 0 && { nextPageToken: token }, ...reconcile.length > 0 && { reconcileIssues: reconcile } } : { jql, fields: FIELDS, properties: [PROPERTY_KEY], maxResults: PAGE, startAt };
      const page = await this.call("POST", this.cloud ? "/search/jql" : "/search", body, true, "search", { guard: isSearchPage, expected: "a page of issues, each with id and key" });
      const issues = page.issues ?? [];
      tickets.push(...issues.map((i) => this.toTicket(i)));
      if (this.cloud) {
        if (page.isLast !== false || page.nextPageToken === void 0) break;
        token = page.nextPageToken;
      } else {
        startAt += issues.length;
        if (issues.length === 0 || startAt >= (page.total ?? 0)) break;
      }
    }
    return tickets;
  }
  /** `OPS-7` or this site's `/browse/OPS-7` → `OPS-7`; undefined for anything else. */
  issueKeyOf(ref) {
    if (ref.url !== void 0) {
      const base = this.options.baseUrl.replace(/\/+$/, "").toLowerCase();
      const m = /^(.*)\/browse\/([A-Z][A-Z0-9_]*-\d+)\/?$/i.exec(ref.url);
      return m && m[1]?.toLowerCase() === base ? m[2]?.toUpperCase() : void 0;
    }
    const id = ref.id?.toUpperCase();
    return id !== void 0 && id.startsWith(`${this.options.project.toUpperCase()}-`) ? id : void 0;
  }
  async lookup({ keys, references }) {
    for (const key of keys) this.keyOfLabel.set(keyLabel(key), key);
    const label = this.options.labels[0] ?? "reliability";
    const tickets = await this.search(`project = ${quote(this.options.project)} AND labels = ${quote(label)} ORDER BY created ASC`);
    const unresolved = /* @__PURE__ */ new Map();
    const known = new Set(tickets.map((t) => t.ref.toUpperCase()));
    const wanted = /* @__PURE__ */ new Map();
    for (const ref of references) {
      const key = this.issueKeyOf(ref);
      if (key === void 0) unresolved.set(ref.raw, "foreign");
      else if (!known.has(key)) wanted.set(key, [...wanted.get(key) ?? [], ref.raw]);
    }
    for (const [key, raws] of wanted) {
      try {
        const issue = await this.call("GET", `/issue/${encodeURIComponent(key)}?fields=${FIELDS.join(",")}&properties=${PROPERTY_KEY}`, void 0, true, `get ${key}`, { guard: isIssueJson, expected: ISSUE_SHAPE2 });
        tickets.push(this.toTicket(issue));
      } catch (error) {
        if (!(error instanceof JiraError) || error.status !== 404) throw error;
        for (const raw of raws) unresolved.set(raw, "not-found");
      }
    }
    return { tickets, unresolved };
  }
  async recheck(keys, options = {}) {
    for (const key of keys) this.keyOfLabel.set(keyLabel(key), key);
    const wanted = new Set(keys);
    const fromThisRun = [...this.created.values()].filter((t) => t.keys.some((k) => wanted.has(k)));
    const attempts = options.patient ? this.options.recheckAttempts ?? 4 : 1;
    let found = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await this.options.policy.sleep(this.options.policy.baseDelayMs * 2 ** (attempt - 2));
      found = [];
      for (let start = 0; start < keys.length; start += 50) {
        const labels = keys.slice(start, start + 50).map((k) => quote(keyLabel(k)));
        found.push(...await this.search(`project = ${quote(this.options.project)} AND labels in (${labels.join(", ")})`));
      }
      if (found.length > 0) break;
    }
    const byId = new Map([...fromThisRun, ...found].map((t) => [t.id, t]));
    return [...byId.values()].filter((t) => t.keys.some((k) => wanted.has(k)));
  }
  /** The priority names the site has, to leave out a configured one that does not exist rather than fail every create. */
  async knownPriorities() {
    this.priorityNames ??= (async () => {
      try {
        const hasName = (p) => isRecord(p) && isString(p.name);
        const json = await this.call("GET", this.cloud ? "/priority/search?maxResults=100" : "/priority", void 0, true, "priorities", {
          guard: (v) => isArrayOf(v, hasName) || isRecord(v) && isOptionalArrayOf(v.values, hasName),
          expected: "a list of priorities"
        });
        const list = Array.isArray(json) ? json : json.values ?? [];
        return new Set(list.map((p) => p.name));
      } catch {
        return void 0;
      }
    })();
    return this.priorityNames;
  }
  labelsOf(draft) {
    return [.../* @__PURE__ */ new Set([...draft.labels.map((l) => l.replace(/\s+/g, "-")), keyLabel(draft.key)])];
  }
  async fields(draft, create, changes = []) {
    const fields = {
      summary: draft.title,
      description: this.cloud ? adfDescription(draft.content) : wikiDescription(draft.content),
      duedate: draft.due ?? null,
      labels: this.labelsOf(draft)
    };
    if (create) {
      fields.project = { key: this.options.project };
      fields.issuetype = { name: this.options.issueType };
      if (draft.priority !== void 0 && draft.priority !== "none") {
        const name = this.options.priorities[draft.priority];
        const known = await this.knownPriorities();
        if (known === void 0 || known.has(name)) fields.priority = { name };
      }
    }
    if (draft.assignee !== void 0 && (create || changes.includes("assignee"))) fields.assignee = this.cloud ? { accountId: draft.assignee } : { name: draft.assignee };
    return fields;
  }
  async create(draft) {
    this.keyOfLabel.set(keyLabel(draft.key), draft.key);
    const body = { fields: await this.fields(draft, true), properties: [{ key: PROPERTY_KEY, value: { key: draft.key } }] };
    const created = await this.call("POST", "/issue", body, false, "create issue", { guard: isCreated, expected: "the new issue’s id and key; the issue may have been created, and the next run finds it by its key" });
    const ticket = {
      id: created.id,
      ref: created.key,
      url: `${this.options.baseUrl.replace(/\/+$/, "")}/browse/${created.key}`,
      keys: [draft.key],
      title: draft.title,
      state: "open"
    };
    if (draft.due !== void 0) ticket.due = draft.due;
    if (draft.assignee !== void 0) ticket.assignee = draft.assignee;
    this.created.set(ticket.id, ticket);
    return ticket;
  }
  async update(ticket, draft, changes) {
    this.keyOfLabel.set(keyLabel(draft.key), draft.key);
    const body = { fields: await this.fields(draft, false, changes) };
    if (changes.includes("key")) body.properties = [{ key: PROPERTY_KEY, value: { key: draft.key } }];
    await this.call("PUT", `/issue/${encodeURIComponent(ticket.ref)}`, body, true, `edit ${ticket.ref}`, { guard: anything, expected: "nothing" });
    const updated = { ...ticket, title: draft.title, keys: changes.includes("key") ? [draft.key] : ticket.keys };
    if (draft.due !== void 0) updated.due = draft.due;
    else delete updated.due;
    if (changes.includes("assignee") && draft.assignee !== void 0) updated.assignee = draft.assignee;
    return updated;
  }
  async close(ticket) {
    const { transitions } = await this.call("GET", `/issue/${encodeURIComponent(ticket.ref)}/transitions`, void 0, true, `transitions of ${ticket.ref}`, {
      guard: isTransitions,
      expected: "a list of transitions, each with id and name"
    });
    const toDone = (transitions ?? []).filter((t) => t.to?.statusCategory?.key === "done");
    const transition = toDone.find((t) => /^(done|close|resolve)/i.test(t.name)) ?? toDone[0];
    if (!transition) {
      const issue = await this.call("GET", `/issue/${encodeURIComponent(ticket.ref)}?fields=status`, void 0, true, `get ${ticket.ref}`, { guard: isIssueJson, expected: ISSUE_SHAPE2 });
      if (issue.fields?.status?.statusCategory?.key === "done") return { ...ticket, state: "closed" };
      throw new JiraError(`Jira ${ticket.ref}: no transition leads to a status in the Done category from its current status; close it by hand or adjust the workflow`, 409);
    }
    await this.call("POST", `/issue/${encodeURIComponent(ticket.ref)}/transitions`, { transition: { id: transition.id } }, false, `transition ${ticket.ref}`, { guard: anything, expected: "nothing" });
    return { ...ticket, state: "closed" };
  }
  classify(error) {
    if (error instanceof HttpRequestError) return error.ambiguous ? "ambiguous" : "retryable";
    if (error instanceof JiraError) return error.status >= 500 ? "ambiguous" : "fatal";
    return "fatal";
  }
};

// src/sync/trackers/linear-client.ts
var LinearError = class extends Error {
  constructor(message, status, errors) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
  status;
  errors;
  name = "LinearError";
  get isInputError() {
    return this.errors.some((e) => e.extensions?.code === "INPUT_ERROR" || e.extensions?.type === "invalid input");
  }
};
function errorsOf(json) {
  const errors = json !== null && typeof json === "object" ? json.errors : void 0;
  return Array.isArray(errors) ? errors : [];
}
var isRateLimited = (response) => errorsOf(response.json).some((e) => e.extensions?.type === "ratelimited" || e.extensions?.code === "RATELIMITED");
var LinearClient = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /**
   * Sends one document. `partial` accepts errors alongside data (aliased reads where some are not found);
   * otherwise any error throws. `idempotent`: safe to send twice (reads; creates with a client-chosen id).
   * `shape`: what the answer's `data` must look like; anything else (a garbage body, no data) is an
   * UnexpectedResponseError, never an empty result.
   */
  async request(operationName, query, variables, options) {
    const response = await sendWithRetry(
      this.options.fetch,
      {
        url: this.options.apiUrl,
        method: "POST",
        headers: { authorization: this.options.apiKey, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ operationName, query, variables }),
        idempotent: options.idempotent,
        what: `Linear ${operationName}`
      },
      this.options.policy,
      isRateLimited
    );
    const errors = errorsOf(response.json);
    const data = response.json !== null && typeof response.json === "object" ? response.json.data ?? null : null;
    const auth = errors.some((e) => e.extensions?.type === "authentication error" || e.extensions?.code === "AUTHENTICATION_ERROR");
    if (auth || response.status === 401 || response.status === 403) {
      throw new LinearError(`Linear ${operationName}: ${sanitizeVendorBody(String(errors[0]?.message ?? "not authenticated"))} (check the API key; it is sent without "Bearer")`, 401, errors);
    }
    if (response.status >= 400 || errors.length > 0 && !(options.partial && data !== null)) {
      const message = sanitizeVendorBody(errors.map((e) => String(e.extensions?.userPresentableMessage ?? e.message)).join("; ")) || `HTTP ${response.status}`;
      throw new LinearError(`Linear ${operationName}: ${message}`, response.status, errors);
    }
    if (!options.shape.guard(data)) throw new UnexpectedResponseError(`Linear ${operationName}`, options.shape.expected, response.json);
    return { data, errors };
  }
};

// src/sync/trackers/linear.ts
var TICKET_FIELDS = `fragment Ticket on Issue {
  id
  identifier
  url
  title
  dueDate
  assignee { id }
  state { type name }
  attachments(first: 20) { nodes { url metadata } }
}`;
var SETUP = `query SyncSetup($team: String!, $labels: [String!]!) {
  teams(filter: { key: { eq: $team } }) { nodes { id key states(first: 100) { nodes { id name type position } } } }
  issueLabels(filter: { name: { in: $labels } }, first: 250) { nodes { id name team { id } } }
}`;
var USERS = `query SyncUsers($emails: [String!]!, $after: String) {
  users(filter: { email: { in: $emails } }, first: 250, after: $after) { nodes { id email active } pageInfo { hasNextPage endCursor } }
}`;
var CREATE_LABEL = `mutation SyncCreateLabel($input: IssueLabelCreateInput!) {
  issueLabelCreate(input: $input) { success issueLabel { id name } }
}`;
var ISSUES = `query SyncIssues($filter: IssueFilter!, $after: String) {
  issues(filter: $filter, first: 100, after: $after, includeArchived: true) {
    nodes { ...Ticket }
    pageInfo { hasNextPage endCursor }
  }
}
${TICKET_FIELDS}`;
var CREATE = `mutation SyncCreateIssue($issue: IssueCreateInput!, $attachment: AttachmentCreateInput!) {
  issueCreate(input: $issue) { success issue { ...Ticket } }
  attachmentCreate(input: $attachment) { success }
}
${TICKET_FIELDS}`;
var CREATE_WITHOUT_ATTACHMENT = `mutation SyncCreateIssue($issue: IssueCreateInput!) {
  issueCreate(input: $issue) { success issue { ...Ticket } }
}
${TICKET_FIELDS}`;
var UPDATE = `mutation SyncUpdateIssue($id: String!, $input: IssueUpdateInput!) {
  issueUpdate(id: $id, input: $input) { success issue { ...Ticket } }
}
${TICKET_FIELDS}`;
var ATTACH = `mutation SyncAttach($attachment: AttachmentCreateInput!) {
  attachmentCreate(input: $attachment) { success }
}`;
function referencesQuery(count) {
  const vars = Array.from({ length: count }, (_, i) => `$r${i}: String!`).join(", ");
  const fields = Array.from({ length: count }, (_, i) => `  r${i}: issue(id: $r${i}) { ...Ticket }`).join("\n");
  return `query SyncReferences(${vars}) {
${fields}
}
${TICKET_FIELDS}`;
}
var isIssueNode = (v) => isRecord(v) && isString(v.id) && isString(v.identifier) && isString(v.url) && isString(v.title) && isOptionalString(v.dueDate) && (v.assignee === null || v.assignee === void 0 || isRecord(v.assignee) && isString(v.assignee.id)) && isRecord(v.state) && isString(v.state.type) && isRecord(v.attachments) && isArrayOf(v.attachments.nodes, (a) => isRecord(a) && (a.metadata === null || a.metadata === void 0 || isRecord(a.metadata)));
function isPage(v, node) {
  return isRecord(v) && isArrayOf(v.nodes, node) && isRecord(v.pageInfo) && typeof v.pageInfo.hasNextPage === "boolean" && isOptionalString(v.pageInfo.endCursor);
}
var isLabelNode = (l) => isRecord(l) && isString(l.id) && isString(l.name) && (l.team === null || l.team === void 0 || isRecord(l.team) && isString(l.team.id));
var isTeamNode = (t) => isRecord(t) && isString(t.id) && isString(t.key) && isRecord(t.states) && isArrayOf(t.states.nodes, (s) => isRecord(s) && isString(s.id) && isString(s.type) && typeof s.position === "number");
var SETUP_SHAPE = {
  guard: (d) => isRecord(d) && isRecord(d.teams) && isArrayOf(d.teams.nodes, isTeamNode) && isRecord(d.issueLabels) && isArrayOf(d.issueLabels.nodes, isLabelNode),
  expected: "teams and issueLabels"
};
var LABELS_SHAPE = {
  guard: (d) => isRecord(d) && isRecord(d.issueLabels) && isArrayOf(d.issueLabels.nodes, isLabelNode),
  expected: "issueLabels"
};
var USERS_SHAPE = {
  guard: (d) => isRecord(d) && isPage(d.users, (u) => isRecord(u) && isString(u.id) && isString(u.email) && typeof u.active === "boolean"),
  expected: "a page of users with id, email and active"
};
var ISSUES_SHAPE = {
  guard: (d) => isRecord(d) && isPage(d.issues, isIssueNode),
  expected: "a page of issues"
};
var REFERENCES_SHAPE = {
  guard: (d) => isRecord(d) && Object.values(d).every((n) => n === null || isIssueNode(n)),
  expected: "the referenced issues"
};
function payloadShape(field) {
  return {
    guard: (d) => isRecord(d) && isRecord(d[field]) && (d[field].issue === null || isIssueNode(d[field].issue)),
    expected: `${field} with the issue`
  };
}
var CREATE_SHAPE = payloadShape("issueCreate");
var UPDATE_SHAPE = payloadShape("issueUpdate");
var ANY_DATA = { guard: (_d) => true, expected: "anything" };
var PRIORITY = { urgent: 1, high: 2, medium: 3, low: 4, none: 0 };
var METADATA_KEY = "reliabilityLoopKey";
var UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var LINEAR_CAPABILITIES = { dueDate: "field", priority: true, keyStoredOnCreate: true, idempotentCreate: true, recheckConsistent: true };
var LinearTracker = class {
  constructor(options) {
    this.options = options;
    this.client = new LinearClient(options);
  }
  options;
  kind = "linear";
  capabilities = LINEAR_CAPABILITIES;
  client;
  setup;
  /** Label name → id, created when first needed. */
  labelIds = /* @__PURE__ */ new Map();
  /** id → key for the keys of this run, so issues whose attachment is missing are still recognised. */
  keyOfId = /* @__PURE__ */ new Map();
  prepare() {
    this.setup ??= this.loadSetup();
    return this.setup;
  }
  async loadSetup() {
    const names = [.../* @__PURE__ */ new Set([...this.options.labels, ...this.options.otherLabels ?? []])];
    const { data } = await this.client.request("SyncSetup", SETUP, { team: this.options.team, labels: names }, { idempotent: true, shape: SETUP_SHAPE });
    const team = data.teams.nodes[0];
    if (!team) throw new LinearError(`Linear has no team with the key "${this.options.team}" (check sync.linear.team or LINEAR_TEAM)`, 404, []);
    const done = team.states.nodes.filter((s) => s.type === "completed").sort((a, b) => a.position - b.position)[0];
    if (!done) throw new LinearError(`Linear team ${team.key} has no workflow state of type "completed" to move finished items to`, 404, []);
    for (const label of [...data.issueLabels.nodes].sort((a, b) => (a.team ? 1 : 0) - (b.team ? 1 : 0))) {
      if (label.team === null || label.team.id === team.id) this.labelIds.set(label.name, Promise.resolve(label.id));
    }
    return { teamId: team.id, doneStateId: done.id };
  }
  async labelIdsFor(names) {
    const { teamId } = await this.prepare();
    return Promise.all(
      names.map((name) => {
        let id = this.labelIds.get(name);
        if (!id) {
          id = this.createLabel(name, teamId);
          id.catch(() => this.labelIds.delete(name));
          this.labelIds.set(name, id);
        }
        return id;
      })
    );
  }
  /** With an id of our choosing, so a retried create cannot make the label twice; a refusal means it exists. */
  async createLabel(name, teamId) {
    const id = deterministicUuid(`label:${teamId}:${name}`);
    try {
      await this.client.request("SyncCreateLabel", CREATE_LABEL, { input: { id, name, teamId } }, { idempotent: true, shape: ANY_DATA });
      return id;
    } catch (error) {
      if (!(error instanceof LinearError) || !error.isInputError) throw error;
      const { data } = await this.client.request("SyncSetup", SETUP, { team: this.options.team, labels: [name] }, { idempotent: true, shape: LABELS_SHAPE });
      const found = data.issueLabels.nodes.find((l) => l.name === name && (l.team === null || l.team.id === teamId));
      if (!found) throw error;
      return found.id;
    }
  }
  async resolveAssignees(owners) {
    const assignees = /* @__PURE__ */ new Map();
    const warnings = [];
    const byEmail = /* @__PURE__ */ new Map();
    for (const o of owners) {
      if (o.linear !== void 0 && UUID_RE.test(o.linear)) assignees.set(o.owner, o.linear);
      else {
        const email = (o.linear?.includes("@") ? o.linear : o.email)?.toLowerCase();
        if (email === void 0) warnings.push(`owner ${o.owner}: no email or Linear user id; add \`${o.owner}: <email>\` under sync.owners`);
        else byEmail.set(email, [...byEmail.get(email) ?? [], o.owner]);
      }
    }
    if (byEmail.size === 0) return { assignees, warnings };
    const emails = [...byEmail.keys()];
    let after = null;
    for (; ; ) {
      const { data } = await this.client.request("SyncUsers", USERS, { emails, after }, { idempotent: true, shape: USERS_SHAPE });
      for (const user of data.users.nodes) {
        const names = byEmail.get(user.email.toLowerCase());
        if (!names || !user.active) continue;
        for (const name of names) assignees.set(name, user.id);
        byEmail.delete(user.email.toLowerCase());
      }
      if (!data.users.pageInfo.hasNextPage) break;
      after = data.users.pageInfo.endCursor;
    }
    for (const [email, names] of byEmail) for (const name of names) warnings.push(`owner ${name}: no active Linear user with the email ${email}`);
    return { assignees, warnings: warnings.sort() };
  }
  toTicket(issue) {
    const keys = [];
    for (const a of issue.attachments.nodes) {
      const key = a.metadata?.[METADATA_KEY];
      if (typeof key === "string" && isItemKey(key) && !keys.includes(key)) keys.push(key);
    }
    const byId = this.keyOfId.get(issue.id);
    if (byId !== void 0 && !keys.includes(byId)) keys.push(byId);
    const ticket = {
      id: issue.id,
      ref: issue.identifier,
      url: issue.url,
      keys,
      title: displayTitle(issue.title),
      state: issue.state.type === "completed" || issue.state.type === "canceled" ? "closed" : "open"
    };
    if (issue.state.name) ticket.status = issue.state.name;
    if (issue.dueDate) ticket.due = issue.dueDate;
    if (issue.assignee) ticket.assignee = issue.assignee.id;
    return ticket;
  }
  async listIssues(filter) {
    const tickets = [];
    let after = null;
    for (; ; ) {
      const { data } = await this.client.request("SyncIssues", ISSUES, { filter, after }, { idempotent: true, shape: ISSUES_SHAPE });
      for (const node of data.issues.nodes) tickets.push(this.toTicket(node));
      if (!data.issues.pageInfo.hasNextPage) return tickets;
      after = data.issues.pageInfo.endCursor;
    }
  }
  /** A reference Linear may know: a linear.app URL, or an identifier of this team. */
  identifierOf(ref) {
    const fromUrl = ref.url !== void 0 ? /^https?:\/\/linear\.app\/[^/]+\/issue\/([A-Z][A-Z0-9]*-\d+)/i.exec(ref.url)?.[1] : void 0;
    if (fromUrl) return fromUrl.toUpperCase();
    if (ref.url !== void 0) return void 0;
    const id = ref.id?.toUpperCase();
    return id !== void 0 && new RegExp(`^${this.options.team.toUpperCase()}-\\d+$`).test(id) ? id : void 0;
  }
  async lookup({ keys, references }) {
    for (const key of keys) this.keyOfId.set(deterministicUuid(key), key);
    const setup = await this.prepare();
    const tickets = await this.listIssues({ team: { id: { eq: setup.teamId } }, labels: { some: { name: { eq: this.options.labels[0] ?? "reliability" } } } });
    const unresolved = /* @__PURE__ */ new Map();
    const known = new Set(tickets.map((t) => t.ref.toUpperCase()));
    const wanted = /* @__PURE__ */ new Map();
    for (const ref of references) {
      const identifier = this.identifierOf(ref);
      if (identifier === void 0) unresolved.set(ref.raw, "foreign");
      else if (!known.has(identifier)) wanted.set(identifier, [...wanted.get(identifier) ?? [], ref.raw]);
    }
    const identifiers = [...wanted.keys()];
    for (let start = 0; start < identifiers.length; start += 50) {
      const chunk = identifiers.slice(start, start + 50);
      const variables = Object.fromEntries(chunk.map((id, i) => [`r${i}`, id]));
      const { data } = await this.client.request("SyncReferences", referencesQuery(chunk.length), variables, { idempotent: true, partial: true, shape: REFERENCES_SHAPE });
      chunk.forEach((identifier, i) => {
        const node = data[`r${i}`];
        if (node) tickets.push(this.toTicket(node));
        else for (const raw of wanted.get(identifier) ?? []) unresolved.set(raw, "not-found");
      });
    }
    return { tickets, unresolved };
  }
  async recheck(keys) {
    for (const key of keys) this.keyOfId.set(deterministicUuid(key), key);
    return this.listIssues({ id: { in: keys.map(deterministicUuid) } });
  }
  attachment(issueId, draft) {
    const url = draft.content.postmortemUrl;
    if (url === void 0) return void 0;
    return {
      issueId,
      url,
      title: `Postmortem ${draft.content.postmortemId}`,
      subtitle: draft.content.postmortemPath,
      metadata: { [METADATA_KEY]: draft.key, postmortem: draft.content.postmortemPath }
    };
  }
  async create(draft) {
    const setup = await this.prepare();
    const id = deterministicUuid(draft.key);
    this.keyOfId.set(id, draft.key);
    const issue = {
      id,
      teamId: setup.teamId,
      title: draft.title,
      description: markdownDescription(draft.content),
      labelIds: await this.labelIdsFor(draft.labels)
    };
    if (draft.due !== void 0) issue.dueDate = draft.due;
    if (draft.assignee !== void 0) issue.assigneeId = draft.assignee;
    if (draft.priority !== void 0) issue.priority = PRIORITY[draft.priority];
    const attachment = this.attachment(id, draft);
    try {
      const { data } = await this.client.request(
        "SyncCreateIssue",
        attachment ? CREATE : CREATE_WITHOUT_ATTACHMENT,
        attachment ? { issue, attachment } : { issue },
        // The id is ours: repeating the request cannot make a second issue.
        { idempotent: true, shape: CREATE_SHAPE }
      );
      const node = data.issueCreate.issue;
      if (!node) throw new LinearError("Linear SyncCreateIssue: no issue in the answer", 500, []);
      return this.toTicket(node);
    } catch (error) {
      if (!(error instanceof LinearError) || !error.isInputError) throw error;
      const [existing] = await this.recheck([draft.key]);
      if (!existing) throw error;
      if (attachment && !existing.keys.includes(draft.key)) await this.client.request("SyncAttach", ATTACH, { attachment }, { idempotent: true, shape: ANY_DATA });
      return { ...existing, keys: existing.keys.includes(draft.key) ? existing.keys : [...existing.keys, draft.key] };
    }
  }
  async update(ticket, draft, changes) {
    const input = { title: draft.title, description: markdownDescription(draft.content), dueDate: draft.due ?? null };
    if (changes.includes("assignee") && draft.assignee !== void 0) input.assigneeId = draft.assignee;
    const { data } = await this.client.request("SyncUpdateIssue", UPDATE, { id: ticket.id, input }, { idempotent: true, shape: UPDATE_SHAPE });
    const attachment = changes.includes("key") ? this.attachment(ticket.id, draft) : void 0;
    if (attachment) await this.client.request("SyncAttach", ATTACH, { attachment }, { idempotent: true, shape: ANY_DATA });
    const node = data.issueUpdate.issue;
    const updated = node ? this.toTicket(node) : ticket;
    return attachment && !updated.keys.includes(draft.key) ? { ...updated, keys: [...updated.keys, draft.key] } : updated;
  }
  async close(ticket) {
    const setup = await this.prepare();
    const { data } = await this.client.request("SyncUpdateIssue", UPDATE, { id: ticket.id, input: { stateId: setup.doneStateId } }, { idempotent: true, shape: UPDATE_SHAPE });
    const node = data.issueUpdate.issue;
    return node ? this.toTicket(node) : { ...ticket, state: "closed" };
  }
  classify(error) {
    if (error instanceof HttpRequestError) return error.ambiguous ? "ambiguous" : "retryable";
    if (error instanceof LinearError) {
      if (error.errors.some((e) => e.extensions?.type === "ratelimited")) return "retryable";
      return error.status >= 500 ? "ambiguous" : "fatal";
    }
    return "fatal";
  }
};

// src/sync/trackers/create-tracker.ts
function httpPolicy(env) {
  const t = env.transport ?? {};
  return {
    ...DEFAULT_HTTP_POLICY,
    ...t.retries !== void 0 && { retries: t.retries },
    ...t.baseDelayMs !== void 0 && { baseDelayMs: t.baseDelayMs, maxDelayMs: Math.max(t.baseDelayMs, 1) * 30 },
    ...t.timeoutMs !== void 0 && { timeoutMs: t.timeoutMs },
    ...t.maxRetryAfterMs !== void 0 && { maxRetryAfterMs: t.maxRetryAfterMs },
    ...t.sleep !== void 0 && { sleep: t.sleep },
    onRetry: env.log.info
  };
}
function createTracker(connection, env) {
  const transport = env.transport ?? {};
  const label = env.sync.labels[0] ?? "reliability";
  switch (connection.kind) {
    case "github": {
      const client = createGitHubClient({
        token: connection.token,
        baseUrl: connection.apiUrl,
        log: env.log,
        retries: transport.retries ?? 3,
        ...transport.baseDelayMs !== void 0 && { retryBaseMs: transport.baseDelayMs },
        ...transport.timeoutMs !== void 0 && { requestTimeoutMs: transport.timeoutMs },
        ...transport.maxRetryAfterMs !== void 0 && { maxRateLimitWaitSeconds: transport.maxRetryAfterMs / 1e3 },
        ...transport.pacedWrites !== void 0 && { pacedWrites: transport.pacedWrites }
      });
      return new GitHubTracker({
        client,
        owner: connection.owner,
        repo: connection.repo,
        label,
        milestones: env.sync.github.milestones,
        startedAt: env.startedAt,
        concurrency: env.sync.concurrency
      });
    }
    case "linear":
      return new LinearTracker({
        apiKey: connection.apiKey,
        apiUrl: connection.apiUrl,
        team: connection.team,
        labels: env.sync.labels,
        otherLabels: env.sync.severityLabels ? Object.keys(env.sync.priorities) : [],
        fetch: transport.fetch ?? fetch,
        policy: httpPolicy(env)
      });
    case "jira":
    case "jira-dc":
      return new JiraTracker({
        baseUrl: connection.baseUrl,
        project: connection.project,
        issueType: env.sync.jira.issueType,
        auth: connection.kind === "jira" ? { flavour: "cloud", email: connection.email, apiToken: connection.apiToken } : { flavour: "dc", pat: connection.pat },
        labels: env.sync.labels,
        priorities: env.sync.jira.priorities,
        fetch: transport.fetch ?? fetch,
        policy: httpPolicy(env)
      });
  }
}

export {
  httpPolicy,
  createTracker
};
