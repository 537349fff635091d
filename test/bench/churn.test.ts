import { describe, expect, it } from '@jest/globals'
import { calendarFor, changedShiftRoles, churnLeave, churnOf, forcedShiftRoles } from '../../bench/churn.js'
import { rotationSlots } from '../../src/core/schedule/calendar.js'
import type { Leave, Plan, Schedule, ScheduledSegment, ShiftSlot } from '../../src/core/types.js'
import { duration, makePlan } from '../support/plan.js'

// Ana, Ben, Chen and Dee on weekly shifts from Monday 2026-01-05 10:00 New York (15:00 UTC), sixteen
// weeks published: week i's primary is member i mod 4, its secondary the next one.
const MEMBERS = ['ana', 'ben', 'chen', 'dee']

function sixteenWeeks(overrides: Partial<Plan> = {}): Plan {
  const base = makePlan()
  return makePlan({ ...overrides, oncall: { ...base.oncall, horizonDays: 112, ...overrides.oncall } })
}

function roundRobin(plan: Plan): { shifts: ShiftSlot[]; segments: ScheduledSegment[] } {
  const shifts = plan.oncall.rotations.flatMap((r) => rotationSlots(plan, r, '2026-04-27T04:00:00Z'))
  const segments = shifts
    .filter((s) => s.rotation === 'main')
    .flatMap((slot, i) => (['primary', 'secondary'] as const).map((role, k) => {
      const member = MEMBERS[(i + k) % 4]!
      return { rotation: 'main', role, member, start: slot.start, end: slot.end, shiftStart: slot.start, shiftMember: member, kind: 'shift' as const }
    }))
  return { shifts, segments }
}

function scheduleOf(plan: Plan, parts: { shifts: ShiftSlot[]; segments: ScheduledSegment[] }): Schedule {
  return {
    from: parts.shifts[0]!.start, to: parts.shifts[parts.shifts.length - 1]!.end, today: '2026-01-05', timezone: plan.timezone,
    frozenUntil: '2026-01-19T05:00:00Z', shifts: parts.shifts, segments: parts.segments, fairness: [], holidays: {}, companyHolidays: [],
    investorPeriods: [], gaps: [], problems: []
  }
}

const at = (segments: ScheduledSegment[], role: string, start: string): number => segments.findIndex((s) => s.role === role && s.start === start)

describe('churn after one new leave, on a hand-made pair of schedules', () => {
  const plan = sixteenWeeks()
  const before = roundRobin(plan)
  // Chen is primary in week 3 (from Monday 19 January) and away Tuesday to Saturday that week.
  const leave: Leave = { member: 'chen', from: '2026-01-20', to: '2026-01-24' }
  const changedPlan = sixteenWeeks({ leave: [leave] })
  const week3 = '2026-01-19T15:00:00Z'
  const week6 = '2026-02-09T15:00:00Z'

  it('forces the one shift-role whose recorded member is away in the new plan', () => {
    const forced = forcedShiftRoles(before.segments, calendarFor(changedPlan, scheduleOf(plan, before)), before.shifts)
    expect([...forced]).toEqual([`main|primary|${week3}`])
  })

  it('counts a cover over the leave days as one changed shift-role, and nothing when the schedule stays', () => {
    const after = before.segments.map((s) => ({ ...s }))
    const week = after.splice(at(after, 'primary', week3), 1)[0]!
    // Ana covers from Tuesday to Saturday, New York midnights; Chen keeps the rest of the week
    after.push(
      { ...week, end: '2026-01-20T05:00:00Z' },
      { ...week, member: 'ana', start: '2026-01-20T05:00:00Z', end: '2026-01-25T05:00:00Z', kind: 'cover' },
      { ...week, start: '2026-01-25T05:00:00Z' }
    )
    expect(changedShiftRoles(before.segments, after, before.shifts).size).toBe(1)
    expect(changedShiftRoles(before.segments, before.segments, before.shifts).size).toBe(0)
    expect(churnOf(before.segments, after, calendarFor(changedPlan, scheduleOf(plan, before)), before.shifts)).toEqual({ changed: 1, forced: 1, extra: 0 })
  })

  it('sees no change where the same member stays on call, split in two segments or one', () => {
    // week 6's secondary written as two covers meeting on Thursday (a leave's end splits the note)
    const after = before.segments.map((s) => ({ ...s }))
    const week = after.splice(at(after, 'secondary', week6), 1)[0]!
    after.push(
      { ...week, end: '2026-02-12T05:00:00Z', kind: 'cover' },
      { ...week, start: '2026-02-12T05:00:00Z', kind: 'cover' }
    )
    expect(changedShiftRoles(before.segments, after, before.shifts).size).toBe(0)
    // but a different member on either side of the split is a change
    after[after.length - 1]!.member = 'dee'
    expect([...changedShiftRoles(before.segments, after, before.shifts)]).toEqual([`main|secondary|${week6}`])
  })

  it('calls extra every change the leave does not force', () => {
    const after = before.segments.map((s) => ({ ...s }))
    after[at(after, 'primary', week3)]!.member = 'ana'
    // and a "rebalancing" move three weeks later: week 6's secondary goes from Chen to Dee
    expect(after[at(after, 'secondary', week6)]!.member).toBe('chen')
    after[at(after, 'secondary', week6)]!.member = 'dee'
    expect(churnOf(before.segments, after, calendarFor(changedPlan, scheduleOf(plan, before)), before.shifts)).toEqual({ changed: 2, forced: 1, extra: 1 })
  })

  it('counts a segment across two shifts of a daily grid against both', () => {
    const daily = sixteenWeeks({ oncall: { ...makePlan().oncall, horizonDays: 112, shiftDays: 1, shift: duration('1d') } })
    const shifts = rotationSlots(daily, 'main', '2026-01-10T00:00:00Z')
    const two = { rotation: 'main', role: 'primary' as const, member: 'ben', start: shifts[0]!.start, end: shifts[1]!.end }
    expect([...changedShiftRoles([two], [{ ...two, member: 'dee' }], shifts)]).toEqual([
      `main|primary|${shifts[0]!.start}`, `main|primary|${shifts[1]!.start}`
    ])
  })
})

describe('the new leave the bench adds', () => {
  it('goes to the member in the most rotations, on the first week they hold ten weeks out, from the day after the handoff', () => {
    // Ben and Dee also stand in a second rotation: Ben comes first in the team list.
    const base = makePlan()
    const plan = sixteenWeeks({
      oncall: { ...base.oncall, horizonDays: 112, rotations: [...base.oncall.rotations, { id: 'ml', name: 'ML', members: ['ben', 'dee'], roles: ['primary'], pipelines: [] }] }
    })
    const schedule = scheduleOf(plan, roundRobin(plan))
    // ten weeks from 5 January is 16 March; Ben's first week from then is his secondary week from 30 March
    expect(churnLeave(plan, schedule, '2026-01-05')).toEqual({ member: 'ben', from: '2026-03-31', to: '2026-04-04', reason: 'vacation' })
  })

  it('skips a week when one more person away would break the quarter-away agreement', () => {
    // One rotation: Ana comes first. Her first week from 16 March is her secondary week from 23
    // March, but Chen is away that Wednesday and Thursday, and one of four away is the most the team
    // agrees to: the leave goes to her next week, primary from 30 March.
    const plan = sixteenWeeks({ leave: [{ member: 'chen', from: '2026-03-25', to: '2026-03-26' }] })
    const schedule = scheduleOf(plan, roundRobin(plan))
    expect(churnLeave(plan, schedule, '2026-01-05')).toEqual({ member: 'ana', from: '2026-03-31', to: '2026-04-04', reason: 'vacation' })
    expect(churnLeave(sixteenWeeks(), scheduleOf(plan, roundRobin(plan)), '2026-01-05').from).toBe('2026-03-24')
  })
})
