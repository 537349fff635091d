// Fairness rules: read the scheduler's fairness table and say who carries too much, or too little.
import type { FairnessRow, Plan } from '../types.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { rotationPath } from './schedule-view.js'

// Loads are sums of fractional weights; do not warn on rounding noise.
const EPSILON = 1e-9

function fixed(n: number): string {
  return n.toFixed(2)
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${fixed(n)}`
}

function teamPath(plan: Plan, member: string, rotation: string): ReadonlyArray<string | number> {
  const index = plan.team.findIndex((m) => m.id === member)
  return index < 0 ? rotationPath(plan, rotation) : ['team', index]
}

function checkLoad(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const max = ctx.params['max-deviation'] ?? 1
  const rows = scheduleOf(ctx).fairness
  const findings: Finding[] = []
  for (const row of rows) {
    if (Math.abs(row.deviation) <= max + EPSILON) continue
    const peers = rows.filter((r) => r.rotation === row.rotation && r.member !== row.member)
    const over = row.deviation > 0
    const partner = peers.reduce<FairnessRow | undefined>(
      (best, r) => (!best || (over ? r.deviation < best.deviation : r.deviation > best.deviation) ? r : best),
      undefined
    )
    const fix = over
      ? `give ${row.member} fewer shifts${partner ? ` (swap one to ${partner.member}, at ${signed(partner.deviation)})` : ''}`
      : `give ${row.member} more shifts${partner ? ` (take one from ${partner.member}, at ${signed(partner.deviation)})` : ''}`
    findings.push({
      message:
        `${row.member}'s load in ${row.rotation} is ${fixed(row.load)} against a target of ${fixed(row.target)}: ` +
        `a deviation of ${signed(row.deviation)} shifts, beyond ±${max}: ${fix}, or regenerate the schedule`,
      path: teamPath(plan, row.member, row.rotation)
    })
  }
  return findings
}

function spread(field: 'holidays' | 'investor', words: string, path: (plan: Plan, rotation: string) => ReadonlyArray<string | number>) {
  return (ctx: RuleContext): Finding[] => {
    const max = ctx.params['max-spread'] ?? 1
    const rows = scheduleOf(ctx).fairness
    const findings: Finding[] = []
    for (const rotation of [...new Set(rows.map((r) => r.rotation))].sort()) {
      const members = rows.filter((r) => r.rotation === rotation)
      const most = members.reduce((a, b) => (b[field] > a[field] ? b : a))
      const least = members.reduce((a, b) => (b[field] < a[field] ? b : a))
      const gap = most[field] - least[field]
      if (gap <= max + EPSILON) continue
      findings.push({
        message:
          `${words} in ${rotation} range from ${least[field]} (${least.member}) to ${most[field]} (${most.member}), a spread of ${gap}, ` +
          `more than ${max}: give one of ${most.member}'s to ${least.member} with a swap, or regenerate the schedule`,
        path: path(ctx.plan, rotation)
      })
    }
    return findings
  }
}

export const fairnessRules: RuleDefinition[] = [
  { id: 'fairness.load', check: checkLoad },
  { id: 'fairness.holidays', check: spread('holidays', 'holiday days on call', rotationPath) },
  { id: 'fairness.investor', check: spread('investor', 'investor-period shifts', () => ['oncall', 'investor-periods']) }
]
