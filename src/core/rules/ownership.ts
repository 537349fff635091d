// Ownership rules: every pipeline has two distinct owners from the team, nobody carries more than a
// fair share as primary, and everybody backs something up.
import type { Plan } from '../types.js'
import type { Finding, RuleDefinition } from './rule.js'
import { listWords } from './time.js'

function label(plan: Plan, index: number): string {
  return `pipelines[${index}] ${plan.pipelines[index]?.id ?? ''}`
}

function distinct(plan: Plan): Finding[] {
  const team = new Set(plan.team.map((m) => m.id))
  const members = listWords(plan.team.map((m) => m.id))
  const findings: Finding[] = []
  plan.pipelines.forEach((p, i) => {
    const { primary, secondary } = p.owners
    for (const role of ['primary', 'secondary'] as const) {
      const who = p.owners[role]
      if (!team.has(who)) {
        findings.push({
          message: `${label(plan, i)}: ${role} owner '${who}' is not a team member; name one of ${members}`,
          path: ['pipelines', i, 'owners', role]
        })
      }
    }
    if (primary === secondary) {
      findings.push({
        message: `${label(plan, i)}: primary and secondary owner are both '${primary}'; pick a different secondary owner`,
        path: ['pipelines', i, 'owners']
      })
    }
  })
  return findings
}

/** How many pipelines each team member owns in a role, in team order. */
function counts(plan: Plan, role: 'primary' | 'secondary'): Map<string, number[]> {
  const owned = new Map<string, number[]>(plan.team.map((m) => [m.id, []]))
  plan.pipelines.forEach((p, i) => owned.get(p.owners[role])?.push(i))
  return owned
}

function owns(n: number): string {
  return n === 0 ? 'owns none' : `owns ${n}`
}

function balance(plan: Plan): Finding[] {
  const members = plan.team.length
  if (members === 0) return []
  const limit = Math.ceil(plan.pipelines.length / members)
  const owned = counts(plan, 'primary')
  const [lightest, lightestCount] = [...owned].reduce(
    (best, [id, list]) => (list.length < best[1] ? [id, list.length] : best),
    ['', Infinity] as [string, number]
  )
  const findings: Finding[] = []
  for (const [id, list] of owned) {
    if (list.length <= limit) continue
    const names = list.map((i) => plan.pipelines[i]?.id ?? '').join(', ')
    findings.push({
      message:
        `${id} is primary owner of ${list.length} pipelines (${names}), more than ceil(${plan.pipelines.length}/${members}) = ${limit}: ` +
        `hand one to a member who owns fewer (${lightest} ${owns(lightestCount)})`,
      path: ['pipelines', list[limit] as number, 'owners', 'primary']
    })
  }
  return findings
}

function backup(plan: Plan): Finding[] {
  const members = plan.team.length
  if (members === 0 || plan.pipelines.length < members) return []
  const owned = counts(plan, 'secondary')
  // Suggest taking over from whoever backs up the most, so the fix does not create a new hole.
  const busiest = [...owned].reduce((best, entry) => (entry[1].length > best[1].length ? entry : best))
  const suggestion = busiest[1][0] === undefined ? '' : ` (e.g. ${plan.pipelines[busiest[1][0]]?.id}, from ${busiest[0]}, who backs up ${busiest[1].length})`
  const findings: Finding[] = []
  plan.team.forEach((m, i) => {
    if ((owned.get(m.id) ?? []).length > 0) return
    findings.push({
      message:
        `${m.id} is secondary owner of no pipeline; with ${plan.pipelines.length} pipelines and ${members} members everyone should back one up: ` +
        `make ${m.id} secondary owner of one${suggestion}`,
      path: ['team', i]
    })
  })
  return findings
}

export const ownershipRules: RuleDefinition[] = [
  { id: 'ownership.distinct', check: (ctx) => distinct(ctx.plan) },
  { id: 'ownership.balance', check: (ctx) => balance(ctx.plan) },
  { id: 'ownership.backup', check: (ctx) => backup(ctx.plan) }
]
