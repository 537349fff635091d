// SPEC section 3's fairness, as the bench scores it. A member's fair share of a rotation is in
// proportion to capacity × the hours they are available in the window, so someone who joins late,
// leaves early or takes leave is owed less. The plain bound ignores that and lets them carry as much
// per hour present as anyone; this module gives the scale on which a schedule that is fair in the
// SPEC's sense is judged instead.
//
// Shares are relative to the rotation's largest one (capacity × available hours ÷ the largest such
// product), so the member with the largest share is scored on their plain load, and everyone else's
// load is scaled up to what it would be at that share. Dividing by the largest share rather than by
// the sum keeps the figures comparable to a load, and to the plain columns, in size and in units.
import type { PlanCalendar } from '../src/core/schedule/calendar.js'
import { segmentLoad } from '../src/core/schedule/load.js'
import type { Plan, Segment } from '../src/core/types.js'
import { minMaxLoadBound, type BoundItem, type LoadBound } from './lower-bound.js'
import { clip, type MaxLoad } from './metrics.js'
import { dayPieces, type BenchWindow } from './window.js'

/** Per rotation, each member's share relative to the rotation's largest (0 ≤ share ≤ 1). */
export type FairShares = Map<string, Map<string, number>>

/** Days (hours ÷ 24) in the window on which the member may hold a role, as fairness counts them. */
export function availableDays(cal: PlanCalendar, member: string, window: BenchWindow, zone: string): number {
  let days = 0
  for (const p of dayPieces(window.from, window.to, zone)) if (cal.isAvailable(member, p.date)) days += p.days
  return days
}

/** capacity × available days, divided by the largest such product among the same members. */
export function relativeShares(weights: readonly number[]): number[] {
  const largest = Math.max(0, ...weights)
  return weights.map((w) => (largest > 0 ? w / largest : 0))
}

export function fairShares(plan: Plan, cal: PlanCalendar, window: BenchWindow): FairShares {
  const capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
  const days = new Map<string, number>()
  const daysOf = (id: string): number => {
    let d = days.get(id)
    if (d === undefined) {
      d = availableDays(cal, id, window, plan.timezone)
      days.set(id, d)
    }
    return d
  }
  const shares: FairShares = new Map()
  for (const rotation of plan.oncall.rotations) {
    const weights = rotation.members.map((id) => (capacity.get(id) ?? 1) * daysOf(id))
    const relative = relativeShares(weights)
    shares.set(rotation.id, new Map(rotation.members.map((id, i) => [id, relative[i]!])))
  }
  return shares
}

/**
 * The smallest L such that all weight flows with member m taking at most L × share(m): the plain
 * bound's relaxation with shares in place of capacities. Every schedule that gives each member
 * load ≤ L × share is such a flow, so no schedule's largest load per share is below it. It starts
 * at the SPEC's own target (total ÷ Σ shares), which it equals unless availability pins load on a
 * few people.
 */
export function fairLoadBound(shares: readonly number[], items: BoundItem[]): LoadBound {
  return minMaxLoadBound({ capacities: [...shares], items })
}

/**
 * The largest load ÷ relative share in one rotation. A member with no available hours has no share;
 * they are skipped (any load they carry is already a hard violation).
 */
export function maxLoadPerShare(plan: Plan, cal: PlanCalendar, segments: readonly Segment[], window: BenchWindow, shares: FairShares): MaxLoad {
  const load = new Map<string, number>()
  for (const s of clip(segments, window)) {
    const key = `${s.rotation}|${s.member}`
    load.set(key, (load.get(key) ?? 0) + segmentLoad(plan, cal, s.member, s.role, s.start, s.end))
  }
  let best: MaxLoad = { value: 0, rotation: '', member: '' }
  for (const [rotation, members] of shares) {
    for (const [member, share] of members) {
      if (share <= 0) continue
      const value = (load.get(`${rotation}|${member}`) ?? 0) / share
      if (value > best.value) best = { value, rotation, member }
    }
  }
  return best
}
