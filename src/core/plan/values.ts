// Values that are well-formed text but may still be impossible: calendar dates, date order, time
// zones, holiday codes, cron expressions, duration ranges, rotation grids, the format version and
// rule overrides. Leave and swap times are checked in time-ranges.ts.
import { CronExpressionParser } from 'cron-parser'
import Holidays from 'date-holidays'
import { IANAZone } from 'luxon'
import { RULE_CATALOGUE, ruleInfo } from '../rules/catalogue.js'
import type { PlanPath } from '../types.js'
import { DATE_PATTERN, isRealDate, notOnCalendar, WEEKDAY_NAMES, weekdayOf } from './dates.js'
import { MINUTES_PER_DAY, parseDuration } from './durations.js'
import { didYouMean, pathLabel } from './problem.js'
import { field, type Findings, isRaw, list, listing, text } from './raw.js'
import { checkTimeRange, type EntryZone } from './time-ranges.js'

export function checkValues(data: unknown, findings: Findings): void {
  const version = field(data, 'version')
  if (typeof version === 'number' && version !== 1) {
    findings.add('plan.value', `version ${version} is not supported: opsplan reads format version 1, ` +
      'so write `version: 1` (or upgrade opsplan if this plan came from a newer one)', ['version'])
  }
  checkZone(field(data, 'timezone'), ['timezone'], findings)
  for (const [i, member] of list(field(data, 'team')).entries()) {
    checkZone(field(member, 'timezone'), ['team', i, 'timezone'], findings)
    checkHolidayCode(field(member, 'holidays'), ['team', i, 'holidays'], findings)
    checkRange(member, ['team', i], 'joined', 'left', findings)
  }
  for (const [i, pipeline] of list(field(data, 'pipelines')).entries()) {
    checkCron(field(pipeline, 'schedule'), ['pipelines', i, 'schedule'], findings)
  }
  checkOncall(field(data, 'oncall'), findings)
  const planZone = text(field(data, 'timezone'))
  for (const [i, entry] of list(field(data, 'leave')).entries()) {
    checkTimeRange(entry, ['leave', i], 'leave', leaveZone(data, text(field(entry, 'member')), planZone), findings)
  }
  for (const [i, entry] of list(field(data, 'swaps')).entries()) {
    const zone = planZone === undefined ? undefined : { name: planZone, whose: "the plan's time zone" }
    checkTimeRange(entry, ['swaps', i], 'swap', zone, findings)
  }
  checkRules(field(data, 'rules'), findings)
}

function checkOncall(oncall: unknown, findings: Findings): void {
  const start = text(field(oncall, 'start'))
  checkDate(start, ['oncall', 'start'], findings)
  checkDays(field(oncall, 'shift'), ['oncall', 'shift'], 1, 28, findings)
  checkDays(field(oncall, 'horizon'), ['oncall', 'horizon'], 1, undefined, findings)
  checkDays(field(oncall, 'freeze'), ['oncall', 'freeze'], 0, undefined, findings)
  checkDays(field(field(oncall, 'fairness'), 'lookback'), ['oncall', 'fairness', 'lookback'], 0, undefined, findings)
  const handoff = text(field(oncall, 'handoff'))
  const day = handoffDay(handoff)
  const startDay = dayOf(start)
  if (day !== undefined && startDay !== undefined && day !== startDay) {
    findings.add('plan.value', `oncall.handoff names ${day}, but shifts start on oncall.start ${start}, a ${startDay}: ` +
      `write "${startDay} ${handoff?.slice(4)}" or just "${handoff?.slice(4)}", or move the start to a ${day}`, ['oncall', 'handoff'])
  }
  for (const [i, rotation] of list(field(oncall, 'rotations')).entries()) checkRotationGrid(rotation, i, oncall, findings)
  checkHolidayCode(field(field(oncall, 'holidays'), 'company'), ['oncall', 'holidays', 'company'], findings)
  checkInvestorPeriods(field(oncall, 'investor-periods'), findings)
}

/** The weekday a "Mon 10:00" handoff names, or undefined for a plain "10:00". */
function handoffDay(handoff: string | undefined): string | undefined {
  const day = handoff === undefined ? undefined : /^([A-Z][a-z]{2}) /.exec(handoff)?.[1]
  return WEEKDAY_NAMES.find((name) => name === day)
}

/** `Mon` for a real date, else undefined. */
function dayOf(date: string | undefined): string | undefined {
  return date !== undefined && isRealDate(date) ? WEEKDAY_NAMES[weekdayOf(date) - 1] : undefined
}

/**
 * A rotation's own start, shift and handoff take oncall's checks; a handoff that names a weekday
 * must name the weekday the rotation starts on, whichever of the two the rotation sets itself.
 */
function checkRotationGrid(rotation: unknown, i: number, oncall: unknown, findings: Findings): void {
  const path = ['oncall', 'rotations', i]
  const ownStart = text(field(rotation, 'start'))
  checkDate(ownStart, [...path, 'start'], findings)
  checkDays(field(rotation, 'shift'), [...path, 'shift'], 1, 28, findings)
  const ownHandoff = text(field(rotation, 'handoff'))
  const start = ownStart ?? text(field(oncall, 'start'))
  const startDay = dayOf(start)
  const handoff = ownHandoff ?? text(field(oncall, 'handoff'))
  const day = handoffDay(handoff)
  if (day === undefined || startDay === undefined || day === startDay) return
  const time = handoff?.slice(4) ?? ''
  if (ownHandoff !== undefined) {
    const where = ownStart !== undefined ? `${start} (its start)` : `${start} (oncall.start: it sets no start of its own)`
    const fix = ownStart !== undefined ? `move its start to a ${day}` : `give it a start on a ${day}`
    findings.add('plan.value', `${pathLabel([...path, 'handoff'])} names ${day}, but the rotation's shifts start on ${where}, ` +
      `a ${startDay}: write "${startDay} ${time}" or just "${time}", or ${fix}`, [...path, 'handoff'])
  } else if (ownStart !== undefined) {
    findings.add('plan.value', `${pathLabel([...path, 'start'])} ${ownStart} is a ${startDay}, but the handoff it takes from ` +
      `oncall.handoff, "${handoff}", names ${day}: give the rotation its own handoff, like handoff: "${time}", ` +
      `or start it on a ${day}`, [...path, 'start'])
  }
}

const PERIOD_KINDS = ['last-business-days', 'dates', 'none'] as const

/**
 * One way of saying when investor periods are, at most. `none: false` asks for nothing (the default
 * depends on the pipelines), so it is refused rather than read one way or the other.
 */
function checkInvestorPeriods(periods: unknown, findings: Findings): void {
  const path = ['oncall', 'investor-periods']
  if (!isRaw(periods)) return
  const given = PERIOD_KINDS.filter((kind) => periods[kind] !== undefined && !(kind === 'none' && periods.none === false))
  if (given.length > 1) {
    const named = given.length === 2 ? `both ${given.join(' and ')}` : `${given.slice(0, -1).join(', ')} and ${given.at(-1)}`
    findings.add('plan.value', `oncall.investor-periods sets ${named}: keep one of them`, path)
  }
  if (periods.none === false) {
    findings.add('plan.value', 'oncall.investor-periods.none: false asks for nothing: drop it (without it, the periods are ' +
      'the last 5 business days of each month when a pipeline is investor-facing, and none otherwise), or write ' +
      'last-business-days or dates to set them', [...path, 'none'])
  }
  for (const [i, range] of list(field(periods, 'dates')).entries()) {
    checkRange(range, [...path, 'dates', i], 'from', 'to', findings)
  }
}

/** Leave is read in its member's own zone, else the plan's; unknown members and zones are reported elsewhere. */
function leaveZone(data: unknown, member: string | undefined, planZone: string | undefined): EntryZone | undefined {
  const entry = list(field(data, 'team')).find((m) => text(field(m, 'id')) === member)
  if (member === undefined || entry === undefined) return undefined
  const zone = text(field(entry, 'timezone')) ?? planZone
  return zone === undefined ? undefined : { name: zone, whose: `${member}'s time zone` }
}

function checkDate(value: unknown, path: PlanPath, findings: Findings): boolean {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false
  const why = notOnCalendar(value)
  if (why === undefined) return true
  findings.add('plan.value', `${pathLabel(path)} ${value} is not a date on the calendar: ${why}`, path)
  return false
}

/** Both ends real dates, and the first not after the second. */
function checkRange(item: unknown, path: PlanPath, fromKey: string, toKey: string, findings: Findings): void {
  const from = field(item, fromKey)
  const to = field(item, toKey)
  const fromOk = checkDate(from, [...path, fromKey], findings)
  const toOk = checkDate(to, [...path, toKey], findings)
  if (fromOk && toOk && (from as string) > (to as string)) {
    findings.add('plan.value', `${pathLabel(path)}: ${fromKey} ${String(from)} is after ${toKey} ${String(to)}: ` +
      `the ${toKey} date must be on or after the ${fromKey} date (both are inclusive)`, [...path, toKey])
  }
}

let zones: string[] | undefined

function checkZone(value: unknown, path: PlanPath, findings: Findings): void {
  if (typeof value !== 'string' || value === '' || IANAZone.isValidZone(value)) return
  zones ??= Intl.supportedValuesOf('timeZone')
  const hint = didYouMean(value, zones) || ': use a name like America/New_York, Europe/Berlin or UTC'
  findings.add('plan.value', `${pathLabel(path)} '${value}' is not an IANA time zone${hint}`, path)
}

let holidays: Holidays | undefined
// date-holidays rebuilds its lists on every call: remember each code's answer
const holidayReasons = new Map<string, string | undefined>()

function checkHolidayCode(value: unknown, path: PlanPath, findings: Findings): void {
  if (typeof value !== 'string' || value === '') return
  if (!holidayReasons.has(value)) holidayReasons.set(value, holidayCodeReason(value))
  const why = holidayReasons.get(value)
  if (why !== undefined) {
    findings.add('plan.value', `${pathLabel(path)} '${value}' is not a date-holidays code: ${why}`, path)
  }
}

/** Why a code names no date-holidays calendar, or undefined when it names one. */
function holidayCodeReason(code: string): string | undefined {
  holidays ??= new Holidays()
  const parts = code.split('-')
  const [country = '', state, region] = parts
  const countries = holidays.getCountries()
  if (parts.length > 3) return 'a code has at most three parts, COUNTRY-STATE-REGION'
  if (!Object.prototype.hasOwnProperty.call(countries, country)) {
    return `there is no country '${country}'${didYouMean(country, Object.keys(countries))}`
  }
  if (state === undefined) return undefined
  const states = holidays.getStates(country) ?? {}
  if (!Object.prototype.hasOwnProperty.call(states, state)) {
    return `${country} has no state '${state}' (states: ${listing(Object.keys(states))})`
  }
  if (region === undefined) return undefined
  const regions = holidays.getRegions(country, state) ?? {}
  if (!Object.prototype.hasOwnProperty.call(regions, region)) {
    return `${country}-${state} has no region '${region}' (regions: ${listing(Object.keys(regions))})`
  }
  return undefined
}

function checkCron(value: unknown, path: PlanPath, findings: Findings): void {
  if (typeof value !== 'string' || value === '') return
  const fields = value.trim().split(/\s+/)
  if (fields.length !== 5) {
    findings.add('plan.value', `${pathLabel(path)} '${value}' must be a cron expression of five fields ` +
      "(minute hour day-of-month month weekday), like '0 2 * * *'", path)
    return
  }
  try {
    CronExpressionParser.parse(value, { currentDate: new Date(Date.UTC(2026, 0, 1)), tz: 'UTC' })
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : 'invalid'
    findings.add('plan.value', `${pathLabel(path)} '${value}' is not a valid cron expression (${reason}): ` +
      "fields are minute hour day-of-month month weekday, like '0 2 * * *'", path)
  }
}

/** A duration that must be whole days within [min, max]. */
function checkDays(value: unknown, path: PlanPath, min: number, max: number | undefined, findings: Findings): void {
  const duration = typeof value === 'string' ? parseDuration(value) : undefined
  if (!duration) return
  const days = duration.minutes / MINUTES_PER_DAY
  const range = max === undefined ? `at least ${min}d` : `from ${min}d to ${max / 7}w`
  if (!Number.isInteger(days)) {
    findings.add('plan.value', `${pathLabel(path)} ${value} is not a whole number of days: use d or w, ${range}`, path)
  } else if (days < min || (max !== undefined && days > max)) {
    findings.add('plan.value', `${pathLabel(path)} ${value} is out of range: it must be ${range}`, path)
  }
}

function checkRules(rules: unknown, findings: Findings): void {
  if (!isRaw(rules)) return
  const ids = RULE_CATALOGUE.map((r) => r.id)
  for (const [id, override] of Object.entries(rules)) {
    const info = ruleInfo(id)
    if (!info) {
      findings.add('plan.value', `rules: '${id}' is not a rule${didYouMean(id, ids) || ` (rules: ${ids.join(', ')})`}`,
        ['rules', id], { key: true })
      continue
    }
    if (!isRaw(override)) continue
    const params = Object.keys(info.params)
    for (const [name, value] of Object.entries(override)) {
      if (info.durations?.includes(name) === true) checkParamDuration(value, ['rules', id, name], findings)
      if (name === 'severity' || params.includes(name)) continue
      const known = params.length > 0 ? `parameters: ${params.join(', ')}` : 'it takes only a severity'
      findings.add('plan.value', `rules.${id}: '${name}' is not a parameter of ${id} (${known})${didYouMean(name, params)}`,
        ['rules', id, name], { key: true })
    }
  }
}

/** A duration parameter (coverage.rest max-run, the only one; the schema checks its form) must be some time. */
function checkParamDuration(value: unknown, path: PlanPath, findings: Findings): void {
  const duration = typeof value === 'string' ? parseDuration(value) : undefined
  if (duration?.minutes !== 0) return
  findings.add('plan.value', `${pathLabel(path)} ${String(value)} is no time at all: write how long a member may hold ` +
    'one role at a stretch, like 1w (the default) or 3d', path)
}
