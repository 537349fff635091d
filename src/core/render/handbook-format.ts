// Dates, names and numbers as people read them, shared by the handbook and the PR report. Every
// date goes through luxon with the plan's zone and an explicit locale, so the output is the same on
// any machine whatever its own zone or language.
import { DateTime } from 'luxon'
import { plusDays } from '../plan/dates.js'
import { localInstant } from '../plan/ranges.js'
import { fromMillis } from '../schedule/calendar.js'
import type { LocalDate, Plan, Role, Schedule, ScheduledSegment, UtcInstant } from '../types.js'

const LOCALE = 'en-US'

function utc(instant: UtcInstant): DateTime {
  return DateTime.fromISO(instant, { zone: 'utc' })
}

/** `Mon 2026-12-07 10:00`, local to the zone. */
export function localDateTime(instant: UtcInstant, zone: string): string {
  const dt = utc(instant).setZone(zone).setLocale(LOCALE)
  return dt.isValid ? dt.toFormat('ccc yyyy-MM-dd HH:mm') : instant
}

/** `Mon 2026-12-07`. */
export function localDay(date: LocalDate): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' }).setLocale(LOCALE)
  return dt.isValid ? dt.toFormat('ccc yyyy-MM-dd') : date
}

/** The local date an instant falls on. */
export function localDateOf(instant: UtcInstant, zone: string): LocalDate {
  return utc(instant).setZone(zone).toISODate() ?? instant.slice(0, 10)
}

/** The date n days after (before, when negative) a date: the plan's own date arithmetic. */
export const addDays = plusDays

/** The instant a local date begins (its first 00:00 local; the plan's midnight where the zone is unknown). */
export function startOfDay(date: LocalDate, zone: string): UtcInstant {
  const at = localInstant(date, zone)
  return Number.isFinite(at) ? fromMillis(at) : `${date}T00:00:00Z`
}

/** A local `from..to` range (inclusive dates) as `Mon 2026-12-21 – Fri 2027-01-01`. */
export function dayRange(from: LocalDate, to: LocalDate): string {
  return from === to ? localDay(from) : `${localDay(from)} – ${localDay(to)}`
}

export function memberName(plan: Plan, id: string | null | undefined): string {
  if (id === null || id === undefined) return 'nobody'
  return plan.team.find((m) => m.id === id)?.name ?? id
}

export function rotationName(plan: Plan, id: string): string {
  return plan.oncall.rotations.find((r) => r.id === id)?.name ?? id
}

export function pipelineName(plan: Plan, id: string): string {
  return plan.pipelines.find((p) => p.id === id)?.name ?? id
}

/** Segments that overlap `[from, to)`, in time order. */
export function overlapping(segments: ScheduledSegment[], from: UtcInstant, to: UtcInstant): ScheduledSegment[] {
  return segments.filter((s) => s.start < to && s.end > from).sort(bySegment)
}

export function bySegment(a: ScheduledSegment, b: ScheduledSegment): number {
  return a.start.localeCompare(b.start) || a.rotation.localeCompare(b.rotation) || a.role.localeCompare(b.role)
}

/** Members holding a role of a rotation at any time during `[from, to)`, first holder first. */
export function holders(schedule: Schedule, rotation: string, role: Role, from: UtcInstant, to: UtcInstant): string[] {
  const ids = overlapping(schedule.segments, from, to)
    .filter((s) => s.rotation === rotation && s.role === role)
    .map((s) => s.member)
  return [...new Set(ids)]
}

/** A number with fixed decimals and no `-0`. */
export function num(value: number, digits = 1): string {
  const text = value.toFixed(digits)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** A signed number: `+0.50`, `-1.25`, `0.00`. */
export function signed(value: number, digits = 2): string {
  const text = num(value, digits)
  return value > 0 && Number(text) !== 0 ? `+${text}` : text
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`
}

/** `Mon 12-14`: a short day where the year is clear from the row around it. */
export function shortDay(instant: UtcInstant, zone: string): string {
  const dt = utc(instant).setZone(zone).setLocale(LOCALE)
  return dt.isValid ? dt.toFormat('ccc MM-dd') : instant
}

/** `Mon 12-14 10:00`. */
export function shortDateTime(instant: UtcInstant, zone: string): string {
  const dt = utc(instant).setZone(zone).setLocale(LOCALE)
  return dt.isValid ? dt.toFormat('ccc MM-dd HH:mm') : instant
}

/** `10:00`, or `24:00` for the midnight that ends a day (`dayEnd`), as people write a day's end. */
export function clockTime(instant: UtcInstant, zone: string, dayEnd?: UtcInstant): string {
  if (dayEnd !== undefined && instant === dayEnd) return '24:00'
  const dt = utc(instant).setZone(zone)
  return dt.isValid ? dt.toFormat('HH:mm') : instant
}

/** A duration as words: `30 minutes`, `24 hours`, `3 days`, `2 weeks`. */
export function durationWords(minutes: number): string {
  if (minutes > 0 && minutes % 10080 === 0) return plural(minutes / 10080, 'week')
  // "24 hours" reads as an SLA; days only from two on.
  if (minutes >= 2880 && minutes % 1440 === 0) return plural(minutes / 1440, 'day')
  if (minutes > 0 && minutes % 60 === 0) return plural(minutes / 60, 'hour')
  return plural(minutes, 'minute')
}

/** A wall-clock time on a 24-hour clock: `09:00`. */
export function clock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

/** A leave or swap bound as written: a date `Mon 2026-12-14`, a date-time `Mon 2026-12-14 13:00`. */
export function dateOrTime(value: string): string {
  const [date = value, time] = value.split('T')
  return time ? `${localDay(date)} ${time}` : localDay(date)
}

/** A leave or swap range as written: whole days `Mon 2026-12-21 – Fri 2027-01-01`, or with times. */
export function rangeWords(range: { from: string; to: string }): string {
  return range.from === range.to ? dateOrTime(range.from) : `${dateOrTime(range.from)} – ${dateOrTime(range.to)}`
}
