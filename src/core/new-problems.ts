// Which problems a change brings: a problem of the head plan is new when the base plan's report does
// not have it. Reviewers read the new ones first, and `fail-on` judges them, so an old warning
// never blocks an unrelated leave request.
import type { Renames } from './lock-renames.js'
import type { Problem } from './types.js'

/**
 * What makes two problems the same problem in two versions of a plan. Not the place: line numbers
 * move whenever a pull request adds lines above a problem. Not the parts of the message that move
 * with it either: a list position (`leave[3]` becomes `leave[4]` when an entry is inserted before
 * it), a line a message quotes, or a measured figure (a load of 12.5 becomes 12.75 when any shift
 * moves, while the member and the dates the problem speaks of stay). What is left — rule, severity
 * and the words, names and dates of the message — is the problem.
 */
export function problemKey(p: Problem): string {
  const message = p.message
    .replace(/\[\d+\]/g, '[]')
    .replace(/\bline \d+(, column \d+)?/g, 'line #')
    .replace(/[+\-−]?\d+\.\d+/g, '#')
  return [p.rule, p.severity, message].join('\u0000')
}

export interface ProblemChanges {
  /** The head plan's problems, in their order, each marked `new` or not. */
  problems: Problem[]
  /** The base plan's problems that the head plan no longer has: what this change fixes. */
  resolved: Problem[]
}

/**
 * Marks each head problem new or existing. Problems with the same key are matched one for one in
 * order, so where the base had one such problem and the head has two, the second is new. Without a
 * base report every problem is new: a plan checked on its own brings all of them.
 */
export function compareProblems(head: readonly Problem[], base: readonly Problem[] | undefined, renames?: Renames): ProblemChanges {
  if (!base) return { problems: head.map((p) => ({ ...p, new: true })), resolved: [] }
  const unmatched = new Map<string, Problem[]>()
  const inHeadIds = renames ? renamedIds(renames) : undefined
  for (const p of base) {
    const key = problemKey(inHeadIds ? { ...p, message: inHeadIds(p.message) } : p)
    unmatched.set(key, [...(unmatched.get(key) ?? []), p])
  }
  const problems = head.map((p) => {
    const left = unmatched.get(problemKey(p))
    const existing = left !== undefined && left.shift() !== undefined
    return { ...p, new: !existing }
  })
  return { problems, resolved: [...unmatched.values()].flat() }
}

/**
 * A base problem's message in the head plan's ids: a rotation or member the head renames with
 * `renamed-from` is the same rotation or member, so a warning about it is no new warning. Undefined
 * where nothing is renamed; the pattern is built once for all the base's messages.
 */
function renamedIds(renames: Renames): ((message: string) => string) | undefined {
  const all = new Map([...renames.rotations, ...renames.members])
  if (all.size === 0) return undefined
  const ids = [...all.keys()].sort((a, b) => b.length - a.length).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = new RegExp(`(?<![\\w-])(${ids.join('|')})(?![\\w-])`, 'g')
  return (message) => message.replace(pattern, (id) => all.get(id) ?? id)
}
