// (d) The least churn a new leave forces while fairness.load still holds (SPEC section 3, Stability:
// "changes as few shift-hours as it can while the fairness rule still holds"). Given the schedule of
// record and the plan with the leave, the holder model of (b) — hard constraints, `avoid`, every
// member within max-deviation of their share — minimises the number of shifts whose holder is not
// the recorded one. Every schedule that keeps the rule changes at least that many shift-roles (a
// holder change is a changed shift-role; covers can change more), so its optimum, or the bound it
// proves at its time limit, is a lower bound: a yardstick that never flatters the scheduler.
import { effectiveRule } from '../../src/core/rules/catalogue.js'
import type { LocalDate, Plan, Segment } from '../../src/core/types.js'
import { account, emptyAssignment } from './assignment.js'
import { addAvoid, addFairness, addHolders } from './fairness.js'
import { DEFAULT_TIME_LIMIT } from './feasibility.js'
import { addHoldConstraints } from './hold.js'
import { buildInstance, type Instance } from './instance.js'
import { Milp, type MilpStatus } from './milp.js'

export interface LeastChurn {
  status: MilpStatus
  /** Shifts whose holder differs from the record in the best schedule found that keeps the rule. */
  changed?: number
  /** A proven lower bound on that number (equal to `changed` when optimal). */
  bound?: number
}

/** The least number of shift-roles whose holder must change from `recorded` for `plan` to keep fairness.load. */
export async function leastChurn(plan: Plan, today: LocalDate, recorded: readonly Segment[], options: { timeLimitSeconds?: number } = {}): Promise<LeastChurn> {
  const inst = buildInstance(plan, today)
  const record = recordedAssignment(inst, recorded)
  const milp = new Milp()
  const vars = addHoldConstraints(inst, milp, { slack: false })
  const holders = addHolders(inst, milp, vars)
  addAvoid(inst, milp, vars)
  const bound = effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1
  const t = milp.addColumn(0, bound, 0, false)
  // targets and units as the record's own loads give them in the new plan
  addFairness(inst, milp, vars, account(inst, record), t)
  const hours = inst.atoms.map((a) => a.hours)
  inst.positions.forEach((p, pi) => {
    const own = hours.slice(p.first, p.last)
    p.cells.forEach((c, ci) => {
      const was = majority(record[pi] as Int32Array, c.first - p.first, c.last - p.first, own)
      for (const [m, col] of holders[pi]?.[ci] ?? []) if (m !== was) milp.setCost(col, 1)
    })
  })
  const result = await milp.solve({ timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT, absoluteGap: 0.5 })
  return {
    status: result.status,
    ...(result.objective === undefined ? {} : { changed: Math.round(result.objective) }),
    ...(result.status === 'optimal' && result.objective !== undefined ? { bound: Math.round(result.objective) } : result.bound === undefined ? {} : { bound: Math.ceil(result.bound - 1e-6) })
  }
}

/** The recorded member of every atom of every position (−1 where the record has nobody). */
function recordedAssignment(inst: Instance, recorded: readonly Segment[]): Int32Array[] {
  const asg = emptyAssignment(inst)
  inst.positions.forEach((p, pi) => {
    const row = asg[pi] as Int32Array
    for (const s of recorded) {
      if (s.rotation !== p.rotation.id || s.role !== p.role) continue
      const m = inst.memberIndex.get(s.member)
      if (m === undefined) continue
      const from = Date.parse(s.start)
      const to = Date.parse(s.end)
      for (let a = p.first; a < p.last; a++) {
        const atom = inst.atoms[a]
        if (atom && atom.start >= from && atom.end <= to) row[a - p.first] = m
      }
    }
  })
  return asg
}

/** The member holding most hours of atoms [a0, a1) of a row (−1 for nobody). */
function majority(row: Int32Array, a0: number, a1: number, hours: readonly number[]): number {
  const by = new Map<number, number>()
  for (let a = a0; a < a1; a++) {
    const m = row[a] as number
    if (m >= 0) by.set(m, (by.get(m) ?? 0) + (hours[a] ?? 0))
  }
  let best = -1
  let most = -1
  for (const [m, h] of by) if (h > most || (h === most && m < best)) [best, most] = [m, h]
  return best
}
