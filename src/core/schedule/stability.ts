// What the solver must keep: swaps as the plan gives them, and the schedule of record's grid.
import type { Lock, Plan, Problem, Segment, ShiftSlot } from '../types.js'
import { addDays, localDate, toMillis } from './calendar.js'
import { localMidnight } from './load.js'
import type { FixedPiece, Model } from './model.js'

/** Lock segments of rotations and roles the plan still has, in start order. */
export function usableLockSegments(plan: Plan, lock: Lock): Segment[] {
  const roles = new Map(plan.oncall.rotations.map((r) => [r.id, new Set<string>(r.roles)]))
  return lock.segments
    .filter((s) => roles.get(s.rotation)?.has(s.role))
    .map((s) => ({ rotation: s.rotation, role: s.role, member: s.member, start: s.start, end: s.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}

/**
 * The lock was made on this grid: it starts at the first handoff and every boundary in it is a
 * handoff or a local midnight (where covers and swaps begin and end).
 */
export function gridFits(plan: Plan, lock: Lock, segments: Segment[], grid: ShiftSlot[]): boolean {
  if (lock.timezone !== plan.timezone || !grid[0]) return false
  if (segments[0]?.start !== grid[0].start) return false
  const handoffs = new Set(grid.flatMap((s) => [s.start, s.end]))
  const lastEnd = grid[grid.length - 1]?.end ?? ''
  for (const s of segments) {
    for (const b of [s.start, s.end]) {
      if (b > lastEnd || handoffs.has(b)) continue
      if (localMidnight(localDate(b, plan.timezone), plan.timezone) !== toMillis(b)) return false
    }
  }
  return true
}

/** Pins each swap's member into its role on the swap's dates, except dates they cannot be there. */
export function applySwaps(model: Model): Problem[] {
  const { plan, cal } = model
  const problems: Problem[] = []
  for (const [index, swap] of plan.swaps.entries()) {
    const rot = swap.rotation
      ? model.rotations.findIndex((r) => r.id === swap.rotation)
      : model.rotations.length === 1 ? 0 : -1
    if (rot < 0 || !model.rotations[rot]?.roles.includes(swap.role)) continue
    const from = localMidnight(swap.from, plan.timezone)
    const to = localMidnight(addDays(swap.to, 1), plan.timezone)
    const note = `swap: ${swap.member}${swap.reason ? ` (${swap.reason})` : ''}`
    const conflicts: string[] = []
    model.slots.forEach((info, s) => {
      if (info.end <= from || info.start >= to) return
      const cell = model.cellOf(s, rot, swap.role)
      if (!cell) return
      const pieces: FixedPiece[] = []
      for (const day of info.days) {
        const a = Math.max(day.start, from)
        const b = Math.min(day.end, to)
        if (b <= a) continue
        if (!cal.isAvailable(swap.member, day.date)) {
          if (!conflicts.includes(day.date)) conflicts.push(day.date)
          continue
        }
        const prev = pieces[pieces.length - 1]
        if (prev && prev.end === a) prev.end = b
        else pieces.push({ start: a, end: b, member: swap.member, kind: 'swap', note })
      }
      cell.swaps.push(...pieces)
      const only = pieces[0]
      if (pieces.length === 1 && only && only.start === info.start && only.end === info.end) {
        cell.swapWhole = true
        cell.member = swap.member
      }
    })
    if (conflicts.length > 0) {
      const first = conflicts[0] as string
      const why = cal.awayReason(swap.member, first) ?? 'public holiday'
      problems.push({
        severity: 'error',
        rule: 'coverage.staffed',
        planPath: ['swaps', index],
        message: `The swap puts ${swap.member} on ${swap.role} ${swap.from}..${swap.to}, but ${swap.member} cannot be on call on ${conflicts.length === 1 ? first : `${first} and ${conflicts.length - 1} more day(s)`} (${why}); those days are planned without the swap. Change the swap's dates or its member.`
      })
    }
  }
  return problems
}
