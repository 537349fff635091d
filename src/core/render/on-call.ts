// `opsplan now` as text for a terminal and as JSON for scripts: who holds each role at an instant,
// until when and who is next; or one member's coming shifts and leave. Times are local to the plan
// in the text, UTC instants in the JSON (as in `check --format json`).
import { isDateTime, memberZone, rangeInstants } from '../plan/ranges.js'
import type { Holding, MemberOutlook, RoleAt } from '../on-call.js'
import type { Leave, Plan, UtcInstant } from '../types.js'
import { localDateTime, memberName, rotationName } from './handbook-format.js'

/** Where the segments came from, for the first line. */
export interface OnCallSource {
  at: UtcInstant
  /** The schedule of record read, or undefined when the schedule was planned without one. */
  lock?: string
  /** True when the plan was scheduled (no record, or one that does not reach `at`). */
  planned: boolean
}

/** Coming shifts the text lists before it counts the rest (the JSON lists all). */
export const TEXT_SHIFTS = 10

function from(source: OnCallSource): string {
  if (!source.planned) return `from the schedule of record ${source.lock}`
  return source.lock
    ? `planned from the plan: the schedule of record ${source.lock} does not hold every role at this time`
    : 'planned from the plan (no schedule of record)'
}

function when(plan: Plan, source: OnCallSource): string {
  return `${localDateTime(source.at, plan.timezone)} (${plan.timezone})`
}

function who(plan: Plan, id: string): string {
  const name = memberName(plan, id)
  return name === id ? id : `${name} (${id})`
}

function pad(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((c, i) => Math.max(w[i] ?? 0, c.length)), [])
  return rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
}

export function onCallText(plan: Plan, roles: RoleAt[], source: OnCallSource): string {
  const zone = plan.timezone
  const lines = [`On call at ${when(plan, source)}, ${from(source)}:`]
  for (const rotation of plan.oncall.rotations) {
    lines.push('', rotationName(plan, rotation.id))
    const rows = roles.filter((r) => r.rotation === rotation.id).map((r) => [
      `  ${r.role}`,
      r.holder ? who(plan, r.holder.member) : 'nobody',
      r.holder ? `until ${localDateTime(r.holder.end, zone)}` : '—',
      r.next ? `then ${who(plan, r.next.member)} from ${localDateTime(r.next.start, zone)}` : 'then nobody planned yet'
    ])
    lines.push(...pad(rows))
  }
  return `${lines.join('\n')}\n`
}

function holdingRow(plan: Plan, h: Holding, at: UtcInstant): string[] {
  const zone = plan.timezone
  const span = `${localDateTime(h.start, zone)} → ${localDateTime(h.end, zone)}`
  return [`  ${span}`, rotationName(plan, h.rotation), h.role, h.start <= at ? '(now)' : '']
}

/** A leave entry's dates as written: whole days or local date-times, in the member's own zone. */
function leaveSpan(from: string, to: string): string {
  const show = (v: string): string => (isDateTime(v) ? v.replace('T', ' ') : v)
  return from === to ? show(from) : `${show(from)} to ${show(to)}`
}

export function memberText(plan: Plan, outlook: MemberOutlook, source: OnCallSource): string {
  const member = plan.team.find((m) => m.id === outlook.member)
  const lines = [`${who(plan, outlook.member)} at ${when(plan, source)}, ${from(source)}:`, '']
  const shown = outlook.shifts.slice(0, TEXT_SHIFTS)
  if (shown.length === 0) lines.push('No shifts from now on.')
  else {
    lines.push(outlook.shifts[0] && outlook.shifts[0].start <= source.at ? 'On call now, then:' : 'Not on call now. Coming shifts:')
    lines.push(...pad(shown.map((h) => holdingRow(plan, h, source.at))))
    const more = outlook.shifts.length - shown.length
    if (more > 0) lines.push(`  … and ${more} more (--format json lists them all)`)
  }
  lines.push('')
  if (outlook.leave.length === 0) lines.push('No leave from now on.')
  else {
    const zone = member && member.timezone !== plan.timezone ? ` (${member.timezone})` : ''
    lines.push(`Leave${zone}:`)
    const running = (l: Leave): boolean => rangeInstants(l, memberZone(plan, outlook.member)).start <= Date.parse(source.at)
    lines.push(...pad(outlook.leave.map((l) => [`  ${leaveSpan(l.from, l.to)}`, l.reason ?? '', running(l) ? '(now)' : ''])))
  }
  return `${lines.join('\n')}\n`
}

const holdingJson = (h: Holding | null) => (h ? { member: h.member, start: h.start, end: h.end } : null)

export function onCallJson(plan: Plan, roles: RoleAt[], source: OnCallSource): object {
  return {
    at: source.at,
    timezone: plan.timezone,
    lock: source.planned ? null : source.lock ?? null,
    roles: roles.map((r) => ({ rotation: r.rotation, role: r.role, holder: holdingJson(r.holder), next: holdingJson(r.next) }))
  }
}

export function memberJson(plan: Plan, outlook: MemberOutlook, source: OnCallSource): object {
  return {
    at: source.at,
    timezone: plan.timezone,
    lock: source.planned ? null : source.lock ?? null,
    member: outlook.member,
    shifts: outlook.shifts.map((h) => ({ rotation: h.rotation, role: h.role, start: h.start, end: h.end })),
    leave: outlook.leave.map((l) => ({ from: l.from, to: l.to, reason: l.reason ?? null }))
  }
}
