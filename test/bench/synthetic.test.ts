import { describe, expect, it } from '@jest/globals'
import { DAILY_START, HORIZON_DAYS, START, plusDays, syntheticCases, syntheticPlan, type SyntheticCase } from '../../bench/synthetic.js'
import { rotationGrid, rotationSlots } from '../../src/core/schedule/calendar.js'
import type { Plan } from '../../src/core/types.js'

const rotationsOf = (plan: Plan, id: string) => plan.oncall.rotations.filter((r) => r.members.includes(id))

/** Days on which more than a quarter of some rotation (at least one person) is away, sampled. */
function crowdedDays(plan: Plan): string[] {
  const crowded: string[] = []
  for (let d = 0; d < HORIZON_DAYS; d += 3) {
    const date = plusDays(START, d)
    for (const rotation of plan.oncall.rotations) {
      const limit = Math.max(1, Math.floor(rotation.members.length / 4))
      const away = plan.leave.filter((l) => rotation.members.includes(l.member) && l.from <= date && date <= l.to)
      if (away.length > limit) crowded.push(`${date} ${rotation.id}`)
    }
  }
  return crowded
}

describe('steady teams and teams with joiners and leavers', () => {
  it('gives the same plan for the same seed, and another for another seed', () => {
    expect(JSON.stringify(syntheticPlan(50, 'weekly').plan)).toBe(JSON.stringify(syntheticPlan(50, 'weekly').plan))
    expect(JSON.stringify(syntheticPlan(50, 'weekly', 7).plan.leave)).not.toBe(JSON.stringify(syntheticPlan(50, 'weekly').plan.leave))
  })

  it('plans two years of weekly or daily shifts from today', () => {
    const weekly = syntheticPlan(4, 'weekly')
    expect(weekly.today).toBe(START)
    expect(weekly.plan.oncall.horizonDays).toBe(HORIZON_DAYS)
    expect(weekly.plan.oncall.shiftDays).toBe(7)
    expect(syntheticPlan(4, 'daily').plan.oncall.shiftDays).toBe(1)
    expect(weekly.plan.oncall.rotations).toHaveLength(1)
    expect(weekly.plan.oncall.rotations[0]!.roles).toEqual(['primary', 'secondary'])
  })

  it('gives each member about four weeks of leave a year in one- and two-week blocks', () => {
    const { plan } = syntheticPlan(50, 'weekly')
    for (const m of plan.team.filter((t) => !t.joined && !t.left)) {
      const days = plan.leave.filter((l) => l.member === m.id).map((l) => (Date.parse(l.to) - Date.parse(l.from)) / 86400000 + 1)
      expect(days.every((d) => d === 7 || d === 14)).toBe(true)
      expect(days.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6 * 7)
      expect(days.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8 * 7)
    }
  })

  it('spreads five holiday calendars and part-timers over a large team of the same people throughout', () => {
    const { plan } = syntheticPlan(200, 'weekly')
    expect(new Set(plan.team.map((m) => m.holidayCode))).toEqual(new Set(['US-NY', 'US-CA', 'GB-ENG', 'DE-BE', 'AU-NSW']))
    expect(plan.team.filter((m) => m.capacity === 0.5).length).toBeGreaterThan(10)
    expect(plan.team.some((m) => m.joined || m.left)).toBe(false)
    expect(plan.oncall.rotations.length).toBe(17)
    expect(new Set(plan.oncall.rotations.flatMap((r) => r.members)).size).toBe(200)
    expect(crowdedDays(plan)).toEqual([])
  })

  it('has the same people but for ten who join in the first months and ten who leave in the second year', () => {
    const steady = syntheticPlan(200, 'daily')
    const moves = syntheticPlan(200, 'daily', undefined, 'moves')
    expect(moves.label).toBe('200 (10 join, 10 leave)')
    const joined = moves.plan.team.filter((m) => m.joined)
    const left = moves.plan.team.filter((m) => m.left)
    expect(joined).toHaveLength(10)
    expect(left).toHaveLength(10)
    expect(joined.every((m) => m.joined! > START && m.joined! < plusDays(START, 170))).toBe(true)
    expect(left.every((m) => m.left! >= plusDays(START, 400))).toBe(true)
    expect(moves.plan.team.map((m) => [m.id, m.capacity, m.holidayCode])).toEqual(steady.plan.team.map((m) => [m.id, m.capacity, m.holidayCode]))
  })
})

describe('teams whose members share rotations', () => {
  it('dense: every member stands in exactly two rotations, ten people in both of two', () => {
    for (const size of [10, 50, 200]) {
      const { plan } = syntheticPlan(size, 'weekly', undefined, 'dense')
      expect(plan.team.every((m) => rotationsOf(plan, m.id).length === 2)).toBe(true)
      expect(crowdedDays(plan)).toEqual([])
    }
    const small = syntheticPlan(10, 'daily', undefined, 'dense').plan
    expect(small.oncall.rotations.map((r) => r.members.length)).toEqual([10, 10])
    // two hundred people in seventeen rotations of twenty-two to twenty-four, as many as the steady team has
    const large = syntheticPlan(200, 'daily', undefined, 'dense').plan
    expect(large.oncall.rotations).toHaveLength(17)
    expect(large.oncall.rotations.every((r) => r.members.length >= 22 && r.members.length <= 24)).toBe(true)
  })

  it('hub: one person in four rotations per block of about forty, everyone else in one', () => {
    const small = syntheticPlan(10, 'weekly', undefined, 'hub').plan
    expect(rotationsOf(small, 'm001')).toHaveLength(4)
    expect(small.team.filter((m) => m.id !== 'm001').every((m) => rotationsOf(small, m.id).length === 1)).toBe(true)
    // rotations of three or four hold a primary only: two roles would leave nobody to spare
    expect(small.oncall.rotations.map((r) => [r.members.length, r.roles.length])).toEqual([[4, 1], [3, 1], [3, 1], [3, 1]])

    const large = syntheticPlan(200, 'daily', undefined, 'hub').plan
    const hubs = large.team.filter((m) => rotationsOf(large, m.id).length > 1)
    expect(hubs.map((m) => m.id)).toEqual(['m001', 'm002', 'm003', 'm004', 'm005'])
    expect(hubs.every((m) => rotationsOf(large, m.id).length === 4)).toBe(true)
    expect(large.oncall.rotations).toHaveLength(20)
    expect(large.oncall.rotations.every((r) => r.roles.length === 2 && r.members.length >= 10)).toBe(true)
    expect(crowdedDays(large)).toEqual([])
  })

  it('mixed: a daily rotation on its own grid beside a weekly one, a third of the people in both', () => {
    const { plan } = syntheticPlan(10, 'mixed', undefined, 'mixed')
    const [weekly, daily] = plan.oncall.rotations
    expect(rotationGrid(plan, weekly!)).toMatchObject({ start: START, shiftDays: 7, handoff: { text: '10:00' } })
    expect(rotationGrid(plan, daily!)).toMatchObject({ start: DAILY_START, shiftDays: 1, handoff: { text: '09:00' } })
    const both = weekly!.members.filter((m) => daily!.members.includes(m))
    expect(both).toEqual(['m004', 'm005', 'm006', 'm007'])
    // the first daily shift: Tuesday 09:00 in New York, one day long
    const first = rotationSlots(plan, daily!, '2026-01-10T00:00:00Z')[0]!
    expect([first.start, first.end]).toEqual(['2026-01-06T14:00:00Z', '2026-01-07T14:00:00Z'])

    const large = syntheticPlan(200, 'mixed', undefined, 'mixed').plan
    expect(large.oncall.rotations.filter((r) => r.shiftDays === 1)).toHaveLength(8)
    expect(large.oncall.rotations.filter((r) => r.shiftDays === undefined)).toHaveLength(8)
    expect(crowdedDays(large)).toEqual([])
  })

  it('refuses a grid a kind of team does not have', () => {
    expect(() => syntheticPlan(10, 'weekly', undefined, 'mixed')).toThrow('a mixed team has no weekly shifts')
    expect(() => syntheticPlan(10, 'mixed')).toThrow('a steady team has no mixed shifts')
  })
})

describe('the set of teams', () => {
  const describeCase = (c: SyntheticCase): string => `${c.kind} ${c.size} ${c.shift}`

  it('runs every kind at its sizes: 29 teams, nine of them of 200 members', () => {
    const all = syntheticCases()
    expect(all).toHaveLength(29)
    expect(all.filter((c) => c.size === 200).map(describeCase)).toEqual([
      'steady 200 weekly', 'steady 200 daily', 'moves 200 weekly', 'moves 200 daily',
      'dense 200 weekly', 'dense 200 daily', 'hub 200 weekly', 'hub 200 daily', 'mixed 200 mixed'
    ])
  })

  it('narrows by kind, size and grid', () => {
    expect(syntheticCases({ kinds: ['hub', 'mixed'], sizes: [10], shifts: ['daily', 'mixed'] }).map(describeCase)).toEqual(['hub 10 daily', 'mixed 10 mixed'])
    expect(syntheticCases({ sizes: [4] }).map(describeCase)).toEqual(['steady 4 weekly', 'steady 4 daily'])
  })
})
