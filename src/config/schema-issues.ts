// JSON Schema validation of one Layer, and ajv's errors turned into ConfigIssues a person can act on:
// the key path, the place in the file, did-you-mean for unknown keys, quoting hints for YAML 1.1 values.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { closestName } from '../util/did-you-mean.js'
import { describeTypes, describeValue, formatKeyPath, pointerSegments } from '../util/key-path.js'
import type { ConfigIssue } from './errors.js'
import { configSchema } from './schema.js'
import type { Layer } from './yaml-source.js'

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(configSchema)
  return compiled
}

export function schemaIssues(layer: Layer): ConfigIssue[] {
  const validate = validator()
  if (validate(layer.values)) return []
  const issues: ConfigIssue[] = []
  const seen = new Set<string>()
  for (const error of validate.errors ?? []) {
    // A key failing `propertyNames` yields one error about the name (e.g. its pattern), marked with the
    // name, and one `propertyNames` error naming the key: the latter is the one reported.
    if (error.propertyName !== undefined) continue
    const issue = toIssue(error, layer)
    const id = `${issue.key}\0${issue.message}`
    if (seen.has(id)) continue
    seen.add(id)
    issues.push(issue)
  }
  return sortByPosition(issues)
}

export function sortByPosition(issues: ConfigIssue[]): ConfigIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.index - b.index)
    .map((x) => x.issue)
}

function toIssue(error: ErrorObject, layer: Layer): ConfigIssue {
  const segments = pointerSegments(error.instancePath, layer.values)
  const params = error.params as Record<string, unknown>
  const data: unknown = error.data
  let at: 'key' | 'value' = 'value'
  let message: string

  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const parentKey = formatKeyPath(segments)
      segments.push(name)
      at = 'key'
      if (parentKey === 'lint.rules') {
        message = 'not a rule id; rule ids look like PM009'
      } else {
        const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {})
        const suggestion = closestName(name, allowed)
        message = `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed here: ${allowed.join(', ')}`
      }
      break
    }
    case 'propertyNames': {
      const parentKey = formatKeyPath(segments)
      segments.push(String(params.propertyName))
      at = 'key'
      message = parentKey === 'lint.rules' ? 'not a rule id; rule ids look like PM009' : 'not an allowed key name here'
      break
    }
    case 'type': {
      const wanted = String(params.type)
        .split(',')
        .filter((t) => t !== 'null')
      const names = describeTypes(wanted)
      const quote = wanted.includes('string') && (typeof data === 'number' || typeof data === 'boolean') ? '; put it in quotes' : ''
      message =
        segments.length === 0
          ? `the configuration must be a map of settings such as "lint:" (got ${describeValue(data)})`
          : `must be ${names} (got ${describeValue(data)}${quote})`
      break
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ')
      // YAML 1.1 documents read a bare `off` as false.
      const quote = typeof data === 'boolean' ? '; put it in quotes' : ''
      message = `must be one of ${allowed} (got ${describeValue(data)}${quote})`
      break
    }
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j))
      const item = Array.isArray(data) ? data[later] : undefined
      segments.push(later)
      message = `lists ${describeValue(item)} more than once`
      break
    }
    case 'minItems':
      message = 'must not be an empty list'
      break
    case 'minLength':
      message = 'must not be empty'
      break
    case 'minimum':
      message = `must be ${String(params.limit)} or more (got ${describeValue(data)})`
      break
    default:
      message = error.message ?? `fails ${error.keyword}`
  }
  return { file: layer.source, ...layer.locate(segments, at), key: formatKeyPath(segments), message }
}
