import { ConfigError, type ConfigIssue } from '../../src/config/errors.js'
import { defaultLintConfig } from '../../src/config/defaults.js'
import { loadConfig, parseRuleSettings, type LoadConfigOptions } from '../../src/config/load.js'

const ROOT = '/repo'
const YML = '/repo/.github/reliability.yml'
const YAML_EXT = '/repo/.github/reliability.yaml'

function load(files: Record<string, string>, options: Partial<LoadConfigOptions> = {}) {
  return loadConfig({ root: ROOT, readFile: (p) => files[p], ...options })
}

function issuesOf(run: () => unknown): ConfigIssue[] {
  try {
    run()
  } catch (e) {
    if (e instanceof ConfigError) return [...e.issues]
    throw e
  }
  throw new Error('expected a ConfigError')
}

const lines = (...l: string[]) => l.join('\n') + '\n'

describe('loadConfig: sources', () => {
  it('uses the defaults when there is no config file', () => {
    const config = load({})
    expect(config.root).toBe(ROOT)
    expect(config.lint).toEqual(defaultLintConfig())
    expect('configFile' in config).toBe(false)
  })

  it('treats an empty or comment-only file as all defaults', () => {
    for (const text of ['', '\n', '# nothing configured yet\n', 'lint:\npostmortems:\n']) {
      const config = load({ [YML]: text })
      expect([config.root, config.configFile, config.lint]).toEqual([ROOT, '.github/reliability.yml', defaultLintConfig()])
    }
  })

  it('reads .github/reliability.yaml when there is no .yml', () => {
    const config = load({ [YAML_EXT]: 'lint:\n  cache: false\n' })
    expect(config.configFile).toBe('.github/reliability.yaml')
    expect(config.lint.cache).toBe(false)
  })

  it('refuses to pick between .yml and .yaml', () => {
    const [issue] = issuesOf(() => load({ [YML]: '', [YAML_EXT]: '' }))
    expect(issue).toEqual({ file: '.github/reliability.yaml', key: '', message: 'both .github/reliability.yml and .github/reliability.yaml exist; keep one of them' })
  })

  it('reads an explicit configPath, relative to root or absolute', () => {
    const files = { '/repo/config/rl.yml': 'lint:\n  concurrency: 3\n' }
    expect(load(files, { configPath: 'config/rl.yml' })).toMatchObject({ configFile: 'config/rl.yml', lint: { concurrency: 3 } })
    expect(load(files, { configPath: '/repo/config/rl.yml' })).toMatchObject({ configFile: 'config/rl.yml', lint: { concurrency: 3 } })
  })

  it('fails when an explicit configPath does not exist, even if the default file does', () => {
    const run = () => load({ [YML]: '' }, { configPath: 'ci/reliability.yml' })
    expect(run).toThrow(ConfigError)
    expect(run).toThrow('ci/reliability.yml: config file not found (looked for /repo/ci/reliability.yml)')
    const [issue] = issuesOf(run)
    expect(issue?.line).toBeUndefined()
    expect(issue?.file).toBe('ci/reliability.yml')
  })

  it('only reads files through the adapter, with absolute paths', () => {
    const asked: string[] = []
    loadConfig({ root: ROOT, readFile: (p) => (asked.push(p), undefined) })
    expect(asked).toEqual([YML, YAML_EXT])
  })

  it('requires an absolute root (it never consults the working directory)', () => {
    expect(() => loadConfig({ root: 'repo', readFile: () => undefined })).toThrow(TypeError)
  })

  it('returns a fresh object each time', () => {
    const a = load({})
    a.lint.postmortems.paths.push('x')
    a.lint.rules.PM001 = 'off'
    expect(load({}).lint).toEqual(defaultLintConfig())
  })
})

describe('loadConfig: values', () => {
  const full = lines(
    '# yaml-language-server: $schema=../src/config/schema.json',
    'postmortems:',
    '  paths: ["docs/postmortems/**/PM-*.md", "incidents/*.md"]',
    '  severity-levels: [Sev1, Sev2, Sev3, Sev4]',
    '  sections: [Summary, Timeline, Root Cause, Customer Impact, Action Items]',
    '  section-aliases: { "Corrective Actions": "Action Items", "What Happened": "timeline" }',
    'lint:',
    '  rules: { PM005: warning, PM009: off }',
    '  linked-severities: [SEV-1, sev 2]',
    '  cache: false',
    '  cache-dir: .cache/rl',
    '  concurrency: 4',
    'review:',
    '  output-dir: docs/reviews'
  )

  it('reads every setting and canonicalises spellings onto the configured ones', () => {
    const { lint } = load({ [YML]: full })
    expect(lint).toEqual({
      postmortems: {
        paths: ['docs/postmortems/**/PM-*.md', 'incidents/*.md'],
        severityLevels: ['Sev1', 'Sev2', 'Sev3', 'Sev4'],
        sections: ['Summary', 'Timeline', 'Root Cause', 'Customer Impact', 'Action Items'],
        sectionAliases: { ...defaultLintConfig().postmortems.sectionAliases, 'What Happened': 'Timeline' }
      },
      rules: { PM005: 'warning', PM009: 'off' },
      linkedSeverities: ['Sev1', 'Sev2'],
      cache: false,
      cacheDir: '.cache/rl',
      concurrency: 4
    })
  })

  it('accepts the sections of modes added later as maps, and ignores them', () => {
    const text = lines('gate: {}', 'sync:', '  labels: [a]', 'audit:', 'experiment: {}', 'review: {}')
    expect(load({ [YML]: text }).lint).toEqual(defaultLintConfig())
  })

  it('drops built-in aliases whose section is not in custom sections, or that are sections themselves', () => {
    const text = lines('postmortems:', '  sections: [Summary, Impact, Action Items]')
    const { sectionAliases } = load({ [YML]: text }).lint.postmortems
    expect(sectionAliases).toEqual({
      'Corrective Actions': 'Action Items',
      Remediation: 'Action Items',
      'Follow-up Items': 'Action Items',
      'Next Steps': 'Action Items',
      Overview: 'Summary',
      'TL;DR': 'Summary'
    })
  })

  it('a user alias replaces a built-in one spelled in another case', () => {
    const text = lines('postmortems:', '  section-aliases:', '    corrective actions: summary')
    const { sectionAliases } = load({ [YML]: text }).lint.postmortems
    expect(sectionAliases['corrective actions']).toBe('Summary')
    expect(sectionAliases['Corrective Actions']).toBeUndefined()
  })

  it('derives linked severities from custom levels when they are not set', () => {
    expect(load({ [YML]: 'postmortems:\n  severity-levels: [P0, P1, P2]\n' }).lint.linkedSeverities).toEqual(['P0', 'P1'])
    expect(load({ [YML]: 'postmortems:\n  severity-levels: [Sev0, SEV-1, Sev2]\n' }).lint.linkedSeverities).toEqual(['SEV-1', 'Sev2'])
  })

  it('allows no linked severities at all', () => {
    expect(load({ [YML]: 'lint:\n  linked-severities: []\n' }).lint.linkedSeverities).toEqual([])
  })
})

describe('loadConfig: overrides', () => {
  const file = lines(
    'postmortems:',
    '  paths: [a/*.md, b/*.md]',
    '  section-aliases: { Wrap-up: Summary }',
    'lint:',
    '  rules: { PM005: warning, PM009: off }',
    '  concurrency: 2'
  )

  it('merges over the file: lists replace, maps merge, later overrides win', () => {
    const { lint } = load(
      { [YML]: file },
      {
        overrides: [
          { source: 'input paths', values: { postmortems: { paths: ['c/*.md'] } } },
          { source: '--rule', values: { lint: { rules: { PM009: 'error', PM001: 'off' } } } },
          { source: '--concurrency', values: { lint: { concurrency: 8 } } },
          { source: '--no-cache', values: { lint: { cache: false, concurrency: undefined } } },
          { source: 'input aliases', values: { postmortems: { 'section-aliases': { Mitigation: 'Action Items' } } } }
        ]
      }
    )
    expect(lint.postmortems.paths).toEqual(['c/*.md'])
    expect(lint.rules).toEqual({ PM005: 'warning', PM009: 'error', PM001: 'off' })
    expect(lint.concurrency).toBe(8)
    expect(lint.cache).toBe(false)
    expect(lint.postmortems.sectionAliases).toMatchObject({ 'Wrap-up': 'Summary', Mitigation: 'Action Items', 'Corrective Actions': 'Action Items' })
  })

  it('applies overrides without a file', () => {
    const config = load({}, { overrides: [{ source: '--rule', values: parseRuleSettings(['PM009=off'], '--rule') }] })
    expect(config.configFile).toBeUndefined()
    expect(config.lint.rules).toEqual({ PM009: 'off' })
  })

  it('validates overrides with the same schema and names their source as the file', () => {
    const issues = issuesOf(() =>
      load({}, {
        overrides: [
          { source: 'input concurrency', values: { lint: { concurrency: -1 } } },
          { source: '--path', values: { postmortems: { paths: 'docs/*.md' as unknown as string[] } } },
          { source: 'input extra', values: { lint: { colour: true } } as never }
        ]
      })
    )
    expect(issues).toEqual([
      { file: 'input concurrency', key: 'lint.concurrency', message: 'must be 0 or more (got -1)' },
      { file: '--path', key: 'postmortems.paths', message: 'must be a list (got "docs/*.md")' },
      { file: 'input extra', key: 'lint.colour', message: 'unknown key; allowed here: rules, linked-severities, cache, cache-dir, concurrency' }
    ])
  })

  it('blames the override, not the file, for a semantic error in a value the override set', () => {
    const issues = issuesOf(() =>
      load({ [YML]: file }, { overrides: [{ source: 'input linked-severities', values: { lint: { 'linked-severities': ['Sev9'] } } }] })
    )
    expect(issues).toEqual([
      { file: 'input linked-severities', key: 'lint.linked-severities[0]', message: '"Sev9" is not one of postmortems.severity-levels (Sev1, Sev2, Sev3, Sev4)' }
    ])
  })

  it('reports an unknown rule id from a flag against the flag', () => {
    const issues = issuesOf(() => load({}, { overrides: [{ source: '--rule', values: parseRuleSettings(['pm012=off'], '--rule') }] }))
    expect(issues).toEqual([{ file: '--rule', key: 'lint.rules.PM012', message: expect.stringMatching(/^unknown rule; known rules: PM001, .*PM011$/) }])
  })

  it('accepts the known rule ids it is given', () => {
    const overrides = [{ source: '--rule', values: parseRuleSettings(['PM012=error'], '--rule') }]
    expect(load({}, { overrides, knownRules: ['PM012'] }).lint.rules).toEqual({ PM012: 'error' })
  })
})

describe('parseRuleSettings', () => {
  it('reads = and : forms, separated by commas, semicolons, spaces or newlines', () => {
    expect(parseRuleSettings(['PM009=off,PM005=error', 'pm001:Warning', 'PM002 = off; PM003=error\nPM004=off'], 'input rules')).toEqual({
      lint: { rules: { PM009: 'off', PM005: 'error', PM001: 'warning', PM002: 'off', PM003: 'error', PM004: 'off' } }
    })
  })

  it('lets a later entry win and returns an empty map for no entries', () => {
    expect(parseRuleSettings(['PM009=off', 'PM009=error'], '--rule')).toEqual({ lint: { rules: { PM009: 'error' } } })
    expect(parseRuleSettings(['', '  '], '--rule')).toEqual({ lint: { rules: {} } })
  })

  it('reports every bad entry, naming the source', () => {
    const issues = issuesOf(() => parseRuleSettings(['PM009=of,PM9=off', 'PM005'], '--rule'))
    expect(issues).toEqual([
      { file: '--rule', key: 'lint.rules.PM009', message: 'must be one of off, warning, error (got "of")' },
      { file: '--rule', key: 'lint.rules', message: '"PM9" is not a rule id; rule ids look like PM009 (in "PM9=off")' },
      { file: '--rule', key: 'lint.rules', message: 'expected RULE=off|warning|error, e.g. PM009=off (got "PM005")' }
    ])
  })
})

describe('loadConfig: errors point at the key, file, line and column', () => {
  it('names the offending rule value', () => {
    const text = lines('postmortems:', '  paths:', '    - docs/pm/*.md', 'lint:', '  cache: true', '  rules:', '    PM009: of')
    const run = () => load({ [YML]: text })
    expect(run).toThrow(ConfigError)
    expect(run).toThrow('.github/reliability.yml:7:12: lint.rules.PM009: must be one of off, warning, error (got "of")')
    expect(issuesOf(run)).toEqual([
      { file: '.github/reliability.yml', line: 7, column: 12, key: 'lint.rules.PM009', message: 'must be one of off, warning, error (got "of")' }
    ])
  })

  it('points an unknown key at the key, with a suggestion', () => {
    const text = lines('lint:', '  cache: true', '  cahce-dir: x', '  cacheDir: y')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 3, column: 3, key: 'lint.cahce-dir', message: 'unknown key (did you mean "cache-dir"?); allowed here: rules, linked-severities, cache, cache-dir, concurrency' },
      { file: '.github/reliability.yml', line: 4, column: 3, key: 'lint.cacheDir', message: 'unknown key (did you mean "cache-dir"?); allowed here: rules, linked-severities, cache, cache-dir, concurrency' }
    ])
  })

  it('rejects unknown keys inside postmortems and at the top level', () => {
    const text = lines('postmortem:', '  paths: [a]', 'postmortems:', '  glob: a/*.md')
    const issues = issuesOf(() => load({ [YML]: text }))
    expect(issues.map((i) => [i.line, i.column, i.key])).toEqual([
      [1, 1, 'postmortem'],
      [4, 3, 'postmortems.glob']
    ])
    expect(issues[0]?.message).toMatch(/^unknown key \(did you mean "postmortems"\?\); allowed here: postmortems, lint, gate, sync, audit, experiment, review, export, publish, drafts$/)
  })

  it('reports wrong types with what was found', () => {
    const text = lines(
      'postmortems:',
      '  paths: docs/*.md',
      '  severity-levels: [1, 2]',
      'lint:',
      '  cache: yes please',
      '  concurrency: 1.5',
      'gate: 3'
    )
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 2, column: 10, key: 'postmortems.paths', message: 'must be a list (got "docs/*.md")' },
      { file: '.github/reliability.yml', line: 3, column: 21, key: 'postmortems.severity-levels[0]', message: 'must be text (got 1; put it in quotes)' },
      { file: '.github/reliability.yml', line: 3, column: 24, key: 'postmortems.severity-levels[1]', message: 'must be text (got 2; put it in quotes)' },
      { file: '.github/reliability.yml', line: 5, column: 10, key: 'lint.cache', message: 'must be true or false (got "yes please")' },
      { file: '.github/reliability.yml', line: 6, column: 16, key: 'lint.concurrency', message: 'must be a whole number (got 1.5)' },
      { file: '.github/reliability.yml', line: 7, column: 7, key: 'gate', message: 'must be a map of key: value (got 3)' }
    ])
  })

  it('points a key left empty at the key', () => {
    const text = lines('postmortems:', '  sections: [Summary]', '  paths:', 'lint:', '  cache-dir: ""')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 3, column: 3, key: 'postmortems.paths', message: 'must be a list (got nothing)' },
      { file: '.github/reliability.yml', line: 5, column: 14, key: 'lint.cache-dir', message: 'must not be empty' }
    ])
  })

  it('reports empty and repeated list entries', () => {
    const text = lines('postmortems:', '  paths: []', '  sections:', '    - Summary', '    - Timeline', '    - Summary')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 2, column: 10, key: 'postmortems.paths', message: 'must not be an empty list' },
      { file: '.github/reliability.yml', line: 6, column: 7, key: 'postmortems.sections[2]', message: 'lists "Summary" more than once' }
    ])
  })

  it('rejects a malformed rule id and an unknown one', () => {
    const text = lines('lint:', '  rules:', '    PM009: off', '    pm9: error', '    PM012: warning')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 4, column: 5, key: 'lint.rules.pm9', message: 'not a rule id; rule ids look like PM009' }
    ])
    const unknown = lines('lint:', '  rules:', '    PM009: off', '    PM012: warning')
    expect(issuesOf(() => load({ [YML]: unknown }))).toEqual([
      { file: '.github/reliability.yml', line: 4, column: 5, key: 'lint.rules.PM012', message: 'unknown rule; known rules: PM001, PM002, PM003, PM004, PM005, PM006, PM007, PM008, PM009, PM010, PM011' }
    ])
  })

  it('suggests quoting a YAML 1.1 off that became false', () => {
    const text = lines('%YAML 1.1', '---', 'lint:', '  rules:', '    PM009: off')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 5, column: 12, key: 'lint.rules.PM009', message: 'must be one of off, warning, error (got false; put it in quotes)' }
    ])
  })

  it('rejects an alias to a section that is not in sections', () => {
    const text = lines(
      'postmortems:',
      '  sections: [Summary, Timeline, Action Items]',
      '  section-aliases:',
      '    "Follow-ups": Action Items',
      '    Impact: Customer Impact',
      '    TL;DR: summary',
      '    Timeline: Summary'
    )
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 5, column: 13, key: 'postmortems.section-aliases.Impact', message: '"Customer Impact" is not one of postmortems.sections (Summary, Timeline, Action Items)' },
      { file: '.github/reliability.yml', line: 7, column: 5, key: 'postmortems.section-aliases.Timeline', message: '"Timeline" is itself the template section "Timeline" and cannot stand for "Summary"' }
    ])
  })

  it('rejects aliases the parser could not tell apart, and headings without words', () => {
    const text = lines('postmortems:', '  section-aliases:', '    Impact: Customer Impact', '    IMPACT: Summary', '    "2. Impact:": Summary', '    "--": Summary')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 4, column: 5, key: 'postmortems.section-aliases.IMPACT', message: 'same heading as "Impact" (headings are matched ignoring case, punctuation and numbering)' },
      { file: '.github/reliability.yml', line: 5, column: 5, key: 'postmortems.section-aliases["2. Impact:"]', message: 'same heading as "Impact" (headings are matched ignoring case, punctuation and numbering)' },
      { file: '.github/reliability.yml', line: 6, column: 5, key: 'postmortems.section-aliases["--"]', message: '"--" has no letters or digits' }
    ])
  })

  it('checks linked severities and levels after normalising spellings', () => {
    const text = lines('postmortems:', '  severity-levels: [Sev1, SEV-1, Sev2]', '  sections: [Summary, summary]', 'lint:', '  linked-severities: [sev_2, Sev5]')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 2, column: 27, key: 'postmortems.severity-levels[1]', message: '"SEV-1" is the same level as "Sev1" (case, spaces, hyphens and underscores are ignored)' },
      { file: '.github/reliability.yml', line: 5, column: 30, key: 'lint.linked-severities[1]', message: '"Sev5" is not one of postmortems.severity-levels (Sev1, Sev2)' },
      { file: '.github/reliability.yml', line: 3, column: 23, key: 'postmortems.sections[1]', message: '"summary" is the same section as "Summary" (headings are matched ignoring case, punctuation and numbering)' }
    ])
  })

  it('quotes keys that are not plain words', () => {
    const text = lines('postmortems:', '  section-aliases:', '    "What went wrong?": Nope')
    expect(issuesOf(() => load({ [YML]: text }))[0]).toMatchObject({ line: 3, column: 25, key: 'postmortems.section-aliases["What went wrong?"]' })
  })

  it('reports a file that is a list or a scalar instead of a map', () => {
    expect(issuesOf(() => load({ [YML]: '- lint\n- postmortems\n' }))).toEqual([
      { file: '.github/reliability.yml', line: 1, column: 1, key: '', message: 'the configuration must be a map of settings such as "lint:" (got a list)' }
    ])
    expect(issuesOf(() => load({ [YML]: '# comment\nlint\n' }))).toEqual([
      { file: '.github/reliability.yml', line: 2, column: 1, key: '', message: 'the configuration must be a map of settings such as "lint:" (got "lint")' }
    ])
  })

  it('reports every problem at once', () => {
    const text = lines('lint:', '  rules: { PM009: of }', '  cache: 1', 'postmortems:', '  paths: 3')
    const run = () => load({ [YML]: text }, { overrides: [{ source: '--concurrency', values: { lint: { concurrency: -2 } } }] })
    expect(run).toThrow(
      [
        '4 problems in the configuration:',
        '  .github/reliability.yml:2:19: lint.rules.PM009: must be one of off, warning, error (got "of")',
        '  .github/reliability.yml:3:10: lint.cache: must be true or false (got 1)',
        '  .github/reliability.yml:5:10: postmortems.paths: must be a list (got 3)',
        '  --concurrency: lint.concurrency: must be 0 or more (got -2)'
      ].join('\n')
    )
  })
})

describe('loadConfig: YAML syntax', () => {
  it('reports bad indentation with its position', () => {
    const text = lines('lint:', '  cache: true', ' concurrency: 2')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 3, column: 1, key: '', message: 'invalid YAML: All mapping items must start at the same column' }
    ])
  })

  it('reports tabs, duplicate keys and unclosed brackets', () => {
    expect(issuesOf(() => load({ [YML]: 'lint:\n\tcache: true\n' }))[0]).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/^invalid YAML: Tabs are not allowed/) })
    expect(issuesOf(() => load({ [YML]: 'lint:\n  cache: true\n  cache: false\n' }))[0]).toMatchObject({ line: 3, column: 3, message: 'invalid YAML: Map keys must be unique' })
    expect(issuesOf(() => load({ [YML]: 'postmortems:\n  paths: [a, b\n' }))[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^invalid YAML: /) })
  })

  it('counts lines the same in a CRLF file', () => {
    const text = lines('postmortems:', '  paths:', '    - docs/pm/*.md', 'lint:', '  cache: true', '  rules:', '    PM009: of').replace(/\n/g, '\r\n')
    expect(issuesOf(() => load({ [YML]: text }))).toEqual([
      { file: '.github/reliability.yml', line: 7, column: 12, key: 'lint.rules.PM009', message: 'must be one of off, warning, error (got "of")' }
    ])
    expect(load({ [YML]: 'lint:\r\n  cache: false\r\n  cache-dir: c\r\n' }).lint).toMatchObject({ cache: false, cacheDir: 'c' })
  })

  it('ignores a byte-order mark and counts columns after it', () => {
    expect(load({ [YML]: '\uFEFFlint:\n  concurrency: 2\n' }).lint.concurrency).toBe(2)
    expect(issuesOf(() => load({ [YML]: '\uFEFFlint: 3\n' }))[0]).toMatchObject({ line: 1, column: 7, key: 'lint' })
  })
})
