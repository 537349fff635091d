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

const SAMPLE_DAYS = 400
const FALLBACK_RUNS = 1000
const DAY_S = 86_400

type Fields = ReturnType<typeof CronExpressionParser.parse>['fields']

function numbers(values: readonly unknown[]): number[] | undefined {
  return values.every((v) => typeof v === 'number') ? (values as number[]) : undefined
}

/**
 * The longest gap read straight from the cron's fields, day by day: one step per calendar day
 * instead of one per run, which keeps a per-minute cron as cheap as a daily one. Undefined when the
 * cron uses L, W or # (left to the sampling fallback).
 */
function gapFromFields(fields: Fields, from: number): number | undefined {
  const [seconds, minutes, hours, doms, months, dows] = [
    fields.second, fields.minute, fields.hour, fields.dayOfMonth, fields.month, fields.dayOfWeek
  ].map((f) => (f.hasLastChar ? undefined : numbers(f.values)))
  if (!seconds || !minutes || !hours || !doms || !months || !dows) return undefined
  if (/[LW#]/i.test(fields.stringify())) return undefined
  const times = hours.flatMap((h) => minutes.flatMap((m) => seconds.map((s) => h * 3600 + m * 60 + s))).sort((a, b) => a - b)
  const first = times[0]
  const last = times[times.length - 1]
  if (first === undefined || last === undefined) return undefined
  let withinDay = 0
  for (let i = 1; i < times.length; i++) withinDay = Math.max(withinDay, (times[i] as number) - (times[i - 1] as number))
  // Vixie cron: when both day fields are restricted, a day matching either runs.
  const domSet = new Set(doms)
  const dowSet = new Set(dows.map((d) => d % 7))
  const monthSet = new Set(months)
  const either = !fields.dayOfMonth.isWildcard && !fields.dayOfWeek.isWildcard
  let longest = 0
  let previous: number | undefined
  let runs = 0
  for (let day = 0; day <= SAMPLE_DAYS; day++) {
    const date = new Date(from + day * DAY_S * 1000)
    if (!monthSet.has(date.getUTCMonth() + 1)) continue
    const dom = domSet.has(date.getUTCDate())
    const dow = dowSet.has(date.getUTCDay())
    if (!(either ? dom || dow : dom && dow)) continue
    if (previous !== undefined) longest = Math.max(longest, (day - previous) * DAY_S + first - last)
    longest = Math.max(longest, withinDay)
    runs += times.length
    previous = day
  }
  return runs >= 2 ? Math.round(longest / 60) : undefined
}

/**
 * The longest wait between two runs, in minutes, from \`from\` over about a year. Read in UTC on
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
  return gapFromFields(expression.fields, from) ?? sampledGap(expression, from)
}

/** The longest gap over the cron's next runs, for crons the day-by-day reading does not cover. */
export function sampledGap(expression: ReturnType<typeof CronExpressionParser.parse>, from: number): number | undefined {
  let previous: number | undefined
  let longest = 0
  for (let n = 0; n < FALLBACK_RUNS; n++) {
    let at: number
    try {
      at = expression.next().getTime()
    } catch {
      break
    }
    if (previous !== undefined) longest = Math.max(longest, at - previous)
    previous = at
    if (at - from > SAMPLE_DAYS * DAY_S * 1000) break
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
