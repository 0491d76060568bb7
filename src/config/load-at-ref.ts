// loadConfig over a file read from somewhere else than the working tree: the base commit of a pull
// request (contents API) or a base ref (`git show`). The gate reads its policy this way, so a pull
// request cannot change the configuration that judges it.

import path from 'node:path'
import { DEFAULT_CONFIG_PATHS } from './defaults.js'
import { loadConfig, type ConfigOverrides } from './load.js'
import type { Config } from './types.js'

export interface LoadConfigAtRefOptions {
  /** Absolute repository root the Config is built for (where the mode reads files). */
  root: string
  /** Repository-relative config path; default .github/reliability.yml, then .yaml. */
  configPath?: string
  overrides?: ConfigOverrides
  /** A repository-relative file's text at the ref; undefined when it does not exist there. */
  readAtRef: (repoPath: string) => Promise<string | undefined>
}

export async function loadConfigAtRef(options: LoadConfigAtRefOptions): Promise<Config> {
  const texts = new Map<string, string>()
  const candidates = options.configPath !== undefined ? [options.configPath.replace(/^\.\/+/, '')] : DEFAULT_CONFIG_PATHS
  for (const candidate of candidates) {
    const text = await options.readAtRef(candidate)
    if (text !== undefined) {
      texts.set(path.resolve(options.root, candidate), text)
      break // the first one found is the config; the loader reads no other
    }
  }
  return loadConfig({
    root: options.root,
    ...(options.configPath !== undefined && { configPath: options.configPath }),
    ...(options.overrides !== undefined && { overrides: options.overrides }),
    readFile: (abs) => texts.get(abs)
  })
}
