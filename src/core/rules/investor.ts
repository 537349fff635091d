// Investor-period rules: during the monthly report, each shift stays with one person and the owners
// of investor-facing pipelines are around.
import type { InvestorPeriod, Plan } from '../types.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { leaveDuring, leaveInterval, rangeInterval, segmentInterval, swapsDuring, todayStart } from './schedule-view.js'
import { intervalSpan, listWords, localDate, ms, span } from './time.js'

function periodName(period: InvestorPeriod): string {
  return `investor period '${period.label}' ${span(period.from, period.to)}`
}

function checkPresence(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const schedule = scheduleOf(ctx)
  const midnight = todayStart(plan, ctx.today)
  const findings: Finding[] = []
  for (const period of schedule.investorPeriods) {
    const p = rangeInterval(period, plan.timezone)
    for (const slot of schedule.shifts) {
      const start = Math.max(ms(slot.start), p.start)
      const end = Math.min(ms(slot.end), p.end)
      if (start >= end || end <= midnight) continue
      for (const rotation of plan.oncall.rotations) {
        if (slot.rotation !== rotation.id) continue
        for (const role of rotation.roles) {
          const holders = schedule.segments.filter((s) => {
            if (s.rotation !== rotation.id || s.role !== role) return false
            const h = segmentInterval(s)
            return h.start < end && start < h.end
          })
          const members = [...new Set(holders.map((s) => s.member))]
          if (members.length <= 1) continue
          const during = { start, end }
          const leave = members.flatMap((m) => leaveDuring(plan, m, during)).sort((a, b) => a - b)[0]
          const swap = swapsDuring(plan, rotation.id, role, during)[0]
          findings.push({
            message:
              `${intervalSpan(start, end, plan.timezone)}: ${rotation.id} ${role} changes hands (${members.join(', ')}) inside the shift ` +
              `starting ${slot.startDate}, during ${periodName(period)}; keep one member for the whole shift in the period: ` +
              `move the leave or swap outside the period, or give the whole shift to one member`,
            path: leave !== undefined ? ['leave', leave] : swap !== undefined ? ['swaps', swap] : ['oncall', 'investor-periods']
          })
        }
      }
    }
  }
  return findings
}

function checkOwnerLeave(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const schedule = scheduleOf(ctx)
  const zone = plan.timezone
  const midnight = todayStart(plan, ctx.today)
  const owned = new Map<string, string[]>()
  for (const p of plan.pipelines) {
    if (p.investorFacing) owned.set(p.owners.primary, [...(owned.get(p.owners.primary) ?? []), p.id])
  }
  const findings: Finding[] = []
  for (const period of schedule.investorPeriods) {
    const p = rangeInterval(period, zone)
    const during = { start: Math.max(p.start, midnight), end: p.end }
    if (during.start >= during.end) continue
    for (const [member, pipelines] of owned) {
      for (const i of leaveDuring(plan, member, during)) {
        const leave = plan.leave[i]
        if (!leave) continue
        const l = leaveInterval(plan, leave)
        const overlap = span(localDate(Math.max(l.start, during.start), zone), localDate(Math.min(l.end, during.end) - 1, zone))
        const backups = secondaries(plan, pipelines)
        findings.push({
          message:
            `${member} is on leave ${span(leave.from, leave.to)}${leave.reason ? ` (${leave.reason})` : ''} during ${periodName(period)} ` +
            `(${overlap}), while primary owner of investor-facing ${listWords(pipelines)}, on standby then: ` +
            `move the leave, or agree that ${listWords(backups)} stand${backups.length === 1 ? 's' : ''} in as owner`,
          path: ['leave', i]
        })
      }
    }
  }
  return findings
}

function secondaries(plan: Plan, pipelines: readonly string[]): string[] {
  const ids = plan.pipelines.filter((p) => pipelines.includes(p.id)).map((p) => p.owners.secondary)
  return [...new Set(ids)].sort()
}

export const investorRules: RuleDefinition[] = [
  { id: 'investor.presence', check: checkPresence },
  { id: 'investor.owner-leave', check: checkOwnerLeave }
]
