import { describe, expect, it } from '@jest/globals'
import { availableDays, fairLoadBound, maxLoadPerShare, relativeShares } from '../../bench/fair-share.js'
import { minMaxLoadBound } from '../../bench/lower-bound.js'
import { maxLoadPerCapacity } from '../../bench/metrics.js'
import { planLoadBound } from '../../bench/plan-bound.js'
import { movesVerdict, targets } from '../../bench/report.js'
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
  // A steady team near the plain bound, and a team with a joiner whose scheduler sits on its fair
  // target: 2.8 heaviest shifts above the plain bound, 0.3 above the fair one.
  const result = (overrides: Partial<CaseResult>): CaseResult => ({
    team: 10, label: '10', kind: 'steady', shift: 'daily', method: 'opsplan', shifts: 728,
    maxLoad: 153.9, bound: 153.2, gapPercent: 0.5, gapShifts: 0.23,
    fairMaxLoad: 153.9, fairBound: 153.2, fairGapPercent: 0.5, fairGapShifts: 0.23, heaviestShift: 3,
    violations: { unstaffed: 0, doubleBooked: 0, away: 0, holidayOff: 0, total: 0, examples: [] },
    churn: 1, forced: 1, scratchChurn: 9, ms: 100, runs: 5, fairTarget: 153.5, ...overrides
  })
  const joiner = result({
    label: '10 (1 join, 1 leave)', kind: 'moves', maxLoad: 161.7, gapPercent: 5.5, gapShifts: 2.83,
    fairMaxLoad: 161.7, fairBound: 160.8, fairGapPercent: 0.6, fairGapShifts: 0.3, fairTarget: 161.2
  })

  it('holds steady teams to the plain min-max bound and teams with joiners and leavers to the SPEC bound', () => {
    const rows = targets([result({}), result({ method: 'round-robin', gapShifts: 50, fairGapShifts: 49 }), joiner])
    const plain = rows.find((t) => t.name === 'largest load within one heaviest shift of the bound')!
    const moves = rows.find((t) => t.name.startsWith('with joiners and leavers'))!
    expect(plain).toMatchObject({ met: true, measured: 'worst 0.23 shifts, 0.5 % (10 members, daily)' })
    expect(moves).toMatchObject({ met: true, measured: 'worst 0.30 shifts, 0.6 % (10 members with joiners and leavers, daily)' })
  })

  it('fails the plain target when a steady team sits more than one heaviest shift above the bound', () => {
    const rows = targets([result({ gapShifts: 1.4, gapPercent: 2.7 })])
    expect(rows.find((t) => t.name === 'largest load within one heaviest shift of the bound')).toMatchObject({ met: false })
  })

  it('says how far SPEC fairness puts a team with joiners above the plain bound, never hiding the plain gap', () => {
    expect(movesVerdict([result({}), joiner])).toContain('the largest fair target alone sits up to 2.67 heaviest shifts above the plain bound')
    expect(movesVerdict([joiner])).toContain("opsplan's gap to the plain bound there is at most 2.83 shifts (10 members with joiners and leavers, daily)")
    expect(movesVerdict([result({})])).toBe('')
  })
})

describe('the speed target', () => {
  const run = (shift: string, kind: 'steady' | 'moves', ms: number): CaseResult => ({
    team: 200, label: kind === 'steady' ? '200' : '200 (10 join, 10 leave)', kind, shift, method: 'opsplan', shifts: 728,
    maxLoad: 1, bound: 1, gapPercent: 0, gapShifts: 0, fairMaxLoad: 1, fairBound: 1, fairGapPercent: 0, fairGapShifts: 0, heaviestShift: 3,
    violations: { unstaffed: 0, doubleBooked: 0, away: 0, holidayOff: 0, total: 0, examples: [] },
    churn: 0, forced: 0, scratchChurn: 0, ms, runs: 5
  })

  it('is judged on the slowest 200-member run of either kind, and lists them all', () => {
    const speed = (results: CaseResult[]) => targets(results).find((t) => t.name.startsWith('200 members'))
    expect(speed([run('weekly', 'steady', 350), run('daily', 'steady', 700), run('daily', 'moves', 650)])).toEqual({
      name: '200 members × 2 years scheduled in under 1 s',
      measured: 'weekly 350 ms, daily 700 ms; with joiners and leavers daily 650 ms',
      met: true
    })
    expect(speed([run('daily', 'steady', 700), run('daily', 'moves', 1010)])?.met).toBe(false)
  })
})
