import { describe, expect, it } from '@jest/globals'
import { HORIZON_DAYS, START, plusDays, syntheticPlan } from '../../bench/synthetic.js'

describe('synthetic teams for the benchmark', () => {
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
      const blocks = plan.leave.filter((l) => l.member === m.id)
      const days = blocks.map((l) => (Date.parse(l.to) - Date.parse(l.from)) / 86400000 + 1)
      expect(days.every((d) => d === 7 || d === 14)).toBe(true)
      expect(days.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6 * 7)
      expect(days.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8 * 7)
    }
  })

  it('never has more than a quarter of a rotation away on the same day', () => {
    const { plan } = syntheticPlan(200, 'daily')
    for (const rotation of plan.oncall.rotations) {
      const limit = Math.max(1, Math.floor(rotation.members.length / 4))
      for (let d = 0; d < HORIZON_DAYS; d += 3) {
        const date = plusDays(START, d)
        const away = plan.leave.filter((l) => rotation.members.includes(l.member) && l.from <= date && date <= l.to)
        expect(away.length).toBeLessThanOrEqual(limit)
      }
    }
  })

  it('spreads five holiday calendars and part-timers over a large team of the same people throughout', () => {
    const { plan } = syntheticPlan(200, 'weekly')
    expect(new Set(plan.team.map((m) => m.holidayCode))).toEqual(new Set(['US-NY', 'US-CA', 'GB-ENG', 'DE-BE', 'AU-NSW']))
    expect(plan.team.filter((m) => m.capacity === 0.5).length).toBeGreaterThan(10)
    expect(plan.team.some((m) => m.joined || m.left)).toBe(false)
    expect(plan.oncall.rotations.length).toBeGreaterThan(5)
    const covered = new Set(plan.oncall.rotations.flatMap((r) => r.members))
    expect(covered.size).toBe(200)
    expect(syntheticPlan(4, 'weekly').plan.team.filter((m) => m.capacity === 0.5)).toHaveLength(1)
  })

  it('has a second kind of team, the same people but for ten who join in the first months and ten who leave in the second year', () => {
    const steady = syntheticPlan(200, 'daily')
    const moves = syntheticPlan(200, 'daily', undefined, 'moves')
    expect(moves.name).toBe('200 members with joiners and leavers, daily')
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
