// Maps paths in the plan (['pipelines', 2, 'owners', 'secondary']) to lines and columns, so every
// problem, from any module, can point at the text a member wrote.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { Locator, PlanPath, SourceLocation } from '../types.js'

export function makeLocator(doc: Document | undefined, lineCounter: LineCounter, file: string): Locator {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset)
    return { file, line, column: col }
  }
  return (path: PlanPath, options?: { key?: boolean }): SourceLocation => {
    const root = doc?.contents
    if (!root || path.length === 0) return { file, line: 1, column: 1 }
    let node: Node = root
    let key: Node | undefined
    let complete = true
    for (const segment of path) {
      const step = child(node, segment)
      if (!step) {
        complete = false
        break
      }
      node = step.node
      key = step.key
    }
    if (options?.key && complete && key?.range) return at(key.range[0])
    return at(node.range?.[0] ?? 0)
  }
}

/** The node under one path segment, and the key it stands under in a map. */
function child(node: Node, segment: string | number): { node: Node; key?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
    if (!pair || !isScalar(pair.key)) return undefined
    const value = pair.value as Node | null
    // `key:` with nothing after it has an empty value: point at the key instead
    const empty = !value || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1])
    return { node: empty ? pair.key : value, key: pair.key }
  }
  if (isSeq(node)) {
    const index = typeof segment === 'number' ? segment : Number(segment)
    const item = Number.isInteger(index) ? (node.items[index] as Node | null | undefined) : undefined
    return item ? { node: item } : undefined
  }
  return undefined
}
