// Validates front-matter data against the experiment schema and turns ajv's errors into problems
// that name the key, say what is wrong in words, and point at the line.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { closestName } from '../util/did-you-mean.js'
import { describeTypes, describeValue, pointerSegments } from '../util/key-path.js'
import { formatKeyPath, type ExperimentProblem, type SourcePosition } from './model.js'
import { experimentSchema } from './schema.js'

let compiled: ValidateFunction | undefined

/** The compiled schema; shared so every caller validates with exactly the same rules. */
export function experimentValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(experimentSchema)
  return compiled
}

type Segment = string | number

/** Finds the position of a key path, falling back to the nearest written ancestor, then `fallback`. */
export function locate(positions: Readonly<Record<string, SourcePosition>>, segments: readonly Segment[], fallback: SourcePosition): SourcePosition {
  for (let n = segments.length; n > 0; n--) {
    const found = positions[formatKeyPath(segments.slice(0, n))]
    if (found) return found
  }
  return fallback
}

export function schemaProblems(values: unknown, positions: Readonly<Record<string, SourcePosition>>, fallback: SourcePosition): ExperimentProblem[] {
  const validate = experimentValidator()
  if (validate(values)) return []
  const problems: ExperimentProblem[] = []
  const seen = new Set<string>()
  for (const error of validate.errors ?? []) {
    // `if` only says "must match then"; the `then` keyword's own errors say what is missing.
    if (error.keyword === 'if') continue
    const { segments, message } = describeError(error, values)
    const key = formatKeyPath(segments)
    const id = `${key}\0${message}`
    if (seen.has(id)) continue
    seen.add(id)
    problems.push({ ...locate(positions, segments, fallback), ...(key === '' ? {} : { key }), message })
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}

const FORMATS: Record<string, string> = {
  id: 'a UUID such as 3f2b8c1e-6d4a-4e0b-9a57-2c1d0e9f8a76',
  created: 'a date, YYYY-MM-DD',
  concluded: 'a date, YYYY-MM-DD',
  'audit-period': 'a month, YYYY-MM'
}

function statusOf(root: unknown): string {
  const status = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).status : undefined
  return typeof status === 'string' ? status : '?'
}

function describeError(error: ErrorObject, root: unknown): { segments: Segment[]; message: string } {
  const segments = pointerSegments(error.instancePath, root)
  const params = error.params as Record<string, unknown>
  const data: unknown = error.data
  const inThen = error.schemaPath.includes('/then/')
  const last = segments[segments.length - 1]
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty)
      if (inThen) {
        return {
          segments: ['status'],
          message: `status is ${statusOf(root)}, so "${missing}" is required; record the result with "reliability-loop experiment conclude <id>"`
        }
      }
      const where = segments.length === 0 ? 'the front matter' : `"${formatKeyPath(segments)}"`
      return { segments, message: `${where} is missing "${missing}"` }
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {})
      const suggestion = closestName(name, allowed)
      return {
        segments: [...segments, name],
        message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed here: ${allowed.join(', ')}`
      }
    }
    case 'type': {
      const names = describeTypes(String(params.type).split(','))
      if (segments.length === 0) return { segments, message: `the front matter must be a map of key: value (got ${describeValue(data)})` }
      // YAML reads `ref: 43` as a number and `name: yes` as a boolean.
      const quote = names === 'text' && (typeof data === 'number' || typeof data === 'boolean') ? '; put it in quotes' : ''
      return { segments, message: `must be ${names} (got ${describeValue(data)}${quote})` }
    }
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]).map(String) : [String(params.allowedValue)]
      if (inThen && last === 'outcome') {
        const wanted = allowed.length === 1 ? allowed.join('') : `one of ${allowed.join(', ')}`
        return { segments, message: `with status ${statusOf(root)} the outcome must be ${wanted} (got ${describeValue(data)})` }
      }
      return { segments, message: `must be one of ${allowed.join(', ')} (got ${describeValue(data)})` }
    }
    case 'pattern': {
      const wanted = (typeof last === 'string' && FORMATS[last]) || `text matching ${String(params.pattern)}`
      return { segments, message: `must be ${wanted} (got ${describeValue(data)})` }
    }
    case 'minItems':
      return { segments, message: 'must list at least one item' }
    case 'minLength':
      return { segments, message: 'must not be empty' }
    default:
      return { segments, message: error.message ?? `fails ${error.keyword}` }
  }
}
