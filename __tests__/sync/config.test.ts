import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../src/config/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { defaultSyncConfig, syncConfigOf } from '../../src/config/sync.js'
import { ENV_NAMES, githubWebUrl, resolveConnection } from '../../src/sync/connection.js'

const load = (yaml: string | undefined) => loadConfig({ root: '/repo', readFile: (p) => (p.endsWith('.github/reliability.yml') ? yaml : undefined) })

describe('the sync: section', () => {
  it('defaults: GitHub, label reliability, Sev1–4 → urgent–low, write-back commit', () => {
    expect(syncConfigOf(load(undefined))).toEqual(defaultSyncConfig())
    expect(defaultSyncConfig()).toMatchObject({ tracker: 'github', labels: ['reliability'], priorities: { Sev1: 'urgent', Sev2: 'high', Sev3: 'medium', Sev4: 'low' }, writeBack: 'commit', tickClosed: false })
  })

  it('reads every setting; owners as emails or identity maps; priority keys in any spelling of a level', () => {
    const config = load(`sync:
  tracker: linear
  labels: [reliability, agents]
  severity-labels: false
  priorities: { SEV-1: high, sev 4: none }
  owners:
    "@maria.chen": maria@example.com
    priya.raman: { email: priya@example.com, github: priya-r, jira: 5b10ac8d82e05b22cc7d4ef5 }
  write-back: pull-request
  tick-closed: true
  require-valid-items: true
  concurrency: 2
  decision-paths: [meetings/*.md]
  github: { repository: acme/app, milestones: true }
  linear: { team: ENG, api-url: "https://linear.example/graphql" }
  jira: { base-url: "https://acme.atlassian.net/", project: OPS, issue-type: Bug, priorities: { urgent: Blocker } }
`)
    expect(syncConfigOf(config)).toEqual({
      tracker: 'linear',
      labels: ['reliability', 'agents'],
      severityLabels: false,
      priorities: { Sev1: 'high', Sev2: 'high', Sev3: 'medium', Sev4: 'none' },
      owners: { 'maria.chen': { email: 'maria@example.com' }, 'priya.raman': { email: 'priya@example.com', github: 'priya-r', jira: '5b10ac8d82e05b22cc7d4ef5' } },
      writeBack: 'pull-request',
      tickClosed: true,
      requireValidItems: true,
      concurrency: 2,
      decisionPaths: ['meetings/*.md'],
      github: { repository: 'acme/app', milestones: true },
      linear: { team: 'ENG', apiUrl: 'https://linear.example/graphql' },
      jira: { baseUrl: 'https://acme.atlassian.net', project: 'OPS', issueType: 'Bug', priorities: { urgent: 'Blocker', high: 'High', medium: 'Medium', low: 'Low' } }
    })
  })

  it('errors name the key and the line: unknown tracker, unknown severity, a label with spaces, a bad email', () => {
    const attempt = (yaml: string) => {
      try {
        load(yaml)
        return ''
      } catch (error) {
        if (error instanceof ConfigError) return error.message
        throw error
      }
    }
    expect(attempt('sync:\n  tracker: trello\n')).toMatch(/\.github\/reliability\.yml:2:\d+: sync\.tracker: must be one of github, linear, jira, jira-dc/)
    expect(attempt('sync:\n  priorities:\n    Sev9: high\n')).toMatch(/reliability\.yml:3:\d+: sync\.priorities\.Sev9: not one of postmortems\.severity-levels/)
    expect(attempt('sync:\n  labels: ["two words"]\n')).toMatch(/sync\.labels\[0\]/)
    expect(attempt('sync:\n  decision-paths: ["../meetings/*.md"]\n')).toMatch(/reliability\.yml:2:\d+: sync\.decision-paths\[0\]: "\.\.\/meetings\/\*\.md" leaves the repository/)
    expect(attempt('sync:\n  owners:\n    ana: not-an-email\n')).toMatch(/sync\.owners\.ana: "not-an-email" is not an email address/)
    expect(attempt('sync:\n  trackr: github\n')).toMatch(/did you mean "tracker"/)
  })
})

describe('resolveConnection', () => {
  const sync = defaultSyncConfig()
  it('GitHub: the token and owner/repo; no token means only a dry run; a token without repository is an error', () => {
    expect(resolveConnection('github', { githubToken: 't', githubRepository: 'a/b' }, sync, ENV_NAMES)).toEqual({ connection: { kind: 'github', token: 't', owner: 'a', repo: 'b', apiUrl: 'https://api.github.com' } })
    expect(resolveConnection('github', {}, sync, ENV_NAMES)).toEqual({ absent: 'no GitHub token (GITHUB_TOKEN)', variable: 'GITHUB_TOKEN' })
    expect(resolveConnection('github', { githubToken: 't' }, sync, ENV_NAMES)).toEqual({ incomplete: expect.stringContaining('GITHUB_REPOSITORY') })
  })

  it('Linear and Jira: places from the config when not in the environment', () => {
    const configured = { ...sync, linear: { team: 'ENG', apiUrl: 'https://l/graphql' }, jira: { ...sync.jira, baseUrl: 'https://acme.atlassian.net', project: 'OPS' } }
    expect(resolveConnection('linear', { linearApiKey: 'k' }, configured, ENV_NAMES)).toEqual({ connection: { kind: 'linear', apiKey: 'k', team: 'ENG', apiUrl: 'https://l/graphql' } })
    expect(resolveConnection('jira', { jiraApiToken: 't', jiraEmail: 'e@x' }, configured, ENV_NAMES)).toEqual({ connection: { kind: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'e@x', apiToken: 't', project: 'OPS' } })
    expect(resolveConnection('jira', { jiraApiToken: 't' }, sync, ENV_NAMES)).toEqual({ incomplete: expect.stringContaining('JIRA_BASE_URL and JIRA_EMAIL and JIRA_PROJECT') })
    expect(resolveConnection('jira-dc', { jiraPat: 'p', jiraBaseUrl: 'https://jira.acme.internal/' , jiraProject: 'OPS' }, sync, ENV_NAMES)).toEqual({ connection: { kind: 'jira-dc', baseUrl: 'https://jira.acme.internal', pat: 'p', project: 'OPS' } })
    expect(resolveConnection('jira-dc', {}, sync, ENV_NAMES)).toEqual({ absent: 'no Jira personal access token (JIRA_PAT)', variable: 'JIRA_PAT' })
  })

  it('the web address of GitHub and GHES', () => {
    expect(githubWebUrl('https://api.github.com')).toBe('https://github.com')
    expect(githubWebUrl('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com')
  })
})
