// The sync's progress line: what the run waits for, the seconds waited once a stage is slow, writes
// counted, and a clean erase at the end.

import { expect, it } from '@jest/globals'
import { syncProgressLine } from '../../src/cli/sync-progress.js'

const ERASE = '\r\u001b[2K'
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('names the stage, adds the seconds once it is slow, counts the writes, and erases itself', async () => {
  let clock = 0
  let out = ''
  const progress = syncProgressLine((t) => (out += t), 'jira', { tickMs: 5, now: () => clock })
  progress.phase('looking-up')
  expect(out).toBe(`${ERASE}asking jira which tickets exist…`)
  clock = 1500
  await wait(30)
  expect(out.endsWith(`${ERASE}asking jira which tickets exist…`)).toBe(true)
  clock = 12_400
  await wait(30)
  expect(out.endsWith(`${ERASE}asking jira which tickets exist… 12 s`)).toBe(true)

  progress.phase('writing')
  progress.update({ done: 1, total: 3 })
  progress.update({ done: 3, total: 3 })
  expect(out.endsWith(`${ERASE}syncing 3/3…`)).toBe(true)
  progress.clear()
  expect(out.endsWith(ERASE)).toBe(true)
  const after = out
  await wait(30)
  expect(out).toBe(after)
})
