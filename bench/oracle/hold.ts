// The piece-level variables both exact models share (oracle-spec (a), constraints 1–4): one binary
// per position, group and candidate member — a group being an investor unit (held whole by one
// member) or a single atom — one holder per group, and nobody in two places at any atom.
import type { Assignment } from './assignment.js'
import { emptyAssignment } from './assignment.js'
import { candidates, spanHours, type Instance } from './instance.js'
import type { Milp } from './milp.js'

export interface GroupVars {
  /** Candidate member indices and the column of each. */
  members: number[]
  cols: number[]
  /** The unstaffed slack column, where the model allows one. */
  slack?: number
}

/** Per position, per group. */
export type HoldVars = GroupVars[][]

/**
 * Adds the hold variables and constraints 1–4 to a model. With `slack`, a group may go unheld at a
 * cost of its hours (so the optimum is the least unstaffed role-hours); without, every group is held.
 */
export function addHoldConstraints(inst: Instance, milp: Milp, options: { slack: boolean }): HoldVars {
  const byAtomMember = new Map<number, number[]>()
  const width = inst.members.length
  const vars = inst.positions.map((p) => p.groups.map((g) => {
    const members = candidates(g).map((m) => inst.memberIndex.get(m) as number)
    const cols = members.map(() => milp.binary())
    const slack = options.slack ? milp.addColumn(0, 1, spanHours(inst.atoms, g.atoms), false) : undefined
    milp.addRow(1, 1, [...cols.map((c) => [c, 1] as const), ...(slack === undefined ? [] : [[slack, 1] as const])])
    members.forEach((m, k) => {
      for (const a of g.atoms) {
        const key = a * width + m
        const list = byAtomMember.get(key)
        if (list) list.push(cols[k] as number)
        else byAtomMember.set(key, [cols[k] as number])
      }
    })
    return { members, cols, ...(slack === undefined ? {} : { slack }) }
  }))
  // nobody in two places: ordered by atom, then member, so the model is the same on every run
  for (const key of [...byAtomMember.keys()].sort((x, y) => x - y)) {
    const list = byAtomMember.get(key) as number[]
    if (list.length > 1) milp.addRow(Number.NEGATIVE_INFINITY, 1, list.map((c) => [c, 1] as const))
  }
  return vars
}

/** The assignment a solution describes (unheld groups stay −1). */
export function readAssignment(inst: Instance, vars: HoldVars, values: Float64Array): Assignment {
  const asg = emptyAssignment(inst)
  inst.positions.forEach((p, pi) => {
    p.groups.forEach((g, gi) => {
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      const k = v.cols.findIndex((c) => (values[c] as number) > 0.5)
      if (k < 0) return
      for (const a of g.atoms) (asg[pi] as Int32Array)[a - p.first] = v.members[k] as number
    })
  })
  return asg
}
