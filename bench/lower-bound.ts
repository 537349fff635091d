// A lower bound on the largest load per unit of capacity that any schedule can reach: the
// assignment relaxed to a fractional flow. Shift weight flows from shift-roles to the members who
// may hold them; member m accepts at most L × capacity(m). The smallest L at which all weight
// flows is at most the best real schedule's largest load, because every real schedule is such a
// flow (one that also keeps shifts whole and people in one role at a time).
import { FlowNetwork } from './max-flow.js'

export interface BoundCandidate {
  /** Index into {@link BoundInstance.capacities}. */
  member: number
  /** The most of the item's weight this member can take: the weight of the hours they are free. */
  cap: number
}

export interface BoundItem {
  demand: number
  candidates: BoundCandidate[]
}

export interface BoundInstance {
  /** Each member's share of a full load (0 <= c <= 1): their capacity, or their relative fair share. */
  capacities: number[]
  items: BoundItem[]
}

export interface LoadBound {
  /** The smallest feasible largest load per unit of capacity (within the tolerance, never above). */
  bound: number
  /** Weight no member can take at all (nobody free then): a schedule must leave it unstaffed. */
  uncovered: number
  /** How many max-flow solves the search took. */
  solves: number
}

/**
 * Binary search on the load cap L, one max-flow per step. `tolerance` is relative to L; the result
 * is the last infeasible cap (or the exact perfect split when that is feasible), so it never
 * overstates the bound.
 */
export function minMaxLoadBound(instance: BoundInstance, tolerance = 1e-5): LoadBound {
  const { capacities, items } = instance
  const source = 0
  const itemNode = (i: number): number => 1 + i
  const memberNode = (m: number): number => 1 + items.length + m
  const sink = 1 + items.length + capacities.length
  const net = new FlowNetwork(sink + 1)

  const edges: Array<{ id: number; cap: number }> = []
  let total = 0
  items.forEach((item, i) => {
    total += item.demand
    edges.push({ id: net.addEdge(source, itemNode(i), item.demand), cap: item.demand })
    for (const c of item.candidates) {
      const cap = Math.min(c.cap, item.demand)
      if (cap > 0) edges.push({ id: net.addEdge(itemNode(i), memberNode(c.member), cap), cap })
    }
  })
  const memberEdges = capacities.map((_, m) => net.addEdge(memberNode(m), sink, 0))

  let solves = 0
  const flowAt = (limit: number): number => {
    for (const e of edges) net.setCapacity(e.id, e.cap)
    memberEdges.forEach((e, m) => net.setCapacity(e, limit * capacities[m]!))
    solves++
    return net.maxFlow(source, sink)
  }

  // A member with no capacity takes nothing at any L (someone with no available hours has no share).
  const positive = capacities.filter((c) => c > 0)
  if (total <= 0 || positive.length === 0) return { bound: 0, uncovered: total, solves }
  const minShare = Math.min(...positive)
  const coverable = flowAt(total / minShare)
  const uncovered = Math.max(0, total - coverable)
  const feasible = (limit: number): boolean => flowAt(limit) >= coverable * (1 - 1e-9) - 1e-9

  // No schedule beats spreading the weight in exact proportion to capacity.
  let lo = coverable / capacities.reduce((a, b) => a + b, 0)
  if (feasible(lo)) return { bound: lo, uncovered, solves }
  let hi = coverable / minShare
  while (hi - lo > tolerance * hi) {
    const mid = (lo + hi) / 2
    if (feasible(mid)) hi = mid
    else lo = mid
  }
  return { bound: lo, uncovered, solves }
}
