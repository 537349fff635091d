// A Mermaid gantt of on-call segments: one section per rotation and role, one bar per segment, in
// the plan's local time (Mermaid reads naive dates, so we hand it local wall-clock times).
import { DateTime } from 'luxon'
import type { InvestorPeriod, Plan, Segment, UtcInstant } from '../types.js'
import { memberName, rotationName } from './handbook-format.js'
import { mermaidText } from './markdown.js'

export interface GanttOptions {
  from: UtcInstant
  to: UtcInstant
  title: string
  /** Shown as their own section so a reader sees which weeks are under investor scrutiny. */
  investorPeriods?: InvestorPeriod[]
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

/** A fenced Mermaid gantt; segments outside `[from, to)` are left out and the rest clipped to it. */
export function renderGantt(segments: ReadonlyArray<Segment & { kind?: string }>, plan: Plan, options: GanttOptions): string {
  const zone = plan.timezone
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${mermaidText(options.title)}`,
    '  dateFormat YYYY-MM-DD HH:mm',
    '  axisFormat %m-%d'
  ]
  const inWindow = segments
    .filter((s) => s.start < options.to && s.end > options.from)
    .slice()
    .sort((a, b) => a.start.localeCompare(b.start))
  const rotationOrder = plan.oncall.rotations.map((r) => r.id)
  const groups = new Map<string, typeof inWindow>()
  for (const s of inWindow) {
    const key = `${s.rotation}\u0000${s.role}`
    groups.set(key, [...(groups.get(key) ?? []), s])
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const [ra = '', rolea = ''] = a.split('\u0000')
    const [rb = '', roleb = ''] = b.split('\u0000')
    const order = (id: string) => (rotationOrder.indexOf(id) + 1 || rotationOrder.length + 1)
    return order(ra) - order(rb) || ra.localeCompare(rb) || (rolea === 'primary' ? -1 : 1) - (roleb === 'primary' ? -1 : 1)
  })
  for (const key of keys) {
    const [rotation = '', role = ''] = key.split('\u0000')
    const title = plan.oncall.rotations.length > 1 ? `${rotationName(plan, rotation)} ${role}` : role
    lines.push(`  section ${mermaidText(title)}`)
    for (const s of groups.get(key) ?? []) {
      const start = naive(maxOf(s.start, options.from), zone)
      const end = naive(minOf(s.end, options.to), zone)
      const tag = s.kind === 'cover' ? 'active, ' : ''
      lines.push(`  ${mermaidText(memberName(plan, s.member), 40)} :${tag}${start}, ${end}`)
    }
  }
  const periods = (options.investorPeriods ?? []).filter((p) => p.to >= naive(options.from, zone).slice(0, 10))
  const shown = periods.filter((p) => p.from <= naive(options.to, zone).slice(0, 10))
  if (shown.length > 0) {
    lines.push('  section Investor periods')
    for (const p of shown) {
      const end = DateTime.fromISO(p.to, { zone: 'utc' }).plus({ days: 1 }).toFormat('yyyy-MM-dd')
      lines.push(`  ${mermaidText(p.label, 40)} :crit, ${p.from} 00:00, ${end} 00:00`)
    }
  }
  if (keys.length === 0) lines.push('  section No shifts', '  Nothing scheduled :milestone, ' + naive(options.from, zone) + ', 0d')
  lines.push('```')
  return lines.join('\n')
}
