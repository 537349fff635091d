// The scheduler against the exact oracle, on random plans as hard as real teams: rotations that share
// members (a hub in up to four), a daily rotation beside a weekly one, clustered leave, date-time
// leave and swaps, investor periods, the three holiday policies, part-timers, hostile names. Wherever
// the oracle proves a schedule exists, the published one must be complete and break nothing; where
// the oracle keeps fairness.load, so must the scheduler; rendering again from the record it just
// wrote changes no byte. (The benchmark runs the same on hundreds of plans and also compares the
// largest deviation with the oracle's proven optimum.)
import { beforeAll, describe, expect, it } from '@jest/globals'
import { scheduleFixedPoint } from '../../bench/fixed-point.js'
import { checkSchedule, exactFeasible, optimalFairness, type FairnessOptimum, type FeasibilityResult } from '../../bench/oracle/index.js'
import type { ScheduleCheck } from '../../bench/oracle/check.js'
import { planToYaml, randomCases, type RandomCase } from '../../bench/oracle/random-plans.js'
import { effectiveRule } from '../../src/core/rules/catalogue.js'
import { runRules } from '../../src/core/rules/engine.js'
import { renderFiles } from '../../src/core/render-files.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import type { Problem, Schedule } from '../../src/core/types.js'
import { nowhere } from '../support/plan.js'

const RUNS = 14
const SEED = 8_2026
// what a plan no schedule can staff may show besides its gaps: a role held in pieces inside an
// investor period rather than left empty, and a swap that collides with another swap or a leave
const INFEASIBLE_MAY_SHOW = new Set(['unstaffed', 'investor-handover', 'swap-not-kept'])

interface Outcome {
  c: RandomCase
  schedule: Schedule
  /** Errors of the schedule's rules, but those about a swap the plan asks for and its member cannot keep. */
  errors: Problem[]
  feasible: FeasibilityResult
  check: ScheduleCheck
  optimum: FairnessOptimum
  secondRenderSame: boolean
  /** What the second run from the first run's record changed in the lock or the segments (none: the same). */
  secondRunDifference: string
}

const outcomes: Outcome[] = []

beforeAll(async () => {
  for (const c of randomCases(RUNS, SEED)) {
    const { plan, today } = c
    const schedule = buildSchedule(plan, { today })
    const errors = [...schedule.problems, ...runRules({ plan, schedule, today, file: 'opsplan.yaml', locate: nowhere })]
      .filter((p) => p.severity === 'error' && /^(coverage|investor|fairness)\./.test(p.rule) && p.planPath?.[0] !== 'swaps')
    const feasible = await exactFeasible(plan, today)
    const check = await checkSchedule(plan, today, schedule, { feasibility: feasible })
    const optimum = await optimalFairness(plan, today)
    const text = planToYaml(plan)
    const first = renderFiles({ plan: { text, file: 'opsplan.yaml' }, today })
    const lock = first.files['opsplan.lock.json']
    const second = lock ? renderFiles({ plan: { text, file: 'opsplan.yaml' }, lock: { text: lock, file: 'opsplan.lock.json' }, today }) : first
    const again = scheduleFixedPoint(plan, today, schedule)
    outcomes.push({
      c, schedule, errors, feasible, check, optimum,
      secondRenderSame: JSON.stringify(second.files) === JSON.stringify(first.files),
      secondRunDifference: again.difference ?? 'none'
    })
  }
}, 600_000)

describe(`the scheduler on ${RUNS} random overlapping plans, checked by an exact solver`, () => {
  it('covers both kinds of plan: some no schedule can staff, most that one can', () => {
    expect(outcomes.filter((o) => o.feasible.status === 'feasible').length).toBeGreaterThan(RUNS / 2)
    expect(outcomes.some((o) => o.feasible.status === 'infeasible')).toBe(true)
  })

  it('staffs every instant wherever any schedule could, with no gap and no error', () => {
    for (const { c, schedule, check, errors, feasible } of outcomes) {
      expect({ plan: c.name, avoidableUnstaffedHours: check.avoidableUnstaffedHours }).toEqual({ plan: c.name, avoidableUnstaffedHours: 0 })
      if (feasible.status !== 'feasible') continue
      expect({ plan: c.name, gaps: schedule.gaps, errors: errors.filter((p) => p.rule !== 'fairness.load') }).toEqual({ plan: c.name, gaps: [], errors: [] })
    }
  })

  it('breaks no hard rule: nobody away, in two places or outside their rotation; swaps and investor periods kept', () => {
    for (const { c, check, feasible } of outcomes) {
      const allowed = feasible.status === 'feasible' ? new Set<string>() : INFEASIBLE_MAY_SHOW
      expect({ plan: c.name, violations: check.violations.filter((v) => !allowed.has(v.kind)) }).toEqual({ plan: c.name, violations: [] })
    }
  })

  it('keeps everyone off call on their own public holiday wherever a rotation-mate is free (avoid)', () => {
    for (const { c, check } of outcomes) {
      expect({ plan: c.name, hours: check.avoidableHolidayHours }).toEqual({ plan: c.name, hours: 0 })
    }
  })

  it('keeps fairness.load wherever the oracle proves it can be kept', () => {
    for (const { c, schedule, optimum } of outcomes) {
      if (optimum.status !== 'optimal' || optimum.maxDeviation === undefined) continue
      const bound = effectiveRule(c.plan, 'fairness.load').params['max-deviation'] ?? 1
      const ours = Math.max(0, ...schedule.fairness.map((r) => Math.abs(r.deviation)))
      expect({ plan: c.name, kept: optimum.maxDeviation > bound || ours <= bound }).toEqual({ plan: c.name, kept: true })
    }
  })

  it('renders the same bytes a second time from the record it just wrote', () => {
    for (const { c, secondRenderSame } of outcomes) expect({ plan: c.name, same: secondRenderSame }).toEqual({ plan: c.name, same: true })
  })

  it('plans the same lock and segments a second time, errors or not (the lock alone, before any render)', () => {
    for (const { c, secondRunDifference } of outcomes) expect({ plan: c.name, difference: secondRunDifference }).toEqual({ plan: c.name, difference: 'none' })
  })
})

describe('plans whose second run once differed from the first', () => {
  // from the benchmark's seed: a primary shift that changed hands on the second run (25, 60), a swap
  // whose segment was cut at the record's boundary (31, 168), a shift that grew by a cover (54)
  const cases = randomCases(168, 20261201)
  it.each([25, 31, 54, 60, 168])('random plan %i of seed 20261201 is already a fixed point', (k) => {
    const c = cases[k - 1] as RandomCase
    expect({ plan: c.name, difference: scheduleFixedPoint(c.plan, c.today).difference ?? 'none' }).toEqual({ plan: c.name, difference: 'none' })
  })
})

describe('plans whose largest deviation once stayed far above the oracle\'s optimum', () => {
  // 185: a weekly rotation's member could take a week only by handing their daily shifts of the other
  // rotation to a third member; 56: a hub's investor weeks solved together with every other rotation's
  const cases = randomCases(185, 20261201)
  it.each([56, 185])('random plan %i of seed 20261201 comes within a quarter shift of the optimum', async (k) => {
    const c = cases[k - 1] as RandomCase
    const ours = Math.max(0, ...buildSchedule(c.plan, { today: c.today }).fairness.map((r) => Math.abs(r.deviation)))
    const optimum = await optimalFairness(c.plan, c.today)
    expect(optimum.status).toBe('optimal')
    expect({ plan: c.name, within: ours <= (optimum.maxDeviation ?? 0) + 0.25 }).toEqual({ plan: c.name, within: true })
  }, 120_000)

  // every member on call in one rotation or another most weeks, so no whole shift can move without
  // a rest break or another member's week on the way: the fairness-first detour takes days of a
  // shift as covers (25: half-timers 0.8 over where 0.39 is reachable; 91 of seed 777: 0.65 vs 0.09).
  // 11 and 177 of seed 4242: holiday hours nobody else could take were worth more than fairness
  // (0.96 against 0.04 and 0.51 reachable). 65, and 288 of seed 8675309: a weekly rotation beside
  // daily ones, where evening out takes three members over two weeks — one takes a week and hands
  // their daily shifts to a third, who gives them back a stretch another week (0.49 where 0.19 is
  // reachable; four people keeping three of them on call at every hour, 0.70 vs 0.18). 83 of seed
  // 777: two half-timers where no rota keeps fairness.load; the excess summed in each member's own
  // unit kept a day with the one further beyond the bound (3.23 where 2.44 is the least reachable)
  it.each([[25, 20261201], [91, 777], [11, 4242], [177, 4242], [65, 20261201], [288, 8675309], [83, 777]])('random plan %i of seed %i comes within a quarter shift of the optimum', async (k, seed) => {
    const c = randomCases(k, seed)[k - 1] as RandomCase
    const ours = Math.max(0, ...buildSchedule(c.plan, { today: c.today }).fairness.map((r) => Math.abs(r.deviation)))
    const optimum = await optimalFairness(c.plan, c.today)
    expect(optimum.status).toBe('optimal')
    expect({ plan: c.name, within: ours <= (optimum.maxDeviation ?? 0) + 0.25 }).toEqual({ plan: c.name, within: true })
  }, 120_000)
})
