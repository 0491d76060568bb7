// Which tracker to talk to and with what credentials, as the entries (CLI: environment variables;
// Action: inputs) hand it over. Reading the environment or inputs happens in the entries; this module
// only decides what is missing and builds the tracker.

import type { SyncConfig } from '../config/types.js'
import type { TrackerKind } from './tracker.js'

export interface GitHubConnection {
  kind: 'github'
  token: string
  owner: string
  repo: string
  /** REST API root. */
  apiUrl: string
}

export interface LinearConnection {
  kind: 'linear'
  apiKey: string
  team: string
  apiUrl: string
}

export interface JiraConnection {
  kind: 'jira'
  baseUrl: string
  email: string
  apiToken: string
  project: string
}

export interface JiraDataCenterConnection {
  kind: 'jira-dc'
  baseUrl: string
  pat: string
  project: string
}

export type TrackerConnection = GitHubConnection | LinearConnection | JiraConnection | JiraDataCenterConnection

/** Credentials and places as the entry found them; '' or undefined when not given. */
export interface CredentialSources {
  githubToken?: string
  githubRepository?: string
  githubApiUrl?: string
  linearApiKey?: string
  linearTeam?: string
  linearApiUrl?: string
  jiraBaseUrl?: string
  jiraEmail?: string
  jiraApiToken?: string
  jiraProject?: string
  jiraPat?: string
}

/** The names the entry knows these sources by (environment variables or inputs), for messages. */
export type SourceNames = Record<keyof CredentialSources, string>

export const ENV_NAMES: SourceNames = {
  githubToken: 'GITHUB_TOKEN',
  githubRepository: 'GITHUB_REPOSITORY',
  githubApiUrl: 'GITHUB_API_URL',
  linearApiKey: 'LINEAR_API_KEY',
  linearTeam: 'LINEAR_TEAM',
  linearApiUrl: 'LINEAR_API_URL',
  jiraBaseUrl: 'JIRA_BASE_URL',
  jiraEmail: 'JIRA_EMAIL',
  jiraApiToken: 'JIRA_API_TOKEN',
  jiraProject: 'JIRA_PROJECT',
  jiraPat: 'JIRA_PAT'
}

/** The trackers' credentials and places from environment variables named as in ENV_NAMES (the CLI's way). */
export function credentialsFromEnvironment(env: Readonly<Record<string, string | undefined>>): CredentialSources {
  const sources: CredentialSources = {}
  for (const [field, name] of Object.entries(ENV_NAMES) as Array<[keyof CredentialSources, string]>) {
    const value = env[name]
    if (value !== undefined) sources[field] = value
  }
  return sources
}

/** The secrets among the sources: masked in the Action, never printed anywhere. */
export const SECRET_SOURCES: ReadonlyArray<keyof CredentialSources> = ['githubToken', 'linearApiKey', 'jiraApiToken', 'jiraPat']

export type ConnectionResult =
  | { connection: TrackerConnection }
  /** No secret at all: only a dry run, planned from the postmortems alone, is possible. `variable`: the secret's name. */
  | { absent: string; variable: string }
  /** A secret without what goes with it: a mistake to report, not a reason for a dry run. */
  | { incomplete: string }

function given(value: string | undefined): string | undefined {
  const v = value?.trim()
  return v ? v : undefined
}

/**
 * The connection for a tracker: credentials from the sources, places from the sources or else the
 * config (`sync.github.repository`, `sync.linear.team`, `sync.jira.base-url`, …).
 */
export function resolveConnection(kind: TrackerKind, sources: CredentialSources, sync: SyncConfig, names: SourceNames): ConnectionResult {
  const need = (missing: Array<keyof CredentialSources>, what: string) =>
    ({ incomplete: `${what} needs ${missing.map((m) => names[m]).join(' and ')}` }) as const
  switch (kind) {
    case 'github': {
      const token = given(sources.githubToken)
      if (!token) return { absent: `no GitHub token (${names.githubToken})`, variable: names.githubToken }
      const repository = sync.github.repository ?? given(sources.githubRepository)
      const [owner, repo, ...rest] = (repository ?? '').split('/')
      if (!owner || !repo || rest.length > 0) return need(['githubRepository'], 'GitHub Issues (owner/repo, or sync.github.repository in the config)')
      return { connection: { kind, token, owner, repo, apiUrl: given(sources.githubApiUrl) ?? 'https://api.github.com' } }
    }
    case 'linear': {
      const apiKey = given(sources.linearApiKey)
      if (!apiKey) return { absent: `no Linear API key (${names.linearApiKey})`, variable: names.linearApiKey }
      const team = given(sources.linearTeam) ?? sync.linear.team
      if (!team) return need(['linearTeam'], 'Linear (the team key, or sync.linear.team in the config)')
      return { connection: { kind, apiKey, team, apiUrl: given(sources.linearApiUrl) ?? sync.linear.apiUrl } }
    }
    case 'jira': {
      const apiToken = given(sources.jiraApiToken)
      if (!apiToken) return { absent: `no Jira API token (${names.jiraApiToken})`, variable: names.jiraApiToken }
      const baseUrl = given(sources.jiraBaseUrl) ?? sync.jira.baseUrl
      const email = given(sources.jiraEmail)
      const project = given(sources.jiraProject) ?? sync.jira.project
      const missing = (
        [
          ['jiraBaseUrl', baseUrl],
          ['jiraEmail', email],
          ['jiraProject', project]
        ] as const
      )
        .filter(([, v]) => v === undefined)
        .map(([k]) => k)
      if (!baseUrl || !email || !project) return need([...missing], 'Jira Cloud (base URL and project may also come from sync.jira in the config)')
      return { connection: { kind, baseUrl: baseUrl.replace(/\/+$/, ''), email, apiToken, project } }
    }
    case 'jira-dc': {
      const pat = given(sources.jiraPat)
      if (!pat) return { absent: `no Jira personal access token (${names.jiraPat})`, variable: names.jiraPat }
      const baseUrl = given(sources.jiraBaseUrl) ?? sync.jira.baseUrl
      const project = given(sources.jiraProject) ?? sync.jira.project
      if (!baseUrl || !project) {
        const missing: Array<keyof CredentialSources> = []
        if (!baseUrl) missing.push('jiraBaseUrl')
        if (!project) missing.push('jiraProject')
        return need(missing, 'Jira Data Center (base URL and project may also come from sync.jira in the config)')
      }
      return { connection: { kind, baseUrl: baseUrl.replace(/\/+$/, ''), pat, project } }
    }
  }
}

/** `https://api.github.com` → `https://github.com`; `https://ghe.example.com/api/v3` → `https://ghe.example.com`. */
export function githubWebUrl(apiUrl: string): string {
  const url = apiUrl.replace(/\/+$/, '')
  if (/^https?:\/\/api\.github\.com$/i.test(url)) return 'https://github.com'
  return url.replace(/\/api\/v3$/i, '')
}
