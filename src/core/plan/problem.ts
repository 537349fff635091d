// Loading problems share one shape: an error with a rule id, a message that says what to do, and
// the place in the plan file.
import type { PlanPath, Problem, SourceLocation } from '../types.js'

export type LoadRule = 'plan.read' | 'plan.yaml' | 'plan.schema' | 'plan.reference' | 'plan.value' | 'plan.comment'

export function loadError(rule: LoadRule, message: string, at: SourceLocation): Problem {
  return { severity: 'error', rule, message, file: at.file, line: at.line, column: at.column }
}

/** A plan that reads but probably does not say what its author meant (the plan still loads). */
export function loadWarning(rule: LoadRule, message: string, at: SourceLocation): Problem {
  return { severity: 'warning', rule, message, file: at.file, line: at.line, column: at.column }
}

/** Orders problems as an editor lists them: by line, then column, then text. */
export function byPosition(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
}

/** Levenshtein distance, for "did you mean" hints on misspelt fields and ids. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The closest candidate to a misspelt word, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    // a shared start breaks ties: 'USA' means 'US' rather than 'SA'
    const shared = candidate.toLowerCase().startsWith(word.toLowerCase().slice(0, 2)) ? -0.5 : 0
    const d = distance(word.toLowerCase(), candidate.toLowerCase()) + shared
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3))
  return best !== undefined && bestDistance <= limit ? best : undefined
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closest(word, candidates)
  return hint === undefined ? '' : `: did you mean '${hint}'?`
}

/** `pipelines[0].owners.primary`; the whole file is "the plan". */
export function pathLabel(path: PlanPath): string {
  let label = ''
  for (const segment of path) label += typeof segment === 'number' ? `[${segment}]` : label === '' ? segment : `.${segment}`
  return label === '' ? 'the plan' : label
}
