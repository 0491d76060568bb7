// The packet's hygiene section (issue 10 item 4): a postmortem whose `Date` does not parse (`11/07/2026`,
// a Notion export) is not dropped. It belongs to the period by the incident of the period it names, else by
// its file's last commit; it is listed with its lint errors, and the packet's lint error count is what
// `reliability-loop lint` finds for the same files.
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { lastCommitTimes } from '../../src/io/git-commit-times.js'
import { createNodeReviewAdapters } from '../../src/io/node-review-adapters.js'
import { runReview } from '../../src/modes/review.js'
import { monthPeriod } from '../../src/review/period.js'
import { renderPacketMarkdown } from '../../src/review/render-markdown.js'
import { configOf, makeRepo, POSTMORTEM, rec, removeRepos } from './fixtures.js'

afterAll(removeRepos)
const NOW = new Date('2026-11-27T12:00:00Z')

/** A Notion export: the date as the US writes it, no owners, sections missing. */
const NOTION = (id: string, extra = '') => `# Incident PM-${id}: Refund tool double-charged

- Date: 11/07/2026
- Severity: Sev2
${extra}
## Summary

Refunds were issued twice.
`

function git(root: string, args: string[], date?: string): void {
  const dates = date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  execFileSync('git', args, { cwd: root, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', ...dates } })
}

/** A repository whose files are committed one commit per entry, at the dates given. */
function committedRepo(commits: Array<{ date: string; files: Record<string, string> }>, uncommitted: Record<string, string> = {}): string {
  const root = makeRepo({})
  git(root, ['init', '-q', '-b', 'main'])
  for (const c of commits) {
    const dir = makeRepo(c.files)
    execFileSync('cp', ['-R', `${dir}/.`, root])
    git(root, ['add', '-A'])
    git(root, ['commit', '-q', '-m', 'c'], c.date)
  }
  const dir = makeRepo(uncommitted)
  execFileSync('cp', ['-R', `${dir}/.`, root])
  return root
}

async function lintErrors(root: string, paths: string[]): Promise<number> {
  let stdout = ''
  await main(['lint', '--format', 'json', '--no-cache', ...paths], { stdout: (t) => void (stdout += t), stderr: () => undefined, env: { NO_COLOR: '1' }, cwd: root, isTTY: false }, {})
  const report = JSON.parse(stdout) as { findings?: Array<{ severity: string }>; files?: Array<{ findings: Array<{ severity: string }> }> }
  const findings = report.findings ?? (report.files ?? []).flatMap((f) => f.findings)
  return findings.filter((f) => f.severity === 'error').length
}

describe('postmortem hygiene', () => {
  it('places a postmortem whose date does not parse by its last commit, or by the incident it names, and counts its lint errors', async () => {
    const root = committedRepo(
      [
        { date: '2026-09-03T10:00:00Z', files: { 'docs/postmortems/PM-7.md': POSTMORTEM, 'docs/postmortems/PM-50.md': NOTION('50') } },
        // Committed in October: in October's packet by its commit.
        { date: '2026-10-12T10:00:00Z', files: { 'docs/postmortems/PM-51.md': NOTION('51') } },
        // Committed in November, but it names INC-52, an incident of October: in October's packet.
        {
          date: '2026-11-02T10:00:00Z',
          files: {
            'docs/postmortems/PM-52.md': NOTION('52', '\nIncident: INC-52\n'),
            'logs/incidents/refunds.ndjson': rec({ ts: '2026-10-20T08:00:00Z', id: 'INC-52', severity: 'Sev2', status: 'resolved', title: 'Refunds' })
          }
        }
      ],
      // Never committed, and names no incident: in no period, said so.
      { 'docs/postmortems/PM-53.md': NOTION('53') }
    )
    const config = configOf(root)
    const packet = await runReview(config, { period: monthPeriod('2026-10'), now: NOW }, createNodeReviewAdapters(config))
    const placedBy = (p: (typeof packet.postmortems)[number]) => (p.placedBy === undefined ? undefined : p.placedBy.by === 'commit' ? 'commit' : `incident ${p.placedBy.incident}`)
    expect(packet.postmortems.map((p) => [p.id, p.date, placedBy(p)])).toEqual([
      ['PM-51', '2026-10-12', 'commit'],
      ['PM-7', '2026-10-14', undefined],
      ['PM-52', '2026-10-20', 'incident INC-52']
    ])
    expect(packet.postmortems.find((p) => p.id === 'PM-51')).toMatchObject({ dateWritten: '11/07/2026' })
    const inPeriod = packet.postmortems.map((p) => p.path)
    const errors = packet.postmortems.reduce((n, p) => n + p.lint.errors, 0)
    expect(errors).toBeGreaterThan(2)
    expect(errors).toBe(await lintErrors(root, inPeriod))
    expect(packet.summary.find((a) => a.area === 'Postmortem hygiene')?.summary).toBe(`3 postmortems in the period; ${errors} lint errors`)
    const notes = packet.dataQuality.filter((n) => n.source === 'postmortems').map((n) => `${n.path} ${n.message}`)
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^docs\/postmortems\/PM-51\.md `Date` "11\/07\/2026" is not a real date written YYYY-MM-DD: placed on 2026-10-12 by its file's last commit/),
        expect.stringMatching(/^docs\/postmortems\/PM-52\.md `Date` "11\/07\/2026" is not a real date written YYYY-MM-DD: placed on 2026-10-20 by the incident it names, INC-52/),
        expect.stringMatching(/^docs\/postmortems\/PM-53\.md `Date` "11\/07\/2026" is not a real date written YYYY-MM-DD, the file has no commit and it names no incident of the period: it is in no period/)
      ])
    )
    const md = renderPacketMarkdown(packet)
    expect(md).toMatch(/\| \[PM-51\]\([^)]*\) \| 2026-10-12 \(last commit; written "11\/07\/2026"\) \|/)
    expect(md).toMatch(/\| \[PM-52\]\([^)]*\) \| 2026-10-20 \(incident INC-52; written "11\/07\/2026"\) \|/)
  })

  it('reads each file\'s last commit time, and none past a shallow clone\'s boundary', async () => {
    const root = committedRepo([
      { date: '2026-09-03T10:00:00Z', files: { 'docs/a.md': 'a\n', 'docs/b b.md': 'b\n' } },
      { date: '2026-10-12T10:00:00Z', files: { 'docs/a.md': 'a2\n', 'other.md': 'o\n' } }
    ], { 'docs/new.md': 'n\n' })
    const times = await lastCommitTimes(root, ['docs/a.md', 'docs/b b.md', 'docs/new.md'])
    expect(Object.fromEntries([...times].map(([p, ms]) => [p, new Date(ms).toISOString()]))).toEqual({ 'docs/a.md': '2026-10-12T10:00:00.000Z', 'docs/b b.md': '2026-09-03T10:00:00.000Z' })
    // Below the top of the working tree: names relative to the root given.
    expect([...(await lastCommitTimes(`${root}/docs`, ['a.md']))]).toEqual([['a.md', Date.parse('2026-10-12T10:00:00Z')]])
    // A depth-1 clone (actions/checkout's default) has every file in its one commit: no time is known.
    const shallow = makeRepo({})
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, shallow], { stdio: 'pipe' })
    expect((await lastCommitTimes(shallow, ['docs/a.md', 'docs/b b.md'])).size).toBe(0)
    // Outside git: nothing.
    expect((await lastCommitTimes(makeRepo({ 'x.md': 'x' }), ['x.md'])).size).toBe(0)
  })
})
