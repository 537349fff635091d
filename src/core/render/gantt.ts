// A Mermaid gantt of on-call segments: one row per rotation and role (compact mode packs a role's
// bars into one row), one bar per segment, in the plan's local time (Mermaid reads naive dates, so
// it is handed local wall-clock times). Names are escaped by `ganttTaskName`, so no name can start a
// gantt statement; colours are set explicitly so bars and their text read the same on GitHub's light
// and dark themes.
import { DateTime } from 'luxon'
import type { InvestorPeriod, Plan, Segment, UtcInstant } from '../types.js'
import { rotationGrid } from '../schedule/calendar.js'
import { memberName, rotationName } from './handbook-format.js'
import { frontMatter, ganttTaskName, mermaidEscape } from './mermaid.js'

export interface GanttOptions {
  from: UtcInstant
  to: UtcInstant
  title: string
  /** Shown as their own row so a reader sees which weeks are under investor scrutiny. */
  investorPeriods?: InvestorPeriod[]
}

/**
 * Bar colours with dark text on light fills: the same on a white and on a dark page. Text that does
 * not fit in its bar is drawn beside it, on the page itself, in a grey that reads on both; Mermaid
 * draws a cover's text in one colour inside and beside its bar, so it takes that grey too.
 */
export const GANTT_THEME: Readonly<Record<string, string>> = {
  taskBkgColor: '#bfdbfe',
  taskBorderColor: '#1d4ed8',
  taskTextColor: '#1f2328',
  activeTaskBkgColor: '#fde68a',
  activeTaskBorderColor: '#b45309',
  critBkgColor: '#fecaca',
  critBorderColor: '#b91c1c',
  taskTextDarkColor: '#656d76',
  taskTextOutsideColor: '#656d76'
}

function naive(instant: UtcInstant, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd HH:mm')
}

function maxOf(a: string, b: string): string {
  return a > b ? a : b
}

function minOf(a: string, b: string): string {
  return a < b ? a : b
}

interface Row {
  title: string
  segments: Array<Segment & { kind?: string }>
}

/** One row per rotation and role, rotations in plan order and primary first; only rows with bars. */
function rows(segments: ReadonlyArray<Segment & { kind?: string }>, plan: Plan, from: UtcInstant, to: UtcInstant): Row[] {
  const inWindow = segments
    .filter((s) => s.start < to && s.end > from && s.start < s.end)
    .slice()
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  const known = plan.oncall.rotations.map((r) => r.id)
  const others = [...new Set(inWindow.map((s) => s.rotation).filter((id) => !known.includes(id)))].sort()
  const many = known.length + others.length > 1
  const out: Row[] = []
  for (const rotation of [...known, ...others]) {
    const roles = [...new Set(inWindow.filter((s) => s.rotation === rotation).map((s) => s.role))]
      .sort((a, b) => (a === b ? 0 : a === 'primary' ? -1 : 1))
    for (const role of roles) {
      out.push({
        title: many ? `${rotationName(plan, rotation)} ${role}` : role,
        segments: inWindow.filter((s) => s.rotation === rotation && s.role === role)
      })
    }
  }
  return out
}

/** A fenced Mermaid gantt; segments outside `[from, to)` are left out and the rest clipped to it. */
export function renderGantt(segments: ReadonlyArray<Segment & { kind?: string }>, plan: Plan, options: GanttOptions): string {
  const zone = plan.timezone
  const lines = [
    '```mermaid',
    ...frontMatter({ displayMode: 'compact', config: { themeVariables: { ...GANTT_THEME } } }),
    'gantt',
    `  title ${mermaidEscape(options.title)}`,
    '  dateFormat YYYY-MM-DD HH:mm',
    '  axisFormat %m-%d',
    '  tickInterval 1week',
    // weekly ticks fall on the day shifts hand over, not on Sundays
    `  weekday ${DateTime.fromISO(rotationGrid(plan, plan.oncall.rotations[0] ?? 'main').start, { zone: 'utc' }).setLocale('en-US').toFormat('cccc').toLowerCase()}`
  ]
  let bar = 0
  const task = (name: string, tags: string[], start: string, end: string): string =>
    `  ${ganttTaskName(name)} :${[...tags, `b${++bar}`, start, end].join(', ')}`
  const drawn = rows(segments, plan, options.from, options.to)
  for (const row of drawn) {
    lines.push(`  section ${mermaidEscape(row.title)}`)
    for (const s of row.segments) {
      const start = naive(maxOf(s.start, options.from), zone)
      const end = naive(minOf(s.end, options.to), zone)
      lines.push(task(memberName(plan, s.member), s.kind === 'cover' ? ['active'] : [], start, end))
    }
  }
  const windowStart = naive(options.from, zone)
  const windowEnd = naive(options.to, zone)
  const periods = (options.investorPeriods ?? [])
    .map((p) => ({
      label: p.label,
      // a period runs from its first date's midnight to the midnight after its last date
      start: `${p.from} 00:00`,
      end: `${DateTime.fromISO(p.to, { zone: 'utc' }).plus({ days: 1 }).toFormat('yyyy-MM-dd')} 00:00`
    }))
    .filter((p) => p.start < windowEnd && p.end > windowStart)
  if (periods.length > 0) {
    lines.push('  section Investor periods')
    // clipped to the window like the shifts, so a long period does not stretch the axis
    for (const p of periods) lines.push(task(p.label, ['crit'], maxOf(p.start, windowStart), minOf(p.end, windowEnd)))
  }
  if (drawn.length === 0) lines.push('  section No shifts', task('Nothing scheduled', ['milestone'], windowStart, '0d'))
  lines.push('```')
  return lines.join('\n')
}
