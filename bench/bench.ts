// npm run bench: opsplan's scheduler against the round-robin rota teams keep today and against a
// lower bound, on seeded synthetic teams. The table goes to stdout; progress goes to stderr.
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { buildSchedule } from '../src/core/schedule/index.js'
import { updateLock } from '../src/core/schedule/lock.js'
import type { Plan, Schedule, Segment } from '../src/core/types.js'
import { planLoadBound } from './plan-bound.js'
import { formatGapSources, formatTable, formatTargets } from './report.js'
import { roundRobinSchedule } from './round-robin.js'
import { planCalendar, runCase, type CaseResult, type Method } from './run-case.js'
import { TEAM_SIZES, syntheticCases, type ShiftKind } from './synthetic.js'
import { benchWindow, type BenchWindow } from './window.js'

function opsplanMethod(): Method & { first?: Schedule } {
  // replan needs the first Schedule (for its lock), the Method interface passes its segments
  const scheduleOf = new WeakMap<Segment[], Schedule>()
  const method: Method & { first?: Schedule } = {
    name: 'opsplan',
    plan: (plan, _cal, today) => {
      const schedule = buildSchedule(plan, { today })
      scheduleOf.set(schedule.segments, schedule)
      method.first ??= schedule
      return schedule.segments
    },
    replan: (first, plan, _cal, today) => {
      const before = scheduleOf.get(first)
      if (!before) throw new Error('replan without a first schedule')
      return buildSchedule(plan, { today, lock: updateLock(before, undefined, today) }).segments
    }
  }
  return method
}

/**
 * The largest fairness target per unit of capacity: what a schedule that meets SPEC fairness exactly
 * would have as its max load. Its distance from the bound is the price of that definition of fair
 * (shares in proportion to available hours), not of the solver.
 */
function largestTarget(plan: Plan, schedule: Schedule | undefined): number {
  const capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
  return Math.max(0, ...(schedule?.fairness ?? []).map((row) => row.target / (capacity.get(row.member) ?? 1)))
}

function roundRobinMethod(window: BenchWindow): Method {
  // The spreadsheet has no schedule of record: each change is planned from scratch.
  return {
    name: 'round-robin',
    plan: (plan, cal) => roundRobinSchedule(plan, cal, window),
    replan: (_first, plan, cal) => roundRobinSchedule(plan, cal, window)
  }
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

/** `--sizes 4,10` and `--shifts weekly` narrow the run while working on the scheduler. */
function selection(): { sizes: number[]; shifts: ShiftKind[] } {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, shifts: { type: 'string' } } })
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : [...TEAM_SIZES]
  const shifts = (values.shifts ? values.shifts.split(',') : ['weekly', 'daily']) as ShiftKind[]
  return { sizes, shifts }
}

function main(): void {
  const started = performance.now()
  const { sizes, shifts } = selection()
  const results: CaseResult[] = []
  for (const c of syntheticCases().filter((x) => sizes.includes(x.size) && shifts.includes(x.shift))) {
    const window = benchWindow(c.plan, c.today)
    const cal = planCalendar(c.plan, window)
    const bound = planLoadBound(c.plan, cal, window)
    log(`${c.name}: ${window.slots.length} shifts, bound ${bound.bound.toFixed(1)}, fair bound ${bound.fairBound.toFixed(1)} (${bound.solves} max-flow solves)`)
    const method = opsplanMethod()
    const ours = { ...runCase(c, window, cal, bound, method), fairTarget: largestTarget(c.plan, method.first) }
    log(`  opsplan ${ours.ms.toFixed(0)} ms, max load ${ours.maxLoad.toFixed(1)}, fair max load ${ours.fairMaxLoad.toFixed(1)}, largest fair target ${ours.fairTarget.toFixed(1)}, ${ours.violations.total} violations ${ours.violations.examples.slice(0, 2).join('; ')}`)
    const baseline = runCase(c, window, cal, bound, roundRobinMethod(window), ours.leave)
    log(`  round-robin ${baseline.ms.toFixed(0)} ms, ${baseline.violations.total} violations`)
    results.push(ours, baseline)
  }
  process.stdout.write(`${formatTable(results)}\n\n${formatTargets(results)}\n\n${formatGapSources(results)}\n`)
  log(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

main()
