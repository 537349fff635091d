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
import { TEAM_SIZES, syntheticCases, type ShiftKind, type TeamKind } from './synthetic.js'
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

const USAGE = 'usage: npm run bench -- [--sizes 4,10,50,200] [--shifts weekly,daily] [--teams steady,moves]'

/** A command line the bench cannot run: said in one line with the usage, never as a stack. */
class UsageError extends Error {}

/** Splits a comma list and refuses anything outside `allowed`, naming it. */
function listOption<T extends string | number>(name: string, value: string | undefined, allowed: readonly T[], parse: (s: string) => T): T[] {
  if (value === undefined) return [...allowed]
  const picked = value.split(',').map((s) => s.trim()).filter((s) => s !== '')
  const wrong = picked.filter((s) => !allowed.includes(parse(s)))
  if (wrong.length > 0 || picked.length === 0) throw new UsageError(`--${name}: expected some of ${allowed.join(', ')}, got '${value}'`)
  return picked.map(parse)
}

/** `--sizes 4,10`, `--shifts weekly` and `--teams steady` narrow the run while working on the scheduler. */
function selection(): { sizes: number[]; shifts: ShiftKind[]; kinds: TeamKind[] } {
  let values: { sizes?: string; shifts?: string; teams?: string }
  try {
    values = parseArgs({ options: { sizes: { type: 'string' }, shifts: { type: 'string' }, teams: { type: 'string' } } }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  return {
    sizes: listOption('sizes', values.sizes, TEAM_SIZES, Number),
    shifts: listOption<ShiftKind>('shifts', values.shifts, ['weekly', 'daily'], (s) => s as ShiftKind),
    kinds: listOption<TeamKind>('teams', values.teams, ['steady', 'moves'], (s) => s as TeamKind)
  }
}

function main(): void {
  const started = performance.now()
  const { sizes, shifts, kinds } = selection()
  const results: CaseResult[] = []
  for (const c of syntheticCases().filter((x) => sizes.includes(x.size) && shifts.includes(x.shift) && kinds.includes(x.kind))) {
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

try {
  main()
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  log(`bench: ${error.message}`)
  log(USAGE)
  process.exitCode = 2
}
