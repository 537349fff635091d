// (b) The holder-level fairness optimum: the least max |deviation| (SPEC fairness) over schedules in
// which every cell has a holder who holds it wherever able, and others cover only what the holder
// cannot (plus swap atoms, investor units and, under `avoid`, the holder's own holidays, which are
// free). This is a superset of what the scheduler can produce, so its optimum is a fair yardstick.
// Targets and units depend on who holds what (holiday weights), so the model is solved with an
// estimate, then again with the first solution's own figures; the better TRUE result wins. Inside
// each solve the targets follow the loads the solve places (the water-filling levels held fixed),
// because a few holiday hours move a target by tenths of a daily shift.
import type { FairnessRow, LocalDate, Plan } from '../../src/core/types.js'
import {
  account, fairnessOf, linearTargets, loadCoefficient, maxDeviation, targetLevels, toSchedule, type Accounting, type Assignment, type OracleSchedule
} from './assignment.js'
import { DEFAULT_FAIRNESS_GAP, DEFAULT_TIME_LIMIT, solveFeasibility, type FeasibilityResult, type OracleOptions } from './feasibility.js'
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
   * `optimal`: the last solve proved its answer within `fairnessGap` of its optimum (or the first
   * reached a true 0). `time-limit`: it stopped at its limit, or HiGHS failed on it (the figures are
   * the best found; see each solve's `bound`). `infeasible`: no schedule of the holder model exists — see
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
  const gap = options.fairnessGap ?? DEFAULT_FAIRNESS_GAP
  // the first solve only calibrates targets and units (holiday weights depend on who holds what)
  const first = await solveHolderModel(inst, account(inst), Math.max(1, limit / 4), undefined, Math.max(gap, CALIBRATION_GAP))
  // nothing beats a true 0; otherwise solve again with the first solution's own targets and units
  // (or, if the calibration found nothing in its time, with the estimate)
  const last = first.solve.maxDeviation === 0 || first.solve.status === 'infeasible'
    ? first
    : await solveHolderModel(inst, first.assignment ? account(inst, first.assignment) : account(inst), limit, first.assignment ? first : undefined, gap)
  const solves = last === first ? [first] : [first, last]
  if (last.solve.status === 'infeasible') {
    return { status: 'infeasible', feasibility: 'feasible', holderModelStricter: true, ...none, solves: solves.map((s) => s.solve) }
  }
  const found = solves.filter((s) => s.assignment)
  if (found.length === 0) return { status: 'time-limit', feasibility: 'feasible', holderModelStricter: false, ...none, solves: solves.map((s) => s.solve) }
  const best = found.reduce((x, y) => ((y.solve.maxDeviation ?? Infinity) < (x.solve.maxDeviation ?? Infinity) ? y : x))
  // the answer is proven when the last solve is (the calibration's own status does not matter)
  const proven = last.solve.status === 'optimal' || last.solve.maxDeviation === 0
  return {
    status: proven ? 'optimal' : 'time-limit',
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

/** How close to its own optimum the calibrating first solve must come (shifts): it only sets targets. */
const CALIBRATION_GAP = 0.1

async function solveHolderModel(inst: Instance, figures: Accounting, limit: number, previous: HolderSolution | undefined, gap: number): Promise<HolderSolution> {
  const milp = new Milp()
  const vars = addHoldConstraints(inst, milp, { slack: false })
  addHolders(inst, milp, vars)
  addAvoid(inst, milp, vars)
  const t = milp.addColumn(0, Number.POSITIVE_INFINITY, 1, false)
  const targets = addFairness(inst, milp, vars, figures, t)
  let start: Float64Array | undefined
  if (previous?.values && previous.assignment && previous.values.length === milp.columns) {
    // the previous solution is feasible here too, with its rotation loads and t raised to its deviation
    start = previous.values.slice()
    const own = account(inst, previous.assignment)
    const target = targets.of(own.rotationLoad)
    let worst = 0
    inst.members.forEach((_, m) => {
      const unit = figures.unit[m] as number
      if (unit > 0) worst = Math.max(worst, Math.abs((own.load[m] as number) - (target[m] as number)) / unit)
    })
    start[t] = worst * (1 + 1e-9) + 1e-9
    targets.rotationColumns.forEach((col, r) => ((start as Float64Array)[col] = own.rotationLoad[r] as number))
  }
  const result = await milp.solve({ timeLimitSeconds: limit, absoluteGap: gap, ...(start ? { start } : {}) })
  const solve: FairnessSolve = { status: result.status, ...(result.objective === undefined ? {} : { objective: result.objective }), ...(result.bound === undefined ? {} : { bound: result.bound }) }
  if (!result.values) return { solve, schedule: { segments: [], gaps: [] }, fairness: [] }
  const assignment = readAssignment(inst, vars, result.values)
  const schedule = toSchedule(inst, assignment, 'unheld')
  const fairness = fairnessOf(inst, schedule.segments)
  solve.maxDeviation = maxDeviation(fairness)
  return { solve, assignment, schedule, fairness, vars, values: result.values }
}

/**
 * −t·unit ≤ load − target ≤ t·unit for every member with a unit. Each rotation's load is a column,
 * and a target is the max-min fair split of those columns through the levels `figures` has (exact
 * while the levels hold), so holiday weights move targets inside the model; where the levels cannot
 * be recovered, the targets are `figures`' numbers. Units stay `figures`' numbers.
 */
export function addFairness(inst: Instance, milp: Milp, vars: HoldVars, figures: Accounting, t: number): {
  rotationColumns: number[]
  of: (rotationLoad: readonly number[]) => number[]
} {
  const rotations = inst.plan.oncall.rotations
  const terms = loadTerms(inst, vars)
  const rotationColumns = rotations.map((_, r) => {
    const col = milp.addColumn(0, Number.POSITIVE_INFINITY, 0, false)
    milp.addRow(0, 0, [[col, -1], ...terms.filter((x) => x.rotation === r).map((x) => [x.col, x.coef] as const)])
    return col
  })
  const levels = targetLevels(figures, rotations.map((r) => r.members.flatMap((m) => (inst.memberIndex.has(m) ? [inst.memberIndex.get(m) as number] : []))))
  inst.members.forEach((_, m) => {
    const unit = figures.unit[m] as number
    if (!(unit > 0)) return
    const load = terms.filter((x) => x.member === m).map((x) => [x.col, x.coef] as const)
    const level = levels?.find((l) => l.members.some((x) => x.member === m))
    const share = level?.members.find((x) => x.member === m)?.share ?? 0
    // with levels: load − share × (their rotations' loads); without: load against the fixed target
    const minus = (level?.rotations ?? []).map((r) => [rotationColumns[r] as number, -share] as const)
    const fixed = levels ? 0 : (figures.target[m] as number)
    milp.addRow(Number.NEGATIVE_INFINITY, fixed, [...load, ...minus, [t, -unit]])
    milp.addRow(fixed, Number.POSITIVE_INFINITY, [...load, ...minus, [t, unit]])
  })
  return {
    rotationColumns,
    of: (rotationLoad) => (levels ? linearTargets(levels, rotationLoad, inst.members.length) : figures.target)
  }
}

/**
 * z[c,m] per cell and candidate holder (a member eligible somewhere in the cell), one holder per
 * cell, and the holder holds every atom of the cell where they are eligible, except where the atom
 * is free (a swap, an investor unit, or under `avoid` the holder's own holiday).
 */
/** Per position, per cell: each candidate holder's z column, by member index. */
export type HolderVars = Array<Array<Map<number, number>>>

export function addHolders(inst: Instance, milp: Milp, vars: HoldVars): HolderVars {
  const avoid = inst.plan.oncall.holidays.policy === 'avoid'
  return inst.positions.map((p, pi) => {
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
    return holder
  })
}

/**
 * SPEC `avoid`: a member holds a group on their own holiday only where no rotation-mate is free then
 * (not away, not on their own holiday, holding no role). For each such candidate and each mate free
 * to hold the group (eligible and off holiday through it), the holder's column is at most the
 * mate's columns at the group's atoms: the mate holds something there. A group is one atom, or an
 * investor unit, which a mate must hold whole, so there the mate must be busy somewhere in it.
 * Swaps are exempt (a swap's member is on call by agreement).
 */
export function addAvoid(inst: Instance, milp: Milp, vars: HoldVars): void {
  if (inst.plan.oncall.holidays.policy !== 'avoid') return
  const width = inst.members.length
  // every hold column of member m at atom a, by a * width + m
  const busy = new Map<number, number[]>()
  inst.positions.forEach((p, pi) => {
    p.groups.forEach((g, gi) => {
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      v.members.forEach((m, k) => {
        for (const a of g.atoms) {
          const key = a * width + m
          const list = busy.get(key)
          if (list) list.push(v.cols[k] as number)
          else busy.set(key, [v.cols[k] as number])
        }
      })
    })
  })
  inst.positions.forEach((p, pi) => {
    p.groups.forEach((g, gi) => {
      if (g.swap) return
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      v.members.forEach((m, k) => {
        if (!g.atoms.some((a) => inst.holiday[m]?.[a] === 1)) return
        for (const id of p.rotation.members) {
          const y = inst.memberIndex.get(id)
          if (y === undefined || y === m) continue
          if (!g.atoms.every((a) => eligibleAt(inst, p, id, a) && inst.holiday[y]?.[a] !== 1)) continue
          const mate = g.atoms.flatMap((a) => busy.get(a * width + y) ?? [])
          milp.addRow(Number.NEGATIVE_INFINITY, 0, [[v.cols[k] as number, 1], ...mate.map((c) => [c, -1] as const)])
        }
      })
    })
  })
}

/** Every hold column's load: whose, in which rotation, and how much (Σ hours in the window × weight × role / 24). */
function loadTerms(inst: Instance, vars: HoldVars): Array<{ col: number; coef: number; member: number; rotation: number }> {
  const out: Array<{ col: number; coef: number; member: number; rotation: number }> = []
  inst.positions.forEach((p, pi) => {
    p.groups.forEach((g, gi) => {
      const v = (vars[pi] as GroupVars[])[gi] as GroupVars
      v.members.forEach((m, k) => {
        let coef = 0
        for (const a of g.atoms) coef += loadCoefficient(inst, p, m, a)
        if (coef !== 0) out.push({ col: v.cols[k] as number, coef, member: m, rotation: p.rotationIndex })
      })
    })
  })
  return out
}
