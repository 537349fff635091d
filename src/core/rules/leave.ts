// Leave rules: enough notice for new leave, and not too many people away at once.
import { currentMemberId } from '../lock-renames.js'
import type { Leave, Plan } from '../types.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { firstDateOf, lastDateOf } from '../plan/ranges.js'
import { addDays, daysBetween, lastDate, ms, span } from './time.js'

function leaveKey(leave: Leave): string {
  return `${leave.member}\u0000${leave.from}\u0000${leave.to}`
}

/**
 * Indexes of head leave entries that the base plan does not have; without a base, none are new. A
 * base entry of a member the head plan renamed is the same entry under the new id.
 */
export function newLeave(plan: Plan, base: Plan | undefined): number[] {
  if (!base) return []
  const before = new Set(base.leave.map((l) => leaveKey({ ...l, member: currentMemberId(plan, l.member) })))
  return plan.leave.flatMap((leave, i) => (before.has(leaveKey(leave)) ? [] : [i]))
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`
}

function checkNotice(ctx: RuleContext): Finding[] {
  const minDays = ctx.params['min-days'] ?? 14
  const findings: Finding[] = []
  for (const i of newLeave(ctx.plan, ctx.base?.plan)) {
    const leave = ctx.plan.leave[i] as Leave
    const ahead = daysBetween(ctx.today, firstDateOf(leave.from))
    if (ahead >= minDays) continue
    const when = ahead > 0 ? `starts in ${days(ahead)}` : ahead === 0 ? 'starts today' : `started ${days(-ahead)} ago`
    findings.push({
      message:
        `${leave.member}'s new leave ${span(leave.from, leave.to)} ${when}, less than the ${days(minDays)}' notice the team asks for: ` +
        `agree the covers with the members mentioned in this review, or move the leave later`,
      path: ['leave', i]
    })
  }
  return findings
}

function checkConcurrent(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const max = ctx.params.max ?? 1
  const end = lastDate(ms(scheduleOf(ctx).to), plan.timezone)
  const findings: Finding[] = []
  for (const rotation of plan.oncall.rotations) {
    const entries = plan.leave.map((leave, i) => ({ leave, i })).filter(({ leave }) => rotation.members.includes(leave.member))
    // leave is counted by the dates it touches (each member's own)
    const from = entries.reduce((min, { leave }) => (firstDateOf(leave.from) < min ? firstDateOf(leave.from) : min), end)
    const first = from > ctx.today ? from : ctx.today
    let stretch: { from: string; to: string; members: Set<string>; entries: Set<number> } | undefined
    const close = (): void => {
      if (!stretch) return
      const members = [...stretch.members].sort()
      // The entry that starts last is the one that made the overlap; point there.
      const latest = [...stretch.entries].sort((a, b) => {
        const [x, y] = [plan.leave[a] as Leave, plan.leave[b] as Leave]
        return x.from < y.from ? 1 : x.from > y.from ? -1 : b - a
      })[0] as number
      findings.push({
        message:
          `${span(stretch.from, stretch.to)}: ${members.length} members of ${rotation.id} on leave at once (${members.join(', ')}), more than ${max}: ` +
          `move one of the leaves, or confirm in this review that the rest of the rotation can cover`,
        path: ['leave', latest]
      })
      stretch = undefined
    }
    for (let date = first; date <= end; date = addDays(date, 1)) {
      const away = entries.filter(({ leave }) => firstDateOf(leave.from) <= date && date <= lastDateOf(leave.to))
      const members = new Set(away.map(({ leave }) => leave.member))
      if (members.size <= max) {
        close()
        continue
      }
      stretch ??= { from: date, to: date, members: new Set(), entries: new Set() }
      stretch.to = date
      for (const { leave, i } of away) {
        stretch.members.add(leave.member)
        stretch.entries.add(i)
      }
    }
    close()
  }
  return findings
}

export const leaveRules: RuleDefinition[] = [
  { id: 'leave.notice', check: checkNotice },
  { id: 'leave.concurrent', check: checkConcurrent }
]
