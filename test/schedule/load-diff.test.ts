import { describe, expect, it } from '@jest/globals'
import { buildPlanCalendar } from '../../src/core/schedule/calendar.js'
import { diffSchedules } from '../../src/core/schedule/diff.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import { computeFairness, segmentLoad } from '../../src/core/schedule/load.js'
import type { Plan, Schedule, ScheduledSegment } from '../../src/core/types.js'
import { makePlan, member } from '../support/plan.js'

describe('weighted load', () => {
  const plan = makePlan()
  const cal = buildPlanCalendar(plan, '2026-01-01', '2026-12-31')

  it('weighs a plain weekday as one and a weekend day as one and a half', () => {
    // Tue 2026-03-10 and Sat 2026-03-14, midnight to midnight in New York (EDT)
    expect(segmentLoad(plan, cal, 'ana', 'primary', '2026-03-10T04:00:00Z', '2026-03-11T04:00:00Z')).toBe(1)
    expect(segmentLoad(plan, cal, 'ana', 'primary', '2026-03-14T04:00:00Z', '2026-03-15T04:00:00Z')).toBe(1.5)
    expect(segmentLoad(plan, cal, 'ana', 'secondary', '2026-03-14T04:00:00Z', '2026-03-15T04:00:00Z')).toBe(0.75)
  })

  it('counts Thanksgiving at holiday weight and investor days times one and a half', () => {
    expect(segmentLoad(plan, cal, 'ana', 'primary', '2026-11-26T05:00:00Z', '2026-11-27T05:00:00Z')).toBe(3) // holiday inside the investor period
    expect(segmentLoad(plan, cal, 'ana', 'primary', '2026-11-24T05:00:00Z', '2026-11-24T17:00:00Z')).toBe(0.75)
  })

  it('splits at local midnight, not UTC midnight', () => {
    // Fri 20:00 to Sat 04:00 New York: 4 weekday hours and 4 weekend hours
    expect(segmentLoad(plan, cal, 'ana', 'primary', '2026-03-14T00:00:00Z', '2026-03-14T08:00:00Z')).toBeCloseTo((4 + 6) / 24, 10)
  })

  it('gives a part-timer half the target of a full-timer', () => {
    const team = [member('ana', { capacity: 0.5 }), member('ben'), member('chen')]
    const p: Plan = makePlan({ team, oncall: { ...makePlan().oncall, rotations: [{ id: 'main', name: 'Main', members: ['ana', 'ben', 'chen'], roles: ['primary'], pipelines: [] }] } })
    const s = buildSchedule(p, { today: '2026-01-05' })
    // the scheduler's window: first handoff to the end of the horizon (today + 26 weeks)
    const rows = computeFairness(p, buildPlanCalendar(p, '2026-01-01', '2026-12-31'), s.segments, { from: s.from, to: '2026-07-06T04:00:00Z' }, s.shifts)
    const ana = rows.find((r) => r.member === 'ana')!
    const ben = rows.find((r) => r.member === 'ben')!
    expect(ana.target * 2).toBeCloseTo(ben.target, 1)
    expect(rows.every((r) => Math.abs(r.deviation) <= 1)).toBe(true)
    expect(rows).toEqual(s.fairness)
  })
})

describe('the fairness table counts shifts', () => {
  it('counts investor-period shifts held, not investor days, and own holidays worked as days', () => {
    const plan = makePlan()
    const cal = buildPlanCalendar(plan, '2026-01-01', '2026-12-31')
    const seg = (member: string, start: string, end: string): ScheduledSegment =>
      ({ rotation: 'main', role: 'primary', member, start, end, shiftStart: start, shiftMember: member, kind: 'shift' })
    // ana holds the week of the November investor period (Mon 23 .. Mon 30, five investor days and
    // Thanksgiving); ben holds the week after, which touches the period's last day; chen holds a
    // 10-hour stub of a week, less than half of it
    const rows = computeFairness(plan, cal, [
      seg('ana', '2026-11-23T15:00:00Z', '2026-11-30T15:00:00Z'),
      seg('ben', '2026-11-30T15:00:00Z', '2026-12-07T15:00:00Z'),
      seg('chen', '2026-12-07T15:00:00Z', '2026-12-08T01:00:00Z'),
      seg('dee', '2026-12-08T01:00:00Z', '2026-12-14T15:00:00Z')
    ], { from: '2026-11-23T15:00:00Z', to: '2026-12-14T15:00:00Z' })
    const by = (m: string) => rows.find((r) => r.member === m)!
    expect([by('ana').investor, by('ana').holidays, by('ana').shifts]).toEqual([1, 1, 1])
    expect([by('ben').investor, by('ben').shifts]).toEqual([1, 1])
    expect([by('chen').investor, by('chen').shifts]).toEqual([0, 0])
    expect([by('dee').investor, by('dee').shifts]).toEqual([0, 1])
  })
})

describe('what changed, in plain words', () => {
  const plan = makePlan()
  const before = buildSchedule(plan, { today: '2026-01-05' })
  const seg = (over: Partial<ScheduledSegment>): ScheduledSegment =>
    ({ rotation: 'main', role: 'primary', member: 'ana', start: '2026-11-23T15:00:00Z', end: '2026-11-30T15:00:00Z', shiftStart: '2026-11-23T15:00:00Z', shiftMember: 'ana', kind: 'shift', ...over })
  const only = (segments: ScheduledSegment[]): Schedule => ({ ...before, segments })

  it('names the leave, the swap, the holiday and the joiner', () => {
    const onLeave = { ...plan, leave: [{ member: 'ana', from: '2026-11-24', to: '2026-11-25', reason: 'vacation' }] }
    expect(diffSchedules(only([seg({})]), only([seg({ member: 'ben' })]), onLeave)[0]?.reason).toBe('ana on leave (vacation)')
    expect(diffSchedules(only([seg({})]), only([seg({ member: 'chen', kind: 'swap', note: 'swap: chen (swap with dee)' })]), plan)[0]?.reason).toBe('swap: chen (swap with dee)')
    // a holiday is the reason only where the one taking over does not have the day off too
    const chenInLondon = { ...plan, team: plan.team.map((m) => (m.id === 'chen' ? { ...m, holidays: 'GB-ENG', holidayCode: 'GB-ENG' } : m)) }
    expect(diffSchedules(only([seg({ member: 'ben' })]), only([seg({ member: 'chen' })]), chenInLondon)[0]?.reason).toBe("ben's public holiday (Thanksgiving Day)")
    expect(diffSchedules(only([seg({ member: 'ben' })]), only([seg({ member: 'chen' })]), plan)[0]?.reason).toBe('rebalanced for fairness')
    const joined = { ...plan, team: [...plan.team.slice(0, 3), member('dee', { joined: '2026-11-10' })] }
    const early = seg({ start: '2026-11-16T15:00:00Z', end: '2026-11-23T15:00:00Z', member: 'chen' })
    expect(diffSchedules(only([early]), only([{ ...early, member: 'dee' }]), joined)[0]?.reason).toBe('dee joined 2026-11-10')
    expect(diffSchedules(only([early]), only([{ ...early, member: 'ben' }]), plan)[0]?.reason).toBe('rebalanced for fairness')
  })

  it('merges neighbouring stretches and reports nothing for an unchanged schedule', () => {
    expect(diffSchedules(before, before, plan)).toEqual([])
    const a = only([seg({}), seg({ member: 'ana', kind: 'cover', start: '2026-11-30T15:00:00Z', end: '2026-12-01T05:00:00Z' })])
    const b = only([seg({ member: 'ben' }), seg({ member: 'ben', start: '2026-11-30T15:00:00Z', end: '2026-12-01T05:00:00Z' })])
    const benInLondon = { ...plan, team: plan.team.map((m) => (m.id === 'ben' ? { ...m, holidays: 'GB-ENG', holidayCode: 'GB-ENG' } : m)) }
    expect(diffSchedules(a, b, benInLondon)).toEqual([
      { rotation: 'main', role: 'primary', start: '2026-11-23T15:00:00Z', end: '2026-12-01T05:00:00Z', before: 'ana', after: 'ben', reason: "ana's public holiday (Thanksgiving Day)" }
    ])
  })
})
