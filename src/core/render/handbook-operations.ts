// Operational excellence: escalation, communication and KPIs with contacts resolved to people, and
// the two how-tos every member needs (changing the plan — leave, swaps, renames, running opsplan —
// and subscribing to the calendar).
import { DateTime } from 'luxon'
import { leaveInstants, rangeInstants, swapInstants } from '../plan/ranges.js'
import { effectiveRule } from '../rules/catalogue.js'
import { fromMillis, rotationGrid, weekday as weekdayNumber } from '../schedule/calendar.js'
import type { Cadence, KpiArea, Leave, LocalDate, Plan, Role, Schedule, Swap, UtcInstant } from '../types.js'
import { addDays, durationWords, holders, memberName, overlapping, rotationName, startOfDay } from './handbook-format.js'
import { cell, code, headingText, table } from './markdown.js'

/** Who is on call in a role "this week": the holders at noon of `today`, local time. */
function onCallNow(plan: Plan, schedule: Schedule | undefined, role: Role, today: LocalDate): string | undefined {
  if (!schedule) return undefined
  const noon = DateTime.fromISO(`${today}T12:00:00`, { zone: plan.timezone }).toUTC()
  const at = noon.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")
  const after = noon.plus({ seconds: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")
  const rotations = plan.oncall.rotations.filter((r) => r.roles.includes(role))
  const names = rotations.flatMap((r) =>
    holders(schedule, r.id, role, at, after).map(
      (id) => memberName(plan, id) + (rotations.length > 1 ? ` (${rotationName(plan, r.id)})` : '')
    )
  )
  return names.length > 0 ? names.join(', ') : undefined
}

/** A contact in plain words: members and stakeholders by name, on-call and owner roles explained. */
export function contactWords(plan: Plan, schedule: Schedule | undefined, contact: string, today: LocalDate): string {
  const oncall = /^oncall:(primary|secondary)$/.exec(contact)
  if (oncall) {
    const role = oncall[1] as Role
    const now = onCallNow(plan, schedule, role, today)
    return `On-call ${role}${now ? ` (this week: ${now})` : ''}`
  }
  const owner = /^owner:(primary|secondary)$/.exec(contact)
  if (owner) return `${owner[1] === 'primary' ? 'Primary' : 'Secondary'} owner of the affected pipeline`
  const member = plan.team.find((m) => m.id === contact)
  if (member) return member.email ? `${member.name}, ${member.email}` : member.name
  const stakeholder = plan.stakeholders.find((s) => s.id === contact)
  if (stakeholder) return stakeholder.contact ? `${stakeholder.name}, ${stakeholder.contact}` : stakeholder.name
  return contact
}

export function escalationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  if (plan.escalation.length === 0) return 'No escalation levels are set yet — add them under `escalation:`.'
  const rows = [...plan.escalation]
    .sort((a, b) => a.level - b.level)
    .map((e) => [
      String(e.level),
      cell(e.name),
      cell(e.contacts.map((c) => contactWords(plan, schedule, c, today)).join('\n')),
      e.after.minutes === 0 ? 'at once' : `after ${durationWords(e.after.minutes)}`,
      cell(e.when ?? '—')
    ])
  return [
    'Go one level up when the level before has not resolved or acknowledged the incident in time.',
    table(['Level', 'Name', 'Contacts', 'When to escalate', 'Trigger'], rows)
  ].join('\n\n')
}

const CADENCES: Array<[Cadence, string]> = [
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
  ['per-incident', 'Per incident']
]

export function communicationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  if (plan.communication.length === 0) return 'No communication protocols are set yet — add them under `communication:`.'
  const rows = CADENCES.flatMap(([cadence, label]) =>
    plan.communication
      .filter((c) => c.cadence === cadence)
      .map((c) => [
        label,
        cell(c.what),
        cell(c.channel ?? '—'),
        cell(c.who.map((w) => contactWords(plan, schedule, w, today)).join('\n') || '—')
      ])
  )
  return table(['Cadence', 'What', 'Channel', 'Who'], rows)
}

const AREAS: Array<[KpiArea, string]> = [
  ['reliability', 'Pipeline reliability'],
  ['data-quality', 'Data quality'],
  ['team', 'Team efficiency']
]

export function kpiSection(plan: Plan): string {
  if (plan.kpis.length === 0) return 'No KPIs are set yet — add them under `kpis:`.'
  const intro = 'What the team measures to know operations are going well, by area.'
  return [intro, ...AREAS.flatMap(([area, label]) => {
    const kpis = plan.kpis.filter((k) => k.area === area)
    if (kpis.length === 0) return []
    return [`### ${headingText(label)}`, table(['KPI', 'Target'], kpis.map((k) => [cell(k.name), cell(k.target)]))]
  })].join('\n\n')
}

function present(plan: Plan, member: string, from: LocalDate, to: LocalDate): boolean {
  const m = plan.team.find((x) => x.id === member)
  return !!m && (!m.joined || m.joined <= from) && (!m.left || m.left >= to)
}

/** Five days off that would pass review: enough notice, nobody else in the rotation away, no investor period. */
function leaveExample(plan: Plan, schedule: Schedule | undefined, today: LocalDate): Leave | undefined {
  const rotation = plan.oncall.rotations.find((r) => r.members.length > 1) ?? plan.oncall.rotations[0]
  if (!rotation) return undefined
  const grid = rotationGrid(plan, rotation)
  const notice = Math.max(28, effectiveRule(plan, 'leave.notice').params['min-days'] ?? 14)
  const last = addDays(today, plan.oncall.horizonDays - 1)
  // whoever has the least leave planned already, so the example does not read as a second holiday
  const planned = (id: string) => plan.leave.filter((l) => l.member === id).reduce((sum, l) => sum + leaveInstants(plan, l).end - leaveInstants(plan, l).start, 0)
  const candidates = [...rotation.members].sort((a, b) => planned(a) - planned(b))
  // start on the rotation's handoff weekday, so the example reads as "a week off"
  let from = addDays(today, notice)
  while (weekdayNumber(from) !== weekdayNumber(grid.start)) from = addDays(from, 1)
  for (; addDays(from, 4) <= last; from = addDays(from, 7)) {
    const to = addDays(from, 4)
    const periods = schedule?.investorPeriods ?? []
    if (periods.some((p) => p.from <= to && p.to >= from)) continue
    for (const member of candidates) {
      const candidate: Leave = { member, from, to, reason: 'vacation' }
      const at = leaveInstants(plan, candidate)
      const clash = (other: { start: number; end: number }) => other.start < at.end && other.end > at.start
      const colleagues = plan.oncall.rotations.filter((r) => r.members.includes(member)).flatMap((r) => r.members)
      if (!present(plan, member, from, to)) continue
      if (plan.leave.some((l) => colleagues.includes(l.member) && clash(leaveInstants(plan, l)))) continue
      if (plan.swaps.some((w) => w.member === member && clash(swapInstants(plan, w)))) continue
      return candidate
    }
  }
  return undefined
}

/** The whole local days inside a shift (a weekly shift handing over at 10:00 holds six); none for a daily one. */
function daysInside(plan: Plan, slot: { start: UtcInstant; end: UtcInstant; startDate: LocalDate; endDate: LocalDate }): { from: LocalDate; to: LocalDate } | undefined {
  let from = slot.startDate
  if (startOfDay(from, plan.timezone) < slot.start) from = addDays(from, 1)
  let to = slot.endDate
  while (to >= from && startOfDay(addDays(to, 1), plan.timezone) > slot.end) to = addDays(to, -1)
  return to >= from ? { from, to } : undefined
}

/**
 * A swap that would pass review: whole days inside one shift after the freeze, handed from the
 * shift's holder to a member of the rotation who is free throughout — present, not on leave or a
 * holiday, holding no role anywhere then — where no other swap is agreed.
 */
function swapExample(plan: Plan, schedule: Schedule | undefined): Swap | undefined {
  if (!schedule) return undefined
  for (const rotation of plan.oncall.rotations.filter((r) => r.members.length > 1)) {
    const role = rotation.roles[0] ?? 'primary'
    const slots = schedule.shifts.filter((s) => s.rotation === rotation.id && s.start >= schedule.frozenUntil)
    for (const slot of slots) {
      const days = daysInside(plan, slot) ?? { from: slot.startDate, to: slot.startDate }
      const at = rangeInstants(days, plan.timezone)
      const from = fromMillis(at.start)
      const to = fromMillis(at.end)
      if (to > schedule.to) break
      const during = overlapping(schedule.segments, from, to)
      const own = during.filter((s) => s.rotation === rotation.id && s.role === role)
      if (own.length === 0 || own.some((s) => s.kind !== 'shift')) continue
      const clash = (other: { start: number; end: number }) => other.start < at.end && other.end > at.start
      if (plan.swaps.some((w) => w.rotation === rotation.id && w.role === role && clash(swapInstants(plan, w)))) continue
      const busy = new Set(during.map((s) => s.member))
      const member = rotation.members.find((id) =>
        !busy.has(id) &&
        present(plan, id, days.from, days.to) &&
        !plan.leave.some((l) => l.member === id && clash(leaveInstants(plan, l))) &&
        !(schedule.holidays[id] ?? []).some((h) => h.date >= days.from && h.date <= days.to))
      const holders = [...new Set(own.map((s) => s.member))]
      if (member) return { rotation: rotation.id, role, ...days, member, reason: `swap with ${holders.join(' and ')}` }
    }
  }
  return undefined
}

function yamlBlock(lines: string[]): string {
  return ['```yaml', ...lines, '```'].join('\n')
}

/** The examples a member pastes under `leave:` and `swaps:`, worked out from this plan so they pass review. */
export function changeExamples(plan: Plan, schedule: Schedule | undefined, today: LocalDate): { leave?: string[]; swap?: string[] } {
  const leave = leaveExample(plan, schedule, today)
  const swap = swapExample(plan, schedule)
  return {
    leave: leave && ['leave:', `  - member: ${leave.member}`, `    from: ${leave.from}`, `    to: ${leave.to}`, `    reason: ${leave.reason}`],
    swap: swap && [
      'swaps:',
      `  - rotation: ${swap.rotation}`,
      `    role: ${swap.role}`,
      `    from: ${swap.from}`,
      `    to: ${swap.to}`,
      `    member: ${swap.member}`,
      `    reason: ${swap.reason}`
    ]
  }
}

export function changeSection(plan: Plan, schedule: Schedule | undefined, planFile: string, today: LocalDate): string {
  const examples = changeExamples(plan, schedule, today)
  const parts = [
    `The plan lives in ${code(planFile)}. Change it in a pull request, never this handbook: the bot comments ` +
      'on the pull request with what is wrong (each error with its line), which shifts move and who covers ' +
      'them, and fairness before and after. Members whose shifts change are mentioned so they can agree in ' +
      'the review. On merge the handbook, calendars and `opsplan.lock.json` are regenerated.'
  ]
  if (examples.leave) {
    parts.push(
      'To take leave, add an entry under `leave:` — dates are whole days in your own time zone, both inclusive ' +
        '(or date-times such as `2027-01-04T13:00` for part of a day). For example:',
      yamlBlock(examples.leave)
    )
  }
  if (examples.swap) {
    parts.push(
      'To hand a shift, or days of it, to someone who agreed to take it, add an entry under `swaps:` (whole days ' +
        `in ${code(plan.timezone)}, both inclusive). For example:`,
      yamlBlock(examples.swap)
    )
  }
  const rotation = plan.oncall.rotations[0]?.id ?? 'main'
  parts.push(
    'To rename a rotation or a member, give it its new id and say which id it had, so the shifts it ' +
      'already held stay its own; change the old id everywhere else in the plan too:',
    yamlBlock(['oncall:', '  rotations:', '    - id: <new id>', `      renamed-from: ${rotation}`]),
    'A rotation you remove keeps its past in `opsplan.lock.json`; nothing is planned against it any more. ' +
      'To split a rotation, keep `renamed-from` on the part that continues it and start the new part today or later.',
    'The plan is YAML: quote a value that holds a `#` (`alert: "Post to #data-alerts"`), or YAML reads the rest ' +
      'of the line as a comment (`opsplan validate` warns about it as `plan.comment`).',
    `To see the bot's report before you push, run ${code(`npx --yes github:opsplan/opsplan#v1 check ${planFile}`)} ` +
      'in a clone of this repository (Node.js 20 or later, and git); once opsplan is on npm, ' +
      `${code(`npx --yes opsplan check ${planFile}`)} does the same. With \`render\` instead of \`check\` it writes ` +
      'what the bot would commit, and with `now` it says who is on call.'
  )
  return parts.join('\n\n')
}

export function subscribeSection(plan: Plan): string {
  const rows = plan.team.map((m) => [cell(m.name), code(`calendars/${m.id}.ics`, { inTable: true })])
  return [
    'Each calendar is an iCalendar feed next to this handbook. Subscribe to the raw file\'s URL ("Add calendar ' +
      '→ From URL") so your calendar follows every change; your own feed holds your shifts and your leave.',
    table(['Member', 'Calendar'], [...rows, ['Whole team', code('calendars/team.ics', { inTable: true })]])
  ].join('\n\n')
}

