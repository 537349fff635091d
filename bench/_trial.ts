// npm run bench: opsplan's scheduler against the round-robin rota teams keep today and against a
// lower bound, on seeded synthetic teams. The table goes to stdout; progress goes to stderr.
import { performance } from 'node:perf_hooks'
import { buildSchedule } from '../src/core/schedule/index.js'
const updateLock = (s: Schedule, _p: undefined, _t: string) => ({ notice: 'x', version: 1 as const, timezone: 'America/New_York', segments: s.segments.map((x) => ({ rotation: x.rotation, role: x.role, member: x.member, start: x.start, end: x.end, sequence: 0, stamp: '2026-01-05T00:00:00Z' })) })
import type { Schedule, Segment } from '../src/core/types.js'
import { planLoadBound } from './plan-bound.js'
import { formatTable, formatTargets } from './report.js'
import { roundRobinSchedule } from './round-robin.js'
import { planCalendar, runCase, type CaseResult, type Method } from './run-case.js'
import { syntheticCases } from './synthetic.js'
import { benchWindow, type BenchWindow } from './window.js'

function opsplanMethod(): Method {
  // replan needs the first Schedule (for its lock), the Method interface passes its segments
  const scheduleOf = new WeakMap<Segment[], Schedule>()
  return {
    name: 'opsplan',
    plan: (plan, _cal, today) => {
      const schedule = buildSchedule(plan, { today })
      scheduleOf.set(schedule.segments, schedule)
      return schedule.segments
    },
    replan: (first, plan, _cal, today) => {
      const before = scheduleOf.get(first)
      if (!before) throw new Error('replan without a first schedule')
      return buildSchedule(plan, { today, lock: updateLock(before, undefined, today) }).segments
    }
  }
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

function main(): void {
  const started = performance.now()
  const results: CaseResult[] = []
  for (const c of syntheticCases()) {
    const window = benchWindow(c.plan, c.today)
    const cal = planCalendar(c.plan, window)
    const bound = planLoadBound(c.plan, cal, window)
    log(`${c.name}: ${window.slots.length} shifts, bound ${bound.bound.toFixed(1)} (${bound.solves} max-flow solves)`)
    const ours = runCase(c, window, cal, bound, opsplanMethod())
    log(`  opsplan ${ours.ms.toFixed(0)} ms, ${ours.violations.total} violations ${ours.violations.examples.slice(0, 2).join('; ')}`)
    const baseline = runCase(c, window, cal, bound, roundRobinMethod(window), ours.leave)
    log(`  round-robin ${baseline.ms.toFixed(0)} ms, ${baseline.violations.total} violations`)
    results.push(ours, baseline)
  }
  process.stdout.write(`${formatTable(results)}\n\n${formatTargets(results)}\n`)
  log(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

main()
