// Local-date and instant arithmetic for the rules, always in an explicit zone so that results do not
// depend on the machine's own time zone.
import { DateTime } from 'luxon'
import { daysFrom, plusDays } from '../plan/dates.js'
import { localInstant } from '../plan/ranges.js'
import type { LocalDate, UtcInstant } from '../types.js'

/** Milliseconds since the epoch of a UTC instant string (ISO 8601 with `Z`, so no zone guessing). */
export function ms(instant: UtcInstant): number {
  return Date.parse(instant)
}

/** The instant a local date begins: its first 00:00 local (localInstant remembers each answer). */
export function dayStart(date: LocalDate, zone: string): number {
  return localInstant(date, zone)
}

/** The instant a local date ends (24:00 local, the next day's 00:00). */
export function dayEnd(date: LocalDate, zone: string): number {
  return dayStart(addDays(date, 1), zone)
}

export function localDate(at: number, zone: string): LocalDate {
  return DateTime.fromMillis(at, { zone }).toISODate() as LocalDate
}

/** The last local date an interval ending at `end` (exclusive) touches. */
export function lastDate(end: number, zone: string): LocalDate {
  return localDate(end - 1, zone)
}

/** The date n days after (before, when negative) a date: the plan's own date arithmetic. */
export const addDays = plusDays

/** Whole days from `a` to `b` (negative when b is earlier). */
export const daysBetween = daysFrom

/** Every local date from `from` to `to`, both included. */
export function datesIn(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

/** `2027-01-06..2027-01-07`, or one date when both ends are the same day. */
export function span(from: LocalDate, to: LocalDate): string {
  return from === to ? from : `${from}..${to}`
}

/** The local dates an interval touches, as a span. */
export function intervalSpan(start: number, end: number, zone: string): string {
  return span(localDate(start, zone), lastDate(end, zone))
}

/** `2027-01-04 10:00` in the given zone, for messages that need the hour of a handoff. */
export function localTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm')
}

export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd
}

/** A duration in minutes as a plan would write it: 90m, 4h, 3d. */
export function formatMinutes(minutes: number): string {
  if (minutes >= 2880 && minutes % 1440 === 0) return `${minutes / 1440}d`
  if (minutes % 60 === 0) return `${minutes / 60}h`
  return `${minutes}m`
}

/** A list in words: `a`, `a and b`, `a, b and c`. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
