// Weighted on-call load and the fairness table of SPEC section 3. Every hour weighs by the plan's
// date it falls on (weekday, weekend, investor period) unless it lies on the holder's own public
// holiday (their own local day), and the table compares each member's load across all their
// rotations with a max-min fair target (fair-share.ts).
import type { FairnessRow, LocalDate, Plan, Role, Segment, ShiftSlot, UtcInstant } from '../types.js'
import { addDays, fromMillis, localDate, localMidnight, planSlots, toMillis, weekday } from './calendar.js'
import type { HolidayInterval, PlanCalendar } from './calendar.js'
import { fairTargets } from './fair-share.js'

export { localMidnight }

export const HOUR = 3_600_000

export interface DayPiece {
  date: LocalDate
  start: number
  end: number
}

/** Splits [start, end) (milliseconds) at the local midnights of a zone. */
export function splitAtMidnights(start: number, end: number, zone: string, firstDate?: LocalDate): DayPiece[] {
  const pieces: DayPiece[] = []
  let date = firstDate ?? localDate(fromMillis(start), zone)
  let from = start
  while (from < end) {
    const next = addDays(date, 1)
    const to = Math.min(end, localMidnight(next, zone))
    if (to > from) pieces.push({ date, start: from, end: to })
    from = to
    date = next
  }
  return pieces
}

export function roleFactor(plan: Plan, role: Role): number {
  return role === 'secondary' ? plan.oncall.weights.secondary : 1
}

/** The weight of an hour on a plan date off the holder's holiday, and on it (role factor aside). */
export function dateWeights(plan: Plan, cal: PlanCalendar, date: LocalDate): { base: number; holiday: number } {
  const w = plan.oncall.weights
  const investor = cal.isInvestorDate(date) ? w.investor : 1
  const base = weekday(date) >= 6 ? w.weekend : w.weekday
  // the same products everywhere, so every sum of them matches to the last bit
  return { base: base * investor, holiday: w.holiday * investor }
}

/** Hours of [start, end) that lie on one of the holiday intervals (sorted, disjoint). */
export function holidayHours(holidays: readonly HolidayInterval[], start: number, end: number): number {
  let ms = 0
  for (let k = firstEndingAfter(holidays, start); k < holidays.length; k++) {
    const h = holidays[k] as HolidayInterval
    if (h.start >= end) break
    ms += Math.min(end, h.end) - Math.max(start, h.start)
  }
  return ms / HOUR
}

/** The first of sorted, disjoint intervals (holidays, days, a rotation's shifts) that ends after `at`; their length if none. */
function firstEndingAfter(list: ReadonlyArray<{ end: number }>, at: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((list[mid] as { end: number }).end <= at) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Σ hours × weight / 24 of one member holding one role from start to end. */
export function segmentLoad(plan: Plan, cal: PlanCalendar, member: string, role: Role, start: UtcInstant, end: UtcInstant): number {
  const holidays = cal.holidays(member)
  let sum = 0
  for (const p of splitAtMidnights(toMillis(start), toMillis(end), plan.timezone)) {
    const w = dateWeights(plan, cal, p.date)
    const onHoliday = holidayHours(holidays, p.start, p.end)
    sum += ((p.end - p.start) / HOUR - onHoliday) * w.base + onHoliday * w.holiday
  }
  return (sum * roleFactor(plan, role)) / 24
}

export const round2 = (x: number): number => Math.round(x * 100) / 100 + 0

/** Hours of a member's availability in [from, to): not away (leave, joined/left, holidays under `off`). */
export function availableHours(cal: PlanCalendar, member: string, from: number, to: number): number {
  let free = to - from
  let covered = from
  for (const a of cal.away(member)) {
    if (a.start >= to) break
    const s = Math.max(a.start, covered)
    const e = Math.min(a.end, to)
    if (e > s) {
      free -= e - s
      covered = e
    }
  }
  return free / HOUR
}

/** The nominal hours of one shift of a rotation, the unit's denominator. */
function shiftHours(plan: Plan, rotation: string): number {
  const r = plan.oncall.rotations.find((x) => x.id === rotation)
  return (r?.shiftDays ?? plan.oncall.shiftDays) * 24
}

/**
 * The fairness table of a schedule over a window: per member, load in every rotation they belong to,
 * the max-min fair target, the deviation in units of their heaviest rotation's mean primary shift,
 * and shifts, holiday days and investor-period shifts on call. Segments held by someone no longer in
 * their rotation count nowhere (the rotation's total is what its members carried).
 */
export function computeFairness(
  plan: Plan,
  cal: PlanCalendar,
  segments: readonly Segment[],
  window: { from: UtcInstant; to: UtcInstant },
  slots?: readonly ShiftSlot[]
): FairnessRow[] {
  const from = toMillis(window.from)
  const to = toMillis(window.to)
  if (!(to > from)) return []
  const zone = plan.timezone
  const rotations = plan.oncall.rotations
  const team = plan.team.map((m) => m.id)
  const memberNo = new Map(team.map((m, i) => [m, i]))
  const rotationNo = new Map(rotations.map((r, i) => [r.id, i]))
  const isMember = rotations.map((r) => new Set(r.members))
  const days = splitAtMidnights(from, to, zone)
  const weights = days.map((d) => dateWeights(plan, cal, d.date))
  const loadIn = rotations.map(() => new Float64Array(team.length))
  const primaryLoad = new Float64Array(rotations.length)
  const primaryHours = new Float64Array(rotations.length)
  const held = team.map(() => [] as Array<{ rot: number; start: number; end: number }>)
  const holidayMs = team.map(() => new Map<LocalDate, number>())
  for (const s of segments) {
    const rot = rotationNo.get(s.rotation)
    const mi = memberNo.get(s.member)
    if (rot === undefined || mi === undefined || !isMember[rot]?.has(s.member)) continue
    const start = toMillis(s.start)
    const end = toMillis(s.end)
    held[mi]?.push({ rot, start, end })
    const a = Math.max(from, start)
    const b = Math.min(to, end)
    if (!(b > a)) continue
    const holidays = cal.holidays(s.member)
    let weighted = 0
    for (let k = firstEndingAfter(days, a); k < days.length; k++) {
      const day = days[k] as DayPiece
      if (day.start >= b) break
      const p0 = Math.max(a, day.start)
      const p1 = Math.min(b, day.end)
      const onHoliday = holidayHours(holidays, p0, p1)
      const w = weights[k] as { base: number; holiday: number }
      weighted += ((p1 - p0) / HOUR - onHoliday) * w.base + onHoliday * w.holiday
    }
    for (let k = firstEndingAfter(holidays, a); k < holidays.length; k++) {
      const h = holidays[k] as HolidayInterval
      if (h.start >= b) break
      const overlap = Math.min(b, h.end) - Math.max(a, h.start)
      if (overlap > 0) holidayMs[mi]?.set(h.holiday.date, (holidayMs[mi]?.get(h.holiday.date) ?? 0) + overlap)
    }
    const l = (weighted * roleFactor(plan, s.role)) / 24
    ;(loadIn[rot] as Float64Array)[mi] = ((loadIn[rot] as Float64Array)[mi] as number) + l
    const r = rotations[rot]
    const unitRole: Role = r?.roles.includes('primary') ? 'primary' : (r?.roles[0] ?? 'primary')
    if (s.role === unitRole) {
      primaryLoad[rot] = (primaryLoad[rot] as number) + l
      primaryHours[rot] = (primaryHours[rot] as number) + (b - a) / HOUR
    }
  }
  const unit = rotations.map((r, rot) => {
    const hours = primaryHours[rot] as number
    return hours > 0 ? (primaryLoad[rot] as number) / (hours / shiftHours(plan, r.id)) : 0
  })
  const availability = plan.team.map((m) => m.capacity * availableHours(cal, m.id, from, to))
  const targets = fairTargets(
    rotations.map((r, rot) => ({
      load: (loadIn[rot] as Float64Array).reduce((x, y) => x + y, 0),
      members: r.members.flatMap((m) => (memberNo.has(m) ? [memberNo.get(m) as number] : []))
    })),
    availability
  )
  // shifts held: at least half of a shift whose middle lies in the window
  const grid = (slots ?? planSlots(plan, window.to)).filter((s) => {
    const mid = (toMillis(s.start) + toMillis(s.end)) / 2
    return mid >= from && mid < to
  })
  const gridOf = rotations.map((r) => grid.filter((s) => s.rotation === r.id).map((s) => ({
    start: toMillis(s.start),
    end: toMillis(s.end),
    investor: touchesInvestor(cal, s)
  })).sort((x, y) => x.start - y.start))
  const rows: FairnessRow[] = []
  plan.team.forEach((m, mi) => {
    const mine = rotations.flatMap((r, rot) => (isMember[rot]?.has(m.id) ? [rot] : []))
    if (mine.length === 0) return
    let load = 0
    const byRotation: Record<string, number> = {}
    for (const rot of mine) {
      const l = (loadIn[rot] as Float64Array)[mi] as number
      load += l
      byRotation[(rotations[rot] as { id: string }).id] = round2(l)
    }
    const u = Math.max(0, ...mine.map((rot) => unit[rot] as number))
    let shifts = 0
    let investor = 0
    const spans = (held[mi] ?? []).sort((x, y) => x.start - y.start)
    for (const rot of mine) {
      // each span adds its overlap to the slots it meets (a rotation's slots follow one another, so
      // the first it meets is found by its end)
      const slots = gridOf[rot] ?? []
      const overlap = new Map<number, number>()
      for (const x of spans) {
        if (x.rot !== rot) continue
        for (let k = firstEndingAfter(slots, x.start); k < slots.length; k++) {
          const slot = slots[k] as { start: number; end: number }
          if (slot.start >= x.end) break
          overlap.set(k, (overlap.get(k) ?? 0) + Math.max(0, Math.min(slot.end, x.end) - Math.max(slot.start, x.start)))
        }
      }
      for (const [k, ms] of overlap) {
        const slot = slots[k] as { start: number; end: number; investor: boolean }
        if (ms * 2 < slot.end - slot.start) continue
        shifts++
        if (slot.investor) investor++
      }
    }
    let holidays = 0
    for (const msOn of (holidayMs[mi] ?? new Map<LocalDate, number>()).values()) if (msOn >= 12 * HOUR) holidays++
    const target = targets[mi] as number
    rows.push({
      member: m.id,
      load: round2(load),
      target: round2(target),
      deviation: u > 0 ? round2((load - target) / u) : 0,
      rotations: byRotation,
      shifts,
      holidays,
      investor
    })
  })
  return rows
}

function touchesInvestor(cal: PlanCalendar, s: ShiftSlot): boolean {
  for (let d = s.startDate; d <= s.endDate; d = addDays(d, 1)) if (cal.isInvestorDate(d)) return true
  return false
}
