// Runs the oracle on N seeded random plans and reports, per plan and overall: (a) feasibility, (b)
// the fairness optimum and its status, how often (b) is infeasible while (a) is feasible, the witness
// schedules checked by (c), and solve times (median, max). A measurement, not a test: it prints
// Markdown on stdout and progress on stderr.
//   npx tsx bench/oracle/measure.ts [--plans 50] [--seed 8] [--time-limit 10] [--gap 0.1]
import { parseArgs } from 'node:util'
import { DEFAULT_FAIRNESS_GAP, DEFAULT_TIME_LIMIT } from './feasibility.js'
import { checkSchedule, exactFeasible, optimalFairness } from './index.js'
import { randomCases } from './random-plans.js'

const USAGE = 'usage: tsx bench/oracle/measure.ts [--plans N] [--seed S] [--time-limit SECONDS] [--gap SHIFTS]'

function options(): { plans: string; seed: string; 'time-limit': string; gap: string } {
  try {
    return parseArgs({
      options: {
        plans: { type: 'string', default: '50' },
        seed: { type: 'string', default: '8' },
        'time-limit': { type: 'string', default: String(DEFAULT_TIME_LIMIT) },
        gap: { type: 'string', default: String(DEFAULT_FAIRNESS_GAP) }
      }
    }).values
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    process.exit(2)
  }
}

const values = options()
const count = Number(values.plans)
const seed = Number(values.seed)
const timeLimitSeconds = Number(values['time-limit'])
const fairnessGap = Number(values.gap)
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || !(timeLimitSeconds > 0) || !(fairnessGap > 0)) {
  console.error(USAGE)
  process.exit(2)
}

interface Row {
  name: string
  feasible: string
  fairness: string
  maxDeviation: string
  witness: string
  secondsA: number
  secondsB: number
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9
const rows: Row[] = []
let stricter = 0
const cases = randomCases(count, seed)
for (const [i, c] of cases.entries()) {
  process.stderr.write(`${i + 1}/${count} ${c.name}\n`)
  let t = process.hrtime.bigint()
  const a = await exactFeasible(c.plan, c.today, { timeLimitSeconds })
  const secondsA = seconds(t)
  t = process.hrtime.bigint()
  const b = await optimalFairness(c.plan, c.today, { timeLimitSeconds, fairnessGap })
  const secondsB = seconds(t)
  if (b.holderModelStricter) stricter++
  // the witnesses must pass the checker: gaps only where (a) proves no schedule exists
  const checkA = await checkSchedule(c.plan, c.today, a.schedule, { feasibility: a })
  const checkB = b.schedule.segments.length > 0 ? await checkSchedule(c.plan, c.today, b.schedule, { feasibility: a }) : undefined
  // a swap that cannot be kept inside a span (a) proves infeasible is part of that gap, not a stray
  const stray = checkA.violations.filter((v) => v.kind !== 'unstaffed' &&
    !(v.kind === 'swap-not-kept' && a.infeasible.some((s) => s.start <= v.start && v.end <= s.end))).length
  const witness = `${stray}, ${checkA.avoidableUnstaffedHours} h / ${checkB ? checkB.hard : '-'}`
  rows.push({
    name: c.name,
    feasible: a.status === 'infeasible' ? `no (${a.minUnstaffedHours} h)` : a.status === 'feasible' ? 'yes' : 'unknown',
    fairness: b.status + (b.holderModelStricter ? ' (holder model stricter)' : ''),
    maxDeviation: b.maxDeviation === undefined ? '-' : b.maxDeviation.toFixed(2),
    witness,
    secondsA,
    secondsB
  })
}

const quantiles = (xs: number[]): { median: number; max: number } => {
  const s = [...xs].sort((x, y) => x - y)
  const mid = s.length >> 1
  return { median: s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2, max: s[s.length - 1] as number }
}
const fmt = (x: number): string => x.toFixed(2)
console.log('| # | plan | (a) feasible | (b) status | (b) max abs deviation | witnesses checked: (a) stray violations, avoidable gap / (b) violations | (a) s | (b) s |')
console.log('|---|---|---|---|---|---|---|---|')
rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.name} | ${r.feasible} | ${r.fairness} | ${r.maxDeviation} | ${r.witness} | ${fmt(r.secondsA)} | ${fmt(r.secondsB)} |`))
const qa = quantiles(rows.map((r) => r.secondsA))
const qb = quantiles(rows.map((r) => r.secondsB))
const feasible = rows.filter((r) => r.feasible === 'yes').length
const infeasible = rows.filter((r) => r.feasible.startsWith('no')).length
const limited = rows.filter((r) => r.fairness.startsWith('time-limit')).length
console.log()
console.log(`${count} plans (seed ${seed}, time limit ${timeLimitSeconds} s per solve, fairness gap ${fairnessGap} shift): (a) feasible ${feasible}, infeasible ${infeasible}, unknown ${count - feasible - infeasible}; ` +
  `(b) infeasible while (a) feasible: ${stricter}; (b) stopped at the time limit: ${limited}.`)
console.log(`Solve time (a): median ${fmt(qa.median)} s, max ${fmt(qa.max)} s. (b) (both solves, (a) included): median ${fmt(qb.median)} s, max ${fmt(qb.max)} s.`)
