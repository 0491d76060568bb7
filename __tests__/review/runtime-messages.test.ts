// Messages built from runtime errors, in words of our own (issue 10 item 13): the same text on every Node
// version, where JSON.parse's message differs (Node 20 "… at position 7", Node 24 "… (line 1 column 8)"),
// and on every machine (no absolute path from a system error).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parseLine } from '../../src/io/ndjson.js'
import { jsonSyntaxProblem } from '../../src/util/json-syntax.js'
import { errorText } from '../../src/review/quality.js'
import { entryRecord } from '../../src/review/stream-incidents.js'

const problemOf = (line: string, unterminated = false) => parseLine(Buffer.from(line), 0, Buffer.byteLength(line), { unterminated })?.problem

describe('jsonSyntaxProblem', () => {
  it.each([
    ['{"a":1,}', 'unexpected "}" at column 8'],
    ['{"ts": nope', 'unexpected "n" at column 8'],
    ['{"ts":"2026-10-05T12', 'the line ends before the JSON value does'],
    ['[1,2', 'the line ends before the JSON value does'],
    ["{'a':1}", 'unexpected "\'" at column 2'],
    ['{"a":1} x', 'unexpected "x" at column 9'],
    ['{"a":01}', 'unexpected "1" at column 7'],
    ['{"a":"b\u0001"}', 'unexpected U+0001 at column 8'],
    ['{"a":"\\x"}', 'unexpected "\\" at column 7'],
    ['{"a":"\\u12G4"}', 'unexpected "\\" at column 7'],
    ['{"a":tru}', 'unexpected "t" at column 6'],
    ['{a:1}', 'unexpected "a" at column 2'],
    ['{"é":"ü",}', 'unexpected "}" at column 10'],
    ['{"a":"\u00a0\u2028"} \u00ff', 'unexpected U+00FF at column 12'],
    ['broken', 'unexpected "b" at column 1'],
    ['{"a":1}', 'not valid JSON']
  ])('%j: %s', (line, expected) => {
    expect(jsonSyntaxProblem(line)).toBe(expected)
  })

  it('stops at a depth the stack can bear', () => {
    expect(jsonSyntaxProblem('['.repeat(200_000))).toBe('not valid JSON')
    expect(jsonSyntaxProblem(`${'['.repeat(100)}x`)).toBe('unexpected "x" at column 101')
  })

  it('agrees with JSON.parse on what is JSON', () => {
    for (const text of ['{"a":[1,2.5e-3,-0,true,false,null,{"b":"\\u00e9\\n"}]}', ' [ ] ', '"x"', '0', '{}']) {
      expect(() => JSON.parse(text)).not.toThrow()
      expect(jsonSyntaxProblem(text)).toBe('not valid JSON')
    }
  })
})

describe('parseLine', () => {
  it('says why a line is not JSON in the same words on every Node version', () => {
    expect(problemOf('{"a":1,}')).toBe('invalid JSON: unexpected "}" at column 8')
    expect(problemOf('{"ts":"2026-10-05T12', true)).toBe('truncated last line (no line break at the end of the file); invalid JSON: the line ends before the JSON value does')
  })
})

describe('messages from runtime errors', () => {
  it('names a Redis entry that is not JSON in the same words', () => {
    expect(entryRecord({ id: '1-0', message: { data: '{broken' } }, 'ts').problem).toBe('entry 1-0: `data` is not JSON: unexpected "b" at column 2')
  })

  it('shows a system error by its code and words, without the machine\'s absolute path', () => {
    let caught: unknown
    try {
      readFileSync('/nonexistent/rl-review/file.ndjson')
    } catch (error) {
      caught = error
    }
    expect(errorText(caught)).toBe('ENOENT: no such file or directory')
    expect(errorText(Object.assign(new Error("EACCES: permission denied, open '/home/runner/work/x.md'"), { code: 'EACCES' }))).toBe('EACCES: permission denied')
    expect(errorText(Object.assign(new Error("ELOOP: too many symbolic links encountered, stat '/a' -> '/b'"), { code: 'ELOOP' }))).toBe('ELOOP: too many symbolic links encountered')
    expect(errorText(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe('connect ECONNREFUSED 127.0.0.1:6379')
    expect(errorText('plain')).toBe('plain')
  })
})
