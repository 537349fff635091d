// The scheduler against the exact oracle on one random overlapping plan: false gaps, hard breaks,
// avoidable holiday hours, max |deviation| against the oracle's best schedule, fairness.load where the
// oracle keeps it, and the fixed point (a second run from the lock changes no byte).
import { performance } from 'node:perf_hooks'
import { effectiveRule } from '../src/core/rules/catalogue.js'
import { buildSchedule } from '../src/core/schedule/index.js'
import type { Plan } from '../src/core/types.js'
import { renderFixedPoint, scheduleFixedPoint, scheduleRulesOnly } from './fixed-point.js'
import { checkSchedule, exactFeasible, optimalFairness, type FeasibilityResult, type ScheduleCheck } from './oracle/index.js'
import type { RandomCase } from './oracle/random-plans.js'
import { hardRuleErrors } from './rule-errors.js'

/** The tolerance: max |deviation| within this many shifts of the oracle's optimum. */
export const DEVIATION_TOLERANCE = 0.25

export interface OracleRow {
  name: string
  /** (a): is there a schedule meeting every hard constraint? */
  feasible: FeasibilityResult['status']
  /** Hard violations other than gaps (gaps are counted apart, against (a)). */
  hard: number
  /** The first of them, in words. */
  hardExample?: string
  /** Gap hours the scheduler declared. */
  gapHours: number
  /** Unstaffed hours beyond what (a) proves no schedule can staff: a false gap where > 0. */
  falseGapHours: number
  /** Gaps declared although (a) found a schedule meeting every hard constraint. */
  falseInfeasible: boolean
  /** Errors of the hard-constraint rules (swaps aside) although (a) found a schedule: what a user sees. */
  falseErrors: number
  falseErrorExample?: string
  avoidableHolidayHours: number
  maxDeviation: number
  /** (b): the true max |deviation| of the oracle's best schedule, when it found one. */
  optimum?: number
  /** `optimal` (proven within the oracle's fairness gap), `time-limit`, `infeasible` or `skipped`. */
  optimumStatus: string
  /** max-deviation of fairness.load for this plan. */
  bound: number
  /** More than {@link DEVIATION_TOLERANCE} above the oracle's optimum. */
  aboveOptimum: boolean
  /** fairness.load broken although the oracle's schedule keeps it. */
  brokenFairness: boolean
  /** A second run from the lock differs (schedule bytes, or the rendered files where the plan renders). */
  notFixedPoint: boolean
  fixedPointDifference?: string
  /** The plan renders (with its non-schedule rules off), so the files were compared too. */
  rendered: boolean
  /** buildSchedule, once, milliseconds. */
  ms: number
}

export interface CompareOptions {
  /** Seconds per MILP solve of the oracle (default 10). */
  timeLimitSeconds?: number
}

const round2 = (x: number): number => Math.round(x * 100) / 100

/**
 * Hard violations but gaps; but a swap that cannot be kept inside a stretch (a) proves infeasible; and
 * but an investor unit that changes hands across such a stretch. There some hard constraint must
 * break: (a) leaves a role unstaffed, the scheduler may instead keep everyone staffed and let one unit
 * change hands (it reports `investor.presence` then). Which role (a) leaves is its own choice among
 * equals, so the unit's role need not be the one (a) names.
 */
function hardBreaks(check: ScheduleCheck, a: FeasibilityResult): ScheduleCheck['violations'] {
  const unitCannotHold = (v: ScheduleCheck['violations'][number]): boolean => a.infeasible.some((s) => s.start < v.end && v.start < s.end)
  return check.violations.filter((v) => v.kind !== 'unstaffed' &&
    !(v.kind === 'swap-not-kept' && a.infeasible.some((s) => s.start <= v.start && v.end <= s.end)) &&
    !(v.kind === 'investor-handover' && unitCannotHold(v)))
}

export async function compareWithOracle(c: RandomCase, opts: CompareOptions = {}): Promise<OracleRow> {
  const { plan, today } = c
  const t0 = performance.now()
  const schedule = buildSchedule(plan, { today })
  const ms = performance.now() - t0
  const oracle = { timeLimitSeconds: opts.timeLimitSeconds ?? 10 }
  const a = await exactFeasible(plan, today, oracle)
  const check = await checkSchedule(plan, today, schedule, { ...oracle, feasibility: a })
  const breaks = hardBreaks(check, a)
  const bound = effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1
  const ours = round2(Math.max(0, ...schedule.fairness.map((r) => Math.abs(r.deviation))))
  let optimum: number | undefined
  let optimumStatus = 'skipped'
  if (a.status === 'feasible') {
    const b = await optimalFairness(plan, today, oracle)
    optimumStatus = b.status
    optimum = b.maxDeviation
  }
  const errors = a.status === 'feasible' ? hardRuleErrors(plan, today, schedule) : []
  const fixed = fixedPoint(plan, today, schedule)
  return {
    name: c.name,
    feasible: a.status,
    hard: breaks.length,
    ...(breaks[0] ? { hardExample: `${breaks[0].kind} ${breaks[0].rotation}/${breaks[0].role} ${breaks[0].start}: ${breaks[0].detail}` } : {}),
    gapHours: check.declaredGapHours,
    falseGapHours: check.avoidableUnstaffedHours,
    falseInfeasible: a.status === 'feasible' && schedule.gaps.length > 0,
    falseErrors: errors.length,
    ...(errors[0] ? { falseErrorExample: `${errors[0].rule}: ${errors[0].message}` } : {}),
    avoidableHolidayHours: check.avoidableHolidayHours,
    maxDeviation: ours,
    ...(optimum !== undefined ? { optimum } : {}),
    optimumStatus,
    bound,
    // against the oracle's best schedule: proven within its fairness gap when `optimal`, and in any
    // case a schedule that exists
    aboveOptimum: optimum !== undefined && ours > optimum + DEVIATION_TOLERANCE + 1e-9,
    brokenFairness: optimum !== undefined && optimum <= bound + 1e-9 && ours > bound + 1e-9,
    notFixedPoint: !fixed.identical,
    ...(fixed.difference ? { fixedPointDifference: fixed.difference } : {}),
    rendered: fixed.rendered,
    ms
  }
}

/** Both fixed-point checks: the schedule's bytes always, the rendered files where the plan renders. */
function fixedPoint(plan: Plan, today: string, schedule: ReturnType<typeof buildSchedule>): { identical: boolean; difference?: string; rendered: boolean } {
  const own = scheduleFixedPoint(plan, today, schedule)
  const files = renderFixedPoint(scheduleRulesOnly(plan), today)
  const difference = own.difference ?? (files.identical ? undefined : `second render changes ${files.differing.join(', ')}`)
  return { identical: own.identical && files.identical, ...(difference ? { difference } : {}), rendered: files.rendered }
}
