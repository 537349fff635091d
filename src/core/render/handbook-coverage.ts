// Coverage around the days that matter: public holidays, members' leave and the investor-report
// periods. "Upcoming" is always relative to the `today` given, never the clock.
import type { Holiday, Leave, LocalDate, Plan, Schedule } from '../types.js'
import {
  addDays, dayRange, holders, localDateTime, localDay, memberName, overlapping, plural, rotationName, startOfDay
} from './handbook-format.js'
import { NO_SCHEDULE } from './handbook-rota.js'
import { cell, code, inline, table } from './markdown.js'

/** How far ahead holidays and investor periods are listed. */
const AHEAD_DAYS = 92

function rolesHeader(plan: Plan): string[] {
  const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
  return roles.map((r) => `${r.charAt(0).toUpperCase() + r.slice(1)} on call`)
}

/** Who holds each role on a local day, per rotation when there are several; `own` marks observers. */
function onCallThatDay(plan: Plan, schedule: Schedule, date: LocalDate, observers: Set<string>): string[] {
  const from = startOfDay(date, plan.timezone)
  const to = startOfDay(addDays(date, 1), plan.timezone)
  const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
  const many = plan.oncall.rotations.length > 1
  return roles.map((role) => {
    const lines = plan.oncall.rotations.filter((r) => r.roles.includes(role)).map((r) => {
      const names = holders(schedule, r.id, role, from, to).map(
        (id) => memberName(plan, id) + (observers.has(id) ? ' (own holiday)' : '')
      )
      const who = names.length > 0 ? names.join(', ') : 'unstaffed'
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

function upcomingHolidays(schedule: Schedule, today: LocalDate): Array<{ date: LocalDate; name: string; codes: Set<string>; observers: Set<string> }> {
  const until = addDays(today, AHEAD_DAYS)
  const byKey = new Map<string, { date: LocalDate; name: string; codes: Set<string>; observers: Set<string> }>()
  const add = (h: Holiday, member?: string) => {
    if (h.date < today || h.date > until) return
    const key = `${h.date}\u0000${h.name}`
    const entry = byKey.get(key) ?? { date: h.date, name: h.name, codes: new Set<string>(), observers: new Set<string>() }
    entry.codes.add(h.code)
    if (member) entry.observers.add(member)
    byKey.set(key, entry)
  }
  schedule.companyHolidays.forEach((h) => add(h))
  for (const [member, list] of Object.entries(schedule.holidays).sort(([a], [b]) => a.localeCompare(b))) {
    list.forEach((h) => add(h, member))
  }
  return [...byKey.values()].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name))
}

export function holidaySection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  const parts = [policyWords(plan)]
  if (!schedule) return [...parts, NO_SCHEDULE].join('\n\n')
  const rows = upcomingHolidays(schedule, today).map((h) => [
    cell(localDay(h.date)),
    cell(h.name),
    cell([...h.codes].sort().join(', ')),
    cell([...h.observers].map((id) => memberName(plan, id)).join(', ') || '—'),
    ...onCallThatDay(plan, schedule, h.date, h.observers)
  ])
  parts.push(
    `Public holidays from ${inline(today)} to ${inline(addDays(today, AHEAD_DAYS))}:`,
    rows.length > 0
      ? table(['Date', 'Holiday', 'Calendar', 'Observed by', ...rolesHeader(plan)], rows)
      : 'No public holidays fall in this time.'
  )
  return parts.join('\n\n')
}

function duringLeave(plan: Plan, schedule: Schedule, leave: Leave): string {
  const from = startOfDay(leave.from, plan.timezone)
  const to = startOfDay(addDays(leave.to, 1), plan.timezone)
  const rotations = plan.oncall.rotations.filter((r) => r.members.includes(leave.member))
  if (rotations.length === 0) return 'Not in an on-call rotation.'
  const lines: string[] = []
  for (const r of rotations) {
    for (const s of overlapping(schedule.segments, from, to).filter((x) => x.rotation === r.id)) {
      const start = localDateTime(s.start < from ? from : s.start, plan.timezone)
      const end = localDateTime(s.end > to ? to : s.end, plan.timezone)
      const covers = s.kind === 'cover' && s.shiftMember === leave.member ? ` covers ${memberName(plan, leave.member)}` : ''
      const prefix = rotations.length > 1 ? `${rotationName(plan, r.id)} ` : ''
      lines.push(`${prefix}${s.role}: ${memberName(plan, s.member)}${covers}, ${start} → ${end}`)
    }
  }
  return lines.length > 0 ? lines.join('\n') : 'No shifts fall in this leave.'
}

export function vacationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  const upcoming = plan.leave
    .filter((l) => l.to >= today)
    .sort((a, b) => a.from.localeCompare(b.from) || a.member.localeCompare(b.member))
  const intro =
    'Leave is planned in `opsplan.yaml` under `leave:`. The scheduler keeps members off call for every day of ' +
    'their leave: it moves whole shifts to others where it can and has someone cover the rest.'
  if (upcoming.length === 0) return `${intro}\n\nNo leave is planned from ${inline(today)} on.`
  const rows = upcoming.map((l) => [
    cell(memberName(plan, l.member)),
    cell(dayRange(l.from, l.to)),
    cell(l.reason ?? '—'),
    schedule ? cell(duringLeave(plan, schedule, l)) : cell('The schedule could not be computed.')
  ])
  const parts = [intro, table(['Member', 'Leave', 'Reason', 'Who is on call meanwhile'], rows)]
  if (!schedule) parts.push(NO_SCHEDULE)
  return parts.join('\n\n')
}

function standbyOwners(plan: Plan): Map<string, string[]> {
  const owners = new Map<string, string[]>()
  for (const p of plan.pipelines.filter((x) => x.investorFacing)) {
    owners.set(p.owners.primary, [...(owners.get(p.owners.primary) ?? []), p.name])
  }
  return owners
}

function onLeave(plan: Plan, member: string, from: LocalDate, to: LocalDate): boolean {
  return plan.leave.some((l) => l.member === member && l.from <= to && l.to >= from)
}

function checklist(plan: Plan, owners: Map<string, string[]>): string {
  const investor = plan.pipelines.filter((p) => p.investorFacing)
  const stakeholders = [...new Set(investor.flatMap((p) => p.stakeholders))]
    .map((id) => plan.stakeholders.find((s) => s.id === id)?.name ?? id)
  const sla = investor.map((p) => `${p.name} (${p.sla?.freshness?.text ?? 'no SLA set'})`)
  return [
    'Checklist for each period:',
    '',
    '- [ ] Primary and secondary on call are present for the whole period (no covers inside it).',
    `- [ ] Standby owners are reachable: ${inline([...owners.keys()].map((id) => memberName(plan, id)).join(', ') || 'none')}.`,
    `- [ ] Investor-facing pipelines met their freshness SLA in the week before: ${inline(sla.join(', ') || 'none')}.`,
    '- [ ] Runbooks of investor-facing pipelines were read through since the last period.',
    '- [ ] Non-urgent changes to investor-facing pipelines wait until the period ends.',
    `- [ ] Stakeholders know to contact the on-call primary first: ${inline(stakeholders.join(', ') || 'none')}.`
  ].join('\n')
}

export function investorSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  const cfg = plan.oncall.investorPeriods
  const how = cfg.dates
    ? 'Investor-report periods are the dates listed under `oncall.investor-periods.dates`.'
    : `Investor-report periods are the last ${plural(cfg.lastBusinessDays ?? 5, 'business day')} (Monday to ` +
      'Friday, not a company public holiday) of each month.'
  const owners = standbyOwners(plan)
  const standby = [...owners.entries()].map(([id, names]) => `${memberName(plan, id)} (${names.join(', ')})`)
  const parts = [
    `${how} Every shift inside a period is held whole by people present throughout, and the primary owners of ` +
      `investor-facing pipelines stand by: ${inline(standby.join(', ') || 'none')}.`
  ]
  if (!schedule) parts.push(NO_SCHEDULE)
  else {
    const until = addDays(today, AHEAD_DAYS)
    const periods = schedule.investorPeriods.filter((p) => p.to >= today && p.from <= until)
    const rows = periods.map((p) => {
      const from = startOfDay(p.from, plan.timezone)
      const to = startOfDay(addDays(p.to, 1), plan.timezone)
      const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))].map((role) =>
        cell(plan.oncall.rotations.map((r) => {
          const names = holders(schedule, r.id, role, from, to).map((id) => memberName(plan, id)).join(', ') || 'unstaffed'
          return plan.oncall.rotations.length > 1 ? `${rotationName(plan, r.id)}: ${names}` : names
        }).join('\n'))
      )
      const standbyCell = [...owners.keys()].map((id) => memberName(plan, id) + (onLeave(plan, id, p.from, p.to) ? ' (on leave)' : ''))
      return [cell(p.label), cell(dayRange(p.from, p.to)), ...roles, cell(standbyCell.join(', ') || '—')]
    })
    parts.push(
      rows.length > 0
        ? table(['Period', 'Dates', ...rolesHeader(plan), 'Standby owners'], rows)
        : 'No investor-report period falls in the next three months.'
    )
  }
  parts.push(checklist(plan, owners))
  return parts.join('\n\n')
}

