// Coverage around the days that matter: public holidays, members' leave and the investor-report
// periods. "Upcoming" is always relative to the `today` given, never the clock.
import type { Holiday, Leave, LocalDate, Plan, Role, Rotation, Schedule, ShiftSlot, UtcInstant } from '../types.js'
import {
  addDays, clockTime, dayRange, localDay, memberName, overlapping, rotationName, shortDateTime,
  shortDay, startOfDay
} from './handbook-format.js'
import { holderWords, pieces, piecesInWords, type Piece } from './handbook-holders.js'
import { NO_SCHEDULE } from './handbook-rota.js'
import { cell, code, inline, table } from './markdown.js'

/** How far ahead holidays and investor periods are listed. */
export const AHEAD_DAYS = 92

export function rolesHeader(plan: Plan): string[] {
  const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
  return roles.map((r) => `${r.charAt(0).toUpperCase() + r.slice(1)} on call`)
}

/** Whether anyone else in the rotation was free then: present, not on their own holiday, holding no role. */
function someoneElseFree(plan: Plan, schedule: Schedule, rotation: Rotation, member: string, date: LocalDate, from: UtcInstant, to: UtcInstant): boolean {
  const busy = new Set(overlapping(schedule.segments, from, to).map((s) => s.member))
  return rotation.members.some((id) => {
    if (id === member || busy.has(id)) return false
    const m = plan.team.find((x) => x.id === id)
    if (!m || (m.joined && date < m.joined) || (m.left && date > m.left)) return false
    if (plan.leave.some((l) => l.member === id && l.from <= date && l.to >= date)) return false
    return !(schedule.holidays[id] ?? []).some((h) => h.date === date)
  })
}

/** Who holds each role on a holiday, naming covers and anyone working their own holiday (and why). */
function onCallThatDay(plan: Plan, schedule: Schedule, date: LocalDate, observers: Set<string>): string[] {
  const from = startOfDay(date, plan.timezone)
  const to = startOfDay(addDays(date, 1), plan.timezone)
  const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
  const many = plan.oncall.rotations.length > 1
  const policy = plan.oncall.holidays.policy
  return roles.map((role) => {
    const lines = plan.oncall.rotations.filter((r) => r.roles.includes(role)).map((r) => {
      const describe = (p: Piece): string => {
        const words = holderWords(plan, p.segment)
        if (!observers.has(p.segment.member)) return words
        if (policy === 'work') return `${words} (own holiday, counts ×${plan.oncall.weights.holiday})`
        if (policy === 'avoid' && !someoneElseFree(plan, schedule, r, p.segment.member, date, p.start, p.end)) {
          return `${words} (works it: nobody else free)`
        }
        return `${words} (own holiday)`
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

/** Upcoming public holidays, one entry per date (two calendars may name the same day differently). */
function upcomingHolidays(schedule: Schedule, today: LocalDate): HolidayDay[] {
  const until = addDays(today, AHEAD_DAYS)
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
  const rows = upcomingHolidays(schedule, today).map((h) => {
    const names = [...h.names.entries()].map(([name, codes]) => `${name} (${[...codes].sort().join(', ')})`)
    const observers = plan.team.filter((m) => h.observers.has(m.id)).map((m) => m.name)
    return [
      cell(localDay(h.date)),
      cell(names.join('\n')),
      cell(observers.join(', ') || '—'),
      ...onCallThatDay(plan, schedule, h.date, h.observers)
    ]
  })
  parts.push(
    `**Major holidays** from ${inline(today)} to ${inline(addDays(today, AHEAD_DAYS))}, and who is on call on each ` +
      '(times are local; a cover names whose shift it takes):',
    rows.length > 0
      ? table(['Date', 'Holiday (calendar)', 'Observed by', ...rolesHeader(plan)], rows)
      : 'No public holidays fall in this time.'
  )
  return parts.join('\n\n')
}

/** One role of one shift the leave touches, in a few words; `whole` when one member holds all of it. */
function roleDuringLeave(plan: Plan, schedule: Schedule, leave: Leave, rotation: Rotation, role: Role, slot: ShiftSlot, window: { from: UtcInstant; to: UtcInstant }): { words: string; whole: boolean } {
  const zone = plan.timezone
  const span = (from: UtcInstant, to: UtcInstant) => `${shortDateTime(from, zone)} → ${shortDateTime(to, zone)}`
  const during = pieces(schedule, rotation.id, role, slot.start, slot.end)
  const covers = during.filter((p) => p.segment.kind === 'cover' && p.segment.shiftMember === leave.member &&
    p.start < window.to && p.end > window.from)
  const gaps = schedule.gaps
    .filter((g) => g.rotation === rotation.id && g.role === role && g.start < slot.end && g.end > slot.start && g.start < window.to && g.end > window.from)
    .map((g) => `nobody ${span(g.start, g.end)} (${g.reason})`)
  const only = during[0]
  const whole = gaps.length === 0 && during.length === 1 && !!only && only.segment.kind !== 'cover' &&
    only.start === slot.start && only.end === slot.end
  let who: string
  if (covers.length > 0) {
    const away = memberName(plan, leave.member)
    const rest = during.some((p) => p.segment.member === leave.member) ? `, ${away} the rest` : ''
    who = covers.map((p) => `${memberName(plan, p.segment.member)} covers ${away} ${span(p.start, p.end)}`).join(', ') + rest
  } else {
    who = whole && only ? holderWords(plan, only.segment) : piecesInWords(during, (p) => holderWords(plan, p.segment), (t) => shortDateTime(t, zone))
  }
  if (gaps.length > 0) who = during.length > 0 ? `${who}, ${gaps.join(', ')}` : gaps.join(', ')
  const prefix = plan.oncall.rotations.length > 1 ? `${rotationName(plan, rotation.id)} ` : ''
  return { words: `${prefix}${role} ${who}`, whole }
}

/** Per shift the leave touches and per role, who holds it: a few words each, covers called out. */
function duringLeave(plan: Plan, schedule: Schedule, leave: Leave): string {
  const window = { from: startOfDay(leave.from, plan.timezone), to: startOfDay(addDays(leave.to, 1), plan.timezone) }
  const rotations = plan.oncall.rotations.filter((r) => r.members.includes(leave.member))
  if (rotations.length === 0) return 'Not in an on-call rotation.'
  const slots = schedule.shifts.filter((s) => s.start < window.to && s.end > window.from)
  const lines = slots.map((slot) => {
    const roles = rotations.flatMap((r) => r.roles.map((role) => roleDuringLeave(plan, schedule, leave, r, role, slot, window)))
    const whole = roles.every((r) => r.whole) ? ` (whole ${roles.length > 1 ? 'shifts' : 'shift'})` : ''
    return `${shortDay(slot.start, plan.timezone)} → ${shortDay(slot.end, plan.timezone)}: ${roles.map((r) => r.words).join('; ')}${whole}`
  })
  return lines.length > 0 ? lines.join('\n') : 'No shifts fall in this leave.'
}

export function vacationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate, planFile: string): string {
  const upcoming = plan.leave
    .filter((l) => l.to >= today)
    .sort((a, b) => a.from.localeCompare(b.from) || a.member.localeCompare(b.member))
  const intro =
    `Leave is planned in ${code(planFile)} under \`leave:\`. Nobody is on call on a day of their leave: the ` +
    'scheduler gives the shifts it touches to others where it can (whole shifts) and, for shifts already ' +
    'published, has someone cover only the days away. Each line below is one shift the leave touches.'
  if (upcoming.length === 0) return `${intro}\n\nNo leave is planned from ${inline(today)} on.`
  const rows = upcoming.map((l) => [
    cell(memberName(plan, l.member)),
    cell(dayRange(l.from, l.to)),
    cell(l.reason ?? '—'),
    schedule ? cell(duringLeave(plan, schedule, l)) : cell('The schedule could not be computed.')
  ])
  const parts = [intro, table(['Member', 'Leave', 'Reason', 'Who covers'], rows)]
  if (!schedule) parts.push(NO_SCHEDULE)
  return parts.join('\n\n')
}
