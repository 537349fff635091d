// Shift times and the plan's calendar: handoffs at local wall-clock time (luxon, explicit zones),
// public holidays per member, investor periods and availability. Pure: dates come in as arguments.
import { DateTime } from 'luxon'
import Holidays from 'date-holidays'
import type { Holiday, InvestorPeriod, LocalDate, Member, Plan, Rotation, RotationGrid, ShiftSlot, UtcInstant } from '../types.js'

const UTC_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'"

/** The local date of an instant in a zone. */
export function localDate(instant: UtcInstant, zone: string): LocalDate {
  // handoffs and midnights repeat across every rotation and role; zone lookups are slow in luxon
  const key = `${zone}|${instant}`
  let date = localDateCache.get(key)
  if (date === undefined) {
    date = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISODate() as LocalDate
    if (localDateCache.size > 200_000) localDateCache.clear()
    localDateCache.set(key, date)
  }
  return date
}

const localDateCache = new Map<string, LocalDate>()

/** The instant of a local wall-clock time; a time skipped by a DST change moves forward (luxon). */
export function instantAt(date: LocalDate, zone: string, hour: number, minute: number): UtcInstant {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return DateTime.fromObject({ year: y, month: m, day: d, hour, minute }, { zone }).toUTC().toFormat(UTC_FORMAT)
}

/** Calendar arithmetic on local dates, independent of any zone (UTC day numbers, no DST). */
export function addDays(date: LocalDate, n: number): LocalDate {
  // the next day is asked for once per day piece of every segment: remember it
  if (n === 1) {
    let next = nextDayCache.get(date)
    if (next === undefined) {
      next = shiftDate(date, 1)
      if (nextDayCache.size > 100_000) nextDayCache.clear()
      nextDayCache.set(date, next)
    }
    return next
  }
  return shiftDate(date, n)
}

const nextDayCache = new Map<LocalDate, LocalDate>()

function shiftDate(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

/** Milliseconds of a UTC instant (Date.parse of a `Z` string does not depend on the machine zone). */
export function toMillis(instant: UtcInstant): number {
  return Date.parse(instant)
}

export function fromMillis(ms: number): UtcInstant {
  // segment edges are handoffs and midnights: a few thousand instants asked for again and again
  let text = instantCache.get(ms)
  if (text === undefined) {
    text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
    if (instantCache.size > 200_000) instantCache.clear()
    instantCache.set(ms, text)
  }
  return text
}

const instantCache = new Map<number, UtcInstant>()

/** ISO weekday of a local date: 1 = Monday .. 7 = Sunday. */
export function weekday(date: LocalDate): number {
  let w = weekdayCache.get(date)
  if (w === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number]
    w = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7
    if (weekdayCache.size > 100_000) weekdayCache.clear()
    weekdayCache.set(date, w)
  }
  return w
}

const weekdayCache = new Map<LocalDate, number>()

/** A rotation's grid: its own start, shift and handoff where the plan gives them, else `oncall`'s. */
export function rotationGrid(plan: Plan, rotation: Rotation | string): RotationGrid {
  const r = typeof rotation === 'string' ? plan.oncall.rotations.find((x) => x.id === rotation) : rotation
  const o = plan.oncall
  return {
    id: r?.id ?? (typeof rotation === 'string' ? rotation : 'main'),
    start: r?.start ?? o.start,
    shiftDays: r?.shiftDays ?? o.shiftDays,
    shift: r?.shift ?? o.shift,
    handoff: r?.handoff ?? o.handoff
  }
}

/**
 * The shift grid: from `oncall.start` at the handoff time, each `shiftDays` local days long, until the
 * shift that contains `until`. Each handoff is computed from the start date, so a DST gap that moves
 * one handoff never drifts the next.
 */
export function shiftSlots(plan: Plan, until: UtcInstant): ShiftSlot[] {
  const { start, shiftDays, handoff } = plan.oncall
  const rotation = plan.oncall.rotations[0]?.id ?? 'main'
  const zone = plan.timezone
  const slots: ShiftSlot[] = []
  let from = instantAt(start, zone, handoff.hour, handoff.minute)
  const atMidnight = handoff.hour === 0 && handoff.minute === 0
  let fromDate = start
  for (let i = 0; from <= until; i++) {
    const nextDate = addDays(start, (i + 1) * shiftDays)
    const to = instantAt(nextDate, zone, handoff.hour, handoff.minute)
    slots.push({
      rotation,
      index: i,
      start: from,
      end: to,
      startDate: fromDate,
      // the last local date the shift touches: a handoff at midnight does not touch its own date
      endDate: atMidnight ? addDays(nextDate, -1) : nextDate
    })
    from = to
    fromDate = nextDate
  }
  return slots
}

export interface PlanCalendar {
  from: LocalDate
  to: LocalDate
  holidaysByMember: Record<string, Holiday[]>
  companyHolidays: Holiday[]
  investorPeriods: InvestorPeriod[]
  /** On leave, before `joined` or after `left`. */
  isAway(member: string, date: LocalDate): boolean
  /** Why a member is away on a date, in plain words ("leave (vacation)"), or undefined. */
  awayReason(member: string, date: LocalDate): string | undefined
  /** The member's own public holiday on a date, if any. */
  holidayOn(member: string, date: LocalDate): Holiday | undefined
  isHoliday(member: string, date: LocalDate): boolean
  isInvestorDate(date: LocalDate): boolean
  investorPeriodOn(date: LocalDate): InvestorPeriod | undefined
  /** Can hold a role on this date: not away and, under policy `off`, not on their own holiday. */
  isAvailable(member: string, date: LocalDate): boolean
  /** The date's number inside from..to (0 = from), or -1 outside: for the by-number questions below. */
  dayNumber(date: LocalDate): number
  /** isAvailable by the member's place in `plan.team` and a day number inside the range. */
  availableAt(memberIndex: number, day: number): boolean
  /** isHoliday by the member's place in `plan.team` and a day number inside the range. */
  holidayAt(memberIndex: number, day: number): boolean
}

// Constructing Holidays and computing a year is slow; plans ask for the same code and year often.
const holidayCache = new Map<string, Holiday[]>()

/** Public holidays of one date-holidays code in one year; an unknown code has none. */
export function publicHolidays(code: string, year: number): Holiday[] {
  const key = `${code}|${year}`
  const cached = holidayCache.get(key)
  if (cached) return cached
  const [country, state, region] = code.split('-')
  let list: Holiday[] = []
  try {
    const hd = state === undefined ? new Holidays(country ?? '') : region === undefined
      ? new Holidays(country ?? '', state)
      : new Holidays(country ?? '', state, region)
    const raw = hd.getHolidays(year) || []
    const seen = new Set<string>()
    for (const h of raw) {
      if (h.type !== 'public') continue
      const date = h.date.slice(0, 10)
      if (seen.has(date)) continue
      seen.add(date)
      list.push({ date, name: h.name, code })
    }
  } catch {
    // the plan loader reports unknown codes; here they simply have no holidays
    list = []
  }
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  holidayCache.set(key, list)
  return list
}

function holidaysBetween(code: string, from: LocalDate, to: LocalDate): Holiday[] {
  const out: Holiday[] = []
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of publicHolidays(code, y)) if (h.date >= from && h.date <= to) out.push(h)
  }
  return out
}

export function memberHolidayCode(plan: Plan, member: Member): string | undefined {
  return member.holidayCode ?? member.holidays ?? plan.oncall.holidays.company
}

function investorPeriodsBetween(plan: Plan, from: LocalDate, to: LocalDate, company: Set<string>): InvestorPeriod[] {
  const cfg = plan.oncall.investorPeriods
  if (cfg.none) return []
  if (cfg.dates) {
    return cfg.dates
      .filter((d) => d.to >= from && d.from <= to)
      .map((d) => ({ from: d.from, to: d.to, label: d.label ?? `${d.from.slice(0, 7)} investor report` }))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  }
  const n = cfg.lastBusinessDays ?? 5
  if (n <= 0) return []
  const out: InvestorPeriod[] = []
  let month = DateTime.fromISO(from.slice(0, 7) + '-01', { zone: 'utc' })
  const lastMonth = to.slice(0, 7)
  while ((month.toISODate() as string).slice(0, 7) <= lastMonth) {
    let day = month.endOf('month').startOf('day')
    const picked: LocalDate[] = []
    while (picked.length < n && day.month === month.month) {
      const iso = day.toISODate() as LocalDate
      if (day.weekday <= 5 && !company.has(iso)) picked.push(iso)
      day = day.minus({ days: 1 })
    }
    if (picked.length > 0) {
      const period = { from: picked[picked.length - 1] as LocalDate, to: picked[0] as LocalDate, label: `${month.toFormat('yyyy-MM')} investor report` }
      if (period.to >= from && period.from <= to) out.push(period)
    }
    month = month.plus({ months: 1 })
  }
  return out
}

/** Holidays, investor periods and availability for the dates from..to (inclusive). */
export function buildPlanCalendar(plan: Plan, from: LocalDate, to: LocalDate): PlanCalendar {
  const companyCode = plan.oncall.holidays.company
  // investor periods near the edges need the whole months' company holidays
  const companyHolidays = companyCode ? holidaysBetween(companyCode, from, to) : []
  const companyWide = companyCode
    ? new Set(holidaysBetween(companyCode, from.slice(0, 7) + '-01', addDays(to, 31)).map((h) => h.date))
    : new Set<string>()
  const holidaysByMember: Record<string, Holiday[]> = {}
  const holidayIndex = new Map<string, Map<LocalDate, Holiday>>()
  for (const m of plan.team) {
    const code = memberHolidayCode(plan, m)
    const list = code ? holidaysBetween(code, from, to) : []
    holidaysByMember[m.id] = list
    holidayIndex.set(m.id, new Map(list.map((h) => [h.date, h])))
  }
  const investorPeriods = investorPeriodsBetween(plan, from, to, companyWide)
  const investorDates = new Map<LocalDate, InvestorPeriod>()
  for (const p of investorPeriods) {
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) if (!investorDates.has(d)) investorDates.set(d, p)
  }
  const members = new Map(plan.team.map((m) => [m.id, m]))
  const leaveByMember = new Map<string, Plan['leave']>()
  for (const l of plan.leave) leaveByMember.set(l.member, [...(leaveByMember.get(l.member) ?? []), l])
  const off = plan.oncall.holidays.policy === 'off'

  // asked for every member on every date many times over (presence, shares, covers, fairness): dates
  // of the range become day numbers once, and answers live in per-member arrays by day number
  const dayNumber = new Map<LocalDate, number>()
  for (let d = from, i = 0; d <= to; d = addDays(d, 1), i++) dayNumber.set(d, i)
  const memberNumber = new Map(plan.team.map((m, i) => [m.id, i]))
  const awayByDay = plan.team.map(() => new Array<string | null | undefined>(dayNumber.size))
  const holidayByDay = plan.team.map((m) => {
    const days = new Array<Holiday | undefined>(dayNumber.size)
    for (const h of holidaysByMember[m.id] ?? []) {
      const n = dayNumber.get(h.date)
      if (n !== undefined) days[n] = h
    }
    return days
  })
  // dates outside the range (and ids outside the team) are rare: a plain cache serves them
  const awayCache = new Map<string, Map<LocalDate, string | null>>()
  const dayDates = [...dayNumber.keys()]
  const awayAt = (mi: number, di: number): string | null => {
    const byDay = awayByDay[mi] as Array<string | null | undefined>
    let reason = byDay[di]
    if (reason === undefined) byDay[di] = reason = computeAway((plan.team[mi] as Member).id, dayDates[di] as LocalDate) ?? null
    return reason
  }
  const awayReason = (member: string, date: LocalDate): string | undefined => {
    const mi = memberNumber.get(member)
    const di = dayNumber.get(date)
    if (mi !== undefined && di !== undefined) return awayAt(mi, di) ?? undefined
    let byDate = awayCache.get(member)
    if (!byDate) awayCache.set(member, (byDate = new Map()))
    let reason = byDate.get(date)
    if (reason === undefined) {
      reason = computeAway(member, date) ?? null
      byDate.set(date, reason)
    }
    return reason ?? undefined
  }
  const computeAway = (member: string, date: LocalDate): string | undefined => {
    const m = members.get(member)
    if (!m) return 'not a team member'
    if (m.joined && date < m.joined) return `time before joining (${m.joined})`
    if (m.left && date > m.left) return `time after leaving (${m.left})`
    for (const l of leaveByMember.get(member) ?? []) {
      if (date >= l.from && date <= l.to) return l.reason ? `leave (${l.reason})` : 'leave'
    }
    return undefined
  }
  const holidayOn = (member: string, date: LocalDate): Holiday | undefined => {
    const mi = memberNumber.get(member)
    const di = dayNumber.get(date)
    if (mi !== undefined && di !== undefined) return (holidayByDay[mi] as Array<Holiday | undefined>)[di]
    return holidayIndex.get(member)?.get(date)
  }
  return {
    from,
    to,
    holidaysByMember,
    companyHolidays,
    investorPeriods,
    isAway: (member, date) => awayReason(member, date) !== undefined,
    awayReason,
    holidayOn,
    isHoliday: (member, date) => holidayOn(member, date) !== undefined,
    isInvestorDate: (date) => investorDates.has(date),
    investorPeriodOn: (date) => investorDates.get(date),
    isAvailable: (member, date) => awayReason(member, date) === undefined && !(off && holidayOn(member, date) !== undefined),
    dayNumber: (date) => dayNumber.get(date) ?? -1,
    availableAt: (mi, di) => awayAt(mi, di) === null && !(off && (holidayByDay[mi] as Array<Holiday | undefined>)[di] !== undefined),
    holidayAt: (mi, di) => (holidayByDay[mi] as Array<Holiday | undefined>)[di] !== undefined
  }
}
