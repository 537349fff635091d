// Churn after one new leave: which shift-roles a re-plan against the record changed, and which of
// those the leave forced (their recorded member is away in the new plan). What a scheduler changes
// beyond the forced ones is the churn the target bounds.
import { addDays, buildPlanCalendar, localDate, type PlanCalendar } from '../src/core/schedule/calendar.js'
import type { Leave, LocalDate, Plan, Schedule, ScheduledSegment, Segment, ShiftSlot } from '../src/core/types.js'
import { maxConcurrent } from './synthetic.js'

/** A shift-role: one role of one rotation in one shift of that rotation's grid. */
export type ShiftRoleKey = string

const keyOf = (rotation: string, role: string, slot: ShiftSlot): ShiftRoleKey => `${rotation}|${role}|${slot.start}`

/** Each rotation's shifts in time order, to find the ones a stretch of time overlaps. */
function gridsOf(shifts: readonly ShiftSlot[]): Map<string, ShiftSlot[]> {
  const grids = new Map<string, ShiftSlot[]>()
  for (const s of shifts) grids.set(s.rotation, [...(grids.get(s.rotation) ?? []), s])
  for (const list of grids.values()) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  return grids
}

/** The shifts of a grid that [start, end) overlaps. */
function overlapped(grid: readonly ShiftSlot[], start: string, end: string): ShiftSlot[] {
  let lo = 0
  let hi = grid.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (grid[mid]!.end <= start) lo = mid + 1
    else hi = mid
  }
  const out: ShiftSlot[] = []
  for (let i = lo; i < grid.length && grid[i]!.start < end; i++) out.push(grid[i]!)
  return out
}

/**
 * Who holds each shift-role, as text (`member@start-end` pieces in time order): equal text, same
 * holders. A member's adjoining pieces are one stretch: a cover whose note changes halfway (a leave's
 * end) is two segments, but whoever is on call is the same.
 */
export function holdersByShiftRole(segments: readonly Segment[], shifts: readonly ShiftSlot[]): Map<ShiftRoleKey, string> {
  const grids = gridsOf(shifts)
  const parts = new Map<ShiftRoleKey, Array<{ member: string; from: string; to: string }>>()
  for (const s of segments) {
    for (const slot of overlapped(grids.get(s.rotation) ?? [], s.start, s.end)) {
      const key = keyOf(s.rotation, s.role, slot)
      const from = s.start > slot.start ? s.start : slot.start
      const to = s.end < slot.end ? s.end : slot.end
      parts.set(key, [...(parts.get(key) ?? []), { member: s.member, from, to }])
    }
  }
  const text = (pieces: Array<{ member: string; from: string; to: string }>): string => {
    const merged: Array<{ member: string; from: string; to: string }> = []
    for (const p of [...pieces].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.member < y.member ? -1 : 1))) {
      const last = merged[merged.length - 1]
      if (last && last.member === p.member && last.to === p.from) last.to = p.to
      else merged.push({ ...p })
    }
    return merged.map((p) => `${p.member}@${p.from}-${p.to}`).join(',')
  }
  return new Map([...parts].map(([k, v]) => [k, text(v)]))
}

/** Shift-roles whose segments differ between two schedules on the same grids. */
export function changedShiftRoles(before: readonly Segment[], after: readonly Segment[], shifts: readonly ShiftSlot[]): Set<ShiftRoleKey> {
  const a = holdersByShiftRole(before, shifts)
  const b = holdersByShiftRole(after, shifts)
  const changed = new Set<ShiftRoleKey>()
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) changed.add(key)
  return changed
}

/**
 * Shift-roles a change forces: those where a recorded segment's member is away (leave, joined,
 * left, or a holiday under `off`) somewhere in the segment, by the new plan's calendar.
 */
export function forcedShiftRoles(recorded: readonly Segment[], cal: PlanCalendar, shifts: readonly ShiftSlot[]): Set<ShiftRoleKey> {
  const grids = gridsOf(shifts)
  const forced = new Set<ShiftRoleKey>()
  for (const s of recorded) {
    const start = Date.parse(s.start)
    const end = Date.parse(s.end)
    const away = cal.away(s.member).filter((x) => x.start < end && start < x.end)
    for (const x of away) {
      const from = new Date(Math.max(start, x.start)).toISOString().replace('.000Z', 'Z')
      const to = new Date(Math.min(end, x.end)).toISOString().replace('.000Z', 'Z')
      for (const slot of overlapped(grids.get(s.rotation) ?? [], from, to)) forced.add(keyOf(s.rotation, s.role, slot))
    }
  }
  return forced
}

export interface Churn {
  changed: number
  forced: number
  /** Changed shift-roles the leave did not force (forced ones left as they were do not count). */
  extra: number
  /**
   * Where `extra` is above 2 and the team is small enough: the fewest shift-roles any schedule that
   * keeps fairness.load must change (oracle (d), a proven lower bound), and how many more opsplan changed.
   */
  least?: { changed: number; status: string }
  beyondLeast?: number
}

/** What a leave forces: its dates' shift-roles, or more where keeping fairness.load needs more (oracle (d)). */
export const beyondForced = (c: Churn): number => (c.beyondLeast !== undefined ? Math.min(c.extra, Math.max(0, c.beyondLeast)) : c.extra)

export function churnOf(before: readonly Segment[], after: readonly Segment[], newPlanCal: PlanCalendar, shifts: readonly ShiftSlot[]): Churn {
  const changed = changedShiftRoles(before, after, shifts)
  const forced = forcedShiftRoles(before, newPlanCal, shifts)
  let extra = 0
  for (const key of changed) if (!forced.has(key)) extra++
  return { changed: changed.size, forced: forced.size, extra }
}

/** The new plan's calendar over the schedule's dates, for {@link forcedShiftRoles}. */
export function calendarFor(plan: Plan, schedule: Schedule): PlanCalendar {
  return buildPlanCalendar(plan, addDays(localDate(schedule.from, plan.timezone), -1), addDays(localDate(schedule.to, plan.timezone), 1))
}

const LEAVE_DAYS = 5
/** The leave starts this long after today: well past the freeze. */
const LEAVE_AFTER_DAYS = 70

// whole days: a week across a daylight-saving change is still a week
const slotDays = (s: { start: string; end: string }): number => Math.round((Date.parse(s.end) - Date.parse(s.start)) / 86_400_000)

/**
 * One new 5-day leave that forces a move but never a gap: for the member in the most rotations (the
 * hub, someone in both grids), on a shift they hold whole about ten weeks out (the longest shifts
 * first: a week they hold), while their rotations stay within the quarter-away agreement the teams
 * are drawn with. On a weekly shift the leave starts the day after the handoff, inside the week; on
 * a daily one, the day of the shift.
 */
export function churnLeave(plan: Plan, schedule: Schedule, today: LocalDate): Leave {
  const zone = plan.timezone
  const earliest = addDays(today, LEAVE_AFTER_DAYS)
  const cal = calendarFor(plan, schedule)
  const rotationsOf = (id: string) => plan.oncall.rotations.filter((r) => r.members.includes(id))
  const members = plan.team
    .map((m, i) => ({ id: m.id, i, count: rotationsOf(m.id).length }))
    .sort((a, b) => b.count - a.count || a.i - b.i)
  const fits = (id: string, from: LocalDate, to: LocalDate): boolean => {
    for (let d = addDays(from, -1); d <= addDays(to, 1); d = addDays(d, 1)) {
      if (cal.isAway(id, d)) return false
      for (const r of rotationsOf(id)) {
        const others = r.members.filter((m) => m !== id && cal.isAway(m, d)).length
        if (others + 1 > maxConcurrent(r.members.length)) return false
      }
    }
    return true
  }
  for (const { id } of members) {
    const held = schedule.segments
      .filter((s: ScheduledSegment) => s.member === id && s.kind === 'shift' && localDate(s.start, zone) >= earliest)
      .sort((a, b) => slotDays(b) - slotDays(a) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    for (const s of held) {
      const from = addDays(localDate(s.start, zone), slotDays(s) >= 2 ? 1 : 0)
      const to = addDays(from, LEAVE_DAYS - 1)
      if (fits(id, from, to)) return { member: id, from, to, reason: 'vacation' }
    }
  }
  throw new Error('no member holds a shift ten weeks out that a new leave could take')
}
