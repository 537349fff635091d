// SLA rules: a freshness promise must be one the pipeline can keep, given its inputs and its cron.
import { CronExpressionParser } from 'cron-parser'
import type { Pipeline, Plan } from '../types.js'
import type { Finding, RuleDefinition } from './rule.js'
import { dayStart, formatMinutes, listWords } from './time.js'

/** Every pipeline `id` depends on, directly or through others, with the chain that leads there. */
function upstream(plan: Plan, id: string): Map<string, string[]> {
  const byId = new Map(plan.pipelines.map((p) => [p.id, p]))
  const found = new Map<string, string[]>()
  const queue: Array<[string, string[]]> = [[id, []]]
  while (queue.length > 0) {
    const [current, chain] = queue.shift() as [string, string[]]
    for (const dep of byId.get(current)?.dependsOn ?? []) {
      if (dep === id || found.has(dep) || !byId.has(dep)) continue
      found.set(dep, chain)
      queue.push([dep, [...chain, dep]])
    }
  }
  return found
}

function dependencies(plan: Plan): Finding[] {
  const findings: Finding[] = []
  plan.pipelines.forEach((p, i) => {
    const own = p.sla?.freshness
    if (!own) return
    const slower: Array<{ dep: Pipeline; via: string[] }> = []
    for (const [depId, via] of upstream(plan, p.id)) {
      const dep = plan.pipelines.find((q) => q.id === depId) as Pipeline
      const theirs = dep.sla?.freshness
      if (theirs && theirs.minutes > own.minutes) slower.push({ dep, via })
    }
    if (slower.length === 0) return
    slower.sort((a, b) => (b.dep.sla?.freshness?.minutes ?? 0) - (a.dep.sla?.freshness?.minutes ?? 0) || (a.dep.id < b.dep.id ? -1 : 1))
    const worst = slower[0]?.dep.sla?.freshness?.text ?? ''
    const described = slower.map(({ dep, via }) => `${dep.id} (${dep.sla?.freshness?.text}${via.length > 0 ? `, via ${via.join(' → ')}` : ''})`)
    findings.push({
      message:
        `pipelines[${i}] ${p.id}: freshness SLA ${own.text} is stricter than that of ${listWords(described)}, which it depends on; ` +
        `it cannot be fresher than its inputs: relax it to at least ${worst} or tighten the inputs' SLAs`,
      path: ['pipelines', i, 'sla', 'freshness']
    })
  })
  return findings
}

const SAMPLE_RUNS = 5000
const SAMPLE_DAYS = 400

/**
 * The longest wait between two runs, in minutes, over a sample that starts at `from`. Read in UTC on
 * purpose: the cron's wall-clock pattern is what the team wrote, and a daylight-saving hour gained
 * once a year is not a reason to warn.
 */
export function longestRunGap(cron: string, from: number): number | undefined {
  let expression
  try {
    expression = CronExpressionParser.parse(cron, { currentDate: from, tz: 'UTC' })
  } catch {
    return undefined // a bad cron is the loader's problem to report, with its place in the file
  }
  let previous: number | undefined
  let longest = 0
  for (let n = 0; n < SAMPLE_RUNS; n++) {
    let at: number
    try {
      at = expression.next().getTime()
    } catch {
      break
    }
    if (previous !== undefined) longest = Math.max(longest, at - previous)
    previous = at
    if (at - from > SAMPLE_DAYS * 86_400_000) break
  }
  return longest > 0 ? Math.round(longest / 60_000) : undefined
}

function schedule(plan: Plan, today: string): Finding[] {
  const from = dayStart(today, 'UTC')
  const findings: Finding[] = []
  plan.pipelines.forEach((p, i) => {
    const freshness = p.sla?.freshness
    if (!freshness || !p.schedule) return
    const gap = longestRunGap(p.schedule, from)
    if (gap === undefined || freshness.minutes >= gap) return
    findings.push({
      message:
        `pipelines[${i}] ${p.id}: freshness SLA ${freshness.text} is shorter than the ${formatMinutes(gap)} between runs of '${p.schedule}'; ` +
        `data will be older than promised before the next run: relax the SLA to at least ${formatMinutes(gap)} or run the pipeline more often`,
      path: ['pipelines', i, 'sla', 'freshness']
    })
  })
  return findings
}

export const slaRules: RuleDefinition[] = [
  { id: 'sla.dependencies', check: (ctx) => dependencies(ctx.plan) },
  { id: 'sla.schedule', check: (ctx) => schedule(ctx.plan, ctx.today) }
]
