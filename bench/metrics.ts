// What the benchmark measures on a schedule, whoever made it: the largest load per unit of
// capacity, hard-constraint violations, churn after one new leave, and run time.
import { performance } from 'node:perf_hooks'
import { addDays, instantAt, type PlanCalendar } from '../src/core/schedule/calendar.js'
import { segmentLoad } from '../src/core/schedule/load.js'
import type { Leave, Plan, Segment, UtcInstant } from '../src/core/types.js'
import { dayPieces, type BenchWindow } from './window.js'

const later = (a: UtcInstant, b: UtcInstant): UtcInstant => (a > b ? a : b)
const earlier = (a: UtcInstant, b: UtcInstant): UtcInstant => (a < b ? a : b)
const byStart = (a: Segment, b: Segment): number => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)

/** Segments cut to the window; those outside it are dropped. */
export function clip(segments: readonly Segment[], window: BenchWindow): Segment[] {
  return segments
    .filter((s) => s.end > window.from && s.start < window.to)
    .map((s) => ({ ...s, start: later(s.start, window.from), end: earlier(s.end, window.to) }))
}

export interface MaxLoad {
  /** The largest load / capacity of a member in one rotation: a half-time member's load counts double. */
  value: number
  rotation: string
  member: string
}

/** Per rotation, as fairness is (SPEC section 3): someone in two rotations is scored in each. */
export function maxLoadPerCapacity(plan: Plan, cal: PlanCalendar, segments: readonly Segment[], window: BenchWindow): MaxLoad {
  const load = new Map<string, number>()
  for (const s of clip(segments, window)) {
    const key = `${s.rotation}|${s.member}`
    load.set(key, (load.get(key) ?? 0) + segmentLoad(plan, cal, s.member, s.role, s.start, s.end))
  }
  const capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
  let best: MaxLoad = { value: 0, rotation: '', member: '' }
  for (const rotation of plan.oncall.rotations) {
    for (const member of rotation.members) {
      const value = (load.get(`${rotation.id}|${member}`) ?? 0) / (capacity.get(member) ?? 1)
      if (value > best.value) best = { value, rotation: rotation.id, member }
    }
  }
  return best
}

export interface Violations {
  /** Stretches where a role of a rotation has nobody, or more than one person. */
  unstaffed: number
  /** Pairs of segments one member holds at the same instant. */
  doubleBooked: number
  /** Segments held on a day of leave, before joining or after leaving. */
  away: number
  /** Segments on the member's own public holiday under `holidays.policy: off`. */
  holidayOff: number
  total: number
  examples: string[]
}

/** Counts each broken hard constraint of SPEC section 3 (1, 2, 3 and 6) once per place it breaks. */
export function hardViolations(plan: Plan, cal: PlanCalendar, segments: readonly Segment[], window: BenchWindow): Violations {
  const v: Violations = { unstaffed: 0, doubleBooked: 0, away: 0, holidayOff: 0, total: 0, examples: [] }
  const note = (text: string): void => {
    if (v.examples.length < 5) v.examples.push(text)
  }
  const inside = clip(segments, window).sort(byStart)
  for (const rotation of plan.oncall.rotations) {
    for (const role of rotation.roles) {
      let cursor = window.from
      for (const s of inside.filter((x) => x.rotation === rotation.id && x.role === role)) {
        if (s.start > cursor) {
          v.unstaffed++
          note(`${rotation.id} ${role} empty ${cursor}..${s.start}`)
        } else if (s.start < cursor) {
          v.unstaffed++
          note(`${rotation.id} ${role} held twice from ${s.start}`)
        }
        cursor = later(cursor, s.end)
      }
      if (cursor < window.to) {
        v.unstaffed++
        note(`${rotation.id} ${role} empty ${cursor}..${window.to}`)
      }
    }
  }
  const byMember = new Map<string, Segment[]>()
  for (const s of inside) byMember.set(s.member, [...(byMember.get(s.member) ?? []), s])
  for (const [member, held] of byMember) {
    let until = ''
    for (const s of held) {
      if (s.start < until) {
        v.doubleBooked++
        note(`${member} holds two roles at ${s.start}`)
      }
      until = later(until, s.end)
    }
  }
  const off = plan.oncall.holidays.policy === 'off'
  for (const s of inside) {
    const dates = dayPieces(s.start, s.end, plan.timezone).map((p) => p.date)
    if (dates.some((d) => cal.isAway(s.member, d))) {
      v.away++
      note(`${s.member} on call while away, ${s.start}`)
    }
    if (off && dates.some((d) => cal.isHoliday(s.member, d))) {
      v.holidayOff++
      note(`${s.member} on call on own holiday, ${s.start}`)
    }
  }
  v.total = v.unstaffed + v.doubleBooked + v.away + v.holidayOff
  return v
}

/** Which shift of the window an instant falls in (slots are sorted and contiguous). */
function slotAt(window: BenchWindow, instant: UtcInstant): number {
  let lo = 0
  let hi = window.slots.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (window.slots[mid]!.start <= instant) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Who holds each shift-role, hour by hour, as text: two schedules agree on a shift-role when equal. */
function holders(segments: readonly Segment[], window: BenchWindow): Map<string, string> {
  const parts = new Map<string, string[]>()
  for (const s of clip(segments, window)) {
    for (let i = slotAt(window, s.start); i < window.slots.length && window.slots[i]!.start < s.end; i++) {
      const slot = window.slots[i]!
      const key = `${s.rotation}|${s.role}|${i}`
      const part = `${s.member}@${later(s.start, slot.start)}-${earlier(s.end, slot.end)}`
      parts.set(key, [...(parts.get(key) ?? []), part])
    }
  }
  return new Map([...parts].map(([k, v]) => [k, v.sort().join(',')]))
}

/** Shift-roles whose holders differ between two schedules of the same window. */
export function changedShiftRoles(before: readonly Segment[], after: readonly Segment[], window: BenchWindow): number {
  const a = holders(before, window)
  const b = holders(after, window)
  let changed = 0
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) changed++
  return changed
}

/** Shift-roles the leaving member held that overlap the leave: these must move, whatever the scheduler. */
export function forcedByLeave(plan: Plan, before: readonly Segment[], leave: Leave, window: BenchWindow): number {
  const from = instantAt(leave.from, plan.timezone, 0, 0)
  const to = instantAt(addDays(leave.to, 1), plan.timezone, 0, 0)
  const forced = new Set<string>()
  for (const s of clip(before, window)) {
    if (s.member !== leave.member || s.end <= from || s.start >= to) continue
    for (let i = slotAt(window, s.start); i < window.slots.length && window.slots[i]!.start < s.end; i++) {
      const slot = window.slots[i]!
      if (slot.end > from && slot.start < to) forced.add(`${s.rotation}|${s.role}|${i}`)
    }
  }
  return forced.size
}

export interface Timed<T> {
  result: T
  /** Median wall time of the runs, in milliseconds. */
  ms: number
  runs: number
}

/**
 * Runs `fn` once untimed, so the figures are of warm runs (the first plan in a process also loads
 * holiday calendars and warms the JIT: about twice the time, paid once per run of the CLI or the
 * action), then a few timed times (fewer when it is slow, to keep the whole bench short), and takes
 * the median.
 */
export function timeMedian<T>(fn: () => T, maxRuns = 5, budgetMs = 4000): Timed<T> {
  const times: number[] = []
  let result: T = fn()
  let spent = 0
  while (times.length < maxRuns && (times.length === 0 || spent + (times[0] as number) <= budgetMs)) {
    const t0 = performance.now()
    result = fn()
    const t = performance.now() - t0
    times.push(t)
    spent += t
  }
  times.sort((a, b) => a - b)
  return { result, ms: times[Math.floor(times.length / 2)]!, runs: times.length }
}
