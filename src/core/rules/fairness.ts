// Fairness rules: read the scheduler's fairness table (one row per member, across their rotations)
// and say who carries too much or too little, with a swap entry that would move one shift.
import type { FairnessRow, Plan, Schedule, ScheduledSegment } from '../types.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { rotationPath } from './schedule-view.js'
import { localTime, ms } from './time.js'

// Loads are sums of fractional weights; do not warn on rounding noise.
const EPSILON = 1e-9

function fixed(n: number): string {
  return n.toFixed(2)
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${fixed(n)}`
}

function teamPath(plan: Plan, member: string): ReadonlyArray<string | number> {
  const index = plan.team.findIndex((m) => m.id === member)
  return index < 0 ? ['oncall'] : ['team', index]
}

function rotationsOf(plan: Plan, member: string): string[] {
  return plan.oncall.rotations.filter((r) => r.members.includes(member)).map((r) => r.id)
}

/** `2027-01-04T10:00` in the plan's zone: what a swap entry's from/to takes for a handoff. */
function localDateTime(instant: string, zone: string): string {
  return localTime(ms(instant), zone).replace(' ', 'T')
}

/**
 * The next whole shift `from` holds after the freeze in a rotation `to` also belongs to, as the swap
 * entry that gives it to `to` — one line to paste under `swaps:`.
 */
function swapEntry(plan: Plan, schedule: Schedule, from: string, to: string): string | undefined {
  const shared = new Set(rotationsOf(plan, from).filter((r) => rotationsOf(plan, to).includes(r)))
  const next = schedule.segments
    .filter((s): s is ScheduledSegment => s.member === from && s.kind === 'shift' && shared.has(s.rotation) && s.start >= schedule.frozenUntil)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))[0]
  if (!next) return undefined
  const zone = plan.timezone
  const rotation = plan.oncall.rotations.length > 1 ? `rotation: ${next.rotation}, ` : ''
  return `{ ${rotation}role: ${next.role}, from: "${localDateTime(next.start, zone)}", to: "${localDateTime(next.end, zone)}", member: ${to} }`
}

function checkLoad(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const schedule = scheduleOf(ctx)
  const max = ctx.params['max-deviation'] ?? 1
  const rows = schedule.fairness
  const findings: Finding[] = []
  for (const row of rows) {
    if (Math.abs(row.deviation) <= max + EPSILON) continue
    const mine = new Set(rotationsOf(plan, row.member))
    // someone who shares a rotation with the member, on the other side of their share
    const peers = rows.filter((r) => r.member !== row.member && rotationsOf(plan, r.member).some((id) => mine.has(id)))
    const over = row.deviation > 0
    const partner = peers.reduce<FairnessRow | undefined>(
      (best, r) => (!best || (over ? r.deviation < best.deviation : r.deviation > best.deviation) ? r : best),
      undefined
    )
    const entry = partner ? (over ? swapEntry(plan, schedule, row.member, partner.member) : swapEntry(plan, schedule, partner.member, row.member)) : undefined
    const at = partner ? ` (${partner.member} at ${signed(partner.deviation)})` : ''
    const fix = entry && partner
      ? `${over ? `give one of ${row.member}'s shifts to ${partner.member}` : `give ${row.member} one of ${partner.member}'s shifts`}${at}, e.g. add under swaps: ${entry}`
      : `${over ? `give ${row.member} fewer shifts` : `give ${row.member} more shifts`} with a swap${partner ? ` with ${partner.member}${at}` : ''}`
    const across = mine.size > 1 ? ` across ${[...mine].join(', ')}` : ''
    findings.push({
      message:
        `${row.member}'s load${across} is ${fixed(row.load)} against a fair share of ${fixed(row.target)}: ` +
        `a deviation of ${signed(row.deviation)} shifts, beyond ±${max}: ${fix}`,
      path: teamPath(plan, row.member)
    })
  }
  return findings
}

/** The holiday calendar a member keeps: their own code, else the company's. */
function holidayCode(plan: Plan, member: string): string {
  const m = plan.team.find((x) => x.id === member)
  return m?.holidayCode ?? m?.holidays ?? plan.oncall.holidays.company ?? ''
}

/**
 * Spreads compare members of a rotation; holiday days compare only members who keep the same public
 * holidays — a day off for one is an ordinary day for another, and nobody can work someone else's holiday.
 */
function spread(field: 'holidays' | 'investor', words: string, path: (plan: Plan, rotation: string) => ReadonlyArray<string | number>) {
  return (ctx: RuleContext): Finding[] => {
    const max = ctx.params['max-spread'] ?? 1
    const schedule = scheduleOf(ctx)
    const rows = new Map(schedule.fairness.map((r) => [r.member, r]))
    const findings: Finding[] = []
    for (const rotation of ctx.plan.oncall.rotations) {
      const members = rotation.members.flatMap((m) => (rows.has(m) ? [rows.get(m) as FairnessRow] : []))
      const groups = new Map<string, FairnessRow[]>()
      for (const row of members) {
        const key = field === 'holidays' ? holidayCode(ctx.plan, row.member) : ''
        groups.set(key, [...(groups.get(key) ?? []), row])
      }
      for (const [code, group] of groups) {
        if (group.length < 2) continue
        const most = group.reduce((a, b) => (b[field] > a[field] ? b : a))
        const least = group.reduce((a, b) => (b[field] < a[field] ? b : a))
        const gap = most[field] - least[field]
        if (gap <= max + EPSILON) continue
        const entry = swapEntry(ctx.plan, schedule, most.member, least.member)
        const among = field === 'holidays' && groups.size > 1 ? ` among members who keep ${code} holidays` : ''
        findings.push({
          message:
            `${words} in ${rotation.id}${among} range from ${least[field]} (${least.member}) to ${most[field]} (${most.member}), a spread of ${gap}, ` +
            `more than ${max}: give one of ${most.member}'s to ${least.member} with a swap${entry ? ` (the next one: ${entry})` : ''}`,
          path: path(ctx.plan, rotation.id)
        })
      }
    }
    return findings
  }
}

export const fairnessRules: RuleDefinition[] = [
  { id: 'fairness.load', check: checkLoad },
  { id: 'fairness.holidays', check: spread('holidays', 'holiday days on call', rotationPath) },
  { id: 'fairness.investor', check: spread('investor', 'investor-period shifts', () => ['oncall', 'investor-periods']) }
]
