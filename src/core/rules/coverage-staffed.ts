// coverage.staffed: every role is held at every instant ahead, by someone who is there, and agreed
// swaps are kept. The scheduler's own gaps are reported first; the rest re-checks its segments.
import type { Plan, Role, Schedule, ScheduledSegment } from '../types.js'
import type { Finding, RuleContext } from './rule.js'
import { scheduleOf } from './rule.js'
import {
  type Interval,
  describeSegment,
  isAhead,
  leaveDuring,
  leaveInterval,
  rotationPath,
  segmentInterval,
  swapInterval,
  swapRotation,
  swapsDuring,
  todayStart
} from './schedule-view.js'
import { dayEnd, dayStart, intervalSpan, lastDate, localDate, localTime, ms, span } from './time.js'

const REGENERATE = 'run `opsplan render` to plan it again (and report it as a bug if it stays)'

type Gap = Schedule['gaps'][number]

/** Gaps that touch, in the same role and for the same reason, read as one stretch (a handoff splits them). */
function mergeGaps(gaps: readonly Gap[]): Gap[] {
  const sorted = [...gaps].sort((a, b) => (a.rotation + a.role < b.rotation + b.role ? -1 : a.rotation + a.role > b.rotation + b.role ? 1 : ms(a.start) - ms(b.start)))
  const merged: Gap[] = []
  for (const gap of sorted) {
    const last = merged[merged.length - 1]
    if (last && last.rotation === gap.rotation && last.role === gap.role && last.reason === gap.reason && ms(gap.start) <= ms(last.end)) {
      if (ms(gap.end) > ms(last.end)) merged[merged.length - 1] = { ...last, end: gap.end }
    } else {
      merged.push(gap)
    }
  }
  return merged
}

function gapFindings(plan: Plan, schedule: Schedule, midnight: number): Finding[] {
  const rotations = new Map(plan.oncall.rotations.map((r) => [r.id, r]))
  return mergeGaps(schedule.gaps.filter((gap) => ms(gap.end) > midnight)).map((gap) => {
    const during = { start: ms(gap.start), end: ms(gap.end) }
    const members = rotations.get(gap.rotation)?.members ?? []
    const leave = members.flatMap((m) => leaveDuring(plan, m, during)).sort((a, b) => a - b)[0]
    const swap = swapsDuring(plan, gap.rotation, gap.role, during)[0]
    const first = localDate(during.start, plan.timezone)
    const last = lastDate(during.end, plan.timezone)
    const holiday = plan.oncall.holidays.policy === 'off' && members.some((m) => (schedule.holidays[m] ?? []).some((h) => h.date >= first && h.date <= last))
    const path =
      leave !== undefined ? ['leave', leave] : swap !== undefined ? ['swaps', swap] : holiday ? ['oncall', 'holidays', 'policy'] : rotationPath(plan, gap.rotation)
    return {
      message: `${span(first, last)}: ${gap.rotation} ${gap.role} unstaffed: ${gap.reason} — move a leave or add a member to the rotation`,
      path
    }
  })
}

interface Held extends Interval {
  member: string | null
}

/** Holes and overlaps in one role's timeline, counting the scheduler's declared gaps as held. */
function tilingFindings(plan: Plan, schedule: Schedule, midnight: number): Finding[] {
  const zone = plan.timezone
  const findings: Finding[] = []
  const report = (rotation: string, role: Role, start: number, end: number, what: string): void => {
    if (end <= midnight) return
    findings.push({
      message: `${intervalSpan(start, end, zone)}: ${rotation} ${role} ${what} from ${localTime(start, zone)} to ${localTime(end, zone)}; ${REGENERATE}`,
      path: rotationPath(plan, rotation)
    })
  }
  for (const rotation of plan.oncall.rotations) {
    // each rotation is staffed from its own first handoff to the end of its own last shift
    const own = schedule.shifts.filter((s) => s.rotation === rotation.id)
    const from = own.length > 0 ? Math.min(...own.map((s) => ms(s.start))) : ms(schedule.from)
    const to = own.length > 0 ? Math.max(...own.map((s) => ms(s.end))) : ms(schedule.to)
    for (const role of rotation.roles) {
      const held: Held[] = [
        ...schedule.segments.filter((s) => s.rotation === rotation.id && s.role === role).map((s) => ({ ...segmentInterval(s), member: s.member })),
        ...schedule.gaps.filter((g) => g.rotation === rotation.id && g.role === role).map((g) => ({ start: ms(g.start), end: ms(g.end), member: null }))
      ]
        .map((h) => ({ ...h, start: Math.max(h.start, from), end: Math.min(h.end, to) }))
        .filter((h) => h.start < h.end)
        .sort((a, b) => a.start - b.start || a.end - b.end)
      let cursor = from
      let holder: string | null = null
      for (const h of held) {
        if (h.start > cursor) report(rotation.id, role, cursor, h.start, 'has nobody on call')
        if (h.start < cursor) {
          const who = [holder ?? 'a declared gap', h.member ?? 'a declared gap']
          report(rotation.id, role, h.start, Math.min(cursor, h.end), `is held by both ${who[0]} and ${who[1]}`)
        }
        if (h.end > cursor) {
          cursor = h.end
          holder = h.member
        }
      }
      if (cursor < to) report(rotation.id, role, cursor, to, 'has nobody on call')
    }
  }
  return findings
}

/** Leave, joined/left and (under policy off) public holidays, for one segment's time from today. */
function availabilityFindings(plan: Plan, schedule: Schedule, segment: ScheduledSegment, today: string, midnight: number): Finding[] {
  const zone = plan.timezone
  const held = segmentInterval(segment)
  const start = Math.max(held.start, midnight)
  const end = held.end
  if (start >= end) return []
  const what = `${segment.member} is on call (${describeSegment(segment, zone)})`
  const index = plan.team.findIndex((m) => m.id === segment.member)
  const member = plan.team[index]
  if (!member) {
    return [{ message: `${intervalSpan(start, end, zone)}: ${what} but is not in the team; ${REGENERATE}`, path: rotationPath(plan, segment.rotation) }]
  }
  const own = member.timezone
  const findings: Finding[] = []
  const handOver = `give that time to someone available with a swap, or ${REGENERATE}`
  for (const i of leaveDuring(plan, member.id, { start, end })) {
    const leave = plan.leave[i]
    if (!leave) continue
    const l = leaveInterval(plan, leave)
    const reason = leave.reason ? ` (${leave.reason})` : ''
    findings.push({
      message:
        `${intervalSpan(Math.max(l.start, start), Math.min(l.end, end), own)}: ${what} during their leave ${span(leave.from, leave.to)}${reason}; ${handOver}`,
      path: ['leave', i]
    })
  }
  if (member.joined && start < dayStart(member.joined, zone)) {
    findings.push({
      message: `${intervalSpan(start, Math.min(end, dayStart(member.joined, zone)), zone)}: ${what} before joining on ${member.joined}; ${handOver}`,
      path: ['team', index, 'joined']
    })
  }
  if (member.left && end > dayEnd(member.left, zone)) {
    findings.push({
      message: `${intervalSpan(Math.max(start, dayEnd(member.left, zone)), end, zone)}: ${what} after leaving on ${member.left}; ${handOver}`,
      path: ['team', index, 'left']
    })
  }
  if (plan.oncall.holidays.policy === 'off') {
    for (const holiday of schedule.holidays[member.id] ?? []) {
      if (holiday.date < today) continue
      if (!(dayStart(holiday.date, own) < end && start < dayEnd(holiday.date, own))) continue
      findings.push({
        message:
          `${holiday.date}: ${what} on their public holiday ${holiday.name} while holidays.policy is off; ` +
          `give that day to someone else with a swap, or set the policy to avoid`,
        path: ['oncall', 'holidays', 'policy']
      })
    }
  }
  return findings
}

function swapFindings(plan: Plan, schedule: Schedule, midnight: number): Finding[] {
  const zone = plan.timezone
  const findings: Finding[] = []
  plan.swaps.forEach((swap, i) => {
    // the scheduler already said why it could not keep this swap (its member is away), at the swap
    if (schedule.problems.some((p) => p.planPath?.[0] === 'swaps' && p.planPath[1] === i)) return
    const rotation = swapRotation(plan, swap)
    const window = swapInterval(plan, swap)
    const start = Math.max(window.start, ms(schedule.from), midnight)
    const end = Math.min(window.end, ms(schedule.to))
    if (start >= end) return
    const others = schedule.segments.filter((s) => {
      if (s.rotation !== rotation || s.role !== swap.role || s.member === swap.member) return false
      const held = segmentInterval(s)
      return held.start < end && start < held.end
    })
    if (others.length === 0) return
    const from = Math.max(start, Math.min(...others.map((s) => ms(s.start))))
    const to = Math.min(end, Math.max(...others.map((s) => ms(s.end))))
    const who = [...new Set(others.map((s) => s.member))].sort()
    findings.push({
      message:
        `swap ${span(swap.from, swap.to)} (${rotation} ${swap.role} to ${swap.member}) is not kept: ${who.join(', ')} hold${who.length === 1 ? 's' : ''} it ` +
        `${intervalSpan(from, to, zone)}; check that ${swap.member} is available on those dates, then ${REGENERATE}`,
      path: ['swaps', i]
    })
  })
  return findings
}

export function checkStaffed(ctx: RuleContext): Finding[] {
  const schedule = scheduleOf(ctx)
  const midnight = todayStart(ctx.plan, ctx.today)
  return [
    ...gapFindings(ctx.plan, schedule, midnight),
    ...tilingFindings(ctx.plan, schedule, midnight),
    ...schedule.segments
      .filter((s) => isAhead(s, midnight))
      .flatMap((s) => availabilityFindings(ctx.plan, schedule, s, ctx.today, midnight)),
    ...swapFindings(ctx.plan, schedule, midnight)
  ]
}
