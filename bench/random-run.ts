// Seeded random overlapping plans through the scheduler and the exact oracle, one by one.
import { performance } from 'node:perf_hooks'
import { compareWithOracle, DEVIATION_TOLERANCE, type OracleRow } from './oracle-compare.js'
import { randomCases } from './oracle/random-plans.js'

export interface RandomRow extends OracleRow {
  /** 1-based place among the seed's plans: `--seed S --plan K` runs it alone. */
  index: number
  /** The whole comparison (scheduler, oracle, fixed point), seconds. */
  seconds: number
}

export interface RandomRun {
  seed: number
  /** Plans generated from the seed (all of them run, unless `only`). */
  count: number
  only?: number
  rows: RandomRow[]
  seconds: number
}

/** What went wrong on one plan, in words; empty when nothing did. */
export function failures(row: OracleRow): string[] {
  const out: string[] = []
  if (row.hard > 0) out.push(`${row.hard} hard violation(s): ${row.hardExample ?? ''}`)
  if (row.falseInfeasible) out.push(`${row.gapHours} h of gaps declared though a schedule exists`)
  if (row.falseGapHours > 0 && !row.falseInfeasible) out.push(`${row.falseGapHours} h unstaffed beyond what no schedule can staff`)
  if (row.falseErrors > 0) out.push(`${row.falseErrors} hard-rule error(s) though a schedule exists: ${row.falseErrorExample ?? ''}`)
  if (row.aboveOptimum) out.push(`max |deviation| ${row.maxDeviation.toFixed(2)} against ${row.optimum?.toFixed(2)} reachable (${row.optimumStatus})`)
  if (row.brokenFairness) out.push(`fairness.load broken (±${row.bound}) where the oracle keeps it`)
  if (row.notFixedPoint) out.push(`not a fixed point: ${row.fixedPointDifference ?? ''}`)
  if (row.avoidableHolidayHours > 0) out.push(`${row.avoidableHolidayHours} h on call on their own holiday while a rotation-mate was free`)
  return out
}

export async function runRandom(count: number, seed: number, opts: { only?: number; timeLimitSeconds?: number } = {}, log: (line: string) => void = () => {}): Promise<RandomRun> {
  const started = performance.now()
  const cases = randomCases(count, seed)
  const rows: RandomRow[] = []
  for (const [i, c] of cases.entries()) {
    if (opts.only !== undefined && opts.only !== i + 1) continue
    const t0 = performance.now()
    const row = await compareWithOracle(c, { timeLimitSeconds: opts.timeLimitSeconds ?? 10 })
    const seconds = (performance.now() - t0) / 1000
    rows.push({ ...row, index: i + 1, seconds })
    const wrong = failures(row)
    const optimum = row.optimum === undefined ? row.optimumStatus : `${row.optimum.toFixed(2)} ${row.optimumStatus}`
    log(`${i + 1}/${count} ${c.name}: (a) ${row.feasible}, max |dev| ${row.maxDeviation.toFixed(2)} (oracle ${optimum}), ${seconds.toFixed(1)} s${wrong.length > 0 ? ` — ${wrong.join('; ')}` : ''}`)
  }
  return { seed, count, ...(opts.only !== undefined ? { only: opts.only } : {}), rows, seconds: (performance.now() - started) / 1000 }
}

export { DEVIATION_TOLERANCE }
