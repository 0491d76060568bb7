// How the CLI ends: exit codes and the error that means "the user asked for something we cannot do".

export const EXIT = {
  /** No errors (and warnings within --max-warnings). */
  OK: 0,
  /** Errors found, or more warnings than --max-warnings. */
  PROBLEMS: 1,
  /** Usage or configuration error: unknown option, bad value, invalid config, missing path. */
  USAGE: 2,
  /** Unexpected internal error (a bug, or the environment failing underneath us). */
  INTERNAL: 3
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A mistake in how the CLI was called; printed as `reliability-loop: <message>` plus a hint, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly hint?: string

  constructor(message: string, hint?: string) {
    super(message)
    if (hint !== undefined) this.hint = hint
  }
}
