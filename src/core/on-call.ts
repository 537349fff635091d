// "Who is on call now?": read from a list of segments (the schedule of record, or a planned
// schedule) at one instant. Rotations may run on different shift grids, so nothing here assumes a
// grid: a holding is what the segments say — one member in one role for an unbroken stretch, however
// many segments (a shift, then a swap of the same member) it takes.
import { rangeInstants, memberZone } from './plan/ranges.js'
import type { Leave, Plan, Role, Segment, UtcInstant } from './types.js'

/** One member holding one role of one rotation without a break. */
export interface Holding {
  rotation: string
  role: Role
  member: string
  start: UtcInstant
  end: UtcInstant
}

/** A role of a rotation at an instant: who holds it (null: nobody), and who takes it next. */
export interface RoleAt {
  rotation: string
  role: Role
  holder: Holding | null
  next: Holding | null
}

/** A member's view from an instant on: what they hold now or later, and their leave not yet over. */
export interface MemberOutlook {
  member: string
  shifts: Holding[]
  leave: Leave[]
}

/** Consecutive segments of the same member in one role of one rotation, joined, in time order. */
export function holdings(segments: readonly Segment[], rotation: string, role: Role): Holding[] {
  const own = segments
    .filter((s) => s.rotation === rotation && s.role === role)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  const out: Holding[] = []
  for (const s of own) {
    const last = out[out.length - 1]
    if (last && last.member === s.member && last.end === s.start) last.end = s.end
    else out.push({ rotation, role, member: s.member, start: s.start, end: s.end })
  }
  return out
}

/** Every role of every rotation of the plan at `at`, in plan order. */
export function onCallAt(plan: Plan, segments: readonly Segment[], at: UtcInstant): RoleAt[] {
  return plan.oncall.rotations.flatMap((rotation) => rotation.roles.map((role) => {
    const list = holdings(segments, rotation.id, role)
    const now = list.findIndex((h) => h.start <= at && at < h.end)
    const holder = now >= 0 ? (list[now] as Holding) : null
    const next = list.find((h) => h.start >= (holder?.end ?? at) && h.start > at) ?? null
    return { rotation: rotation.id, role, holder, next }
  }))
}

/** A member's holdings that have not ended by `at`, across rotations, and their leave not yet over. */
export function memberOutlook(plan: Plan, segments: readonly Segment[], member: string, at: UtcInstant): MemberOutlook {
  const shifts = plan.oncall.rotations
    .flatMap((rotation) => rotation.roles.flatMap((role) => holdings(segments, rotation.id, role)))
    .filter((h) => h.member === member && h.end > at)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || (a.rotation < b.rotation ? -1 : a.rotation > b.rotation ? 1 : 0))
  const atMs = Date.parse(at)
  // leave is in the member's own zone, as a date (whole days) or a local date-time
  const zone = memberZone(plan, member)
  const leave = plan.leave
    .filter((l) => l.member === member && rangeInstants(l, zone).end > atMs)
    .sort((a, b) => rangeInstants(a, zone).start - rangeInstants(b, zone).start)
  return { member, shifts, leave }
}
