// Coverage around the days that matter: public holidays and members' leave, over the whole published
// horizon. "Upcoming" is always relative to the `today` given, never the clock.
import { leaveInstants, memberZone } from '../plan/ranges.js'
import { fromMillis } from '../schedule/calendar.js'
import type { Holiday, Leave, LocalDate, Plan, Role, Rotation, Schedule, UtcInstant } from '../types.js'
import {
  addDays, clockTime, localDateTime, localDay, memberName, overlapping, plural, rangeWords, rotationName, startOfDay
} from './handbook-format.js'
import { coverReason, pieces, piecesInWords, type Piece } from './handbook-holders.js'
import { NO_SCHEDULE } from './handbook-rota.js'
import { cell, code, foldedTable, inline, table } from './markdown.js'

/** Rows of the holiday and investor tables shown before the rest fold away. */
export const VISIBLE_ROWS = 6

/** The last local date of the published horizon: the day before `today + horizon`. */
export function horizonEnd(plan: Plan, today: LocalDate): LocalDate {
  return addDays(today, plan.oncall.horizonDays - 1)
}

export function rolesHeader(plan: Plan): string[] {
  const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
  return roles.map((r) => `${r.charAt(0).toUpperCase() + r.slice(1)} on call`)
}

/** Whether a member is on leave at any moment of `[from, to)`, in their own zone. */
export function onLeaveDuring(plan: Plan, member: string, from: UtcInstant, to: UtcInstant): boolean {
  const start = Date.parse(from)
  const end = Date.parse(to)
  return plan.leave.some((l) => {
    if (l.member !== member) return false
    const at = leaveInstants(plan, l)
    return at.start < end && at.end > start
  })
}

/** Whether anyone else in the rotation was free then: present, not on their own holiday, holding no role. */
function someoneElseFree(plan: Plan, schedule: Schedule, rotation: Rotation, member: string, date: LocalDate, from: UtcInstant, to: UtcInstant): boolean {
  const busy = new Set(overlapping(schedule.segments, from, to).map((s) => s.member))
  return rotation.members.some((id) => {
    if (id === member || busy.has(id)) return false
    const m = plan.team.find((x) => x.id === id)
    if (!m || (m.joined && date < m.joined) || (m.left && date > m.left)) return false
    if (onLeaveDuring(plan, id, from, to)) return false
    return !(schedule.holidays[id] ?? []).some((h) => h.date === date)
  })
}

/**
 * Who holds each role on a holiday. A cover is named as one ("Ben covers Ana") only where it stands
 * in for someone whose holiday it is; whoever works their own holiday says so, and why.
 */
function onCallThatDay(plan: Plan, schedule: Schedule, date: LocalDate, observers: Set<string>): string[] {
  const from = startOfDay(date, plan.timezone)
  const to = startOfDay(addDays(date, 1), plan.timezone)
  const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
  const many = plan.oncall.rotations.length > 1
  const policy = plan.oncall.holidays.policy
  return roles.map((role) => {
    const lines = plan.oncall.rotations.filter((r) => r.roles.includes(role)).map((r) => {
      const describe = (p: Piece): string => {
        const s = p.segment
        const name = memberName(plan, s.member)
        // a cover for someone on leave that day is the leave's story, told in the vacation table
        if (s.kind === 'cover' && s.shiftMember !== s.member && observers.has(s.shiftMember) &&
          !coverReason(s)?.startsWith('on leave')) {
          return `${name} covers ${memberName(plan, s.shiftMember)}`
        }
        if (!observers.has(s.member)) return name
        if (policy === 'work') return `${name} (own holiday, counts ×${plan.oncall.weights.holiday})`
        if (policy === 'avoid' && !someoneElseFree(plan, schedule, r, s.member, date, p.start, p.end)) {
          return `${name} (works it: nobody else free)`
        }
        return `${name} (own holiday)`
      }
      const who = piecesInWords(pieces(schedule, r.id, role, from, to), describe, (t) => clockTime(t, plan.timezone, to))
      return many ? `${rotationName(plan, r.id)}: ${who}` : who
    })
    return cell(lines.join('\n'))
  })
}

function policyWords(plan: Plan): string {
  const h = plan.oncall.holidays
  const weight = plan.oncall.weights.holiday
  const company = h.company ? `The company calendar is ${code(h.company)}; ` : 'There is no company calendar; '
  const calendars = company + 'members who name no calendar of their own follow it (see [Team](#team)).'
  const policy = {
    avoid:
      'Policy **avoid**: nobody is on call on their own public holiday when another member of the rotation is ' +
      `free to take it. Where nobody is, they work it, and the day counts ×${weight} toward their load.`,
    off: 'Policy **off**: nobody is ever on call on their own public holiday; when nobody else can cover, ' +
      'the plan is reported as infeasible rather than quietly leaving a gap.',
    work: `Policy **work**: holidays do not change who is on call; a holiday on call counts ×${weight} toward the load.`
  }[h.policy]
  return `${policy} ${calendars}`
}

interface HolidayDay {
  date: LocalDate
  /** Each holiday's name with the calendars it belongs to. */
  names: Map<string, Set<string>>
  observers: Set<string>
}

/** Public holidays from `today` to `until`, one entry per date (two calendars may name the same day differently). */
function upcomingHolidays(schedule: Schedule, today: LocalDate, until: LocalDate): HolidayDay[] {
  const byDate = new Map<LocalDate, HolidayDay>()
  const add = (h: Holiday, member?: string) => {
    if (h.date < today || h.date > until) return
    const day = byDate.get(h.date) ?? { date: h.date, names: new Map<string, Set<string>>(), observers: new Set<string>() }
    day.names.set(h.name, (day.names.get(h.name) ?? new Set<string>()).add(h.code))
    if (member) day.observers.add(member)
    byDate.set(h.date, day)
  }
  schedule.companyHolidays.forEach((h) => add(h))
  for (const [member, list] of Object.entries(schedule.holidays).sort(([a], [b]) => a.localeCompare(b))) {
    list.forEach((h) => add(h, member))
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
}

export function holidaySection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  const parts = [policyWords(plan)]
  if (!schedule) return [...parts, NO_SCHEDULE].join('\n\n')
  const until = horizonEnd(plan, today)
  const days = upcomingHolidays(schedule, today, until)
  const rows = days.map((h) => {
    const names = [...h.names.entries()].map(([name, codes]) => `${name} (${[...codes].sort().join(', ')})`)
    const observers = plan.team.filter((m) => h.observers.has(m.id)).map((m) => m.name)
    return [
      cell(localDay(h.date)),
      cell(names.join('\n')),
      cell(observers.join(', ') || '—'),
      ...onCallThatDay(plan, schedule, h.date, h.observers)
    ]
  })
  const last = days[days.length - 1]?.date ?? until
  parts.push(
    `**Public holidays** from ${inline(today)} to ${inline(until)} (the published schedule), and who is on call on ` +
      'each; times are local, and a cover names whose holiday it is:',
    rows.length > 0
      ? foldedTable(['Date', 'Holiday (calendar)', 'Observed by', ...rolesHeader(plan)], rows, {
          visible: VISIBLE_ROWS,
          summary: (n) => `${plural(n, 'more holiday')}, to ${localDay(last)}`
        })
      : 'No public holidays fall in this time.'
  )
  return parts.join('\n\n')
}

interface Taker {
  member: string
  /** True where the member covers part of a shift of the member on leave. */
  cover: boolean
  start: UtcInstant
  end: UtcInstant
}

/**
 * Who takes one role while a member is away: a cover of their own shift is named as a cover; any
 * other stretch goes to the member whose shift it is (a cover for someone else's holiday is that
 * holiday's story, told in the holiday table).
 */
function takers(schedule: Schedule, leave: Leave, rotation: string, role: Role, from: UtcInstant, to: UtcInstant): Taker[] {
  const out: Taker[] = []
  for (const p of pieces(schedule, rotation, role, from, to)) {
    const s = p.segment
    const cover = s.kind === 'cover' && s.shiftMember === leave.member
    const member = cover ? s.member : s.shiftMember
    if (member === leave.member) continue
    const last = out[out.length - 1]
    if (last && last.end === p.start && last.member === member && last.cover === cover) last.end = p.end
    else out.push({ member, cover, start: p.start, end: p.end })
  }
  return out
}

/** One line per rotation and role: who takes it while the member is away, from when to when. */
function coverageLines(plan: Plan, schedule: Schedule, leave: Leave): string {
  const rotations = plan.oncall.rotations.filter((r) => r.members.includes(leave.member))
  if (rotations.length === 0) return 'Not in an on-call rotation.'
  const at = leaveInstants(plan, leave)
  const from = fromMillis(at.start)
  const to = fromMillis(at.end)
  const zone = plan.timezone
  const span = (a: UtcInstant, b: UtcInstant) => `${localDateTime(a, zone)} → ${localDateTime(b, zone)}`
  const many = rotations.length > 1
  const lines = rotations.flatMap((r) => r.roles.map((role) => {
    const taken = takers(schedule, leave, r.id, role, from, to)
      .map((t) => `${memberName(plan, t.member)}${t.cover ? ' covers' : ''} ${span(t.start, t.end)}`)
    const gaps = schedule.gaps
      .filter((g) => g.rotation === r.id && g.role === role && g.start < to && g.end > from)
      .map((g) => `nobody ${span(g.start < from ? from : g.start, g.end > to ? to : g.end)} (${g.reason})`)
    const who = [...taken, ...gaps].join(', ') || 'beyond the published schedule'
    const label = `${many ? `${rotationName(plan, r.id)} ` : ''}${role}`
    return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${who}`
  }))
  return lines.join('\n')
}

/** The leave as written, with the member's zone where their days are not the plan's. */
function leaveWords(plan: Plan, leave: Leave): string {
  const zone = memberZone(plan, leave.member)
  return zone === plan.timezone ? rangeWords(leave) : `${rangeWords(leave)} (${zone})`
}

export function vacationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate, planFile: string): string {
  const todayStart = Date.parse(startOfDay(today, plan.timezone))
  const upcoming = plan.leave
    .map((leave) => ({ leave, at: leaveInstants(plan, leave) }))
    .filter(({ at }) => at.end > todayStart)
    .sort((a, b) => a.at.start - b.at.start || a.leave.member.localeCompare(b.leave.member))
    .map(({ leave }) => leave)
  const intro =
    `Leave is planned in ${code(planFile)} under \`leave:\`, in each member's own days. Nobody is on call during ` +
    'their leave: the scheduler gives the shifts it touches to others where it can (whole shifts) and, for ' +
    'shifts already published, has someone cover only the time away. Each line says who holds one of the ' +
    `member's roles while they are away, from when to when (times in ${inline(plan.timezone)}).`
  if (upcoming.length === 0) return `${intro}\n\nNo leave is planned from ${inline(today)} on.`
  const rows = upcoming.map((l) => [
    cell(memberName(plan, l.member)),
    cell(leaveWords(plan, l)),
    cell(l.reason ?? '—'),
    schedule ? cell(coverageLines(plan, schedule, l)) : cell('The schedule could not be computed.')
  ])
  const parts = [intro, table(['Member', 'Leave', 'Reason', 'Who takes the shifts'], rows)]
  if (!schedule) parts.push(NO_SCHEDULE)
  return parts.join('\n\n')
}
