// Operational excellence: escalation, communication and KPIs with contacts resolved to people, and
// the two how-tos every member needs (changing the plan — leave, swaps, renames, running opsplan —
// and subscribing to the calendar).
import { DateTime } from 'luxon'
import type { Cadence, KpiArea, LocalDate, Plan, Role, Schedule } from '../types.js'
import { addDays, durationWords, holders, memberName, rotationName } from './handbook-format.js'
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

export function changeSection(plan: Plan, planFile: string, today: LocalDate): string {
  const first = plan.team[0]?.id ?? 'ana'
  const second = plan.team[1]?.id ?? first
  const rotation = plan.oncall.rotations[0]?.id ?? 'main'
  const from = addDays(today, 28)
  const leave = [
    '```yaml',
    'leave:',
    `  - member: ${first}`,
    `    from: ${from}`,
    `    to: ${addDays(from, 4)}`,
    '    reason: vacation',
    '```'
  ].join('\n')
  const swap = [
    '```yaml',
    'swaps:',
    `  - rotation: ${rotation}`,
    '    role: primary',
    `    from: ${addDays(from, 7)}`,
    `    to: ${addDays(from, 13)}`,
    `    member: ${second}`,
    `    reason: swap with ${first}`,
    '```'
  ].join('\n')
  const rename = [
    '```yaml',
    'oncall:',
    '  rotations:',
    '    - id: <new id>',
    `      renamed-from: ${rotation}`,
    '```'
  ].join('\n')
  return [
    `The plan lives in ${code(planFile)}. Change it in a pull request, never this handbook: the bot comments ` +
      'on the pull request with what is wrong (each error with its line), which shifts move and who covers ' +
      'them, and fairness before and after. Members whose shifts change are mentioned so they can agree in ' +
      'the review. On merge the handbook, calendars and `opsplan.lock.json` are regenerated.',
    'To take leave, add an entry under `leave:` (dates are whole local days, both inclusive):',
    leave,
    'To swap a shift you agreed on, add an entry under `swaps:`:',
    swap,
    'To rename a rotation or a member, give it its new id and say which id it had, so the shifts it ' +
      'already held stay its own; change the old id everywhere else in the plan too:',
    rename,
    'A rotation you remove keeps its past in `opsplan.lock.json`; nothing is planned against it any more. ' +
      'To split a rotation, keep `renamed-from` on the part that continues it and start the new part today or later.',
    `To see the bot's report before you push, run ${code(`npx --yes github:opsplan/opsplan#v1 check ${planFile}`)} ` +
      'in a clone of this repository (Node.js 20 or later, and git); once opsplan is on npm, ' +
      `${code(`npx --yes opsplan check ${planFile}`)} does the same. With \`render\` instead of \`check\` it writes ` +
      'what the bot would commit, and with `now` it says who is on call.'
  ].join('\n\n')
}

export function subscribeSection(plan: Plan): string {
  const rows = plan.team.map((m) => [cell(m.name), code(`calendars/${m.id}.ics`, { inTable: true })])
  return [
    'Each calendar is an iCalendar feed next to this handbook. Subscribe to the raw file\'s URL ("Add calendar ' +
      '→ From URL") so your calendar follows every change; your own feed holds your shifts and your leave.',
    table(['Member', 'Calendar'], [...rows, ['Whole team', code('calendars/team.ics', { inTable: true })]])
  ].join('\n\n')
}

