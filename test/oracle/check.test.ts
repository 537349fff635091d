// (c) The checker on hand-made schedules: each kind of hard violation found where it is, with its
// instants and members, and avoidable holiday hours counted to the hour.
import { describe, expect, it } from '@jest/globals'
import { checkSchedule, exactFeasible, type CheckedSchedule } from '../../bench/oracle/index.js'
import type { Plan, Segment } from '../../src/core/types.js'
import { handPlan, person, TODAY } from './hand-plans.js'

const seg = (rotation: string, role: Segment['role'], member: string, start: string, end: string): Segment => ({ rotation, role, member, start, end })

describe('a hand-made bad schedule', () => {
  // data: ana, ben, chen (primary, secondary); ml: chen, dee; weekly from Monday 2026-01-05 10:00
  // (15:00 UTC) for two weeks. ana is on leave on 2026-01-08; a swap gives ben data primary on
  // 2026-01-13; 2026-01-15 is an investor date.
  const plan: Plan = handPlan({
    team: ['ana', 'ben', 'chen', 'dee'],
    rotations: [{ id: 'data', members: ['ana', 'ben', 'chen'], roles: ['primary', 'secondary'] }, { id: 'ml', members: ['chen', 'dee'] }],
    leave: [{ member: 'ana', from: '2026-01-08', to: '2026-01-08', reason: 'vacation' }],
    swaps: [{ rotation: 'data', role: 'primary', member: 'ben', from: '2026-01-13', to: '2026-01-13' }],
    investor: { dates: [{ from: '2026-01-15', to: '2026-01-15' }] }
  })
  const schedule: CheckedSchedule = {
    segments: [
      seg('data', 'primary', 'ana', '2026-01-05T15:00:00Z', '2026-01-12T15:00:00Z'), // on call through her leave
      seg('data', 'primary', 'ana', '2026-01-12T15:00:00Z', '2026-01-15T17:00:00Z'), // over ben's swap
      seg('data', 'primary', 'ben', '2026-01-15T17:00:00Z', '2026-01-19T15:00:00Z'), // hands over mid investor day
      seg('data', 'secondary', 'ben', '2026-01-05T15:00:00Z', '2026-01-12T15:00:00Z'),
      // nobody from 2026-01-12T15:00Z for a day, undeclared; then a declared gap for a day
      seg('data', 'secondary', 'chen', '2026-01-14T15:00:00Z', '2026-01-19T15:00:00Z'), // while also on ml
      seg('data', 'secondary', 'dee', '2026-01-16T15:00:00Z', '2026-01-17T15:00:00Z'), // not in data, and a second holder
      seg('ml', 'primary', 'dee', '2026-01-05T15:00:00Z', '2026-01-12T15:00:00Z'),
      seg('ml', 'primary', 'chen', '2026-01-12T15:00:00Z', '2026-01-19T15:00:00Z'),
      seg('nope', 'primary', 'ana', '2026-01-06T00:00:00Z', '2026-01-06T01:00:00Z')
    ],
    gaps: [{ rotation: 'data', role: 'secondary', start: '2026-01-13T15:00:00Z', end: '2026-01-14T15:00:00Z', reason: 'no one' }]
  }

  it('finds every violation, once, with its role, instants and members', async () => {
    const check = await checkSchedule(plan, TODAY, schedule)
    expect(check.violations.map((v) => [v.kind, `${v.rotation}/${v.role}`, v.start, v.end, v.members])).toEqual([
      ['unknown-position', 'nope/primary', '2026-01-06T00:00:00Z', '2026-01-06T01:00:00Z', ['ana']],
      ['away', 'data/primary', '2026-01-08T05:00:00Z', '2026-01-09T05:00:00Z', ['ana']],
      ['unstaffed', 'data/secondary', '2026-01-12T15:00:00Z', '2026-01-13T15:00:00Z', []],
      ['swap-not-kept', 'data/primary', '2026-01-13T05:00:00Z', '2026-01-14T05:00:00Z', ['ana']],
      ['unstaffed', 'data/secondary', '2026-01-13T15:00:00Z', '2026-01-14T15:00:00Z', []],
      ['two-places', 'data/secondary', '2026-01-14T15:00:00Z', '2026-01-19T15:00:00Z', ['chen']],
      ['investor-handover', 'data/primary', '2026-01-15T05:00:00Z', '2026-01-16T05:00:00Z', ['ana', 'ben']],
      ['double', 'data/secondary', '2026-01-16T15:00:00Z', '2026-01-17T15:00:00Z', ['chen', 'dee']],
      ['non-member', 'data/secondary', '2026-01-16T15:00:00Z', '2026-01-17T15:00:00Z', ['dee']]
    ])
    expect(check.violations.find((v) => v.kind === 'away')?.detail).toBe('ana: leave (vacation)')
    expect(check.violations.find((v) => v.kind === 'two-places')?.detail).toBe('chen holds data/secondary and ml/primary at once')
    expect(check.violations.filter((v) => v.kind === 'unstaffed').map((v) => v.detail)).toEqual(['held by nobody (no gap declared)', 'held by nobody (declared gap)'])
    expect(check.counts).toEqual({ unstaffed: 2, double: 1, 'non-member': 1, away: 1, 'two-places': 1, 'swap-not-kept': 1, 'investor-handover': 1, 'unknown-position': 1 })
    expect(check.hard).toBe(9)
  })

  it('counts 48 unstaffed role-hours, 24 of them declared, all avoidable: the plan has a schedule', async () => {
    const check = await checkSchedule(plan, TODAY, schedule)
    expect([check.feasibility, check.unstaffedHours, check.declaredGapHours, check.avoidableUnstaffedHours]).toEqual(['feasible', 48, 24, 48])
  })

  it('finds nothing wrong with the schedule (a) builds for the same plan', async () => {
    const a = await exactFeasible(plan, TODAY)
    const check = await checkSchedule(plan, TODAY, a.schedule, { feasibility: a })
    expect([check.hard, check.unstaffedHours]).toEqual([0, 0])
  })
})

describe('gaps on a plan with no schedule', () => {
  // ana and ben, two roles; ben away on 2026-01-08: one role can have nobody that day, not two
  const plan = handPlan({
    team: ['ana', 'ben'],
    rotations: [{ id: 'main', members: ['ana', 'ben'], roles: ['primary', 'secondary'] }],
    leave: [{ member: 'ben', from: '2026-01-08', to: '2026-01-08' }]
  })
  const both = (gapSecondary: boolean): CheckedSchedule => ({
    segments: [
      seg('main', 'primary', 'ana', '2026-01-05T15:00:00Z', '2026-01-08T05:00:00Z'),
      seg('main', 'primary', 'ana', '2026-01-09T05:00:00Z', '2026-01-19T15:00:00Z'),
      seg('main', 'secondary', 'ben', '2026-01-05T15:00:00Z', '2026-01-08T05:00:00Z'),
      ...(gapSecondary ? [] : [seg('main', 'secondary', 'ana', '2026-01-08T05:00:00Z', '2026-01-09T05:00:00Z')]),
      seg('main', 'secondary', 'ben', '2026-01-09T05:00:00Z', '2026-01-19T15:00:00Z')
    ],
    gaps: []
  })

  it('judges the one unavoidable gap unavoidable', async () => {
    const check = await checkSchedule(plan, TODAY, both(false))
    expect([check.feasibility, check.unstaffedHours, check.avoidableUnstaffedHours, check.hard]).toEqual(['infeasible', 24, 0, 1])
  })

  it('judges a second role left empty the same day avoidable', async () => {
    const check = await checkSchedule(plan, TODAY, both(true))
    expect([check.unstaffedHours, check.avoidableUnstaffedHours]).toEqual([48, 24])
  })
})

describe('on call on one\'s own public holiday', () => {
  // Monday 2026-01-19 is Martin Luther King Jr. Day in New York, for ana and chen (US-NY) but not for
  // ben (GB). ana holds the week from that Monday. ben is on leave until 10:00 that day, and a swap
  // gives ana the rotation from 18:00: ben was free from 10:00 to 18:00 — 8 avoidable hours.
  const holidayPlan = (policy: Plan['oncall']['holidays']['policy']): Plan => handPlan({
    team: [person('ana', { holidayCode: 'US-NY' }), person('ben', { holidayCode: 'GB' }), person('chen', { holidayCode: 'US-NY' })],
    rotations: [{ id: 'main', members: ['ana', 'ben', 'chen'] }],
    handoff: '00:00',
    policy,
    leave: [{ member: 'ben', from: '2026-01-19T00:00', to: '2026-01-19T10:00' }],
    swaps: [{ rotation: 'main', role: 'primary', member: 'ana', from: '2026-01-19T18:00', to: '2026-01-20T00:00' }]
  })
  const schedule: CheckedSchedule = {
    segments: [
      seg('main', 'primary', 'chen', '2026-01-05T05:00:00Z', '2026-01-12T05:00:00Z'),
      seg('main', 'primary', 'ben', '2026-01-12T05:00:00Z', '2026-01-19T05:00:00Z'),
      seg('main', 'primary', 'ana', '2026-01-19T05:00:00Z', '2026-01-26T05:00:00Z')
    ],
    gaps: []
  }

  it('counts exactly the hours a rotation-mate was free, under avoid', async () => {
    const check = await checkSchedule(holidayPlan('avoid'), TODAY, schedule)
    expect(check.hard).toBe(0)
    expect(check.avoidableHolidayHours).toBe(8)
    expect(check.avoidableHoliday).toEqual([
      { rotation: 'main', role: 'primary', member: 'ana', start: '2026-01-19T15:00:00Z', end: '2026-01-19T23:00:00Z', hours: 8, free: ['ben'] }
    ])
  })

  it('counts none under work, where holidays only weigh more', async () => {
    const check = await checkSchedule(holidayPlan('work'), TODAY, schedule)
    expect([check.hard, check.avoidableHolidayHours]).toEqual([0, 0])
  })

  it('reports the holiday as time away under off (and does not hold ana to the swap on her day off)', async () => {
    const check = await checkSchedule(holidayPlan('off'), TODAY, schedule)
    expect(check.violations.map((v) => [v.kind, v.start, v.end, v.members])).toEqual([['away', '2026-01-19T05:00:00Z', '2026-01-20T05:00:00Z', ['ana']]])
    expect(check.violations[0]?.detail).toMatch(/^ana: public holiday \(Martin Luther King/)
  })
})
