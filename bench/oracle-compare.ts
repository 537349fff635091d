// The scheduler against the exact oracle on random overlapping plans: false gaps, hard breaks,
// avoidable holiday hours, max |deviation| against the proven optimum, fairness.load where the oracle
// keeps it, and the fixed point (a second render from the lock changes no byte).
import { renderFiles } from '../src/core/render-files.js'
import { buildSchedule } from '../src/core/schedule/index.js'
import { effectiveRule } from '../src/core/rules/catalogue.js'
import type { Plan } from '../src/core/types.js'
import { checkSchedule, exactFeasible, optimalFairness } from './oracle/index.js'
import { planToYaml, type RandomCase } from './oracle/random-plans.js'

export interface OracleRow {
  name: string
  feasible: 'feasible' | 'infeasible' | 'unknown'
  /** Hard violations other than gaps. */
  hard: number
  /** Gap hours where a schedule exists (false infeasibility). */
  falseGapHours: number
  avoidableHolidayHours: number
  maxDeviation: number
  /** The oracle's proven best max |deviation| (holder model), when it solved the plan. */
  optimum?: number
  optimumStatus: string
  bound: number
  /** fairness.load broken although the oracle keeps it. */
  brokenFairness: boolean
  /** Second render from the lock differs from the first. */
  notFixedPoint: boolean
  ms: number
}

/** Renders a plan's files twice, the second time from the lock the first wrote; true when they differ. */
export function secondRenderDiffers(plan: Plan, today: string): boolean {
  const text = planToYaml(plan)
  const file = 'opsplan.yaml'
  const first = renderFiles({ plan: { text, file }, today })
  const lockText = first.files['opsplan.lock.json']
  if (!lockText) return false
  const second = renderFiles({ plan: { text, file }, lock: { text: lockText, file: 'opsplan.lock.json' }, today })
  return JSON.stringify(first.files) !== JSON.stringify(second.files)
}

export async function compareWithOracle(c: RandomCase, opts: { fixedPoint?: boolean; timeLimitSeconds?: number } = {}): Promise<OracleRow> {
  const { plan, today } = c
  const t0 = performance.now()
  const schedule = buildSchedule(plan, { today })
  const ms = performance.now() - t0
  const oracleOpts = { timeLimitSeconds: opts.timeLimitSeconds ?? 10 }
  const a = await exactFeasible(plan, today, oracleOpts)
  const check = await checkSchedule(plan, today, schedule, { ...oracleOpts, feasibility: a })
  const bound = effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1
  const ours = Math.max(0, ...schedule.fairness.map((r) => Math.abs(r.deviation)))
  let optimum: number | undefined
  let optimumStatus = 'skipped'
  if (a.status === 'feasible') {
    const b = await optimalFairness(plan, today, oracleOpts)
    optimumStatus = b.status
    if (b.status === 'optimal') optimum = b.maxDeviation
  }
  return {
    name: c.name,
    feasible: a.status,
    hard: check.hard - (check.counts.unstaffed ?? 0),
    falseGapHours: check.avoidableUnstaffedHours,
    avoidableHolidayHours: check.avoidableHolidayHours,
    maxDeviation: ours,
    ...(optimum !== undefined ? { optimum } : {}),
    optimumStatus,
    bound,
    brokenFairness: optimum !== undefined && optimum <= bound && ours > bound,
    notFixedPoint: opts.fixedPoint === false ? false : secondRenderDiffers(plan, today),
    ms
  }
}
