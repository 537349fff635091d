// Leave and swaps run from a date or a local date-time to a date or a local date-time (SPEC section
// 2). Each end must be a real date and a real time of day, the range must hold some time, and a
// date-time must exist on the clocks of the zone it is read in (the member's for leave, the plan's
// for swaps): a time that a daylight-saving change skips is refused, because the plan would then
// say something nobody can check against a clock.
import { DateTime, IANAZone } from 'luxon'
import type { PlanPath } from '../types.js'
import { DATE_PATTERN, nextDate, notOnCalendar } from './dates.js'
import { pathLabel } from './problem.js'
import { field, type Findings, text } from './raw.js'
import { DATE_TIME_PATTERN } from './ranges.js'

/** The zone an entry's date-times are read in, and whose it is, for messages. */
export interface EntryZone {
  name: string
  /** `ana's time zone`, `the plan's time zone`. */
  whose: string
}

/** Checks `from` and `to` of one leave or swap entry. */
export function checkTimeRange(item: unknown, path: PlanPath, noun: 'leave' | 'swap', zone: EntryZone | undefined,
  findings: Findings): void {
  const from = text(field(item, 'from'))
  const to = text(field(item, 'to'))
  const fromOk = checkEnd(from, [...path, 'from'], zone, findings)
  const toOk = checkEnd(to, [...path, 'to'], zone, findings)
  if (!fromOk || !toOk) return
  const problem = orderProblem(from as string, to as string, noun)
  if (problem !== undefined) findings.add('plan.value', `${pathLabel(path)}: ${problem}`, [...path, 'to'])
}

/** Reports what is wrong with one end; true when it is a well-formed, real date or date-time. */
function checkEnd(value: string | undefined, path: PlanPath, zone: EntryZone | undefined, findings: Findings): boolean {
  if (value === undefined || !(DATE_PATTERN.test(value) || DATE_TIME_PATTERN.test(value))) return false
  const label = `${pathLabel(path)} ${value}`
  const date = value.slice(0, 10)
  const why = notOnCalendar(date)
  if (why !== undefined) {
    findings.add('plan.value', `${label} is not a date on the calendar: ${why}`, path)
    return false
  }
  if (value.length === 10) return true
  const [hour, minute] = value.slice(11).split(':').map(Number) as [number, number]
  if (hour === 24 && minute === 0) {
    findings.add('plan.value', `${label} is not a time of day: hours run from 00 to 23, so write ` +
      `${nextDate(date)}T00:00 for the midnight at the end of ${date}`, path)
    return false
  }
  if (hour > 23 || minute > 59) {
    findings.add('plan.value', `${label} is not a time of day: hours run from 00 to 23 and minutes from 00 to 59, ` +
      `like ${date}T13:00`, path)
    return false
  }
  if (zone !== undefined && IANAZone.isValidZone(zone.name)) {
    const gap = skippedBy(value, zone.name)
    if (gap !== undefined) {
      findings.add('plan.value', `${label} never happens in ${zone.name} (${zone.whose}): clocks there spring forward ` +
        `from ${gap.from} to ${gap.to.slice(11)} that night, so write ${gap.to}`, path)
    }
  }
  return true
}

/** A local `YYYY-MM-DDTHH:MM` read on a UTC clock, so that stepping it by minutes is plain arithmetic. */
function wallClock(value: string): DateTime {
  return DateTime.fromISO(value, { zone: 'utc' })
}

/** True when the zone's clocks show this local time at some instant. */
function exists(local: DateTime, zone: string): boolean {
  const read = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute }, { zone })
  return read.day === local.day && read.hour === local.hour && read.minute === local.minute
}

/** Where a local date-time falls in a daylight-saving gap: the first skipped minute and the first one after. */
function skippedBy(value: string, zone: string): { from: string; to: string } | undefined {
  const local = wallClock(value)
  if (exists(local, zone)) return undefined
  // gaps are an hour or less almost everywhere; two days bounds even a skipped calendar day
  let first = local
  while (!exists(first.minus({ minutes: 1 }), zone) && local.diff(first, 'days').days < 2) first = first.minus({ minutes: 1 })
  let after = local
  while (!exists(after, zone) && after.diff(local, 'days').days < 2) after = after.plus({ minutes: 1 })
  return { from: first.toFormat('HH:mm'), to: after.toFormat("yyyy-MM-dd'T'HH:mm") }
}

/** Why `from`..`to` holds no time, compared as local wall-clock values (both ends are in one zone). */
function orderProblem(from: string, to: string, noun: 'leave' | 'swap'): string | undefined {
  const fromIsDate = from.length === 10
  const toIsDate = to.length === 10
  const start = fromIsDate ? `${from}T00:00` : from
  // a date `to` runs to the end of that day: the next midnight
  const end = toIsDate ? `${nextDate(to)}T00:00` : to
  if (start < end) return undefined
  const fromDate = from.slice(0, 10)
  if (fromIsDate && toIsDate) {
    return `from ${from} is after to ${to}: the to date must be on or after the from date (both are inclusive)`
  }
  if (toIsDate) {
    return `from ${from} is after to ${to}: a date to runs to the end of that day, so write a to on or after ${fromDate}`
  }
  const starts = fromIsDate ? ', which starts at 00:00 that day' : ''
  return `to ${to} is not after from ${from}${starts}: a date-time to is the moment the ${noun} ends, ` +
    `so write a later one, or to: ${fromDate} to run to the end of that day`
}
