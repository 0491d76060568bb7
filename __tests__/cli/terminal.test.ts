import { describe, expect, it } from '@jest/globals'
import { isCI, isDebug, progressLine, shouldUseColor } from '../../src/cli/terminal.js'

describe('shouldUseColor', () => {
  const cases: Array<[string, boolean | undefined, Record<string, string>, boolean, boolean]> = [
    ['a terminal', undefined, {}, true, true],
    ['a pipe', undefined, {}, false, false],
    ['--color on a pipe', true, {}, false, true],
    ['--no-color on a terminal', false, {}, true, false],
    ['--color beats NO_COLOR', true, { NO_COLOR: '1' }, false, true],
    ['NO_COLOR on a terminal', undefined, { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR is unset', undefined, { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR on a pipe', undefined, { FORCE_COLOR: '1' }, false, true],
    ['an empty FORCE_COLOR forces colour', undefined, { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR beats NO_COLOR (as in Node)', undefined, { FORCE_COLOR: '3', NO_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', undefined, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', undefined, { FORCE_COLOR: 'false' }, true, false],
    ['TERM=dumb', undefined, { TERM: 'dumb' }, true, false]
  ]
  it.each(cases)('%s', (_name, flag, env, isTTY, expected) => {
    expect(shouldUseColor({ flag, env, isTTY })).toBe(expected)
  })
})

describe('isCI', () => {
  it.each([
    [{}, false],
    [{ CI: '' }, false],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'woodpecker' }, true]
  ])('%j → %s', (env, expected) => {
    expect(isCI(env)).toBe(expected)
  })
})

describe('isDebug', () => {
  it.each([
    ['', false],
    ['other', false],
    ['reliability-loop', true],
    ['express,reliability-loop', true],
    ['reliability-loop:*', true],
    ['*', true],
    ['reliability-loopy', false]
  ])('DEBUG=%s → %s', (value, expected) => {
    expect(isDebug({ DEBUG: value })).toBe(expected)
  })
})

describe('progressLine', () => {
  it('redraws in place, throttled, always drawing the last update, and clears', () => {
    const writes: string[] = []
    let clock = 0
    const progress = progressLine((t) => writes.push(t), { intervalMs: 100, now: () => clock })
    progress.update({ done: 0, total: 3 })
    clock = 10
    progress.update({ done: 1, total: 3 }) // throttled
    clock = 150
    progress.update({ done: 2, total: 3 })
    clock = 160
    progress.update({ done: 3, total: 3 }) // the end is always drawn
    progress.clear()
    progress.clear() // a second clear writes nothing
    expect(writes).toEqual(['\r\u001b[2Klinting 0/3…', '\r\u001b[2Klinting 2/3…', '\r\u001b[2Klinting 3/3…', '\r\u001b[2K'])
  })

  it('draws nothing (and clears nothing) when there is nothing to lint', () => {
    const writes: string[] = []
    const progress = progressLine((t) => writes.push(t))
    progress.update({ done: 0, total: 0 })
    progress.clear()
    expect(writes).toEqual([])
  })
})
