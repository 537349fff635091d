// What the dates of leave and swaps mean in time (SPEC section 3): a date is a whole local day, a
// date-time (`2027-01-01T13:00`) is that local instant. Leave is in the member's own zone, swaps in
// the plan's. Everything that asks "is this instant inside that entry" comes through here.
import { IANAZone } from 'luxon'
import type { LocalDate, LocalDateOrTime, Leave, Plan, Swap } from '../types.js'
import { DAY_MS, nextDate, plusDays } from './dates.js'

export const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

export function isDateTime(value: LocalDateOrTime): boolean {
  return DATE_TIME_PATTERN.test(value)
}

/**
 * The instant a local date-time (or a date's midnight) names in a zone. A time the clocks show twice,
 * as they go back, is the first of the two (a day starts at its first midnight); a time a DST change
 * skips moves forward (the loader refuses those in date-times).
 */
export function localInstant(value: LocalDateOrTime, zone: string): number {
  // leave and swaps are read by the scheduler, every rule and every renderer: remember each answer
  const key = `${zone}|${value}`
  let at = instants.get(key)
  if (at === undefined) {
    at = computeInstant(value, zone)
    if (instants.size > 100_000) instants.clear()
    instants.set(key, at)
  }
  return at
}

const instants = new Map<string, number>()

function computeInstant(value: LocalDateOrTime, zone: string): number {
  const [date, time = '00:00'] = value.split('T') as [string, string?]
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  return wallClockInstant(y, m, d, hour, minute, zone)
}

/**
 * The instant a wall-clock time names in a zone, from the zone's offsets alone: the earlier of the
 * two readings where the clocks go back, and where they skip the time, that time moved forward by
 * the change (as luxon reads it). Not DateTime.fromObject: it starts from the offset in force at the
 * moment it runs, so which of two readings it returns would depend on the machine's clock — a daily
 * 01:30 handoff on a November night would move by an hour between a render in July and one in
 * December.
 */
export function wallClockInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const z = IANAZone.create(zone)
  const at = new Date(0)
  at.setUTCFullYear(year, month - 1, day)
  at.setUTCHours(hour, minute, 0, 0)
  const wall = at.getTime()
  // the offsets in force a day either side: every change near that wall time is between them
  const offsets = [...new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => z.offset(t)))]
  const readings = offsets.map((o) => wall - o * 60_000).filter((t) => z.offset(t) * 60_000 === wall - t)
  if (readings.length > 0) return Math.min(...readings)
  return wall - Math.min(...offsets) * 60_000
}

/** The instants a from..to entry covers, [start, end): a date `to` runs to the end of that day. */
export function rangeInstants(range: { from: LocalDateOrTime; to: LocalDateOrTime }, zone: string): { start: number; end: number } {
  const start = localInstant(range.from, zone)
  const end = isDateTime(range.to) ? localInstant(range.to, zone) : localInstant(nextDate(range.to), zone)
  return { start, end }
}

/** The first local date an entry touches. */
export function firstDateOf(value: LocalDateOrTime): LocalDate {
  return value.slice(0, 10)
}

/** The last local date a `to` touches: a date itself, a date-time at midnight the day before. */
export function lastDateOf(to: LocalDateOrTime): LocalDate {
  if (!isDateTime(to)) return to
  const date = to.slice(0, 10)
  return to.endsWith('T00:00') ? plusDays(date, -1) : date
}

/** The zone a member's days are in: their own, else the plan's. */
export function memberZone(plan: Plan, member: string): string {
  return plan.team.find((m) => m.id === member)?.timezone ?? plan.timezone
}

/** A leave entry as instants, in its member's own zone. */
export function leaveInstants(plan: Plan, leave: Leave): { start: number; end: number } {
  return rangeInstants(leave, memberZone(plan, leave.member))
}

/** A swap as instants, in the plan's zone. */
export function swapInstants(plan: Plan, swap: Swap): { start: number; end: number } {
  return rangeInstants(swap, plan.timezone)
}
