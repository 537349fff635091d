// (b) The holder-level fairness optimum: the least max |deviation| (SPEC fairness) over schedules in
// which every cell has a holder who holds it wherever able, and others cover only what the holder
// cannot (plus swap atoms, investor units and, under `avoid`, the holder's own holidays, which are
// free). This is a superset of what the scheduler can produce, so its optimum is a fair yardstick.
// Targets and units depend slightly on who holds what (holiday weights), so the model is solved
// with an estimate, then again with the first solution's own figures; the better TRUE result wins.
import type { FairnessRow, LocalDate, Plan } from '../../src/core/types.js'
import { account, fairnessOf, loadCoefficient, maxDeviation, toSchedule, type Accounting, type Assignment, type OracleSchedule } from './assignment.js'
import { DEFAULT_TIME_LIMIT, solveFeasibility, type FeasibilityResult, type OracleOptions } from './feasibility.js'
import { addHoldConstraints, readAssignment, type GroupVars, type HoldVars } from './hold.js'
import { buildInstance, eligibleAt, type Instance } from './instance.js'
import { Milp, type MilpStatus } from './milp.js'

export interface FairnessSolve {
  status: MilpStatus
  /** The MILP's own objective: max |load − target| / unit with that solve's targets and units. */
  objective?: number
  /** The MILP's proven lower bound on that objective. */
  bound?: number
  /** The solution's true max |deviation|, as `computeFairness` reports it. */
  maxDeviation?: number
}

export interface FairnessOptimum {
  /**
   * `optimal`: every solve proved optimal (to within `ABSOLUTE_GAP`, milp.ts). `time-limit`: a solve stopped at
   * its limit (the figures are the best found; see each solve's `bound`). `infeasible`: no schedule of the holder model exists — see
   * `holderModelStricter` and `feasibility`.
   */
  status: 'optimal' | 'time-limit' | 'infeasible'
  /** (a) on the same instance. */
  feasibility: FeasibilityResult['status']
  /** The holder model is infeasible though a piece-level schedule exists (a). */
  holderModelStricter: boolean
  /** The true max |deviation| of the better solution (rounded to 0.01 as `computeFairness` reports). */
  maxDeviation?: number
  /** The MILP objective of the solve that gave the better solution. */
  objective?: number
  fairness: FairnessRow[]
  schedule: OracleSchedule
  solves: FairnessSolve[]
}

/** The least max |deviation| of SPEC fairness reachable in the holder model, for `plan` at `today`. */
export async function optimalFairness(plan: Plan, today: LocalDate, options: OracleOptions = {}): Promise<FairnessOptimum> {
  const inst = buildInstance(plan, today)
  const feasibility = await solveFeasibility(inst, options)
  const none = { fairness: [], schedule: { segments: [], gaps: [] }, solves: [] }
  if (feasibility.status !== 'feasible') {
    return { status: feasibility.status === 'infeasible' ? 'infeasible' : 'time-limit', feasibility: feasibility.status, holderModelStricter: false, ...none }
  }
  const limit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT
  // the first solve only calibrates targets and units (holiday weights depend on who holds what)
  const first = await solveHolderModel(inst, account(inst), Math.max(1, limit / 4), undefined, CALIBRATION_GAP)
  if (!first.assignment) {
    const stricter = first.solve.status === 'infeasible'
    return { status: stricter ? 'infeasible' : 'time-limit', feasibility: 'feasible', holderModelStricter: stricter, ...none, solves: [first.solve] }
  }
  // nothing beats a true 0; otherwise solve again with the first solution's own targets and units
  const solves = first.solve.maxDeviation === 0 ? [first] : [first, await solveHolderModel(inst, account(inst, first.assignment), limit, first)]
  const best = solves.reduce((x, y) => (y.assignment && (y.solve.maxDeviation ?? Infinity) < (x.solve.maxDeviation ?? Infinity) ? y : x))
  return {
    status: solves.every((s) => s.solve.status === 'optimal') ? 'optimal' : 'time-limit',
    feasibility: 'feasible',
    holderModelStricter: false,
    ...(best.solve.maxDeviation === undefined ? {} : { maxDeviation: best.solve.maxDeviation }),
    ...(best.solve.objective === undefined ? {} : { objective: best.solve.objective }),
    fairness: best.fairness,
    schedule: best.schedule,
    solves: solves.map((s) => s.solve)
  }
}

interface HolderSolution {
  solve: FairnessSolve
  assignment?: Assignment
  schedule: OracleSchedule
  fairness: FairnessRow[]
  vars?: HoldVars
  values?: Float64Array
}

/** How close to its own optimum the calibrating first solve must come (shifts). */
const CALIBRATION_GAP = 0.1

async function solveHolderModel(inst: Instance, figures: Accounting, limit: number, previous?: HolderSolution, gap?: number): Promise<HolderSolution> {
  const milp = new Milp()
  const vars = addHoldConstraints(inst, milp, { slack: false })
  addHolders(inst, milp, vars)
  const t = milp.addColumn(0, Number.POSITIVE_INFINITY, 1, false)
  const loadTerms = memberLoadTerms(inst, vars)
  inst.members.forEach((_, m) => {
    const unit = figures.unit[m] as number
    if (!(unit > 0)) return
    const target = figures.target[m] as number
    const terms = loadTerms[m] as Array<readonly [number, number]>
    milp.addRow(Number.NEGATIVE_INFINITY, target, [...terms, [t, -unit]])
    milp.addRow(target, Number.POSITIVE_INFINITY, [...terms, [t, unit]])
  })
  let start: Float64Array | undefined
  if (previous?.values && previous.assignment) {
    // the previous solution is feasible here too, with t raised to its deviation under these figures
    start = previous.values.slice()
    const own = account(inst, previous.assignment)
    let worst = 0
    inst.members.forEach((_, m) => {
      const unit = figures.unit[m] as number
      if (unit > 0) worst = Math.max(worst, Math.abs((own.load[m] as number) - (figures.target[m] as number)) / unit)
    })
    start[t] = worst * (1 + 1e-9) + 1e-9
    if (start.length !== milp.columns) start = undefined
  }
  const result = await milp.solve({ timeLimitSeconds: limit, ...(start ? { start } : {}), ...(gap === undefined ? {} : { absoluteGap: gap }) })
  const solve: FairnessSolve = { status: result.status, ...(result.objective === undefined ? {} : { objective: result.objective }), ...(result.bound === undefined ? {} : { bound: result.bound }) }
  if (!result.values) return { solve, schedule: { segments: [], gaps: [] }, fairness: [] }
  const assignment = readAssignment(inst, vars, result.values)
  const schedule = toSchedule(inst, assignment, 'unheld')
  const fairness = fairnessOf(inst, schedule.segments)
  solve.maxDeviation = maxDeviation(fairness)
  return { solve, assignment, schedule, fairness, vars, values: result.values }
}

/**
 * z[c,m] per cell and candidate holder (a member eligible somewhere in the cell), one holder per
 * cell, and the holder holds every atom of the cell where they are eligible, except where the atom
 * is free (a swap, an investor unit, or under `avoid` the holder's own holiday).
 */
function addHolders(inst: Instance, milp: Milp, vars: HoldVars): void {
  const avoid = inst.plan.oncall.holidays.policy === 'avoid'
  inst.positions.forEach((p, pi) => {
    const holder = p.cells.map((c) => {
      const cols = new Map<number, number>()
      for (const m of p.rotation.members) {
        let any = false
        for (let a = c.first; a < c.last && !any; a++) any = eligibleAt(inst, p, m, a)
        if (any) cols.set(inst.memberIndex.get(m) as number, milp.binary())
      }
      if (cols.size > 0) milp.addRow(1, 1, [...cols.values()].map((col) => [col, 1] as const))
      return cols
    })
    p.groups.forEach((g, gi) => {
      if (g.atoms.length !== 1 || g.investor || g.swap) return
      const a = g.atoms[0] as number
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      v.members.forEach((m, k) => {
        if (avoid && inst.holiday[m]?.[a] === 1) return
        const z = holder[g.cell]?.get(m)
        if (z !== undefined) milp.addRow(0, Number.POSITIVE_INFINITY, [[v.cols[k] as number, 1], [z, -1]])
      })
    })
  })
}

/** Each member's load as terms over the hold columns. */
function memberLoadTerms(inst: Instance, vars: HoldVars): Array<Array<readonly [number, number]>> {
  const terms = inst.members.map(() => [] as Array<readonly [number, number]>)
  inst.positions.forEach((p, pi) => {
    p.groups.forEach((g, gi) => {
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      v.members.forEach((m, k) => {
        let coef = 0
        for (const a of g.atoms) coef += loadCoefficient(inst, p, m, a)
        if (coef !== 0) terms[m]?.push([v.cols[k] as number, coef])
      })
    })
  })
  return terms
}
