// `--output <file>`: a mode's report written where the user asked, relative to the current directory.

import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { UsageError } from './errors.js'
import { errorMessage } from '../util/error-message.js'

/** Writes `text` to `output` (resolved against `cwd`), creating its directory; a failure is a usage error naming the file as given. */
export function writeOutputFile(cwd: string, output: string, text: string | Uint8Array, what = 'report'): void {
  const file = path.resolve(cwd, output)
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
  } catch (error) {
    throw new UsageError(`cannot write the ${what} to ${output}: ${errorMessage(error)}`)
  }
}
