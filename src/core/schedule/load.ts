// Weighted on-call load and the fairness table of SPEC section 3: every hour weighs by the local date
// it falls on, for the member holding it.
import type { FairnessRow, LocalDate, Plan, Role, Segment, ShiftSlot, UtcInstant } from '../types.js'
import { addDays, fromMillis, instantAt, localDate, shiftSlots, toMillis, weekday } from './calendar.js'
import type { PlanCalendar } from './calendar.js'

const HOUR = 3_600_000

export interface DayPiece {
  date: LocalDate
  start: number
  end: number
}

// Local midnights are asked for again and again (every segment, every member); the answer never changes.
const midnightCache = new Map<string, number>()

export function localMidnight(date: LocalDate, zone: string): number {
  const key = `${zone}|${date}`
  let ms = midnightCache.get(key)
  if (ms === undefined) {
    ms = toMillis(instantAt(date, zone, 0, 0))
    midnightCache.set(key, ms)
  }
  return ms
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

/** The weight of one hour on a date for a member, before the role factor. */
export function dateWeight(plan: Plan, cal: PlanCalendar, member: string | undefined, date: LocalDate): number {
  const w = plan.oncall.weights
  const base = member !== undefined && cal.isHoliday(member, date) ? w.holiday : weekday(date) >= 6 ? w.weekend : w.weekday
  return cal.isInvestorDate(date) ? base * w.investor : base
}

export function roleFactor(plan: Plan, role: Role): number {
  return role === 'secondary' ? plan.oncall.weights.secondary : 1
}

/** Σ hours × weight / 24 of one member holding one role from start to end. */
export function segmentLoad(plan: Plan, cal: PlanCalendar, member: string, role: Role, start: UtcInstant, end: UtcInstant): number {
  let sum = 0
  for (const p of splitAtMidnights(toMillis(start), toMillis(end), plan.timezone)) {
    sum += ((p.end - p.start) / HOUR) * dateWeight(plan, cal, member, p.date)
  }
  return (sum * roleFactor(plan, role)) / 24
}

/**
 * The window's local days with what every segment asks of them: the weight of an hour for a member
 * off holiday and on holiday (role factor aside), and the calendar's day number for the by-number
 * questions. A fairness table walks tens of thousands of segments over these few hundred days.
 */
function dayTable(plan: Plan, cal: PlanCalendar, windowDays: DayPiece[]): {
  weight: Float64Array
  holidayWeight: Float64Array
  /** The first day that ends after `at` (binary search: the days are contiguous and in order). */
  first(at: number): number
  holiday(member: string, memberIndex: number, k: number): boolean
  available(member: string, memberIndex: number, k: number): boolean
} {
  const w = plan.oncall.weights
  const n = windowDays.length
  const weight = new Float64Array(n)
  const holidayWeight = new Float64Array(n)
  const dayNumber = new Int32Array(n)
  windowDays.forEach((d, k) => {
    const investor = cal.isInvestorDate(d.date)
    const base = weekday(d.date) >= 6 ? w.weekend : w.weekday
    // the same products dateWeight forms, so the sums match it to the last bit
    weight[k] = investor ? base * w.investor : base
    holidayWeight[k] = investor ? w.holiday * w.investor : w.holiday
    dayNumber[k] = cal.dayNumber(d.date)
  })
  return {
    weight,
    holidayWeight,
    first(at) {
      let lo = 0
      let hi = n
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((windowDays[mid] as DayPiece).end <= at) lo = mid + 1
        else hi = mid
      }
      return lo
    },
    holiday(member, mi, k) {
      const day = dayNumber[k] as number
      return mi >= 0 && day >= 0 ? cal.holidayAt(mi, day) : cal.isHoliday(member, (windowDays[k] as DayPiece).date)
    },
    available(member, mi, k) {
      const day = dayNumber[k] as number
      return mi >= 0 && day >= 0 ? cal.availableAt(mi, day) : cal.isAvailable(member, (windowDays[k] as DayPiece).date)
    }
  }
}

export const round2 = (x: number): number => Math.round(x * 100) / 100 + 0

/**
 * The fairness table per rotation (or only `rotation`): load against a target in proportion to
 * capacity × available hours, in units of one primary shift, plus shifts, holiday days and
 * investor-period shifts on call.
 */
export function computeFairness(
  plan: Plan,
  cal: PlanCalendar,
  segments: Segment[],
  window: { from: UtcInstant; to: UtcInstant },
  rotation?: string,
  grid?: ShiftSlot[]
): FairnessRow[] {
  const from = toMillis(window.from)
  const to = toMillis(window.to)
  if (!(to > from)) return []
  const zone = plan.timezone
  const windowDays = splitAtMidnights(from, to, zone)
  const slots = (grid ?? shiftSlots(plan, window.to)).filter((s) => {
    const mid = (toMillis(s.start) + toMillis(s.end)) / 2
    return mid >= from && mid < to
  })
  const touchesInvestor = (s: ShiftSlot): boolean => {
    for (let d = s.startDate; d <= s.endDate; d = addDays(d, 1)) if (cal.isInvestorDate(d)) return true
    return false
  }
  const slotSpans = slots.map((s) => ({ a: toMillis(s.start), b: toMillis(s.end), investor: touchesInvestor(s) }))
  const slotHours = plan.oncall.shiftDays * 24
  const capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
  const memberNumber = new Map(plan.team.map((m, i) => [m.id, i]))
  const days = dayTable(plan, cal, windowDays)
  const rows: FairnessRow[] = []
  // parse each segment's instants once and sort them by rotation in one pass, not once per rotation
  const inWindow = new Map<string, Array<{ s: Segment; start: number; end: number }>>()
  for (const s of segments) {
    const start = toMillis(s.start)
    const end = toMillis(s.end)
    if (!(end > from && start < to)) continue
    const list = inWindow.get(s.rotation)
    if (list) list.push({ s, start, end })
    else inWindow.set(s.rotation, [{ s, start, end }])
  }
  for (const rot of plan.oncall.rotations) {
    if (rotation !== undefined && rot.id !== rotation) continue
    const own = inWindow.get(rot.id) ?? []
    const load = new Map<string, number>(rot.members.map((m) => [m, 0]))
    const members = new Set(rot.members)
    const held = new Map<string, Array<[number, number]>>()
    const holidayHours = new Map<string, Map<LocalDate, number>>()
    let total = 0
    let primaryLoad = 0
    let primaryHours = 0
    const unitRole: Role = rot.roles.includes('primary') ? 'primary' : (rot.roles[0] ?? 'primary')
    for (const { s, start, end } of own) {
      const a = Math.max(from, start)
      const b = Math.min(to, end)
      const mi = memberNumber.get(s.member) ?? -1
      // the segment's local days, as splitAtMidnights would cut them, from the window's day table
      let weighted = 0
      for (let k = days.first(a); k < windowDays.length; k++) {
        const day = windowDays[k] as DayPiece
        if (day.start >= b) break
        const hours = (Math.min(b, day.end) - Math.max(a, day.start)) / HOUR
        const holiday = days.holiday(s.member, mi, k)
        weighted += hours * (holiday ? (days.holidayWeight[k] as number) : (days.weight[k] as number))
        if (!holiday) continue
        const perDay = holidayHours.get(s.member) ?? new Map<LocalDate, number>()
        perDay.set(day.date, (perDay.get(day.date) ?? 0) + hours)
        holidayHours.set(s.member, perDay)
      }
      const l = (weighted * roleFactor(plan, s.role)) / 24
      load.set(s.member, (load.get(s.member) ?? 0) + l)
      // the shares split what the rotation's members carried: someone the record still shows but
      // who has left the rotation took their part with them
      if (members.has(s.member)) total += l
      if (s.role === unitRole) {
        primaryLoad += l
        primaryHours += (b - a) / HOUR
      }
      const spans = held.get(s.member)
      if (spans) spans.push([start, end])
      else held.set(s.member, [[start, end]])
    }
    const avail = new Map<string, number>()
    let availSum = 0
    for (const m of rot.members) {
      const mi = memberNumber.get(m) ?? -1
      let h = 0
      for (let k = 0; k < windowDays.length; k++) {
        if (days.available(m, mi, k)) h += ((windowDays[k] as DayPiece).end - (windowDays[k] as DayPiece).start) / HOUR
      }
      const weighted = (capacity.get(m) ?? 1) * h
      avail.set(m, weighted)
      availSum += weighted
    }
    const unit = primaryHours > 0 ? primaryLoad / (primaryHours / slotHours) : 0
    for (const m of rot.members) {
      const l = load.get(m) ?? 0
      const target = availSum > 0 ? (total * (avail.get(m) ?? 0)) / availSum : 0
      let shifts = 0
      let investor = 0
      const mine = (held.get(m) ?? []).sort((x, y) => x[0] - y[0])
      let first = 0
      for (const slot of slotSpans) {
        const { a, b } = slot
        while (first < mine.length && (mine[first] as [number, number])[1] <= a) first++
        let overlap = 0
        for (let k = first; k < mine.length && (mine[k] as [number, number])[0] < b; k++) {
          const [s, e] = mine[k] as [number, number]
          overlap += Math.max(0, Math.min(b, e) - Math.max(a, s))
        }
        if (overlap * 2 < b - a) continue
        shifts++
        if (slot.investor) investor++
      }
      let holidays = 0
      for (const h of (holidayHours.get(m) ?? new Map<LocalDate, number>()).values()) if (h >= 12) holidays++
      rows.push({
        rotation: rot.id,
        member: m,
        load: round2(l),
        target: round2(target),
        deviation: unit > 0 ? round2((l - target) / unit) : 0,
        shifts,
        holidays,
        investor
      })
    }
  }
  return rows
}
