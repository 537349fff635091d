// Turns a plan into the flow relaxation of lower-bound.ts. Each hour's roles are weighed at the
// least any staffing by present members could weigh (a holiday weighs only for those whose holiday it
// is, and only where too few others are there to avoid it), so the bound holds whoever is on call.
import type { PlanCalendar } from '../src/core/schedule/calendar.js'
import { dateWeights, roleFactor } from '../src/core/schedule/load.js'
import type { Plan, Rotation } from '../src/core/types.js'
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

/**
 * The least weight one local day's worth of a rotation's roles can carry, per day, and what each
 * member would weigh holding a role then (undefined when they are away). Whoever holds a role weighs
 * the hour at their own weight (a holiday counts only for the member whose holiday it is), so the
 * cheapest staffing puts the lightest available members on the heaviest roles. Where fewer members
 * are off holiday than there are roles, some role must be worked at holiday weight: that weight is
 * in every schedule, so it belongs in the bound. Roles nobody can hold count at the lightest weight,
 * and surface as uncovered.
 */
interface DayDemand {
  perDay: number
  own: Array<number | undefined>
  lightest: number
  heaviest: number
}

function dayDemand(plan: Plan, cal: PlanCalendar, rotation: Rotation, date: string, roleFactors: number[]): DayDemand {
  const own = rotation.members.map((id) => (cal.isAvailable(id, date) ? (cal.isHoliday(id, date) ? dateWeights(plan, cal, date).holiday : dateWeights(plan, cal, date).base) : undefined))
  const anyone = rotation.members.map((id) => (cal.isHoliday(id, date) ? dateWeights(plan, cal, date).holiday : dateWeights(plan, cal, date).base))
  const lightest = Math.min(...anyone)
  const heaviest = Math.max(...anyone)
  const present = own.filter((w): w is number => w !== undefined).sort((a, b) => a - b)
  const perDay = roleFactors.reduce((sum, factor, k) => sum + factor * (present[k] ?? lightest), 0)
  return { perDay, own, lightest, heaviest }
}

function rotationInstance(plan: Plan, cal: PlanCalendar, window: BenchWindow, rotation: Rotation): { instance: BoundItem[]; heaviestShift: number } {
  // Shifts with the same people free at the same weights merge into one item; any merge only
  // loosens the relaxation, so the bound stays a bound.
  const merged = new Map<string, BoundItem>()
  let heaviestShift = 0
  const roleFactors = rotation.roles.map((role) => roleFactor(plan, role)).sort((a, b) => b - a)
  const heaviestRole = roleFactors[0] ?? 1
  for (const slot of window.slots) {
    const pieces = dayPieces(slot.start, slot.end, plan.timezone)
    const days = pieces.map((p) => dayDemand(plan, cal, rotation, p.date, roleFactors))
    const demand = pieces.reduce((sum, p, i) => sum + p.days * days[i]!.perDay, 0)
    const lightShift = pieces.reduce((sum, p, i) => sum + p.days * days[i]!.lightest, 0)
    const heavy = pieces.reduce((sum, p, i) => sum + p.days * days[i]!.heaviest, 0)
    heaviestShift = Math.max(heaviestShift, heavy)
    const candidates: BoundCandidate[] = []
    const key: string[] = []
    rotation.members.forEach((id, member) => {
      // One person holds one role at a time: at most the heaviest role at their own weight, for
      // the hours they are free.
      const free = pieces.reduce((sum, p, i) => sum + p.days * (days[i]!.own[member] ?? 0), 0)
      if (free <= 0) return
      candidates.push({ member, cap: free * heaviestRole })
      key.push(Math.abs(free - lightShift) < 1e-12 ? `${member}` : `${member}:${free.toFixed(9)}`)
    })
    const item = merged.get(key.join(','))
    if (!item) merged.set(key.join(','), { demand, candidates })
    else {
      item.demand += demand
      item.candidates.forEach((c, i) => { c.cap += candidates[i]!.cap })
    }
  }
  return { instance: [...merged.values()], heaviestShift }
}
