// Measures one method on one synthetic team: plan, score, add one leave, plan again, score the churn.
import { addDays, buildPlanCalendar, localDate, type PlanCalendar } from '../src/core/schedule/calendar.js'
import type { Leave, LocalDate, Plan, Segment } from '../src/core/types.js'
import { changedShiftRoles, forcedByLeave, hardViolations, maxLoadPerCapacity, timeMedian, type Violations } from './metrics.js'
import { maxLoadPerShare } from './fair-share.js'
import type { PlanBound } from './plan-bound.js'
import type { SyntheticCase, TeamKind } from './synthetic.js'
import type { BenchWindow } from './window.js'

/** A way to make a schedule; `replan` plans the changed plan, against the first plan where it can. */
export interface Method {
  name: string
  plan(plan: Plan, cal: PlanCalendar, today: LocalDate): Segment[]
  replan(first: Segment[], plan: Plan, cal: PlanCalendar, today: LocalDate): Segment[]
}

export interface CaseResult {
  team: number
  /** The table's team cell: the size, and who joins and leaves where people change. */
  label: string
  kind: TeamKind
  shift: string
  method: string
  shifts: number
  maxLoad: number
  bound: number
  gapPercent: number
  gapShifts: number
  /** The same four figures on SPEC fairness's scale: load ÷ relative fair share, against its bound. */
  fairMaxLoad: number
  fairBound: number
  fairGapPercent: number
  fairGapShifts: number
  /** The unit of the gaps in shifts: the plan's heaviest single primary shift. */
  heaviestShift: number
  violations: Violations
  /** Shift-roles changed by re-planning with the new leave, and how many of them the leave forces. */
  churn: number
  forced: number
  scratchChurn: number
  ms: number
  runs: number
  /** The largest fairness target per unit of capacity, where the method reports fairness. */
  fairTarget?: number
}

export function planCalendar(plan: Plan, window: BenchWindow): PlanCalendar {
  return buildPlanCalendar(plan, plan.oncall.start, addDays(localDate(window.to, plan.timezone), 1))
}

/**
 * One week off for someone who holds a primary shift about ten weeks out (well past the freeze),
 * at a time nobody else in their rotation is away, so the leave forces a move but never a gap.
 */
export function churnLeave(plan: Plan, cal: PlanCalendar, first: readonly Segment[], today: LocalDate): Leave {
  const earliest = addDays(today, 70)
  const rotation = plan.oncall.rotations[0]!
  const candidates = first
    .filter((s) => s.rotation === rotation.id && s.role === 'primary' && localDate(s.start, plan.timezone) >= earliest)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  for (const s of candidates) {
    const from = addDays(localDate(s.start, plan.timezone), 1)
    const to = addDays(from, 5)
    let clear = true
    for (let d = addDays(from, -1); d <= addDays(to, 1) && clear; d = addDays(d, 1)) {
      clear = rotation.members.every((m) => !cal.isAway(m, d))
    }
    if (clear) return { member: s.member, from, to, reason: 'vacation' }
  }
  throw new Error(`no week for a new leave in ${rotation.id}`)
}

export function runCase(c: SyntheticCase, window: BenchWindow, cal: PlanCalendar, bound: PlanBound, method: Method, leave?: Leave): CaseResult & { leave: Leave } {
  const timed = timeMedian(() => method.plan(c.plan, cal, c.today))
  const first = timed.result
  const newLeave = leave ?? churnLeave(c.plan, cal, first, c.today)
  const changedPlan: Plan = { ...c.plan, leave: [...c.plan.leave, newLeave] }
  const changedCal = planCalendar(changedPlan, window)
  const again = method.replan(first, changedPlan, changedCal, c.today)
  const scratch = method.plan(changedPlan, changedCal, c.today)

  const violations = hardViolations(c.plan, cal, first, window)
  const replanned = hardViolations(changedPlan, changedCal, again, window)
  for (const key of ['unstaffed', 'doubleBooked', 'away', 'holidayOff', 'total'] as const) violations[key] += replanned[key]
  violations.examples.push(...replanned.examples.map((e) => `after the new leave: ${e}`))

  const maxLoad = maxLoadPerCapacity(c.plan, cal, first, window).value
  const fairMaxLoad = maxLoadPerShare(c.plan, cal, first, window, bound.shares).value
  const gap = (load: number, against: number): { percent: number; shifts: number } => ({
    percent: against > 0 ? ((load - against) / against) * 100 : 0,
    shifts: bound.heaviestShift > 0 ? (load - against) / bound.heaviestShift : 0
  })
  const plainGap = gap(maxLoad, bound.bound)
  const fairGap = gap(fairMaxLoad, bound.fairBound)
  return {
    team: c.size,
    label: c.label,
    kind: c.kind,
    shift: c.shift,
    method: method.name,
    shifts: window.slots.length,
    maxLoad,
    bound: bound.bound,
    gapPercent: plainGap.percent,
    gapShifts: plainGap.shifts,
    fairMaxLoad,
    fairBound: bound.fairBound,
    fairGapPercent: fairGap.percent,
    fairGapShifts: fairGap.shifts,
    heaviestShift: bound.heaviestShift,
    violations,
    churn: changedShiftRoles(first, again, window),
    forced: forcedByLeave(c.plan, first, newLeave, window),
    scratchChurn: changedShiftRoles(first, scratch, window),
    ms: timed.ms,
    runs: timed.runs,
    leave: newLeave
  }
}
