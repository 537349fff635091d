// Plan dates are local calendar dates (`YYYY-MM-DD`). Their arithmetic is on UTC day numbers, so the
// machine's own zone can never shift a date by a day. (Plain Date in UTC, not luxon: dates are asked
// for thousands of times per plan, and a luxon DateTime per question was a fifth of a cold `check`.)
import { DateTime } from 'luxon'
import type { LocalDate } from '../types.js'

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** A day of UTC time, in milliseconds. */
export const DAY_MS = 86_400_000

/** The UTC midnight of a `YYYY-MM-DD`, months and days rolling over as Date.UTC does; any year. */
function utcMidnight(date: string): Date {
  const at = new Date(0)
  at.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  return at
}

function isoDate(at: Date): LocalDate {
  return at.toISOString().slice(0, 10)
}

/** True for a `YYYY-MM-DD` that names a day on the calendar (2026-02-30 does not). */
export function isRealDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false
  const at = utcMidnight(text)
  return isoDate(at) === text
}

/** The date n days after (before, when negative) a real date. */
export function plusDays(date: LocalDate, n: number): LocalDate {
  const at = utcMidnight(date)
  at.setTime(at.getTime() + n * DAY_MS)
  return isoDate(at)
}

/** Whole days from a to b (negative when b is earlier). */
export function daysFrom(a: LocalDate, b: LocalDate): number {
  return Math.round((utcMidnight(b).getTime() - utcMidnight(a).getTime()) / DAY_MS)
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
  return plusDays(date, 1)
}

/** ISO weekday of a real date: 1 = Monday .. 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return utcMidnight(date).getUTCDay() || 7
}

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
