// Turns a plan into the flow relaxation of lower-bound.ts. Each hour is weighed at the lightest
// weight anyone in the rotation could have for it (a holiday weighs only for those whose holiday it
// is), so the bound holds whoever ends up on call.
import type { PlanCalendar } from '../src/core/schedule/calendar.js'
import type { Plan, Role, Rotation } from '../src/core/types.js'
import { fairLoadBound, fairShares, type FairShares } from './fair-share.js'
import { minMaxLoadBound, type BoundCandidate, type BoundItem, type LoadBound } from './lower-bound.js'
import { dayPieces, type BenchWindow } from './window.js'

export interface PlanBound extends LoadBound {
  /** The heaviest single primary shift at the heaviest weights: the unit of "gap in shifts". */
  heaviestShift: number
  /** The same relaxation with caps in proportion to SPEC fair shares: a bound on load ÷ relative share. */
  fairBound: number
  /** Per rotation, each member's share relative to the rotation's largest, as `fairBound` uses them. */
  shares: FairShares
}

function roleFactor(plan: Plan, role: Role): number {
  return role === 'secondary' ? plan.oncall.weights.secondary : 1
}

function dayWeight(plan: Plan, cal: PlanCalendar, rotation: Rotation, date: string, pick: 'min' | 'max'): number {
  const w = plan.oncall.weights
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  const regular = dow === 0 || dow === 6 ? w.weekend : w.weekday
  const someoneOff = rotation.members.some((id) => cal.isHoliday(id, date))
  const base = !someoneOff ? regular : pick === 'min' ? Math.min(regular, w.holiday) : Math.max(regular, w.holiday)
  return base * (cal.isInvestorDate(date) ? w.investor : 1)
}

/**
 * Fairness is per rotation (SPEC section 3), so the bounds are too: for each rotation, the smallest
 * largest load a member can carry in it (per unit of capacity, and per relative fair share); the
 * plan's bounds are the largest of these. Both solve the same flow network, only the caps differ.
 */
export function planLoadBound(plan: Plan, cal: PlanCalendar, window: BenchWindow): PlanBound {
  const capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
  const shares = fairShares(plan, cal, window)
  const result: PlanBound = { bound: 0, uncovered: 0, solves: 0, heaviestShift: 0, fairBound: 0, shares }
  for (const rotation of plan.oncall.rotations) {
    const { instance, heaviestShift } = rotationInstance(plan, cal, window, rotation)
    const bound = minMaxLoadBound({ capacities: rotation.members.map((id) => capacity.get(id) ?? 1), items: instance })
    const own = shares.get(rotation.id)!
    const fair = fairLoadBound(rotation.members.map((id) => own.get(id) ?? 0), instance)
    result.bound = Math.max(result.bound, bound.bound)
    result.fairBound = Math.max(result.fairBound, fair.bound)
    result.uncovered += bound.uncovered
    result.solves += bound.solves + fair.solves
    result.heaviestShift = Math.max(result.heaviestShift, heaviestShift)
  }
  return result
}

function rotationInstance(plan: Plan, cal: PlanCalendar, window: BenchWindow, rotation: Rotation): { instance: BoundItem[]; heaviestShift: number } {
  // Shifts with the same people free throughout merge into one item; with partial caps the merge
  // only loosens the relaxation, so the bound stays a bound.
  const merged = new Map<string, BoundItem>()
  let heaviestShift = 0
  const heaviestRole = Math.max(...rotation.roles.map((role) => roleFactor(plan, role)))
  const roleSum = rotation.roles.reduce((sum, role) => sum + roleFactor(plan, role), 0)
  for (const slot of window.slots) {
    const pieces = dayPieces(slot.start, slot.end, plan.timezone)
    const light = pieces.map((p) => p.days * dayWeight(plan, cal, rotation, p.date, 'min'))
    const shiftWeight = light.reduce((a, b) => a + b, 0)
    const heavy = pieces.reduce((sum, p) => sum + p.days * dayWeight(plan, cal, rotation, p.date, 'max'), 0)
    heaviestShift = Math.max(heaviestShift, heavy)
    const candidates: BoundCandidate[] = []
    const key: string[] = []
    rotation.members.forEach((id, member) => {
      const free = pieces.reduce((sum, p, i) => (cal.isAvailable(id, p.date) ? sum + light[i]! : sum), 0)
      if (free <= 0) return
      // One person holds one role at a time: at most the heaviest role's weight of their free hours.
      candidates.push({ member, cap: free * heaviestRole })
      key.push(free >= shiftWeight - 1e-12 ? `${member}` : `${member}:${free.toFixed(9)}`)
    })
    const item = merged.get(key.join(','))
    if (!item) merged.set(key.join(','), { demand: shiftWeight * roleSum, candidates })
    else {
      item.demand += shiftWeight * roleSum
      item.candidates.forEach((c, i) => { c.cap += candidates[i]!.cap })
    }
  }
  return { instance: [...merged.values()], heaviestShift }
}
