// (a) Piece-level feasibility on plans whose answer is known by hand: where no schedule can meet
// every hard constraint the oracle says so for exactly those hours, and where one can — however the
// rotations overlap — it finds it, and its witness passes the checker.
import { describe, expect, it } from '@jest/globals'
import { checkSchedule, exactFeasible } from '../../bench/oracle/index.js'
import type { Plan } from '../../src/core/types.js'
import { handPlan, hoursBetween, TODAY } from './hand-plans.js'

/** The witness (a) returns must meet every hard constraint wherever it staffs a role. */
async function witnessIsClean(plan: Plan): Promise<void> {
  const a = await exactFeasible(plan, TODAY)
  const check = await checkSchedule(plan, TODAY, a.schedule, { feasibility: a })
  expect(check.violations.filter((v) => v.kind !== 'unstaffed')).toEqual([])
  expect(check.unstaffedHours).toBeCloseTo(a.minUnstaffedHours ?? -1, 6)
  expect(check.avoidableUnstaffedHours).toBe(0)
}

describe('two people, two roles', () => {
  const pair = (leave: Plan['leave']): Plan =>
    handPlan({ team: ['ana', 'ben'], rotations: [{ id: 'main', members: ['ana', 'ben'], roles: ['primary', 'secondary'] }], leave })

  it('is feasible while both are at work', async () => {
    const a = await exactFeasible(pair([]), TODAY)
    expect([a.status, a.minUnstaffedHours, a.infeasible]).toEqual(['feasible', 0, []])
    expect(a.schedule.gaps).toEqual([])
  })

  it('is infeasible exactly on the day one of them is on leave, for one role', async () => {
    const plan = pair([{ member: 'ben', from: '2026-01-08', to: '2026-01-08', reason: 'dentist' }])
    const a = await exactFeasible(plan, TODAY)
    expect(a.status).toBe('infeasible')
    expect(a.minUnstaffedHours).toBe(24)
    // ben's whole day in New York: midnight to midnight, 05:00 to 05:00 UTC
    expect(a.infeasible).toHaveLength(1)
    expect(a.infeasible[0]).toMatchObject({ start: '2026-01-08T05:00:00Z', end: '2026-01-09T05:00:00Z' })
    expect(a.infeasible[0]?.roles).toHaveLength(1)
    await witnessIsClean(plan)
  })
})

describe('a hub member in two rotations', () => {
  // data: hub, ada, abe; ml: hub, bea (and cal in the variant); everyone else away on 2026-01-08
  const hub = (mlMembers: string[], away: string[]): Plan => handPlan({
    team: ['hub', 'ada', 'abe', 'bea', 'cal'],
    rotations: [{ id: 'data', members: ['hub', 'ada', 'abe'] }, { id: 'ml', members: mlMembers }],
    leave: away.map((member) => ({ member, from: '2026-01-08', to: '2026-01-08' }))
  })

  it('cannot hold both rotations on the day all their other members are away', async () => {
    const plan = hub(['hub', 'bea'], ['ada', 'abe', 'bea'])
    const a = await exactFeasible(plan, TODAY)
    expect(a.status).toBe('infeasible')
    expect(a.infeasible).toHaveLength(1)
    expect(a.infeasible[0]).toMatchObject({ start: '2026-01-08T05:00:00Z', end: '2026-01-09T05:00:00Z' })
    expect(hoursBetween(a.infeasible[0]?.start ?? '', a.infeasible[0]?.end ?? '')).toBe(24)
    await witnessIsClean(plan)
  })

  it('is feasible with one more member of the other rotation free: the hub takes data, cal takes ml', async () => {
    const plan = hub(['hub', 'bea', 'cal'], ['ada', 'abe', 'bea'])
    const a = await exactFeasible(plan, TODAY)
    expect(a.status).toBe('feasible')
    const on = (rotation: string, at: string): string | undefined =>
      a.schedule.segments.find((s) => s.rotation === rotation && s.start <= at && at < s.end)?.member
    expect([on('data', '2026-01-08T12:00:00Z'), on('ml', '2026-01-08T12:00:00Z')]).toEqual(['hub', 'cal'])
    await witnessIsClean(plan)
  })
})

describe('an investor period', () => {
  // daily shifts from 10:00; the period is 2026-01-14, so the shift of the 14th meets it from 10:00 to
  // midnight (15:00 to 05:00 UTC). chen can hold one role; the other has only ana and ben, each away
  // for part of that stretch.
  const plan = (investor: Plan['oncall']['investorPeriods']): Plan => handPlan({
    team: ['ana', 'ben', 'chen'],
    rotations: [{ id: 'data', members: ['ana', 'ben', 'chen'], roles: ['primary', 'secondary'], days: 1, handoff: '10:00' }],
    leave: [
      { member: 'ana', from: '2026-01-14T13:00', to: '2026-01-14T18:00' },
      { member: 'ben', from: '2026-01-14T18:00', to: '2026-01-15T00:00' }
    ],
    investor
  })

  it('needs one member present throughout each shift-role: none is, so it is infeasible for that stretch', async () => {
    const p = plan({ dates: [{ from: '2026-01-14', to: '2026-01-14' }] })
    const a = await exactFeasible(p, TODAY)
    expect(a.status).toBe('infeasible')
    expect(a.minUnstaffedHours).toBe(14)
    expect(a.infeasible).toHaveLength(1)
    expect(a.infeasible[0]).toMatchObject({ start: '2026-01-14T15:00:00Z', end: '2026-01-15T05:00:00Z' })
    await witnessIsClean(p)
  })

  it('without the period, ana and ben cover each other and it is feasible', async () => {
    const p = plan({ none: true })
    const a = await exactFeasible(p, TODAY)
    expect(a.status).toBe('feasible')
    await witnessIsClean(p)
  })
})

describe('swaps', () => {
  const plan = (swaps: Plan['swaps']): Plan => handPlan({
    team: ['ana', 'ben', 'chen'],
    rotations: [{ id: 'data', members: ['ana', 'ben', 'chen'] }, { id: 'ml', members: ['ana', 'ben', 'chen'] }],
    swaps
  })

  it('keeps a swap where its member is free, and gives them nothing else then', async () => {
    const p = plan([{ rotation: 'ml', role: 'primary', member: 'ben', from: '2026-01-09', to: '2026-01-10' }])
    const a = await exactFeasible(p, TODAY)
    expect(a.status).toBe('feasible')
    const during = a.schedule.segments.filter((s) => s.start < '2026-01-11T05:00:00Z' && s.end > '2026-01-09T05:00:00Z')
    expect(during.filter((s) => s.rotation === 'ml').map((s) => s.member)).toEqual(['ben'])
    expect(during.filter((s) => s.rotation === 'data').map((s) => s.member)).not.toContain('ben')
    await witnessIsClean(p)
  })

  it('cannot keep two swaps that give one member both rotations at once', async () => {
    const p = plan([
      { rotation: 'ml', role: 'primary', member: 'ben', from: '2026-01-09', to: '2026-01-09' },
      { rotation: 'data', role: 'primary', member: 'ben', from: '2026-01-09T12:00', to: '2026-01-09T18:00' }
    ])
    const a = await exactFeasible(p, TODAY)
    expect(a.status).toBe('infeasible')
    expect(a.infeasible).toEqual([{ start: '2026-01-09T17:00:00Z', end: '2026-01-09T23:00:00Z', roles: [expect.anything()] }])
  })
})
