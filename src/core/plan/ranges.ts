// What the dates of leave and swaps mean in time (SPEC section 3): a date is a whole local day, a
// date-time (`2027-01-01T13:00`) is that local instant. Leave is in the member's own zone, swaps in
// the plan's. Everything that asks "is this instant inside that entry" comes through here.
import { DateTime } from 'luxon'
import type { LocalDate, LocalDateOrTime, Leave, Plan, Swap } from '../types.js'
import { nextDate, plusDays } from './dates.js'

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
  const guess = DateTime.fromObject({ year: y, month: m, day: d, hour, minute }, { zone }).toMillis()
  const wall = Date.UTC(y, m - 1, d, hour, minute)
  const day = 24 * 60 * 60 * 1000
  const offsets = new Set([guess - day, guess, guess + day].map((at) => DateTime.fromMillis(at, { zone }).offset))
  const readings = [...offsets].map((offset) => wall - offset * 60_000)
    .filter((at) => DateTime.fromMillis(at, { zone }).offset * 60_000 === wall - at)
  return readings.length > 0 ? Math.min(...readings) : guess
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
