// The one reader of `.github/reliability.yml` from disk, for the Action and every CLI mode: the config
// loader's injected `readFile`.

import { readFileSync } from 'node:fs'
import { ConfigError } from '../config/errors.js'
import { errorMessage } from '../util/error-message.js'

/**
 * A config file's text; undefined when there is no such file (loadConfig decides whether that is an
 * error). Anything else (no permission, a directory, an I/O error) is a ConfigError naming the file,
 * the same in both entries.
 */
export function readConfigText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw new ConfigError({ file, key: '', message: `cannot read the config file: ${errorMessage(error)}` })
  }
}
