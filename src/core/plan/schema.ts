// JSON-schema validation of the plain plan data, with ajv's errors turned into sentences that say
// what to write, at the position of the offending key or value.
import type { ErrorObject } from 'ajv'
import type { Locator, PlanPath, Problem } from '../types.js'
import { didYouMean, loadError, pathLabel } from './problem.js'
// the schema compiled ahead of time (scripts/build-validator.ts): no ajv, no compile, per run
import { validate as generated } from './schema-validator.generated.js'

function validator(): typeof generated {
  return generated
}

export function schemaProblems(data: unknown, locate: Locator): Problem[] {
  const validate = validator()
  if (validate(data)) return []
  const errors = collapseAlternatives(validate.errors ?? [])
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const error of errors) {
    const { path, key, message } = explain(error, data)
    const problem = loadError('plan.schema', message, locate(path, { key }))
    const id = `${problem.line}:${problem.column}:${message}`
    if (seen.has(id)) continue
    seen.add(id)
    problems.push(problem)
  }
  return problems
}

/**
 * A failed oneOf reports every branch's errors. Where the value's type picks one branch, keep only
 * that branch's errors; otherwise keep one error that lists what the value may be.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors
  for (const alt of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const prefix = `${alt.schemaPath}/`
    const branches = Array.isArray(alt.schema) ? (alt.schema as Array<{ type?: string }>) : []
    const matching = branches.map((b, i) => (typeMatches(b.type, alt.data) ? i : -1)).filter((i) => i >= 0)
    const chosen = matching.length === 1 ? `${prefix}${matching[0]}/` : undefined
    kept = kept.filter((e) => {
      if (e === alt) return chosen === undefined
      if (!e.schemaPath.startsWith(prefix)) return true
      return chosen !== undefined && e.schemaPath.startsWith(chosen)
    })
  }
  return kept
}

function typeMatches(type: string | undefined, data: unknown): boolean {
  if (type === undefined) return false
  if (type === 'integer') return Number.isInteger(data)
  return jsonType(data) === type
}

function jsonType(data: unknown): string {
  if (data === null) return 'null'
  if (Array.isArray(data)) return 'array'
  return typeof data
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a map of fields', array: 'a list', string: 'text', number: 'a number',
  integer: 'a whole number', boolean: 'true or false', null: 'empty'
}

const PATTERN_WORDS: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': 'a date written YYYY-MM-DD, like 2026-01-05',
  '^\\d+[mhdw]$': 'a duration: a whole number and m, h, d or w, like 30m, 4h, 1d or 2w',
  '^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2})?$':
    'a date YYYY-MM-DD, like 2027-01-01, or a local date-time YYYY-MM-DDTHH:MM, like 2027-01-01T13:00',
  '^[a-z][a-z0-9-]*$': 'an id of lower-case letters, digits and dashes that starts with a letter, like data-platform',
  '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$': 'a GitHub login without @, like ana-torres'
}

function patternWords(pattern: string): string {
  if (PATTERN_WORDS[pattern]) return PATTERN_WORDS[pattern]
  if (pattern.includes('Mon|Tue')) return 'a local time "HH:MM" like "10:00", or a weekday and time like "Mon 10:00"'
  return `text matching ${pattern}`
}

/** What a value is, in a member's words: text 'x', the number 3, a list. */
function describeValue(data: unknown): string {
  if (typeof data === 'string') return `'${data}'`
  if (typeof data === 'number' || typeof data === 'boolean') return String(data)
  if (data === null || data === undefined) return 'empty'
  return Array.isArray(data) ? 'a list' : 'a map'
}

/** Path segments from a JSON pointer, with sequence indexes as numbers. */
export function pointerToPath(pointer: string, data: unknown): Array<string | number> {
  if (pointer === '') return []
  const path: Array<string | number> = []
  let node = data
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node)) {
      path.push(Number(segment))
      node = node[Number(segment)]
    } else {
      path.push(segment)
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined
    }
  }
  return path
}

function explain(error: ErrorObject, data: unknown): { path: PlanPath; key: boolean; message: string } {
  const path = pointerToPath(error.instancePath, data)
  const label = pathLabel(path)
  const params = error.params as Record<string, unknown>
  const value = error.data
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const known = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {})
      const hint = didYouMean(name, known) || (known.length > 0 ? `: the fields here are ${known.join(', ')}` : '')
      return { path: [...path, name], key: true, message: `unknown field '${name}' in ${label}${hint}` }
    }
    case 'required':
      return { path, key: false, message: `${label} is missing the required field '${String(params.missingProperty)}'` }
    case 'type': {
      if (path.length === 0) return { path, key: false, message: 'the plan must be a map of fields (version, organization, timezone, team, pipelines, oncall ...)' }
      // text of a given form (a date, a duration) says which form, not just "text"
      const pattern = params.type === 'string' ? error.parentSchema?.pattern : undefined
      const wanted = typeof pattern === 'string'
        ? patternWords(pattern)
        : String(params.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ')
      return { path, key: false, message: `${label} must be ${wanted}, not ${describeValue(value)}` }
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : ''
      return { path, key: false, message: `${label} must be one of ${allowed.join(', ')}, not ${describeValue(value)}${hint}` }
    }
    case 'pattern':
      return { path, key: false, message: `${label} must be ${patternWords(String(params.pattern))}, not ${describeValue(value)}` }
    case 'format':
      return { path, key: false, message: `${label} must be an email address like ana@example.com, not ${describeValue(value)}` }
    case 'maximum':
      return { path, key: false, message: `${label} must be at most ${String(params.limit)}, not ${describeValue(value)}` }
    case 'minimum':
      return { path, key: false, message: `${label} must be at least ${String(params.limit)}, not ${describeValue(value)}` }
    case 'exclusiveMinimum':
      return { path, key: false, message: `${label} must be more than ${String(params.limit)}, not ${describeValue(value)}` }
    case 'exclusiveMaximum':
      return { path, key: false, message: `${label} must be less than ${String(params.limit)}, not ${describeValue(value)}` }
    case 'minItems': {
      const n = Number(params.limit)
      return { path, key: false, message: `${label} must list at least ${n} ${n === 1 ? 'entry' : 'entries'}` }
    }
    case 'minLength':
      return { path, key: false, message: `${label} must not be empty` }
    case 'uniqueItems': {
      const j = Number(params.i)
      const item = Array.isArray(value) ? value[j] : undefined
      return { path: [...path, j], key: false, message: `${label} lists ${describeValue(item)} twice: keep one` }
    }
    case 'oneOf':
    case 'anyOf': {
      const branches = Array.isArray(error.schema) ? (error.schema as Array<{ type?: string; enum?: unknown[] }>) : []
      const options = branches.map((b) => (b.enum ? `one of ${b.enum.join(', ')}` : TYPE_WORDS[b.type ?? ''] ?? 'another form'))
      return { path, key: false, message: `${label} must be ${options.join(' or ')}, not ${describeValue(value)}` }
    }
    default:
      return { path, key: false, message: `${label} ${error.message ?? 'is not valid'}` }
  }
}
