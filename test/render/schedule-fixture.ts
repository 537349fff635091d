// A hand-built schedule for the render tests: weekly shifts from the plan's start, primary going
// round the rotation and the next member as secondary, with covers cut in where a test asks. It
// stands in for the scheduler so the renderers can be tested on their own.
import { DateTime } from 'luxon'
import type { FairnessRow, Holiday, LocalDate, Plan, Role, Schedule, ScheduledSegment, ShiftSlot } from '../../src/core/types.js'

const ISO = "yyyy-MM-dd'T'HH:mm:ss'Z'"

export interface Cover {
  role: Role
  /** The member whose shift is covered, on these local dates (inclusive). */
  member: string
  from: LocalDate
  to: LocalDate
  by: string
  note: string
}

function local(date: LocalDate, plan: Plan): DateTime {
  return DateTime.fromISO(date, { zone: plan.timezone }).set({ hour: plan.oncall.handoff.hour, minute: plan.oncall.handoff.minute })
}

function utc(dt: DateTime): string {
  return dt.toUTC().toFormat(ISO)
}

function dayStart(date: LocalDate, plan: Plan): string {
  return utc(DateTime.fromISO(date, { zone: plan.timezone }).startOf('day'))
}

function applyCover(segments: ScheduledSegment[], cover: Cover, plan: Plan): ScheduledSegment[] {
  const from = dayStart(cover.from, plan)
  const to = utc(DateTime.fromISO(cover.to, { zone: plan.timezone }).plus({ days: 1 }).startOf('day'))
  return segments.flatMap((s) => {
    if (s.member !== cover.member || s.role !== cover.role || s.end <= from || s.start >= to) return [s]
    const pieces: ScheduledSegment[] = []
    if (s.start < from) pieces.push({ ...s, end: from })
    pieces.push({
      ...s,
      start: s.start < from ? from : s.start,
      end: s.end > to ? to : s.end,
      member: cover.by,
      kind: 'cover',
      note: cover.note
    })
    if (s.end > to) pieces.push({ ...s, start: to })
    return pieces
  })
}

const US_NY_2026: Array<[LocalDate, string]> = [
  ['2026-01-19', 'Martin Luther King Jr. Day'],
  ['2026-02-16', "Washington's Birthday"],
  ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth'],
  ['2026-07-03', 'Independence Day (substitute day)']
]

export function weeklySchedule(plan: Plan, options: { today: LocalDate; weeks?: number; covers?: Cover[] }): Schedule {
  const rotation = plan.oncall.rotations[0]
  if (!rotation) throw new Error('fixture needs a rotation')
  const weeks = options.weeks ?? Math.round(plan.oncall.horizonDays / 7)
  const start = local(plan.oncall.start, plan)
  const shifts: ShiftSlot[] = []
  let segments: ScheduledSegment[] = []
  const n = rotation.members.length
  for (let i = 0; i < weeks; i++) {
    const s = start.plus({ weeks: i })
    const e = start.plus({ weeks: i + 1 })
    const slot: ShiftSlot = {
      rotation: rotation.id,
      index: i,
      start: utc(s),
      end: utc(e),
      startDate: s.toISODate() ?? '',
      endDate: e.toISODate() ?? ''
    }
    shifts.push(slot)
    rotation.roles.forEach((role, r) => {
      const member = rotation.members[(i + r) % n] ?? ''
      segments.push({ rotation: rotation.id, role, member, start: slot.start, end: slot.end, shiftStart: slot.start, shiftMember: member, kind: 'shift' })
    })
  }
  for (const cover of options.covers ?? []) segments = applyCover(segments, cover, plan)
  const holidays: Holiday[] = US_NY_2026.map(([date, name]) => ({ date, name, code: 'US-NY' }))
  const fairness: FairnessRow[] = rotation.members.map((member, i) => ({
    member,
    rotations: { [rotation.id]: 40 + i * 0.25 },
    load: 40 + i * 0.25,
    target: 40.5,
    deviation: (i * 0.25 - 0.5) / 8,
    shifts: 13,
    holidays: i % 2,
    investor: 3
  }))
  return {
    from: shifts[0]?.start ?? '',
    to: shifts[shifts.length - 1]?.end ?? '',
    today: options.today,
    frozenUntil: dayStart(DateTime.fromISO(options.today, { zone: 'utc' }).plus({ days: plan.oncall.freezeDays }).toISODate() ?? '', plan),
    shifts,
    segments: segments.sort((a, b) => a.start.localeCompare(b.start) || a.role.localeCompare(b.role)),
    fairness,
    holidays: Object.fromEntries(plan.team.map((m) => [m.id, holidays])),
    companyHolidays: holidays,
    investorPeriods: [
      { from: '2026-05-22', to: '2026-05-29', label: 'May 2026' },
      { from: '2026-06-24', to: '2026-06-30', label: 'June 2026' }
    ],
    gaps: [],
    problems: []
  }
}
