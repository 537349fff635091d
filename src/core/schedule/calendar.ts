// Shift times and the plan's calendar: handoffs at local wall-clock time (luxon, explicit zones),
// public holidays per member, investor periods and availability. Pure: dates come in as arguments.
import { DateTime } from 'luxon'
import Holidays from 'date-holidays'
import { plusDays, weekdayOf } from '../plan/dates.js'
import { rangeInstants, wallClockInstant } from '../plan/ranges.js'
import type { Holiday, InvestorPeriod, LocalDate, Member, Plan, Rotation, RotationGrid, ShiftSlot, UtcInstant } from '../types.js'

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

/** The instant of a local wall-clock time: the first of two where the clocks go back, moved forward where they skip it. */
export function instantAt(date: LocalDate, zone: string, hour: number, minute: number): UtcInstant {
  // every rotation's grid asks for the same handoffs, and luxon's zone arithmetic is the slow part
  const key = `${zone}|${date}|${hour}|${minute}`
  let at = instantAtCache.get(key)
  if (at === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number]
    at = fromMillis(wallClockInstant(y, m, d, hour, minute, zone))
    if (instantAtCache.size > 200_000) instantAtCache.clear()
    instantAtCache.set(key, at)
  }
  return at
}

const instantAtCache = new Map<string, UtcInstant>()

// Local midnights are asked for again and again (every segment, every member); the answer never changes.
const midnightCache = new Map<string, number>()

/** The instant (ms) a local date begins in a zone. */
export function localMidnight(date: LocalDate, zone: string): number {
  const key = `${zone}|${date}`
  let ms = midnightCache.get(key)
  if (ms === undefined) {
    ms = toMillis(instantAt(date, zone, 0, 0))
    if (midnightCache.size > 200_000) midnightCache.clear()
    midnightCache.set(key, ms)
  }
  return ms
}

/** Calendar arithmetic on local dates, independent of any zone (UTC day numbers, no DST). */
export function addDays(date: LocalDate, n: number): LocalDate {
  // the next day is asked for once per day piece of every segment: remember it
  if (n === 1) {
    let next = nextDayCache.get(date)
    if (next === undefined) {
      next = plusDays(date, 1)
      if (nextDayCache.size > 100_000) nextDayCache.clear()
      nextDayCache.set(date, next)
    }
    return next
  }
  return plusDays(date, n)
}

const nextDayCache = new Map<LocalDate, LocalDate>()

/** Milliseconds of a UTC instant (Date.parse of a `Z` string does not depend on the machine zone). */
export function toMillis(instant: UtcInstant): number {
  // the same few thousand edges, read back from tens of thousands of segments
  let ms = millisCache.get(instant)
  if (ms === undefined) {
    ms = Date.parse(instant)
    if (millisCache.size > 200_000) millisCache.clear()
    millisCache.set(instant, ms)
  }
  return ms
}

const millisCache = new Map<UtcInstant, number>()

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
    w = weekdayOf(date)
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
 * One rotation's shift grid: from its `start` at its handoff time, each `shiftDays` local days long,
 * until the shift that contains `until`. Each handoff is computed from the start date, so a DST gap
 * that moves one handoff never drifts the next.
 */
export function rotationSlots(plan: Plan, rotation: Rotation | string, until: UtcInstant): ShiftSlot[] {
  const { id, start, shiftDays, handoff } = rotationGrid(plan, rotation)
  const zone = plan.timezone
  const slots: ShiftSlot[] = []
  let from = instantAt(start, zone, handoff.hour, handoff.minute)
  const atMidnight = handoff.hour === 0 && handoff.minute === 0
  let fromDate = start
  for (let i = 0; from <= until; i++) {
    const nextDate = addDays(start, (i + 1) * shiftDays)
    const to = instantAt(nextDate, zone, handoff.hour, handoff.minute)
    slots.push({
      rotation: id,
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

/** Every rotation's grid, rotation by rotation in plan order. */
export function planSlots(plan: Plan, until: UtcInstant): ShiftSlot[] {
  return plan.oncall.rotations.flatMap((r) => rotationSlots(plan, r, until))
}

/** The first rotation's grid (the whole plan's, where rotations share `oncall`'s). */
export function shiftSlots(plan: Plan, until: UtcInstant): ShiftSlot[] {
  return rotationSlots(plan, plan.oncall.rotations[0] ?? 'main', until)
}

/** A stretch of time in milliseconds, [start, end). */
export interface Interval {
  start: number
  end: number
}

/** Time a member cannot hold a role, with the reason in plain words ("leave (vacation)"). */
export interface AwayInterval extends Interval {
  reason: string
}

/** One of a member's own public holidays, as the instants of the member's own local day. */
export interface HolidayInterval extends Interval {
  holiday: Holiday
}

export interface PlanCalendar {
  from: LocalDate
  to: LocalDate
  /** Each member's own public holidays (dates in the member's own zone), within from..to. */
  holidaysByMember: Record<string, Holiday[]>
  companyHolidays: Holiday[]
  investorPeriods: InvestorPeriod[]
  /** When a member cannot hold a role: leave, before `joined`, after `left`, and under `off` their holidays; sorted. */
  away(member: string): readonly AwayInterval[]
  /** A member's own public holidays as instants, sorted. */
  holidays(member: string): readonly HolidayInterval[]
  /** Why a member cannot hold a role at an instant, or undefined. */
  awayAt(member: string, at: number): string | undefined
  /** The member's own public holiday at an instant, if any. */
  holidayAt(member: string, at: number): Holiday | undefined
  /** The investor period an instant falls in (plan dates), if any. */
  investorAt(at: number): InvestorPeriod | undefined
  /** Away at any moment of one of the member's own local dates: on leave, before joining, after leaving. */
  isAway(member: string, date: LocalDate): boolean
  /** Why a member is away on one of their own local dates, in plain words ("leave (vacation)"), or undefined. */
  awayReason(member: string, date: LocalDate): string | undefined
  /** The member's own public holiday on one of their own dates, if any. */
  holidayOn(member: string, date: LocalDate): Holiday | undefined
  isHoliday(member: string, date: LocalDate): boolean
  isInvestorDate(date: LocalDate): boolean
  investorPeriodOn(date: LocalDate): InvestorPeriod | undefined
  /** Can hold a role all of that date: not away and, under policy `off`, not on their own holiday. */
  isAvailable(member: string, date: LocalDate): boolean
}

/**
 * The entry of a list sorted by start that contains `at`: the last one starting at or before it, or
 * one of the few before that still runs. Instants as milliseconds or as ISO text alike.
 */
export function containing<K extends number | string, T extends { start: K; end: K }>(list: readonly T[], at: K): T | undefined {
  let lo = 0
  let hi = list.length - 1
  let found: T | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const x = list[mid] as T
    if (x.start <= at) {
      found = x
      lo = mid + 1
    } else hi = mid - 1
  }
  if (found && at < found.end) return found
  // away intervals may overlap (leave inside a longer leave): look back for one that still runs
  for (let i = lo - 1; i >= 0 && i >= lo - 8; i--) {
    const x = list[i] as T
    if (x.start <= at && at < x.end) return x
  }
  return undefined
}

function overlapping<T extends Interval>(list: readonly T[], start: number, end: number): T | undefined {
  for (const x of list) if (x.start < end && start < x.end) return x
  return undefined
}

// Constructing Holidays and computing a year is slow; plans ask for the same code and year often.
const holidayCache = new Map<string, Holiday[]>()

/** Public holidays of one date-holidays code in one year; an unknown code has none. */
export function publicHolidays(code: string, year: number): Holiday[] {
  const key = `${code}|${year}`
  const cached = holidayCache.get(key)
  if (cached) return cached
  let list: Holiday[] = []
  try {
    const raw = calendarOf(code)?.getHolidays(year) || []
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

// one date-holidays calendar per code, whatever the years asked of it (building one is the slow part)
const calendars = new Map<string, Holidays | undefined>()

function calendarOf(code: string): Holidays | undefined {
  if (calendars.has(code)) return calendars.get(code)
  const [country, state, region] = code.split('-')
  let hd: Holidays | undefined
  try {
    hd = state === undefined ? new Holidays(country ?? '') : region === undefined
      ? new Holidays(country ?? '', state)
      : new Holidays(country ?? '', state, region)
    // Only each holiday's local date is read here, never its start and end instants; without a time
    // zone date-holidays skips converting both through moment-timezone for every holiday, which is
    // most of its time. The dates, names and their order are the same (a test compares every country).
    hd.setTimezone(undefined as unknown as string)
  } catch {
    hd = undefined
  }
  calendars.set(code, hd)
  return hd
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
  // month by month from from's month to to's: its last n weekdays that are not company holidays
  for (let month = `${from.slice(0, 7)}-01`; month.slice(0, 7) <= to.slice(0, 7); month = nextMonth(month)) {
    const picked: LocalDate[] = []
    for (let day = plusDays(nextMonth(month), -1); picked.length < n && day >= month; day = plusDays(day, -1)) {
      if (weekday(day) <= 5 && !company.has(day)) picked.push(day)
    }
    if (picked.length > 0) {
      const period = { from: picked[picked.length - 1] as LocalDate, to: picked[0] as LocalDate, label: `${month.slice(0, 7)} investor report` }
      if (period.to >= from && period.from <= to) out.push(period)
    }
  }
  return out
}

/** The first of the month after the one a first of the month is in. */
function nextMonth(first: LocalDate): LocalDate {
  const year = Number(first.slice(0, 4))
  const month = Number(first.slice(5, 7))
  return month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${first.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`
}

/** Holidays, investor periods and availability for the dates from..to (inclusive, plan dates). */
export function buildPlanCalendar(plan: Plan, from: LocalDate, to: LocalDate): PlanCalendar {
  const zone = plan.timezone
  const companyCode = plan.oncall.holidays.company
  const companyHolidays = companyCode ? holidaysBetween(companyCode, from, to) : []
  // investor periods near the edges need the whole months' company holidays
  const companyWide = companyCode
    ? new Set(holidaysBetween(companyCode, from.slice(0, 7) + '-01', addDays(to, 31)).map((h) => h.date))
    : new Set<string>()
  const off = plan.oncall.holidays.policy === 'off'
  // a member's own dates may lie a day either side of the plan's
  const wideFrom = addDays(from, -1)
  const wideTo = addDays(to, 1)
  const holidaysByMember: Record<string, Holiday[]> = {}
  const holidayIntervals = new Map<string, HolidayInterval[]>()
  const awayIntervals = new Map<string, AwayInterval[]>()
  const leaveByMember = new Map<string, Plan['leave']>()
  for (const l of plan.leave) leaveByMember.set(l.member, [...(leaveByMember.get(l.member) ?? []), l])
  for (const m of plan.team) {
    const code = memberHolidayCode(plan, m)
    const own = code ? holidaysBetween(code, wideFrom, wideTo) : []
    holidaysByMember[m.id] = own.filter((h) => h.date >= from && h.date <= to)
    const hol = own.map((h) => ({ start: localMidnight(h.date, m.timezone), end: localMidnight(addDays(h.date, 1), m.timezone), holiday: h }))
    holidayIntervals.set(m.id, hol)
    const away: AwayInterval[] = []
    if (m.joined) away.push({ start: Number.NEGATIVE_INFINITY, end: localMidnight(m.joined, zone), reason: `time before joining (${m.joined})` })
    if (m.left) away.push({ start: localMidnight(addDays(m.left, 1), zone), end: Number.POSITIVE_INFINITY, reason: `time after leaving (${m.left})` })
    for (const l of leaveByMember.get(m.id) ?? []) {
      const { start, end } = rangeInstants(l, m.timezone)
      if (end > start) away.push({ start, end, reason: l.reason ? `leave (${l.reason})` : 'leave' })
    }
    if (off) for (const h of hol) away.push({ start: h.start, end: h.end, reason: `public holiday (${h.holiday.name})` })
    away.sort((x, y) => x.start - y.start || x.end - y.end)
    awayIntervals.set(m.id, away)
  }
  const investorPeriods = investorPeriodsBetween(plan, from, to, companyWide)
  const investorDates = new Map<LocalDate, InvestorPeriod>()
  for (const p of investorPeriods) {
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) if (!investorDates.has(d)) investorDates.set(d, p)
  }
  const investorSpans = investorPeriods.map((p) => ({ start: localMidnight(p.from, zone), end: localMidnight(addDays(p.to, 1), zone), period: p }))
  const zoneOf = new Map(plan.team.map((m) => [m.id, m.timezone]))
  const day = (member: string, date: LocalDate): Interval => {
    const z = zoneOf.get(member) ?? zone
    return { start: localMidnight(date, z), end: localMidnight(addDays(date, 1), z) }
  }
  const notMember = [{ start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY, reason: 'not a team member' }]
  const away = (member: string): readonly AwayInterval[] => awayIntervals.get(member) ?? notMember
  // `isAway` and `awayReason` name leave, joining and leaving; holidays under `off` are asked apart
  const absence = (member: string, date: LocalDate): string | undefined => {
    const d = day(member, date)
    const hit = overlapping(away(member).filter((x) => !x.reason.startsWith('public holiday')), d.start, d.end)
    return hit?.reason
  }
  const holidayOn = (member: string, date: LocalDate): Holiday | undefined =>
    (holidayIntervals.get(member) ?? []).find((h) => h.holiday.date === date)?.holiday
  return {
    from,
    to,
    holidaysByMember,
    companyHolidays,
    investorPeriods,
    away,
    holidays: (member) => holidayIntervals.get(member) ?? [],
    awayAt: (member, at) => containing(away(member), at)?.reason,
    holidayAt: (member, at) => containing(holidayIntervals.get(member) ?? [], at)?.holiday,
    investorAt: (at) => containing(investorSpans, at)?.period,
    isAway: (member, date) => absence(member, date) !== undefined,
    awayReason: absence,
    holidayOn,
    isHoliday: (member, date) => holidayOn(member, date) !== undefined,
    isInvestorDate: (date) => investorDates.has(date),
    investorPeriodOn: (date) => investorDates.get(date),
    isAvailable: (member, date) => {
      const d = day(member, date)
      return overlapping(away(member), d.start, d.end) === undefined
    }
  }
}
