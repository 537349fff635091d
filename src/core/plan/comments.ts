// The YAML comment trap: in `alert: Post to #data-alerts`, YAML ends the value at ` #` and reads
// `#data-alerts` as a comment, so the plan silently says "Post to". A comment that starts right after
// its `#` with no space is almost always text someone meant to keep (a channel, an issue number), so
// it gets a warning at the `#`, with the quoted value to write instead.
import { isPair, isScalar, isSeq, visit, type Document } from 'yaml'
import type { PlanPath, Problem, SourceLocation } from '../types.js'
import { loadWarning, pathLabel } from './problem.js'

/** Spaces and tabs from `offset` on the same line, then the offset of a `#` followed by text, if any. */
function trapAt(text: string, offset: number): number | undefined {
  let i = offset
  while (text[i] === ' ' || text[i] === '\t') i++
  const next = text[i + 1]
  return text[i] === '#' && next !== undefined && !/\s/.test(next) ? i : undefined
}

function endOfLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset)
  return end < 0 ? text.length : end
}

/** The plan path of a node from its ancestors: map keys by name, sequence items by index. */
function planPath(ancestors: readonly unknown[], node: unknown): PlanPath {
  const path: Array<string | number> = []
  const chain = [...ancestors, node]
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1]
    const child = chain[i]
    if (isPair(child) && isScalar(child.key)) path.push(String(child.key.value))
    else if (isSeq(parent)) path.push(parent.items.indexOf(child as never))
  }
  return path
}

/** Plain values (or empty ones) followed on their line by `#word`: one warning each, at the `#`. */
export function commentTraps(doc: Document, text: string, at: (offset: number) => SourceLocation): Problem[] {
  const problems: Problem[] = []
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || node.type !== 'PLAIN' || !node.range) return
      const [start, valueEnd] = node.range
      const hash = trapAt(text, valueEnd)
      if (hash === undefined) return
      const written = text.slice(start, endOfLine(text, start)).replace(/\r$/, '').trim()
      const comment = text.slice(hash, endOfLine(text, hash)).replace(/\r$/, '').trim()
      const read = node.value === null ? 'is empty' : `is just '${String(node.value)}'`
      problems.push(loadWarning('plan.comment',
        `YAML reads '${comment}' as a comment, so ${pathLabel(planPath(ancestors, node))} ${read}: ` +
        `quote the value if the # belongs to it, as in ${JSON.stringify(written)}`, at(hash)))
    }
  })
  return problems
}
