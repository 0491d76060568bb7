// One way to turn a thrown value into the text we show: `error.message` for Errors, `String(x)` otherwise.

/** The message of a thrown value, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
