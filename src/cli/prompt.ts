// Questions on a terminal, for values a command needs and the flags did not give. Only used when stdin
// is a terminal: in scripts and CI a missing value is a usage error instead, never a hang.

import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { UsageError } from './errors.js'

export interface Prompter {
  /** The answer, trimmed; `fallback` when the answer is empty and there is one. */
  ask: (question: string, options?: { fallback?: string }) => Promise<string>
  /** Writes a line for the person answering (why an answer was not accepted). */
  say: (text: string) => void
  close: () => void
}

/** Thrown when the terminal closes (Ctrl-D) before a question is answered. */
export class PromptClosedError extends Error {
  override readonly name = 'PromptClosedError'
}

/** Asks on `input`, writing the questions through `write` (stderr, so stdout stays the command's output). */
export function createPrompter(input: NodeJS.ReadableStream, write: (text: string) => void, options: { terminal?: boolean } = {}): Prompter {
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
      callback()
    }
  })
  const rl = createInterface({ input, output, terminal: options.terminal ?? false })
  let closed = false
  const lines: string[] = []
  const waiting: Array<(line: string | undefined) => void> = []
  // Lines are queued rather than read with rl.question, so answers typed (or piped) ahead are not lost.
  rl.on('line', (line) => {
    const next = waiting.shift()
    if (next) next(line)
    else lines.push(line)
  })
  rl.on('close', () => {
    closed = true
    for (const next of waiting.splice(0)) next(undefined)
  })
  return {
    async ask(question, { fallback } = {}) {
      write(`${question}${fallback ? ` [${fallback}]` : ''}: `)
      const queued = lines.shift()
      const line = queued ?? (closed ? undefined : await new Promise<string | undefined>((resolve) => waiting.push(resolve)))
      if (line === undefined) {
        write('\n')
        throw new PromptClosedError('input ended before the question was answered')
      }
      const answer = line.trim()
      return answer === '' && fallback !== undefined ? fallback : answer
    },
    say: write,
    close() {
      rl.close()
    }
  }
}

/** Input ending mid-question (Ctrl-D) is the user's choice, not a bug: a usage error, exit 2. */
export function closedAsUsage(error: unknown): unknown {
  return error instanceof PromptClosedError
    ? new UsageError('input ended before every value was given; nothing was written', 'run the command again and answer each question, or pass the values as flags')
    : error
}
