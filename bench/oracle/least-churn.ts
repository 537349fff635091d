// (d) The least churn a new leave forces while fairness.load still holds (SPEC section 3, Stability:
// "changes as few shift-hours as it can while the fairness rule still holds"). Given the schedule of
// record and the plan with the leave, the piece model of (a) with `avoid` and every member within
// max-deviation of their share (no holder constraints: the scheduler may cover part of a shift whose
// member is there, so its schedules are all inside) minimises the number of shift-roles held, anywhere
// in them, by someone other than the record's member. Every schedule the scheduler can publish
// that keeps the rule lies in that model, so the optimum (or the bound proved at the time limit)
// is the least churn the leave forces: what the bench's target counts beyond.
import { effectiveRule } from '../../src/core/rules/catalogue.js'
import type { LocalDate, Plan, Segment } from '../../src/core/types.js'
import { account, emptyAssignment, fairnessOf, maxDeviation, toSchedule, type OracleSchedule } from './assignment.js'
import { addAvoid, addFairness } from './fairness.js'
import { DEFAULT_TIME_LIMIT } from './feasibility.js'
import { addHoldConstraints, readAssignment, type GroupVars } from './hold.js'
import { buildInstance, type Instance } from './instance.js'
import { Milp, type MilpStatus } from './milp.js'

export interface LeastChurn {
  status: MilpStatus
  /** Shift-roles that differ from the record in the best schedule found that keeps the rule. */
  changed?: number
  /** A proven lower bound on that number (equal to `changed` when optimal). */
  bound?: number
  /** The true max |deviation| of that schedule, as `computeFairness` reports it. */
  maxDeviation?: number
  schedule?: OracleSchedule
}

/** The least number of shift-roles whose holder must change from `recorded` for `plan` to keep fairness.load. */
export async function leastChurn(plan: Plan, today: LocalDate, recorded: readonly Segment[], options: { timeLimitSeconds?: number; avoid?: boolean } = {}): Promise<LeastChurn> {
  const inst = buildInstance(plan, today)
  const record = recordedAssignment(inst, recorded)
  const milp = new Milp()
  const vars = addHoldConstraints(inst, milp, { slack: false })
  // `avoid` only when asked: against a record the scheduler keeps a recorded hour on someone's own
  // holiday rather than move it (stability), so its schedules would fall outside the model
  if (options.avoid) addAvoid(inst, milp, vars)
  const bound = effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1
  // the model's targets are linear in the rotations' loads (exact while the water-filling levels
  // hold): a hundredth of slack keeps every schedule that keeps the rule inside it
  const t = milp.addColumn(0, bound + 0.01, 0, false)
  // targets and units as the record's own loads give them in the new plan
  addFairness(inst, milp, vars, account(inst, record), t)
  // a shift-role is changed where any of its groups (an atom, or an investor unit) is held by
  // someone other than the record's member there; one binary per shift-role counts it
  inst.positions.forEach((p, pi) => {
    const changed = p.cells.map(() => milp.binary(1))
    p.groups.forEach((g, gi) => {
      const y = changed[g.cell] as number
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      const was = (record[pi] as Int32Array)[(g.atoms[0] as number) - p.first] as number
      const k = v.members.indexOf(was)
      milp.addRow(1, Number.POSITIVE_INFINITY, k < 0 ? [[y, 1]] : [[y, 1], [v.cols[k] as number, 1]])
    })
  })
  const result = await milp.solve({ timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT, absoluteGap: 0.5 })
  const schedule = result.values ? toSchedule(inst, readAssignment(inst, vars, result.values), 'unheld') : undefined
  return {
    ...(schedule ? { schedule, maxDeviation: maxDeviation(fairnessOf(inst, schedule.segments)) } : {}),
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
