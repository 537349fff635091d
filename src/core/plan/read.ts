// Bytes → YAML document → plain data, with a locator for positions. The YAML is read with the
// 1.2 core schema (so `2026-01-05` and `10:00` stay strings) and with everything that could make
// reading unsafe refused: aliases (alias bombs), custom tags, and keys that would reach into
// Object.prototype.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml'
import type { Locator, Problem, SourceLocation } from '../types.js'
import { decodePlan } from './bytes.js'
import { commentTraps } from './comments.js'
import { makeLocator } from './locate.js'
import { loadError } from './problem.js'

export interface ReadResult {
  /** Plain data (objects, arrays, scalars) when the YAML was read without an error. */
  data?: unknown
  /** Errors (then there is no data), or warnings about a plan that reads (`plan.comment`). */
  problems: Problem[]
  locate: Locator
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const EMPTY_MESSAGE = 'the plan is empty: start from examples/techflow/opsplan.yaml'

export function readPlan(input: string | Uint8Array, file: string): ReadResult {
  const lineCounter = new LineCounter()
  const nowhere = makeLocator(undefined, lineCounter, file)
  const decoded = decodePlan(input, file)
  if (decoded.problem) return { problems: [decoded.problem], locate: nowhere }

  const text = decoded.text
  const docs = parseAllDocuments(text, {
    lineCounter, uniqueKeys: true, schema: 'core', prettyErrors: false, strict: true
  })
  const first = docs[0]
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset)
    return { file, line, column: col }
  }
  if (!first) return { problems: [loadError('plan.read', EMPTY_MESSAGE, at(0))], locate: nowhere }

  const locate = makeLocator(first, lineCounter, file)
  const problems = [...syntaxProblems(first, text, at)]
  if (docs.length > 1) {
    const second = docs[1] as Document
    problems.push(loadError('plan.yaml',
      `the plan must be one YAML document, but a second one starts here (${docs.length} in all): ` +
      'remove this `---` line and merge or delete what follows', at(second.range?.[0] ?? 0)))
  }
  if (problems.length === 0) problems.push(...unsafeNodes(first, at))
  if (problems.length > 0) return { problems, locate }

  if (first.contents === null || (isScalar(first.contents) && first.contents.value === null)) {
    return { problems: [loadError('plan.read', EMPTY_MESSAGE, at(0))], locate }
  }
  return { data: toPlain(first.contents), problems: commentTraps(first, text, at), locate }
}

/** YAML errors and warnings, one per line (a broken line tends to cascade). */
function syntaxProblems(doc: Document, text: string, at: (offset: number) => SourceLocation): Problem[] {
  const seen = new Set<number>()
  const problems: Problem[] = []
  for (const issue of [...doc.errors, ...doc.warnings]) {
    const where = at(issue.pos[0])
    if (seen.has(where.line)) continue
    seen.add(where.line)
    const unclosed = issue.code === 'MISSING_CHAR' && /quote/.test(issue.message) ? unclosedQuote(doc, issue.pos[0]) : undefined
    if (unclosed !== undefined) {
      problems.push(loadError('plan.yaml', 'this quoted text is never closed: add the closing quote at the end of the value', at(unclosed)))
      continue
    }
    problems.push(loadError('plan.yaml', describe(issue.code, issue.message, text, issue.pos[0]), where))
  }
  return problems
}

/** The key that starts at an offset, without quotes: `organization` in `organization: Other Co`. */
function keyText(text: string, offset: number): string {
  const rest = text.slice(offset, text.indexOf('\n', offset) < 0 ? undefined : text.indexOf('\n', offset))
  const match = /^(?:"([^"]*)"|'([^']*)'|([^:#]*?))\s*:(?:\s|$)/.exec(rest)
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? rest).trim()
}

/** Start of a quoted scalar that runs on to where the parser missed its closing quote. */
function unclosedQuote(doc: Document, errorOffset: number): number | undefined {
  let start: number | undefined
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
      if (quoted && node.range && node.range[0] < errorOffset && node.range[1] >= errorOffset) start = node.range[0]
    }
  })
  return start
}

function describe(code: string, message: string, text: string, offset: number): string {
  const detail = message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '').replace(/\.$/, '')
  switch (code) {
    case 'DUPLICATE_KEY':
      return `the key '${keyText(text, offset)}' appears twice in this map: keep one of them`
    case 'TAG_RESOLVE_FAILED':
      return `custom YAML tags such as '${text.slice(offset).split(/\s/)[0] ?? ''}' are not allowed in a plan: remove the tag and write a plain value`
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML: indent with spaces'
    default:
      return `YAML syntax error: ${detail.charAt(0).toLowerCase()}${detail.slice(1)} — check the indentation, quotes and brackets here`
  }
}

/** Aliases, custom tags and keys that would be unsafe or meaningless once turned into data. */
function unsafeNodes(doc: Document, at: (offset: number) => SourceLocation): Problem[] {
  const problems: Problem[] = []
  const aliases: Node[] = []
  visit(doc, {
    Alias(_, node) {
      aliases.push(node)
    },
    Pair(_, pair) {
      const key = pair.key as Node | null
      if (key === null) return
      if (!isScalar(key)) {
        problems.push(loadError('plan.yaml', 'map keys in a plan must be plain words, not lists or maps: rewrite this key', at(key.range?.[0] ?? 0)))
        return
      }
      const name = String(key.value)
      if (FORBIDDEN_KEYS.has(name)) {
        problems.push(loadError('plan.yaml',
          `'${name}' is not allowed as a key: it is reserved and no plan field has this name; remove it`, at(key.range?.[0] ?? 0)))
      }
    }
  })
  const firstAlias = aliases[0]
  if (firstAlias && isAlias(firstAlias)) {
    const more = aliases.length > 1 ? ` and ${aliases.length - 1} more` : ''
    problems.push(loadError('plan.yaml',
      `YAML aliases (*${firstAlias.source}${more}) are not allowed in a plan: write each value out in full`,
      at(firstAlias.range?.[0] ?? 0)))
  }
  return problems
}

/** Plain data from a checked document; forbidden keys never reach an object. */
function toPlain(node: unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {}
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue
      const key = String(pair.key.value)
      if (FORBIDDEN_KEYS.has(key)) continue
      out[key] = toPlain(pair.value)
    }
    return out
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(item))
  if (isScalar(node)) return node.value
  return null
}
