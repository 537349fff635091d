import { describe, expect, it } from '@jest/globals'
import { changedShiftRoles, forcedByLeave, hardViolations, maxLoadPerCapacity } from '../../bench/metrics.js'
import { planLoadBound } from '../../bench/plan-bound.js'
import { roundRobinSchedule } from '../../bench/round-robin.js'
import { planCalendar } from '../../bench/run-case.js'
import { benchWindow } from '../../bench/window.js'
import { segmentLoad } from '../../src/core/schedule/load.js'
import type { Plan } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'

// Four people, weekly shifts from Monday 2026-01-05 10:00 New York, eight weeks published.
function eightWeeks(overrides: Partial<Plan> = {}): Plan {
  const base = makePlan()
  return makePlan({ ...overrides, oncall: { ...base.oncall, horizonDays: 56, ...overrides.oncall } })
}

function rota(plan: Plan) {
  const window = benchWindow(plan, '2026-01-05')
  const cal = planCalendar(plan, window)
  return { window, cal, segments: roundRobinSchedule(plan, cal, window) }
}

describe('the round-robin baseline', () => {
  it('goes round the list, this week\'s secondary being next week\'s primary', () => {
    const { segments, window } = rota(eightWeeks())
    expect(window.slots).toHaveLength(8)
    const primaries = segments.filter((s) => s.role === 'primary').map((s) => s.member)
    const secondaries = segments.filter((s) => s.role === 'secondary').map((s) => s.member)
    expect(primaries).toEqual(['ana', 'ben', 'chen', 'dee', 'ana', 'ben', 'chen', 'dee'])
    expect(secondaries).toEqual(['ben', 'chen', 'dee', 'ana', 'ben', 'chen', 'dee', 'ana'])
    expect(segments[0]).toMatchObject({ start: '2026-01-05T15:00:00Z', end: '2026-01-12T15:00:00Z', kind: 'shift' })
  })

  it('hands a week to the next free person on the list when its member is on leave', () => {
    // Ben is away the Wednesday of week 2, his primary week: Chen is secondary then, so Dee covers.
    const plan = eightWeeks({ leave: [{ member: 'ben', from: '2026-01-14', to: '2026-01-14' }] })
    const { segments, window, cal } = rota(plan)
    const week2 = segments.filter((s) => s.start === '2026-01-12T15:00:00Z')
    expect(week2.map((s) => [s.role, s.member, s.kind])).toEqual([['primary', 'dee', 'cover'], ['secondary', 'chen', 'shift']])
    expect(hardViolations(plan, cal, segments, window).total).toBe(0)
  })
})

describe('the schedule metrics', () => {
  it('counts a gap, a double booking and a shift held on leave', () => {
    const { window, segments } = rota(eightWeeks())
    const plan = eightWeeks({ leave: [{ member: 'ana', from: '2026-02-03', to: '2026-02-08' }] })
    const cal = planCalendar(plan, window)
    const broken = segments
      .filter((s) => !(s.role === 'secondary' && s.start === '2026-01-05T15:00:00Z'))
      .map((s) => (s.role === 'primary' && s.start === '2026-01-12T15:00:00Z' ? { ...s, member: 'chen' } : s))
    const v = hardViolations(plan, cal, broken, window)
    expect(v.unstaffed).toBe(1)
    expect(v.doubleBooked).toBe(1)
    expect(v.away).toBe(1)
    expect(v.total).toBe(3)
  })

  it('scores load per unit of capacity, so a half-timer on a full share stands out', () => {
    const base = eightWeeks()
    const plan = { ...base, team: base.team.map((m) => (m.id === 'dee' ? { ...m, capacity: 0.5 } : m)) }
    const { window, cal, segments } = rota(plan)
    const max = maxLoadPerCapacity(plan, cal, segments, window)
    expect(max.member).toBe('dee')
    expect(max.rotation).toBe('main')
  })

  it('tells the shifts a new leave forces from the ones a re-plan changes', () => {
    const plan = eightWeeks()
    const { window, segments } = rota(plan)
    const leave = { member: 'chen', from: '2026-01-20', to: '2026-01-25' }
    // chen is secondary in week 2 and primary in week 3; only week 3 overlaps the leave
    expect(forcedByLeave(plan, segments, leave, window)).toBe(1)
    const after = rota(eightWeeks({ leave: [leave] })).segments
    expect(changedShiftRoles(segments, after, window)).toBe(1)
    expect(changedShiftRoles(segments, segments, window)).toBe(0)
  })
})

describe('the bound for a whole plan', () => {
  // Without public holidays every member weighs each hour alike, so the even split is exact.
  function noHolidays(overrides: Partial<Plan> = {}): Plan {
    const plan = eightWeeks(overrides)
    return {
      ...plan,
      team: plan.team.map((m) => ({ ...m, holidayCode: undefined })),
      oncall: { ...plan.oncall, holidays: { policy: 'avoid' } }
    }
  }

  it('is the even split by capacity for a team with no leave, and no rota beats it', () => {
    const plan = noHolidays()
    const { window, cal, segments } = rota(plan)
    const bound = planLoadBound(plan, cal, window)
    const total = segments.reduce((sum, s) => sum + segmentLoad(plan, cal, s.member, s.role, s.start, s.end), 0)
    expect(bound.bound).toBeCloseTo(total / 4, 6)
    expect(maxLoadPerCapacity(plan, cal, segments, window).value).toBeGreaterThanOrEqual(bound.bound)
    // a week is 5 weekdays and 2 weekend days; the heaviest also has investor days (x 1.5)
    expect(bound.heaviestShift).toBeGreaterThan(8)
  })

  it('rises when a long leave leaves the others to carry a stretch alone', () => {
    // Ana and Ben away the same six weeks: Chen and Dee hold both roles then, half of six weeks'
    // load each, while the even split would be a quarter of eight weeks'.
    const plan = noHolidays({ leave: [
      { member: 'ana', from: '2026-01-05', to: '2026-02-15' },
      { member: 'ben', from: '2026-01-05', to: '2026-02-15' }
    ] })
    const { window, cal, segments } = rota(plan)
    const even = segments.reduce((sum, s) => sum + segmentLoad(plan, cal, s.member, s.role, s.start, s.end), 0) / 4
    const bound = planLoadBound(plan, cal, window)
    expect(bound.bound).toBeGreaterThan(even * 1.4)
    expect(hardViolations(plan, cal, segments, window).total).toBe(0)
    expect(maxLoadPerCapacity(plan, cal, segments, window).value).toBeGreaterThanOrEqual(bound.bound)
  })
})

describe('the bound over the holidays', () => {
  it('counts Christmas and New Year at holiday weight when the whole team has them off', () => {
    // Four people on the New York calendar, two weeks from Monday 2026-12-21: on 25 December and
    // 1 January somebody must work their own holiday, whoever it is, so every schedule pays double.
    const base = makePlan()
    const plan = makePlan({ oncall: { ...base.oncall, start: '2026-12-21', horizonDays: 14 } })
    const window = benchWindow(plan, '2026-12-21')
    const cal = planCalendar(plan, window)
    const segments = roundRobinSchedule(plan, cal, window)
    const total = segments.reduce((sum, s) => sum + segmentLoad(plan, cal, s.member, s.role, s.start, s.end), 0)
    const bound = planLoadBound(plan, cal, window)
    expect(cal.isHoliday('dee', '2026-12-25') && cal.isHoliday('ana', '2027-01-01')).toBe(true)
    expect(bound.bound).toBeCloseTo(total / 4, 6)
    expect(bound.fairBound).toBeCloseTo(total / 4, 6)
    expect(maxLoadPerCapacity(plan, cal, segments, window).value).toBeGreaterThanOrEqual(bound.bound)
  })
})
