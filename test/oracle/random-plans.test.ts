// The random plans the oracle and the benchmark run on: valid (the real loader reads their YAML back
// to the same plan), varied (every shape, grid, policy and kind of entry the oracle spec lists comes
// up, and both feasible and infeasible plans), seeded; and the oracle on them: its witnesses pass
// the checker, and the same plan gives the same answer twice.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { checkSchedule, exactFeasible, optimalFairness } from '../../bench/oracle/index.js'
import { planArbitrary, planToYaml, randomCases, type RandomCase } from '../../bench/oracle/random-plans.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { isDateTime, lastDateOf } from '../../src/core/plan/ranges.js'
import type { Plan } from '../../src/core/types.js'

const ID = /^[a-z][a-z0-9-]*$/

describe('random plans', () => {
  it('read back through the loader as the same plan, per-rotation grids and date-time leave and swaps included', () => {
    fc.assert(fc.property(planArbitrary(), ({ plan }) => {
      const back = loadPlan(planToYaml(plan), 'opsplan.yaml')
      expect(back.problems.filter((p) => p.severity === 'error')).toEqual([])
      expect(back.plan).toEqual(plan)
    }), { numRuns: 60, seed: 20261128 })
  })

  it('are well-formed: ids, members of their rotations, swaps in their rotation, leave that ends after it starts', () => {
    fc.assert(fc.property(planArbitrary(), ({ plan, today }) => {
      const team = new Set(plan.team.map((m) => m.id))
      expect(plan.team.every((m) => ID.test(m.id))).toBe(true)
      expect(plan.team.length).toBeGreaterThanOrEqual(3)
      expect(plan.team.length).toBeLessThanOrEqual(8)
      for (const r of plan.oncall.rotations) {
        expect(ID.test(r.id)).toBe(true)
        expect(r.members.length).toBeGreaterThanOrEqual(2)
        expect(r.members.every((m) => team.has(m))).toBe(true)
      }
      const roles = plan.oncall.rotations.reduce((x, r) => x + r.roles.length, 0)
      expect(roles).toBeLessThan(plan.team.length)
      for (const s of plan.swaps) {
        const r = plan.oncall.rotations.find((x) => x.id === s.rotation)
        expect(r?.members).toContain(s.member)
        expect(r?.roles).toContain(s.role)
        expect(s.to >= s.from).toBe(true)
      }
      for (const l of plan.leave) expect(l.to >= l.from && team.has(l.member)).toBe(true)
      expect(plan.oncall.horizonDays).toBeGreaterThanOrEqual(21)
      expect(plan.oncall.horizonDays).toBeLessThanOrEqual(56)
      expect(Math.abs(Date.parse(today) - Date.parse(plan.oncall.start)) / 86_400_000).toBeLessThanOrEqual(3)
    }), { numRuns: 100 })
  })

  it('are varied: every shape, grid, policy and kind of entry the oracle spec lists comes up', () => {
    const cases = randomCases(150, 7)
    const plans = cases.map((c) => c.plan)
    const some = (f: (p: Plan) => boolean): number => plans.filter(f).length
    const rotationsOf = (p: Plan) => p.oncall.rotations
    const grid = (p: Plan, r: Plan['oncall']['rotations'][number]) => r.shiftDays ?? p.oncall.shiftDays
    const seen = {
      overlapping: some((p) => rotationsOf(p).length > 1 && p.team.some((m) => rotationsOf(p).filter((r) => r.members.includes(m.id)).length >= 2)),
      hubInFour: some((p) => p.team.some((m) => rotationsOf(p).filter((r) => r.members.includes(m.id)).length === 4)),
      dailyBesideWeekly: some((p) => new Set(rotationsOf(p).map((r) => grid(p, r))).size > 1),
      ownGrid: some((p) => rotationsOf(p).some((r) => r.handoff !== undefined || r.start !== undefined)),
      handoffs: new Set(plans.flatMap((p) => [p.oncall.handoff.text, ...rotationsOf(p).flatMap((r) => (r.handoff ? [r.handoff.text] : []))])).size,
      oneRole: some((p) => rotationsOf(p).some((r) => r.roles.length === 1)),
      twoRoles: some((p) => rotationsOf(p).some((r) => r.roles.length === 2)),
      zones: new Set(plans.flatMap((p) => p.team.map((m) => m.timezone))).size,
      codes: new Set(plans.flatMap((p) => p.team.flatMap((m) => (m.holidayCode ? [m.holidayCode] : [])))).size,
      partTimers: some((p) => p.team.some((m) => m.capacity === 0.5)),
      joinersLeavers: some((p) => p.team.some((m) => m.joined !== undefined) && p.team.some((m) => m.left !== undefined)),
      clusters: some((p) => p.leave.some((a) => p.leave.some((b) => a.member !== b.member && a.from.slice(0, 10) <= lastDateOf(b.to) && b.from.slice(0, 10) <= lastDateOf(a.to)))),
      longLeave: some((p) => p.leave.some((l) => (Date.parse(lastDateOf(l.to)) - Date.parse(l.from.slice(0, 10))) / 86_400_000 >= 9)),
      dateTimeLeave: some((p) => p.leave.some((l) => isDateTime(l.from))),
      handoffSwaps: some((p) => p.swaps.some((s) => isDateTime(s.from))),
      dateSwaps: some((p) => p.swaps.some((s) => !isDateTime(s.from))),
      awaySwaps: some((p) => p.swaps.some((s) => p.leave.some((l) => l.member === s.member && l.from.slice(0, 10) === s.from))),
      lastBusinessDays: some((p) => p.oncall.investorPeriods.lastBusinessDays !== undefined),
      explicitPeriods: some((p) => p.oncall.investorPeriods.dates !== undefined),
      noPeriods: some((p) => p.oncall.investorPeriods.none === true),
      policies: new Set(plans.map((p) => p.oncall.holidays.policy)).size,
      weights: new Set(plans.map((p) => JSON.stringify(p.oncall.weights))).size
    }
    expect(Object.entries(seen).filter(([, n]) => n === 0)).toEqual([])
    expect(seen.handoffs).toBe(4)
    expect(seen.zones).toBe(5)
    expect(seen.codes).toBe(6)
    expect(seen.policies).toBe(3)
    const names = plans.flatMap((p) => [p.organization, ...p.team.map((m) => m.name), ...p.pipelines.map((x) => x.name)]).join('\n')
    for (const hostile of ['"', ':', '#', '|', '🚀', 'ñ', "'"]) expect(names).toContain(hostile)
  })

  it('come from a seed: the same seed gives the same plans, another seed others', () => {
    expect(randomCases(20, 3)).toEqual(randomCases(20, 3))
    expect(randomCases(20, 4).map((c) => c.name)).not.toEqual(randomCases(20, 3).map((c) => c.name))
  })
})

describe('the oracle on random plans', () => {
  const cases: RandomCase[] = randomCases(24, 11)

  it('finds both feasible and infeasible plans among them, and its witness meets every hard constraint outside what it proves infeasible', async () => {
    const statuses = new Set<string>()
    for (const c of cases) {
      const a = await exactFeasible(c.plan, c.today, { timeLimitSeconds: 10 })
      statuses.add(a.status)
      const check = await checkSchedule(c.plan, c.today, a.schedule, { feasibility: a })
      // a swap that cannot be kept there is reported with the gap; nothing else may go wrong
      expect([c.name, check.violations.filter((v) => v.kind !== 'unstaffed' && v.kind !== 'swap-not-kept')]).toEqual([c.name, []])
      expect([c.name, check.avoidableUnstaffedHours]).toEqual([c.name, 0])
      expect(check.unstaffedHours).toBeCloseTo(a.minUnstaffedHours ?? Number.NaN, 6)
      if (a.status === 'feasible') expect([c.name, check.hard, a.schedule.gaps]).toEqual([c.name, 0, []])
      for (const v of check.violations.filter((x) => x.kind === 'swap-not-kept')) {
        expect(a.infeasible.some((s) => s.start <= v.start && v.end <= s.end)).toBe(true)
      }
    }
    expect([...statuses].sort()).toEqual(['feasible', 'infeasible'])
  })

  it('gives the same answer twice', async () => {
    for (const c of cases.slice(0, 6)) {
      const [x, y] = [await exactFeasible(c.plan, c.today), await exactFeasible(c.plan, c.today)]
      expect(JSON.stringify(y)).toBe(JSON.stringify(x))
    }
  })

  it('reaches its fairness optimum with a schedule that meets every hard constraint', async () => {
    let solved = 0
    for (const c of cases.slice(0, 8)) {
      const b = await optimalFairness(c.plan, c.today, { timeLimitSeconds: 3 })
      if (b.feasibility !== 'feasible' || b.holderModelStricter) continue
      const check = await checkSchedule(c.plan, c.today, b.schedule)
      expect([c.name, check.hard, check.maxDeviation]).toEqual([c.name, 0, b.maxDeviation])
      expect(check.fairness).toEqual(b.fairness)
      if (b.status === 'optimal') solved++
    }
    expect(solved).toBeGreaterThan(0)
  })
})
