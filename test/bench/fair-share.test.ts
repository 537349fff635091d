import { describe, expect, it } from '@jest/globals'
import { availableDays, fairLoadBound, maxLoadPerShare, relativeShares } from '../../bench/fair-share.js'
import { minMaxLoadBound } from '../../bench/lower-bound.js'
import { maxLoadPerCapacity } from '../../bench/metrics.js'
import { planLoadBound } from '../../bench/plan-bound.js'
import { loadVerdict, targets } from '../../bench/report.js'
import { roundRobinSchedule } from '../../bench/round-robin.js'
import { planCalendar, type CaseResult } from '../../bench/run-case.js'
import { benchWindow } from '../../bench/window.js'
import { segmentLoad } from '../../src/core/schedule/load.js'
import type { Plan } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'

describe('the bound under SPEC fairness, on two people', () => {
  // Two weeks of 10 units each. Ana is there both weeks; Ben leaves after the first, so only Ana can
  // take week 2. Any schedule can split 10/10 (Ben takes week 1), which is the plain bound; but SPEC
  // fairness owes Ben only a third of the load (7 days of 21 available), so a fair schedule gives Ana
  // 2/3 × 20 = 40/3 and Ben 20/3.
  const shares = relativeShares([1 * 14, 1 * 7])
  const items = [
    { demand: 10, candidates: [{ member: 0, cap: Infinity }, { member: 1, cap: Infinity }] },
    { demand: 10, candidates: [{ member: 0, cap: Infinity }] }
  ]

  it('scales shares to the largest, so the member there throughout counts at face value', () => {
    expect(shares).toEqual([1, 0.5])
  })

  it('is 40/3 where the plain min-max bound is 10', () => {
    const plain = minMaxLoadBound({ capacities: [1, 1], items })
    const fair = fairLoadBound(shares, items)
    expect(plain.bound).toBeCloseTo(10, 4)
    expect(fair.bound).toBeCloseTo(40 / 3, 9)
    expect(fair.uncovered).toBe(0)
  })

  it('rises above the SPEC target when only one person can take a stretch', () => {
    // Now week 2 weighs 30: Ana alone must take it, more than her 2/3 × 40 share; at L = 30 Ben's
    // cap of 15 is more than week 1, so the bound is Ana's 30.
    const heavy = [items[0]!, { ...items[1]!, demand: 30 }]
    const fair = fairLoadBound(shares, heavy)
    expect(fair.bound).toBeLessThanOrEqual(30)
    expect(fair.bound).toBeCloseTo(30, 3)
  })

  it('gives nothing to, and never divides by, someone with no available hours', () => {
    const fair = fairLoadBound([1, 0], [{ demand: 6, candidates: [{ member: 0, cap: Infinity }] }])
    expect(fair.bound).toBeCloseTo(6, 9)
    expect(relativeShares([0, 0])).toEqual([0, 0])
  })
})

describe('the SPEC fairness scale on a whole plan', () => {
  // Four people on weekly shifts for eight weeks, no public holidays (so every hour weighs alike for
  // everyone), and Dee leaves after the first four weeks.
  function deeLeaves(): Plan {
    const base = makePlan()
    const plan = makePlan({ oncall: { ...base.oncall, horizonDays: 56 } })
    return {
      ...plan,
      team: plan.team.map((m) => ({ ...m, holidayCode: undefined, ...(m.id === 'dee' ? { left: '2026-02-01' } : {}) })),
      oncall: { ...plan.oncall, holidays: { policy: 'avoid' } }
    }
  }

  const plan = deeLeaves()
  const window = benchWindow(plan, '2026-01-05')
  const cal = planCalendar(plan, window)
  const segments = roundRobinSchedule(plan, cal, window)
  const total = segments.reduce((sum, s) => sum + segmentLoad(plan, cal, s.member, s.role, s.start, s.end), 0)

  it('counts the days each member is there, from the first handoff at 10:00', () => {
    expect(availableDays(cal, 'ana', window, plan.timezone)).toBeCloseTo(56, 9)
    // 2026-01-05 10:00 to the end of 2026-02-01: 27 days and 14 hours
    expect(availableDays(cal, 'dee', window, plan.timezone)).toBeCloseTo(27 + 14 / 24, 9)
  })

  it('splits the load by presence: Dee is owed about half a share, the others carry the rest', () => {
    const bound = planLoadBound(plan, cal, window)
    const dee = bound.shares.get('main')!.get('dee')!
    expect(dee).toBeCloseTo((27 + 14 / 24) / 56, 9)
    expect(bound.bound).toBeCloseTo(total / 4, 4)
    expect(bound.fairBound).toBeCloseTo(total / (3 + dee), 4)
    expect(bound.fairBound).toBeGreaterThan(bound.bound * 1.1)
  })

  it('scores each member by load ÷ share, and no rota beats the bound on that scale', () => {
    const bound = planLoadBound(plan, cal, window)
    const perShare = maxLoadPerShare(plan, cal, segments, window, bound.shares)
    expect(perShare.value).toBeGreaterThanOrEqual(bound.fairBound)
    expect(perShare.value).toBeGreaterThanOrEqual(maxLoadPerCapacity(plan, cal, segments, window).value)
    const deeLoad = segments
      .filter((s) => s.member === 'dee')
      .reduce((sum, s) => sum + segmentLoad(plan, cal, s.member, s.role, s.start, s.end), 0)
    const onlyDee = new Map([['main', new Map([['dee', bound.shares.get('main')!.get('dee')!]])]])
    expect(maxLoadPerShare(plan, cal, segments, window, onlyDee).value).toBeCloseTo(deeLoad / onlyDee.get('main')!.get('dee')!, 9)
  })
})

describe('the largest-load target', () => {
  // A scheduler sitting on its fair target: 1.3 heaviest shifts above the plain bound, 0.3 above
  // the fair one. The report must say both, and which holds.
  const result = (overrides: Partial<CaseResult>): CaseResult => ({
    team: 10, shift: 'daily', method: 'opsplan', shifts: 728, maxLoad: 161.5, bound: 152.6, gapPercent: 5.8, gapShifts: 1.3,
    fairMaxLoad: 161.5, fairBound: 160.3, fairGapPercent: 0.7, fairGapShifts: 0.3,
    violations: { unstaffed: 0, doubleBooked: 0, away: 0, holidayOff: 0, total: 0, examples: [] },
    churn: 1, forced: 1, scratchChurn: 9, ms: 100, runs: 5, ...overrides
  })

  it('is judged against both bounds, neither hiding the other', () => {
    const rows = targets([result({}), result({ method: 'round-robin', gapShifts: 50, fairGapShifts: 49 })])
    const plain = rows.find((t) => t.name.includes('plain min-max bound'))!
    const fair = rows.find((t) => t.name.includes('SPEC fair-share bound'))!
    expect(plain).toMatchObject({ met: false, measured: 'worst 1.30 shifts, 5.8 % (10 members, daily)' })
    expect(fair).toMatchObject({ met: true, measured: 'worst 0.30 shifts, 0.7 % (10 members, daily)' })
    expect(loadVerdict([result({})])).toBe(
      'The largest-load target holds against the SPEC fair-share bound and does not hold against the plain min-max bound.'
    )
  })
})
