// (b) The holder-level fairness optimum on plans whose best split is known by hand, with the
// deviations `computeFairness` reports for the oracle's own schedule.
import { describe, expect, it } from '@jest/globals'
import { checkSchedule, optimalFairness } from '../../bench/oracle/index.js'
import { account, fairnessOf, linearTargets, targetLevels } from '../../bench/oracle/assignment.js'
import { randomCases } from '../../bench/oracle/random-plans.js'
import { buildInstance } from '../../bench/oracle/instance.js'
import { exactFeasible } from '../../bench/oracle/feasibility.js'
import type { Segment } from '../../src/core/types.js'
import { handPlan, TODAY } from './hand-plans.js'

describe('three members, weekly, over three weeks', () => {
  // handoff at midnight, so the three shifts fill the fairness window exactly
  const plan = handPlan({ team: ['ana', 'ben', 'chen'], rotations: [{ id: 'main', members: ['ana', 'ben', 'chen'] }], handoff: '00:00', horizonDays: 21, weights: { weekend: 1.5 } })

  it('gives each one shift: every deviation is 0', async () => {
    const b = await optimalFairness(plan, TODAY)
    expect(b.status).toBe('optimal')
    expect(b.maxDeviation).toBe(0)
    // a week of five weekdays at 1 and a weekend at 1.5
    expect(b.fairness.map((r) => [r.member, r.load, r.target, r.deviation, r.shifts])).toEqual([
      ['ana', 8, 8, 0, 1], ['ben', 8, 8, 0, 1], ['chen', 8, 8, 0, 1]
    ])
    const check = await checkSchedule(plan, TODAY, b.schedule)
    expect([check.hard, check.maxDeviation]).toEqual([0, 0])
  })
})

describe('a daily rotation beside a weekly one, sharing a member', () => {
  // weekly: ana and ben, two weeks; daily: ben and chen, fourteen days; every hour weighs 1.
  // Both rotations carry 14; the max-min fair target is 28 / 3 = 9.33 each. ana can only hold whole
  // weeks: one (7), else 0 or 14 is far worse. ben holds the other week and k days of the daily
  // rotation in ana's week; chen the remaining 14 − k. Units: a week (7) for ana and ben, a day (1)
  // for chen. k = 5 gives ben +2.67 / 7 = +0.38 and chen −0.33 / 1; k = 4 leaves chen at +0.67.
  const plan = handPlan({
    team: ['ana', 'ben', 'chen'],
    rotations: [{ id: 'weekly', members: ['ana', 'ben'], days: 7, handoff: '00:00' }, { id: 'daily', members: ['ben', 'chen'], days: 1, handoff: '00:00' }],
    handoff: '00:00'
  })

  it('is feasible, and its optimum is ben at +0.38 of a week with ana and chen at −0.33', async () => {
    const b = await optimalFairness(plan, TODAY)
    expect([b.status, b.feasibility, b.holderModelStricter]).toEqual(['optimal', 'feasible', false])
    expect(b.maxDeviation).toBe(0.38)
    expect(b.fairness.map((r) => [r.member, r.load, r.target, r.deviation])).toEqual([
      ['ana', 7, 9.33, -0.33], ['ben', 12, 9.33, 0.38], ['chen', 9, 9.33, -0.33]
    ])
    // the MILP's own objective, with the targets and units of the solution itself, is the same figure
    expect(b.objective).toBeCloseTo(8 / 21, 3)
    const check = await checkSchedule(plan, TODAY, b.schedule)
    expect(check.hard).toBe(0)
    expect(check.fairness).toEqual(b.fairness)
  })
})

describe('a part-timer beside two full-timers', () => {
  // one daily rotation over four weeks: capacity 0.5 gets half a full share — 5.6 of 28 days
  const plan = handPlan({
    team: ['ana', 'ben', { id: 'pat', name: 'Pat', timezone: 'America/New_York', capacity: 0.5 }],
    rotations: [{ id: 'main', members: ['ana', 'ben', 'pat'], days: 1, handoff: '00:00' }],
    handoff: '00:00',
    horizonDays: 28
  })

  it('reaches the best whole-day split: 11, 11 and 6 days, pat 0.4 day over a target of 5.6', async () => {
    const b = await optimalFairness(plan, TODAY)
    expect(b.status).toBe('optimal')
    expect(b.fairness.map((r) => [r.member, r.load, r.target])).toEqual([['ana', 11, 11.2], ['ben', 11, 11.2], ['pat', 6, 5.6]])
    expect(b.maxDeviation).toBe(0.4)
  })
})

describe('the oracle accounts for load exactly as computeFairness does', () => {
  // holidays in three zones, a part-timer, an investor period and leave: the load, target and unit
  // the MILP is built from must be the figures the fairness table reports
  const plan = handPlan({
    team: [
      { id: 'ana', name: 'Ana', timezone: 'America/New_York', capacity: 1, holidayCode: 'US-NY' },
      { id: 'ben', name: 'Ben', timezone: 'Europe/Berlin', capacity: 1, holidayCode: 'DE-BE' },
      { id: 'chen', name: 'Chen', timezone: 'Asia/Kolkata', capacity: 0.5, holidayCode: 'IN' },
      { id: 'dee', name: 'Dee', timezone: 'America/Los_Angeles', capacity: 1 }
    ],
    rotations: [{ id: 'data', members: ['ana', 'ben', 'chen'], roles: ['primary', 'secondary'] }, { id: 'ml', members: ['chen', 'dee', 'ana'], days: 1, handoff: '09:00' }],
    horizonDays: 35,
    investor: { lastBusinessDays: 3 },
    weights: { weekend: 1.5, holiday: 2, investor: 1.5, secondary: 0.5 },
    leave: [{ member: 'ben', from: '2026-01-20', to: '2026-01-23' }, { member: 'dee', from: '2026-01-26T13:00', to: '2026-01-27T09:00' }]
  })

  it('on the witness of (a): same loads, targets and deviations', async () => {
    const a = await exactFeasible(plan, TODAY)
    expect(a.status).toBe('feasible')
    const inst = buildInstance(plan, TODAY)
    const asg = inst.positions.map((p) => Int32Array.from({ length: p.last - p.first }, (_, i) => {
      const atom = inst.atoms[p.first + i]
      const seg = a.schedule.segments.find((s: Segment) => s.rotation === p.rotation.id && s.role === p.role && Date.parse(s.start) <= (atom?.start ?? 0) && (atom?.end ?? 0) <= Date.parse(s.end))
      return seg ? inst.members.indexOf(seg.member) : -1
    }))
    const mine = account(inst, asg)
    const rows = fairnessOf(inst, a.schedule.segments)
    expect(rows.length).toBe(4)
    for (const row of rows) {
      const m = inst.members.indexOf(row.member)
      expect(Math.abs((mine.load[m] as number) - row.load)).toBeLessThanOrEqual(0.005 + 1e-9)
      expect(Math.abs((mine.target[m] as number) - row.target)).toBeLessThanOrEqual(0.005 + 1e-9)
      const deviation = ((mine.load[m] as number) - (mine.target[m] as number)) / (mine.unit[m] as number)
      expect(Math.abs(deviation - row.deviation)).toBeLessThanOrEqual(0.005 + 1e-9)
    }
  })
})

describe('targets as a function of the rotations\' loads', () => {
  it('recovers the water-filling levels behind fairTargets, on 100 random plans, and moves targets with the loads', () => {
    for (const c of randomCases(100, 5)) {
      const inst = buildInstance(c.plan, c.today)
      const figures = account(inst)
      const levels = targetLevels(figures, c.plan.oncall.rotations.map((r) => r.members.map((m) => inst.memberIndex.get(m) as number)))
      expect([c.name, levels === undefined]).toEqual([c.name, false])
      const again = linearTargets(levels ?? [], figures.rotationLoad, inst.members.length)
      again.forEach((t, m) => expect(t).toBeCloseTo(figures.target[m] as number, 9))
      // one rotation carrying more raises exactly the targets of the members its level shares it with
      const heavier = figures.rotationLoad.map((l, r) => (r === 0 ? l + 10 : l))
      const moved = linearTargets(levels ?? [], heavier, inst.members.length)
      const level = levels?.find((l) => l.rotations.includes(0))
      expect(figures.rotationLoad[0]).toBeGreaterThan(0)
      expect(level?.members.length).toBeGreaterThan(0)
      const sum = moved.reduce((x, y) => x + y, 0) - again.reduce((x, y) => x + y, 0)
      expect(sum).toBeCloseTo(10, 9)
      for (const { member, share } of level?.members ?? []) expect((moved[member] as number) - (again[member] as number)).toBeCloseTo(10 * share, 9)
    }
  })
})
