// Coverage rules: staffed (coverage-staffed.ts), nobody in two places at once, and rest between
// shifts of the same role.
import type { Plan, PlanPath, Schedule, ScheduledSegment, ShiftSlot } from '../types.js'
import { checkStaffed } from './coverage-staffed.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { isAhead, rotationPath, segmentInterval, swapsDuring, todayStart } from './schedule-view.js'
import { intervalSpan, localTime, ms } from './time.js'

function byMember(segments: readonly ScheduledSegment[]): Map<string, ScheduledSegment[]> {
  const out = new Map<string, ScheduledSegment[]>()
  for (const s of segments) out.set(s.member, [...(out.get(s.member) ?? []), s])
  for (const list of out.values()) list.sort((a, b) => ms(a.start) - ms(b.start))
  return out
}

/** Where to send the reader: the swap that put the member there, else the rotation. */
function pathFor(plan: Plan, segment: ScheduledSegment): PlanPath {
  const swap = swapsDuring(plan, segment.rotation, segment.role, segmentInterval(segment)).find((i) => plan.swaps[i]?.member === segment.member)
  return swap !== undefined ? ['swaps', swap] : rotationPath(plan, segment.rotation)
}

function checkDistinct(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const zone = plan.timezone
  const midnight = todayStart(plan, ctx.today)
  const findings: Finding[] = []
  for (const [member, segments] of byMember(scheduleOf(ctx).segments.filter((s) => isAhead(s, midnight)))) {
    segments.forEach((a, i) => {
      for (const b of segments.slice(i + 1)) {
        const start = Math.max(ms(a.start), ms(b.start))
        const end = Math.min(ms(a.end), ms(b.end))
        if (start >= ms(a.end)) break
        if (start >= end) continue
        findings.push({
          message:
            `${intervalSpan(start, end, zone)}: ${member} holds ${a.rotation} ${a.role} and ${b.rotation} ${b.role} at the same time ` +
            `(${localTime(start, zone)} to ${localTime(end, zone)}); one person cannot answer two pages at once: ` +
            `give one of them to another member with a swap, or regenerate the schedule`,
          path: b.kind === 'swap' || a.kind !== 'swap' ? pathFor(plan, b) : pathFor(plan, a)
        })
      }
    })
  }
  return findings
}

/** The index of the shift a moment falls in, or -1 outside the schedule. */
function slotOf(slots: readonly ShiftSlot[], at: number): number {
  let lo = 0
  let hi = slots.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const slot = slots[mid] as ShiftSlot
    if (at < ms(slot.start)) hi = mid - 1
    else if (at >= ms(slot.end)) lo = mid + 1
    else return mid
  }
  return -1
}

function checkRest(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const schedule: Schedule = scheduleOf(ctx)
  const minGap = ctx.params['min-gap'] ?? 1
  const midnight = todayStart(plan, ctx.today)
  const slots = [...schedule.shifts].sort((a, b) => ms(a.start) - ms(b.start))
  // rotation/role/member → the shifts they hold at least half of (a stub left by a swap or a
  // cover is not a shift held), with the hours held, one segment, and whether a swap put them there
  const held = new Map<string, Map<number, { hours: number; segment: ScheduledSegment; swap: boolean }>>()
  for (const s of schedule.segments) {
    const key = `${s.rotation}\u0000${s.role}\u0000${s.member}`
    const shifts = held.get(key) ?? new Map<number, { hours: number; segment: ScheduledSegment; swap: boolean }>()
    held.set(key, shifts)
    for (let slot = slotOf(slots, ms(s.start)); slot >= 0 && slot < slots.length; slot++) {
      const span = slots[slot] as ShiftSlot
      if (ms(span.start) >= ms(s.end)) break
      const overlap = Math.min(ms(span.end), ms(s.end)) - Math.max(ms(span.start), ms(s.start))
      const entry = shifts.get(slot) ?? { hours: 0, segment: s, swap: false }
      entry.hours += overlap
      entry.swap ||= s.kind === 'swap'
      shifts.set(slot, entry)
    }
  }
  const findings: Finding[] = []
  for (const shifts of held.values()) {
    const order = [...shifts.keys()].filter((k) => {
      const slot = slots[k] as ShiftSlot
      return (shifts.get(k)?.hours ?? 0) * 2 >= ms(slot.end) - ms(slot.start)
    }).sort((a, b) => a - b)
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1] as number, order[i] as number]
      const later = (shifts.get(b) as { segment: ScheduledSegment }).segment
      const between = b - a - 1
      // a swap the plan asks for was chosen with its neighbours in view
      if (shifts.get(a)?.swap || shifts.get(b)?.swap) continue
      if (between >= minGap || !isAhead(later, midnight)) continue
      const first = slots[a] as ShiftSlot
      const second = slots[b] as ShiftSlot
      findings.push({
        message:
          `${later.member} holds ${later.rotation} ${later.role} in the shifts starting ${first.startDate} and ${second.startDate} ` +
          `with ${between} shift${between === 1 ? '' : 's'} between, fewer than min-gap ${minGap}: ` +
          `swap one of them with another member so ${later.member} can rest`,
        path: pathFor(plan, later)
      })
    }
  }
  return findings
}

export const coverageRules: RuleDefinition[] = [
  { id: 'coverage.staffed', check: checkStaffed },
  { id: 'coverage.distinct', check: checkDistinct },
  { id: 'coverage.rest', check: checkRest }
]
