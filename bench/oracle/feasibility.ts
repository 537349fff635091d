// (a) Piece-level feasibility, exactly: is there a schedule meeting every hard constraint of SPEC
// section 3? One MILP over atoms whose only objective is the unstaffed role-hours (a slack per
// group), so one solve proves feasibility (optimum 0) or shows where no schedule can staff a role:
// atoms are coupled only through investor units, so the slack the optimum keeps marks exactly the
// stretches that cannot be staffed.
import type { LocalDate, Plan, Role, UtcInstant } from '../../src/core/types.js'
import { toSchedule, type OracleSchedule } from './assignment.js'
import { addHoldConstraints, readAssignment } from './hold.js'
import { buildInstance, type Instance } from './instance.js'
import { Milp } from './milp.js'

export interface OracleOptions {
  /** Seconds each MILP solve may take (default 10; the calibrating first solve of (b) gets a quarter). */
  timeLimitSeconds?: number
  /**
   * (b) stops once its answer is proven within this many shifts of the least max |deviation| the
   * model allows (default 0.1). Balancing whole shifts is a partition problem: its LP bound is weak,
   * and a smaller gap can take minutes to prove on a plan whose best schedule is found in a second.
   */
  fairnessGap?: number
}

export const DEFAULT_FAIRNESS_GAP = 0.1

export const DEFAULT_TIME_LIMIT = 10

export interface InfeasibleSpan {
  start: UtcInstant
  end: UtcInstant
  /** The roles no schedule can staff somewhere in the span (as the optimum leaves them). */
  roles: Array<{ rotation: string; role: Role }>
}

export interface FeasibilityResult {
  /** `unknown`: the time limit came before a proof either way. */
  status: 'feasible' | 'infeasible' | 'unknown'
  /** Role-hours that no schedule can staff (0 when feasible); absent when unknown. */
  minUnstaffedHours?: number
  /** Where no schedule meets every hard constraint, merged across roles, in time order. */
  infeasible: InfeasibleSpan[]
  /** A schedule meeting every hard constraint outside `infeasible`, with gaps inside it. */
  schedule: OracleSchedule
  size: { atoms: number; columns: number; rows: number }
}

export const GAP_REASON = 'no schedule meets every hard constraint here'

/** Decides whether any schedule meets every hard constraint of SPEC section 3 for `plan` at `today`. */
export async function exactFeasible(plan: Plan, today: LocalDate, options: OracleOptions = {}): Promise<FeasibilityResult> {
  return solveFeasibility(buildInstance(plan, today), options)
}

export async function solveFeasibility(inst: Instance, options: OracleOptions = {}): Promise<FeasibilityResult> {
  const milp = new Milp()
  const vars = addHoldConstraints(inst, milp, { slack: true })
  const result = await milp.solve({ timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT })
  const size = { atoms: inst.atoms.length, columns: milp.columns, rows: milp.rows }
  if (!result.values || result.objective === undefined) {
    // the slack makes every instance feasible: no solution means the limit came first
    return { status: 'unknown', infeasible: [], schedule: { segments: [], gaps: [] }, size }
  }
  const schedule = toSchedule(inst, readAssignment(inst, vars, result.values), GAP_REASON)
  const proven = result.status === 'optimal'
  const unstaffed = Math.round(result.objective * 1e6) / 1e6
  const status = unstaffed === 0 ? 'feasible' : proven ? 'infeasible' : 'unknown'
  return {
    status,
    ...(proven || unstaffed === 0 ? { minUnstaffedHours: unstaffed } : {}),
    infeasible: status === 'infeasible' ? mergeSpans(inst, schedule) : [],
    schedule,
    size
  }
}

/** The witness's gaps, merged across roles where they touch or overlap. */
function mergeSpans(inst: Instance, schedule: OracleSchedule): InfeasibleSpan[] {
  const order = new Map(inst.positions.map((p, i) => [`${p.rotation.id}/${p.role}`, i]))
  const gaps = [...schedule.gaps].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0))
  const spans: Array<{ start: UtcInstant; end: UtcInstant; keys: Set<string> }> = []
  for (const g of gaps) {
    const last = spans[spans.length - 1]
    const key = `${g.rotation}/${g.role}`
    if (last && g.start <= last.end) {
      if (g.end > last.end) last.end = g.end
      last.keys.add(key)
    } else spans.push({ start: g.start, end: g.end, keys: new Set([key]) })
  }
  return spans.map((s) => ({
    start: s.start,
    end: s.end,
    roles: [...s.keys]
      .sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0))
      .map((k) => {
        const [rotation, role] = k.split('/') as [string, Role]
        return { rotation, role }
      })
  }))
}
