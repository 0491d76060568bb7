import { defaultGateConfig } from '../../src/config/gate.js'
import { evaluateDrills, type DrillRun } from '../../src/gates/drills.js'
import { renderVerdictMarkdown } from '../../src/report/gate-report.js'
import type { GateVerdict } from '../../src/gates/types.js'

const summary = (v: GateVerdict) => renderVerdictMarkdown(v)

const settings = defaultGateConfig().drills
const HEAD = 'a'.repeat(40)
const run = (status: string, conclusion: string | null, extra: Partial<DrillRun> = {}): DrillRun => ({
  kind: 'workflow run',
  name: 'drills.yml',
  id: 77,
  status,
  conclusion,
  url: 'https://github.com/o/r/actions/runs/77',
  attempt: 1,
  headSha: HEAD,
  ...extra
})

describe('gate: drills', () => {
  test('a green run passes and names the run it read, with a link', () => {
    const v = evaluateDrills({ kind: 'run', run: run('completed', 'success') }, settings)
    expect(v).toMatchObject({ id: 'drills', conclusion: 'success', title: 'Drills passed' })
    expect(summary(v)).toContain('[workflow run drills.yml #77](https://github.com/o/r/actions/runs/77)')
    expect(summary(v)).toContain('aaaaaaa')
  })

  test.each([
    ['failure', 'Drills failed'],
    ['cancelled', 'Drills cancelled'],
    ['timed_out', 'Drills timed out'],
    ['action_required', 'Drills action required']
  ])('a %s run fails', (conclusion, title) => {
    expect(evaluateDrills({ kind: 'run', run: run('completed', conclusion) }, settings)).toMatchObject({ conclusion: 'failure', title })
  })

  test('a re-run attempt is named as such', () => {
    expect(summary(evaluateDrills({ kind: 'run', run: run('completed', 'success', { attempt: 3 }) }, settings))).toContain('#77 (attempt 3)')
  })

  test.each(['queued', 'in_progress', 'waiting', 'requested', 'pending'])('a %s run is pending', (status) => {
    expect(evaluateDrills({ kind: 'run', run: run(status, null) }, settings)).toMatchObject({ conclusion: 'pending', title: 'Drills running' })
  })

  test('skipped fails unless configured to count as success, for runs and jobs alike', () => {
    const counted = { ...settings, skippedCountsAsSuccess: true }
    expect(evaluateDrills({ kind: 'run', run: run('completed', 'skipped') }, settings).conclusion).toBe('failure')
    expect(evaluateDrills({ kind: 'run', run: run('completed', 'skipped') }, counted).conclusion).toBe('success')
    expect(evaluateDrills({ kind: 'job', result: 'skipped' }, settings)).toMatchObject({ conclusion: 'failure', title: 'Drills skipped' })
    expect(evaluateDrills({ kind: 'job', result: 'skipped' }, counted)).toMatchObject({ conclusion: 'success', title: 'Drills skipped (counted as success)' })
  })

  test('job results', () => {
    expect(evaluateDrills({ kind: 'job', result: 'success' }, settings).conclusion).toBe('success')
    expect(evaluateDrills({ kind: 'job', result: 'failure' }, settings)).toMatchObject({ conclusion: 'failure', title: 'Drills failed' })
    expect(evaluateDrills({ kind: 'job', result: 'cancelled' }, settings)).toMatchObject({ conclusion: 'failure', title: 'Drills cancelled' })
  })

  test('no run yet is pending; no run after the timeout fails saying it never ran', () => {
    const none = { kind: 'none' as const, source: 'workflow run' as const, name: 'drills.yml', headSha: HEAD, waitedSeconds: 30, timeoutSeconds: 600 }
    expect(evaluateDrills({ ...none, timedOut: false }, settings)).toMatchObject({ conclusion: 'pending', title: 'Waiting for the drills to start' })
    const never = evaluateDrills({ ...none, timedOut: true, waitedSeconds: 900 }, settings)
    expect(never).toMatchObject({ conclusion: 'failure', title: 'Drills never ran' })
    expect(summary(never)).toContain('900 s after it was made')
    expect(summary(never)).toContain('gate.drills.paths')
  })

  test('unknown is neutral, not applicable passes, an unreadable source fails', () => {
    const unknown = evaluateDrills({ kind: 'unknown', reason: 'pass --drill-result' }, settings)
    expect(unknown).toMatchObject({ conclusion: 'neutral' })
    expect(summary(unknown)).toBe('pass --drill-result')
    expect(evaluateDrills({ kind: 'not-applicable', reason: 'docs only' }, settings)).toMatchObject({ conclusion: 'success', title: 'Drills not applicable' })
    const error = evaluateDrills({ kind: 'error', message: '503' }, settings)
    expect(error).toMatchObject({ conclusion: 'failure' })
    expect(summary(error)).toBe('503')
  })
})
