// The iCalendar feeds of SPEC section 5: `team.ics` with every on-call segment and `<member>.ics`
// with one member's segments and leave. Nothing here reads the clock: DTSTAMP and SEQUENCE come from
// the schedule of record, so regenerating from the same plan and lock changes no byte.
import { DateTime } from 'luxon'
import { isDateTime, leaveInstants } from '../plan/ranges.js'
import { fromMillis, rotationGrid } from '../schedule/calendar.js'
import type { Leave, Lock, LockSegment, Member, Plan, ScheduledSegment, Schedule, UtcInstant } from '../types.js'
import { clock } from './handbook-format.js'
import { contentLines, dateValue, escapeText, property, utcValue } from './ical-text.js'

/** A member whose id is `team` would overwrite the team feed; ids never contain a dot. */
const TEAM_FILE = 'team.ics'

export function renderCalendars(plan: Plan, schedule: Schedule, lock: Lock, planFile = 'opsplan.yaml'): Record<string, string> {
  const ctx = makeContext(plan, schedule, lock, planFile)
  const segments = [...schedule.segments].sort(compareSegments)
  const files: Record<string, string> = {}
  files[TEAM_FILE] = calendar(ctx, `${plan.organization} on-call`, segments.map((s) => segmentEvent(ctx, s, segments, plan.timezone)))
  for (const member of [...plan.team].sort((a, b) => compareText(a.id, b.id))) {
    // a member's own feed speaks their own time zone
    const own = segments.filter((s) => s.member === member.id).map((s) => segmentEvent(ctx, s, segments, member.timezone))
    const leave = plan.leave
      .filter((l) => l.member === member.id)
      .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to))
      .map((l) => leaveEvent(ctx, member, l, segments))
    const file = member.id === 'team' ? 'team.member.ics' : `${member.id}.ics`
    files[file] = calendar(ctx, `${member.name} — on call (${plan.organization})`, [...own, ...leave])
  }
  return files
}

interface Context {
  plan: Plan
  domain: string
  members: Map<string, Member>
  lockIndex: Map<string, LockSegment>
  /** The record's segments, for the stamp of a leave: the last change to the shifts it touches. */
  record: readonly LockSegment[]
  /** DTSTAMP for segments the lock does not know (a lock behind the schedule): its newest change. */
  fallbackStamp: UtcInstant
  /** DTSTAMP for leave that touches no recorded segment: the record's first change. */
  firstStamp: UtcInstant
  /** Said in each feed's description: where the feed comes from. */
  notice: string
}

function makeContext(plan: Plan, schedule: Schedule, lock: Lock, planFile: string): Context {
  const lockIndex = new Map<string, LockSegment>()
  for (const s of lock.segments) lockIndex.set(segmentKey(s), s)
  // The newest stamp is the last time the schedule of record changed: a fixed point, not the clock.
  const newest = lock.segments.reduce<UtcInstant | undefined>(
    (max, s) => (max === undefined || s.stamp > max ? s.stamp : max),
    undefined
  )
  const oldest = lock.segments.reduce<UtcInstant | undefined>(
    (min, s) => (min === undefined || s.stamp < min ? s.stamp : min),
    undefined
  )
  return {
    plan,
    notice: `Generated from ${planFile} by opsplan; do not edit by hand.`,
    domain: `${slug(plan.organization)}.opsplan`,
    members: new Map(plan.team.map((m) => [m.id, m])),
    lockIndex,
    record: lock.segments,
    fallbackStamp: newest ?? schedule.from,
    firstStamp: oldest ?? schedule.from
  }
}

function segmentKey(s: { rotation: string; role: string; start: string }): string {
  return `${s.rotation}\u0000${s.role}\u0000${s.start}`
}

/** UIDs name the organisation, so two teams that both use rotation `main` never collide in one client. */
function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return s === '' ? 'team' : s
}

function calendar(ctx: Context, name: string, events: string[][]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//opsplan//opsplan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('X-WR-CALNAME', escapeText(name)),
    property('X-WR-CALDESC', escapeText(`On-call rota of ${ctx.plan.organization}. ${ctx.notice}`)),
    property('X-WR-TIMEZONE', escapeText(ctx.plan.timezone)),
    // The feed changes only when the plan merges; twice a day is fresh enough and spares the host.
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'X-PUBLISHED-TTL:PT12H',
    ...events.flat(),
    'END:VCALENDAR'
  ]
  return contentLines(lines)
}

function segmentEvent(ctx: Context, s: ScheduledSegment, all: readonly ScheduledSegment[], zone: string): string[] {
  const recorded = ctx.lockIndex.get(segmentKey(s))
  const rotation = ctx.plan.oncall.rotations.find((r) => r.id === s.rotation)
  const rotationName = rotation?.name ?? s.rotation
  const holder = memberName(ctx, s.member)
  const uid = `${s.rotation}-${s.role}-${utcValue(s.start)}@${ctx.domain}`
  return [
    'BEGIN:VEVENT',
    property('UID', uid),
    property('DTSTAMP', utcValue(recorded?.stamp ?? ctx.fallbackStamp)),
    property('SEQUENCE', String(recorded?.sequence ?? 0)),
    property('DTSTART', utcValue(s.start)),
    property('DTEND', utcValue(s.end)),
    property('SUMMARY', escapeText(`On call: ${s.role} — ${rotationName} (${holder}${qualifier(ctx, s)})`)),
    property('DESCRIPTION', escapeText(segmentDescription(ctx, s, rotationName, rotation?.pipelines ?? [], all, zone))),
    property('CATEGORIES', escapeText(s.role)),
    'STATUS:CONFIRMED',
    // A week on call is not a week of meetings: shown, but not blocking free/busy lookups.
    'TRANSP:TRANSPARENT',
    'END:VEVENT'
  ]
}

function qualifier(ctx: Context, s: ScheduledSegment): string {
  if (s.kind === 'cover' && s.shiftMember !== s.member) return `, covering for ${memberName(ctx, s.shiftMember)}`
  if (s.kind === 'swap') return s.shiftMember !== s.member ? `, swap with ${memberName(ctx, s.shiftMember)}` : ', swap'
  return ''
}

function segmentDescription(
  ctx: Context,
  s: ScheduledSegment,
  rotationName: string,
  pipelineIds: readonly string[],
  all: readonly ScheduledSegment[],
  zone: string
): string {
  const { plan } = ctx
  const m = ctx.members.get(s.member)
  const contact = [m?.github ? `@${m.github}` : '', m?.email ?? ''].filter((x) => x !== '').join(', ')
  const pipelines = pipelineIds.map((id) => plan.pipelines.find((p) => p.id === id)?.name ?? id)
  const partners = all
    .filter((o) => o.rotation === s.rotation && o.role !== s.role && o.start < s.end && s.start < o.end)
    .map((o) => `${o.role}: ${memberName(ctx, o.member)}`)
  const lines = [
    `Rotation: ${rotationName} (${s.rotation})`,
    `Role: ${s.role}`,
    `On call: ${memberName(ctx, s.member)}${contact ? ` (${contact})` : ''}`,
    `From ${localTime(zone, s.start)} to ${localTime(zone, s.end)} (${zone}); ${handoffWords(plan, s, zone)}`
  ]
  if (s.kind === 'cover' && s.shiftMember !== s.member) lines.push(`Covering for: ${memberName(ctx, s.shiftMember)}`)
  if (s.note) lines.push(`Why: ${s.note}`)
  if (partners.length > 0) lines.push(`Also on call: ${[...new Set(partners)].join('; ')}`)
  if (pipelines.length > 0) lines.push(`Pipelines: ${pipelines.join(', ')}`)
  if (plan.escalation.length > 0) {
    const levels = [...plan.escalation].sort((a, b) => a.level - b.level)
    lines.push(`Escalation: ${levels.map((l) => `${l.level}. ${l.name} (after ${l.after.text})`).join('; ')}`)
  }
  lines.push('Runbooks and contacts: see HANDBOOK.md')
  return lines.join('\n')
}

/** `handoff at 10:00`, or on a member's own clock `handoff at 15:00 (10:00 America/New_York)`. */
function handoffWords(plan: Plan, s: ScheduledSegment, zone: string): string {
  const { handoff } = rotationGrid(plan, s.rotation)
  const local = clock(handoff.hour, handoff.minute)
  if (zone === plan.timezone) return `handoff at ${local}`
  // the handoff that starts this shift, on the reader's clock (the shift may start mid-shift on a cover)
  const own = DateTime.fromISO(s.shiftStart, { zone: 'utc' }).setZone(zone).toFormat('HH:mm')
  return `handoff at ${own} (${local} ${plan.timezone})`
}

/**
 * Leave as the member's own calendar shows it: whole days as DATE values (their own days), part of
 * a day as UTC date-times. Its DTSTAMP is the last change the schedule of record made to the
 * segments the leave touches, so a render on another day, or a change elsewhere, leaves it alone.
 */
function leaveEvent(ctx: Context, member: Member, leave: Leave, all: readonly ScheduledSegment[]): string[] {
  const at = leaveInstants(ctx.plan, leave)
  const from = fromMillis(at.start)
  const to = fromMillis(at.end)
  const covers = all.filter((s) => s.shiftMember === member.id && s.member !== member.id && s.start < to && s.end > from)
  const timed = isDateTime(leave.from) || isDateTime(leave.to)
  const zone = member.timezone
  const lines = [timed
    ? `${member.name} is on leave from ${localTime(zone, from)} to ${localTime(zone, to)} (${zone}).`
    : `${member.name} is on leave from ${leave.from} to ${leave.to} (inclusive).`]
  if (leave.reason) lines.push(`Reason: ${leave.reason}`)
  for (const c of covers) {
    lines.push(`${c.role} covered by ${memberName(ctx, c.member)} from ${localTime(zone, c.start)} to ${localTime(zone, c.end)} (${zone})`)
  }
  const touched = ctx.record.filter((s) => s.start < to && s.end > from)
  const stamp = touched.reduce<UtcInstant | undefined>((max, s) => (max === undefined || s.stamp > max ? s.stamp : max), undefined)
  const bound = (value: string) => (isDateTime(value) ? value.replace(/[-:]/g, '') : dateValue(value))
  return [
    'BEGIN:VEVENT',
    property('UID', `leave-${member.id}-${bound(leave.from)}-${bound(leave.to)}@${ctx.domain}`),
    property('DTSTAMP', utcValue(stamp ?? ctx.firstStamp)),
    'SEQUENCE:0',
    ...(timed
      ? [property('DTSTART', utcValue(from)), property('DTEND', utcValue(to))]
      : [property('DTSTART;VALUE=DATE', dateValue(leave.from)), property('DTEND;VALUE=DATE', dateValue(leave.to, 1))]),
    property('SUMMARY', escapeText(`Leave: ${member.name}${leave.reason ? ` (${leave.reason})` : ''}`)),
    property('DESCRIPTION', escapeText(lines.join('\n'))),
    'CATEGORIES:leave',
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT'
  ]
}

function localTime(zone: string, instant: UtcInstant): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).setLocale('en-US').toFormat('ccc yyyy-MM-dd HH:mm')
}

function memberName(ctx: Context, id: string): string {
  return ctx.members.get(id)?.name ?? id
}

function compareSegments(a: ScheduledSegment, b: ScheduledSegment): number {
  return (
    compareText(a.start, b.start) ||
    compareText(a.rotation, b.rotation) ||
    compareText(a.role, b.role) ||
    compareText(a.member, b.member) ||
    compareText(a.end, b.end)
  )
}

/** Code-unit order, the same on every machine (localeCompare depends on the host's ICU data). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
