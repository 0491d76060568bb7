// The Action's inputs: raw strings (read once by main.ts) → typed settings and config overrides.
// Pure: no @actions/core, no environment.

import { parseRuleSettings, type ConfigOverride } from '../config/load.js'
import { DEFAULT_CONFIG_PATHS } from '../config/defaults.js'

/** Every input action.yml declares, in its order. */
export const INPUT_NAMES = ['mode', 'token', 'config', 'paths', 'rules', 'fail-on', 'changed-only', 'check-run', 'check-name'] as const
export type InputName = (typeof INPUT_NAMES)[number]
/** Input values as the runner gives them (trimmed strings, '' when unset and without default). */
export type RawInputs = Readonly<Record<InputName, string>>

export const FAIL_ON = ['error', 'warning', 'never'] as const
export type FailOn = (typeof FAIL_ON)[number]
export const CHECK_RUN_POLICIES = ['auto', 'always', 'never'] as const
export type CheckRunPolicy = (typeof CHECK_RUN_POLICIES)[number]

export const DEFAULT_CHECK_NAME = 'reliability/lint'

export interface ActionInputs {
  /** Lower-cased; main.ts decides whether it is a mode this version has. */
  mode: string
  token: string
  /** Undefined means the default lookup (.github/reliability.yml or .yaml, defaults when neither exists). */
  configPath?: string
  /** From `paths` and `rules`, applied over the config file in that order. */
  overrides: ConfigOverride[]
  failOn: FailOn
  changedOnly: boolean
  checkRun: CheckRunPolicy
  checkName: string
}

/** An input value the Action cannot use; the message names the input and the accepted values. */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(
    readonly input: InputName,
    message: string
  ) {
    super(`input ${input}: ${message}`)
  }
}

/**
 * Splits a list input on newlines and commas, ignoring blanks and `#` comment lines; commas inside
 * braces stay, so `docs/{pm,incidents}/PM-*.md` is one glob.
 */
export function splitList(text: string): string[] {
  const items: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.trim().startsWith('#')) continue
    let depth = 0
    let current = ''
    for (const char of line) {
      if (char === '{') depth++
      else if (char === '}') depth = Math.max(0, depth - 1)
      if (char === ',' && depth === 0) {
        items.push(current)
        current = ''
      } else current += char
    }
    items.push(current)
  }
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

function oneOf<T extends string>(input: InputName, value: string, allowed: readonly T[], fallback: T): T {
  const normalised = value.trim().toLowerCase()
  if (normalised === '') return fallback
  if ((allowed as readonly string[]).includes(normalised)) return normalised as T
  throw new InputError(input, `must be one of ${allowed.join(', ')} (got "${value}")`)
}

/** The YAML 1.2 booleans, as core.getBooleanInput accepts them. */
function booleanInput(input: InputName, value: string, fallback: boolean): boolean {
  const v = value.trim()
  if (v === '') return fallback
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw new InputError(input, `must be true or false (got "${value}")`)
}

export function parseActionInputs(raw: RawInputs): ActionInputs {
  const overrides: ConfigOverride[] = []
  const paths = splitList(raw.paths)
  if (paths.length > 0) overrides.push({ source: 'input paths', values: { postmortems: { paths } } })
  if (raw.rules.trim() !== '') overrides.push({ source: 'input rules', values: parseRuleSettings([raw.rules], 'input rules') })

  const config = raw.config.trim()
  const inputs: ActionInputs = {
    mode: raw.mode.trim().toLowerCase() || 'lint',
    token: raw.token.trim(),
    overrides,
    failOn: oneOf('fail-on', raw['fail-on'], FAIL_ON, 'error'),
    changedOnly: booleanInput('changed-only', raw['changed-only'], true),
    checkRun: oneOf('check-run', raw['check-run'], CHECK_RUN_POLICIES, 'auto'),
    checkName: raw['check-name'].trim() || DEFAULT_CHECK_NAME
  }
  // The default value means "the usual place": then a missing file is fine and `.yaml` is found too.
  if (config !== '' && !DEFAULT_CONFIG_PATHS.includes(config.replace(/^\.\//, ''))) inputs.configPath = config
  return inputs
}
