// What the schedule rules share: which part of the schedule is still ahead, how to name a segment in
// a message, and where in the plan a rotation, leave or swap is written.
import type { DateRange, Leave, Plan, PlanPath, Segment, Swap } from '../types.js'
import { leaveInstants, swapInstants } from '../plan/ranges.js'
import { dayEnd, dayStart, localTime, ms } from './time.js'

export interface Interval {
  start: number
  end: number
}

/** Today's local midnight: segments ending at or before it are history. */
export function todayStart(plan: Plan, today: string): number {
  return dayStart(today, plan.timezone)
}

export function isAhead(segment: Segment, midnight: number): boolean {
  return ms(segment.end) > midnight
}

/** A leave entry as the instants it covers: whole days (or date-times) in the member's own zone. */
export function leaveInterval(plan: Plan, leave: Leave): Interval {
  return leaveInstants(plan, leave)
}

/** A swap as the instants it covers, in the plan's zone. */
export function swapInterval(plan: Plan, swap: Swap): Interval {
  return swapInstants(plan, swap)
}

/** A range of local dates as the instants it covers, whole days. */
export function rangeInterval(range: DateRange, zone: string): Interval {
  return { start: dayStart(range.from, zone), end: dayEnd(range.to, zone) }
}

export function segmentInterval(segment: Segment): Interval {
  return { start: ms(segment.start), end: ms(segment.end) }
}

/** `main primary 2027-01-04 10:00..2027-01-11 10:00`, in the plan's time zone. */
export function describeSegment(segment: Segment, zone: string): string {
  const { start, end } = segmentInterval(segment)
  return `${segment.rotation} ${segment.role} ${localTime(start, zone)}..${localTime(end, zone)}`
}

export function rotationPath(plan: Plan, id: string): PlanPath {
  const index = plan.oncall.rotations.findIndex((r) => r.id === id)
  return index < 0 ? ['oncall'] : ['oncall', 'rotations', index]
}

export function swapRotation(plan: Plan, swap: Swap): string {
  return swap.rotation || (plan.oncall.rotations.length === 1 ? (plan.oncall.rotations[0]?.id ?? '') : '')
}

/** Plan leave entries (with their index) of one member that overlap an interval. */
export function leaveDuring(plan: Plan, member: string, during: Interval): number[] {
  const out: number[] = []
  plan.leave.forEach((leave, i) => {
    if (leave.member !== member) return
    const l = leaveInterval(plan, leave)
    if (l.start < during.end && during.start < l.end) out.push(i)
  })
  return out
}

/** Swap entries (with their index) of a rotation and role that overlap an interval. */
export function swapsDuring(plan: Plan, rotation: string, role: string, during: Interval): number[] {
  const out: number[] = []
  plan.swaps.forEach((swap, i) => {
    if (swapRotation(plan, swap) !== rotation || swap.role !== role) return
    const s = swapInterval(plan, swap)
    if (s.start < during.end && during.start < s.end) out.push(i)
  })
  return out
}
