// Plan dates are local calendar dates (`YYYY-MM-DD`). Checked through luxon in UTC so that the
// machine's own zone can never shift a date by a day.
import { DateTime } from 'luxon'
import type { LocalDate } from '../types.js'

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** True for a `YYYY-MM-DD` that names a day on the calendar (2026-02-30 does not). */
export function isRealDate(text: string): boolean {
  return DATE_PATTERN.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid
}

/** Why a well-formed `YYYY-MM-DD` is not on the calendar ("February 2026 has 28 days"), or undefined when it is. */
export function notOnCalendar(date: string): string | undefined {
  if (isRealDate(date)) return undefined
  const [year, month] = date.split('-').map(Number) as [number, number]
  if (month < 1 || month > 12) return `there is no month ${month}`
  const first = DateTime.fromObject({ year, month }, { zone: 'utc' })
  return `${first.toFormat('LLLL yyyy')} has ${first.daysInMonth} days`
}

/** The day after a real date. */
export function nextDate(date: LocalDate): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate() as LocalDate
}

/** ISO weekday of a real date: 1 = Monday .. 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
