// Measures the scheduler on one synthetic team: time, hard violations (the oracle's exact checker),
// gaps and false infeasibility (against the oracle's feasibility where the team is small enough),
// max |deviation|, churn after one new leave, and the fixed point.
import { performance } from 'node:perf_hooks'
import { buildSchedule } from '../src/core/schedule/index.js'
import type { LocalDate, Leave, Plan, Schedule } from '../src/core/types.js'
import { calendarFor, churnLeave, churnOf, type Churn } from './churn.js'
import { scheduleFixedPoint } from './fixed-point.js'
import { checkSchedule, exactFeasible, type FeasibilityResult } from './oracle/index.js'
import { leastChurn } from './oracle/least-churn.js'
import { hardRuleErrors } from './rule-errors.js'
import type { SyntheticCase } from './synthetic.js'

/**
 * The largest team the oracle's feasibility MILP is asked about: 50 members over two years take 3–5 s;
 * 200 weekly took 34 s and 200 daily ran out of WebAssembly memory. The exact checker has no limit.
 */
export const FEASIBILITY_MAX_MEMBERS = 50
export const TIMED_RUNS = 3

/** Verdicts on one schedule of a team. */
export interface Judged {
  /** Hard violations: every kind the checker finds, but unstaffed stretches the schedule declares as gaps. */
  hard: number
  hardExample?: string
  /** Hours the schedule declares as gaps. */
  gapHours: number
  /** Errors of the hard-constraint rules (swaps aside), as `opsplan check` would report them. */
  ruleErrors: number
  ruleErrorExample?: string
  /** (a) where it was asked (only when there is a gap or an error to judge, on teams small enough). */
  feasibility: FeasibilityResult['status'] | 'not asked' | 'too large'
  /** Unstaffed hours beyond what (a) proves no schedule can staff, when (a) was asked. */
  falseGapHours?: number
}

export interface TeamResult {
  name: string
  label: string
  size: number
  shift: SyntheticCase['shift']
  kind: SyntheticCase['kind']
  /** Shift-roles of the grids: each rotation's shifts × its roles. */
  cells: number
  first: Judged
  afterLeave: Judged
  maxDeviation: number
  churn: Churn
  leave: Leave
  fixedPoint: boolean
  fixedPointDifference?: string
  /** Median of the timed runs of buildSchedule, milliseconds, and each run. */
  ms: number
  runs: number[]
  /** Time spent judging (checker, rules, oracle), milliseconds. */
  judgeMs: number
}

/** One untimed run (holiday calendars load, the JIT warms), then the median of `runs` timed ones. */
export function timeWarm<T>(fn: () => T, runs = TIMED_RUNS): { result: T; ms: number; runs: number[] } {
  let result = fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    result = fn()
    times.push(performance.now() - t0)
  }
  const sorted = [...times].sort((a, b) => a - b)
  return { result, ms: sorted[Math.floor(sorted.length / 2)]!, runs: times }
}

// The checker needs (a) only to tell avoidable gaps from unavoidable ones; for hard violations a
// stand-in that proves nothing is enough, and costs nothing.
const NOT_ASKED: FeasibilityResult = { status: 'unknown', infeasible: [], schedule: { segments: [], gaps: [] }, size: { atoms: 0, columns: 0, rows: 0 } }

export async function judge(plan: Plan, today: LocalDate, schedule: Schedule): Promise<Judged> {
  const check = await checkSchedule(plan, today, schedule, { feasibility: NOT_ASKED })
  const breaks = check.violations.filter((v) => !(v.kind === 'unstaffed' && v.detail.includes('declared gap')))
  const errors = hardRuleErrors(plan, today, schedule)
  const judged: Judged = {
    hard: breaks.length,
    ...(breaks[0] ? { hardExample: `${breaks[0].kind} ${breaks[0].rotation}/${breaks[0].role} ${breaks[0].start}: ${breaks[0].detail}` } : {}),
    gapHours: check.declaredGapHours,
    ruleErrors: errors.length,
    ...(errors[0] ? { ruleErrorExample: `${errors[0].rule}: ${errors[0].message}` } : {}),
    feasibility: 'not asked'
  }
  if (check.unstaffedHours === 0 && errors.length === 0) return judged
  if (plan.team.length > FEASIBILITY_MAX_MEMBERS) return { ...judged, feasibility: 'too large' }
  const a = await exactFeasible(plan, today, { timeLimitSeconds: 60 })
  const exact = await checkSchedule(plan, today, schedule, { feasibility: a })
  return { ...judged, feasibility: a.status, falseGapHours: exact.avoidableUnstaffedHours }
}

const cellsOf = (plan: Plan, schedule: Schedule): number =>
  plan.oncall.rotations.reduce((sum, r) => sum + schedule.shifts.filter((s) => s.rotation === r.id).length * r.roles.length, 0)

export async function runTeam(c: SyntheticCase, log: (line: string) => void = () => {}): Promise<TeamResult> {
  const { plan, today } = c
  const timed = timeWarm(() => buildSchedule(plan, { today }))
  const first = timed.result
  log(`  scheduled in ${timed.runs.map((t) => t.toFixed(0)).join(', ')} ms`)

  const fixed = scheduleFixedPoint(plan, today, first)
  const leave = churnLeave(plan, first, today)
  const changed: Plan = { ...plan, leave: [...plan.leave, leave] }
  const again = buildSchedule(changed, { today, lock: fixed.lock })
  const churn = churnOf(first.segments, again.segments, calendarFor(changed, again), first.shifts)
  log(`  fixed point ${fixed.identical ? 'yes' : `no (${fixed.difference})`}; leave ${leave.member} ${leave.from}..${leave.to}: ${churn.changed} changed, ${churn.forced} forced`)
  if (churn.extra > 2 && plan.team.length <= FEASIBILITY_MAX_MEMBERS) {
    // more than the dates force: how many any schedule keeping fairness.load must change
    const least = await leastChurn(changed, today, first.segments, { timeLimitSeconds: 60 })
    if (least.bound !== undefined) {
      churn.least = { changed: least.bound, status: least.status }
      churn.beyondLeast = churn.changed - least.bound
      log(`  the least any schedule keeping fairness.load changes: ${least.bound} (${least.status})`)
    }
  }

  const t0 = performance.now()
  const judgedFirst = await judge(plan, today, first)
  const judgedAfter = await judge(changed, today, again)
  const judgeMs = performance.now() - t0
  return {
    name: c.name,
    label: c.label,
    size: c.size,
    shift: c.shift,
    kind: c.kind,
    cells: cellsOf(plan, first),
    first: judgedFirst,
    afterLeave: judgedAfter,
    maxDeviation: Math.max(0, ...first.fairness.map((r) => Math.abs(r.deviation))),
    churn,
    leave,
    fixedPoint: fixed.identical,
    ...(fixed.difference ? { fixedPointDifference: fixed.difference } : {}),
    ms: timed.ms,
    runs: timed.runs,
    judgeMs
  }
}
