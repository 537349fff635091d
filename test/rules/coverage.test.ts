import { describe, expect, it } from '@jest/globals'
import type { Schedule } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'
import { at, check, cover, reassign, weeklySchedule } from './support.js'

// Today is Monday 2026-03-02, week 8 of the rota. The round robin gives, from week 8 on:
// 8: ana/ben, 9: ben/chen, 10: chen/dee, 11: dee/ana, 12: ana/ben (primary/secondary).
const today = '2026-03-02'

describe('coverage.staffed', () => {
  it('holds for a rota that covers every week with members who are there', () => {
    const plan = makePlan()
    expect(check('coverage.staffed', { plan, schedule: weeklySchedule(plan), today })).toEqual([])
  })

  it("reports the scheduler's gap with local dates and its reason, at the leave that caused it", () => {
    const plan = makePlan({
      leave: [
        { member: 'ben', from: '2026-03-18', to: '2026-03-19', reason: 'conference' },
        { member: 'ana', from: '2026-03-18', to: '2026-03-19', reason: 'conference' }
      ]
    })
    const holed = cover(weeklySchedule(plan), plan, 'secondary', 10, '2026-03-18', '2026-03-20', 'nobody')
    const schedule: Schedule = {
      ...holed,
      segments: holed.segments.filter((s) => s.member !== 'nobody'),
      gaps: [{ rotation: 'main', role: 'secondary', start: at(plan, '2026-03-18', '00:00'), end: at(plan, '2026-03-20', '00:00'), reason: '3 of 4 members unavailable; 2 roles need 2 people' }]
    }
    // dee, the shift's member, is not on leave: only the gap itself is a problem
    expect(check('coverage.staffed', { plan, schedule, today })).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'leave.0',
        message: '2026-03-18..2026-03-19: main secondary unstaffed: 3 of 4 members unavailable; 2 roles need 2 people — move a leave or add a member to the rotation'
      })
    ])
  })

  it('reads gaps split at a handoff as one stretch, and blames holidays.policy off when no leave is involved', () => {
    const base = makePlan()
    const plan = makePlan({ oncall: { ...base.oncall, holidays: { company: 'US-NY', policy: 'off' } } })
    const reason = '4 of 4 members unavailable; 2 roles need 2 people'
    const split = (from: string, until: string) => ({ rotation: 'main', role: 'primary' as const, start: at(plan, '2026-05-25', from), end: at(plan, '2026-05-25', until), reason })
    const gaps = [split('10:00', '23:59'), split('00:00', '10:00')].map((g, i) => (i === 0 ? { ...g, end: at(plan, '2026-05-26', '00:00') } : g))
    const week = weeklySchedule(plan).shifts.findIndex((s) => s.startDate === '2026-05-25')
    const holed = cover(cover(weeklySchedule(plan), plan, 'primary', week - 1, '2026-05-25', '2026-05-26', 'nobody'), plan, 'primary', week, '2026-05-25', '2026-05-26', 'nobody')
    const schedule: Schedule = {
      ...holed,
      segments: holed.segments.filter((s) => s.member !== 'nobody'),
      gaps,
      holidays: Object.fromEntries(['ana', 'ben', 'chen', 'dee'].map((m) => [m, [{ date: '2026-05-25', name: 'Memorial Day', code: 'US-NY' }]]))
    }
    // (the secondaries on call that day are reported too; only the gap matters here)
    expect(check('coverage.staffed', { plan, schedule, today }).filter((p) => p.message.includes('unstaffed'))).toEqual([
      expect.objectContaining({
        path: 'oncall.holidays.policy',
        message: `2026-05-25: main primary unstaffed: ${reason} — move a leave or add a member to the rotation`
      })
    ])
  })

  it('leaves gaps that are already history alone', () => {
    const plan = makePlan()
    const schedule = weeklySchedule(plan)
    const gap = { rotation: 'main', role: 'primary' as const, start: at(plan, '2026-02-02', '10:00'), end: at(plan, '2026-02-09', '10:00'), reason: 'nobody left' }
    const past = { ...schedule, segments: schedule.segments.filter((s) => !(s.role === 'primary' && s.start === gap.start)), gaps: [gap] }
    expect(check('coverage.staffed', { plan, schedule: past, today })).toEqual([])
  })

  it('finds a hole and a double booking the scheduler did not declare', () => {
    const plan = makePlan()
    const schedule = weeklySchedule(plan)
    const week12 = schedule.shifts[12]!.start
    const holed = { ...schedule, segments: schedule.segments.filter((s) => !(s.role === 'primary' && s.start === week12)) }
    expect(check('coverage.staffed', { plan, schedule: holed, today })).toEqual([
      expect.objectContaining({
        path: 'oncall.rotations.0',
        message: expect.stringMatching(/^2026-03-30\.\.2026-04-06: main primary has nobody on call from 2026-03-30 10:00 to 2026-04-06 10:00; run `opsplan render`/)
      })
    ])
    const extra = schedule.segments.find((s) => s.role === 'primary' && s.start === week12)!
    const doubled = { ...schedule, segments: [...schedule.segments, { ...extra, member: 'dee' }] }
    expect(check('coverage.staffed', { plan, schedule: doubled, today }).map((p) => p.message)).toEqual([
      expect.stringContaining('main primary is held by both ana and dee from 2026-03-30 10:00 to 2026-04-06 10:00')
    ])
  })

  it('points at the leave entry when someone is on call during their leave, and is quiet once a cover is in', () => {
    const plan = makePlan({ leave: [{ member: 'dee', from: '2026-03-18', to: '2026-03-20', reason: 'vacation' }] })
    const schedule = weeklySchedule(plan)
    expect(check('coverage.staffed', { plan, schedule, today })).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'leave.0',
        message: expect.stringMatching(
          /^2026-03-18\.\.2026-03-20: dee is on call \(main secondary 2026-03-16 10:00\.\.2026-03-23 10:00\) during their leave 2026-03-18\.\.2026-03-20 \(vacation\); give that time to someone available with a swap/
        )
      })
    ])
    const covered = cover(schedule, plan, 'secondary', 10, '2026-03-18', '2026-03-21', 'ben')
    expect(check('coverage.staffed', { plan, schedule: covered, today })).toEqual([])
  })

  it('keeps local 10:00 handoffs across the spring daylight-saving change without seeing holes', () => {
    const plan = makePlan({ leave: [{ member: 'ben', from: '2026-03-09', to: '2026-03-09' }] })
    const schedule = weeklySchedule(plan)
    const dstWeek = schedule.segments.find((s) => s.role === 'primary' && s.start === at(plan, '2026-03-02'))!
    expect((Date.parse(dstWeek.end) - Date.parse(dstWeek.start)) / 3_600_000).toBe(167)
    // ben is secondary until Monday 10:00 and primary from then: both touch his day off
    expect(check('coverage.staffed', { plan, schedule, today }).map((p) => p.message.split(';')[0])).toEqual([
      '2026-03-09: ben is on call (main primary 2026-03-09 10:00..2026-03-16 10:00) during their leave 2026-03-09',
      '2026-03-09: ben is on call (main secondary 2026-03-02 10:00..2026-03-09 10:00) during their leave 2026-03-09'
    ])
  })

  it('does not judge leave that is already in the past', () => {
    const plan = makePlan({ leave: [{ member: 'dee', from: '2026-02-10', to: '2026-02-11' }] })
    expect(check('coverage.staffed', { plan, schedule: weeklySchedule(plan), today })).toEqual([])
  })

  it('keeps members off call before they join and after they leave the team', () => {
    const base = makePlan()
    const plan = makePlan({ team: base.team.map((m) => (m.id === 'ana' ? { ...m, joined: '2026-03-25' } : m.id === 'dee' ? { ...m, left: '2026-03-10' } : m)) })
    const problems = check('coverage.staffed', { plan, schedule: weeklySchedule(plan, { weeks: 12 }), today })
    expect(problems.filter((p) => p.path === 'team.0.joined').map((p) => p.message.split(';')[0])).toEqual([
      '2026-03-02..2026-03-09: ana is on call (main primary 2026-03-02 10:00..2026-03-09 10:00) before joining on 2026-03-25',
      // the shift that ends this morning still counts for today's hours
      '2026-03-02: ana is on call (main secondary 2026-02-23 10:00..2026-03-02 10:00) before joining on 2026-03-25',
      '2026-03-23..2026-03-24: ana is on call (main secondary 2026-03-23 10:00..2026-03-30 10:00) before joining on 2026-03-25'
    ])
    expect(problems.find((p) => p.path === 'team.3.left')?.message).toMatch(/^2026-03-16\.\.2026-03-23: dee is on call \(main secondary .*\) after leaving on 2026-03-10/)
  })

  it('under holidays policy off, keeps members off their own public holiday', () => {
    const plan = makePlan()
    const schedule = { ...weeklySchedule(plan), holidays: { chen: [{ date: '2026-03-17', name: "St. Patrick's Day", code: 'US-NY' }] } }
    expect(check('coverage.staffed', { plan, schedule, today })).toEqual([])
    const strict = makePlan({ oncall: { ...plan.oncall, holidays: { company: 'US-NY', policy: 'off' } } })
    expect(check('coverage.staffed', { plan: strict, schedule, today })).toEqual([
      expect.objectContaining({
        path: 'oncall.holidays.policy',
        message: expect.stringContaining("2026-03-17: chen is on call (main primary 2026-03-16 10:00..2026-03-23 10:00) on their public holiday St. Patrick's Day while holidays.policy is off")
      })
    ])
  })

  it('checks that an agreed swap is kept', () => {
    const plan = makePlan({ swaps: [{ rotation: 'main', role: 'primary', from: '2026-03-16', to: '2026-03-22', member: 'ben', reason: 'swap with chen' }] })
    const schedule = weeklySchedule(plan)
    expect(check('coverage.staffed', { plan, schedule, today })).toEqual([
      expect.objectContaining({
        path: 'swaps.0',
        message: expect.stringMatching(/^swap 2026-03-16\.\.2026-03-22 \(main primary to ben\) is not kept: chen holds it 2026-03-16\.\.2026-03-22; check that ben/)
      })
    ])
    expect(check('coverage.staffed', { plan, schedule: reassign(schedule, 'primary', 10, 'ben'), today })).toEqual([])
  })
})

describe('coverage.distinct', () => {
  it('holds when nobody holds two roles at once', () => {
    const plan = makePlan()
    expect(check('coverage.distinct', { plan, schedule: weeklySchedule(plan), today })).toEqual([])
  })

  it('finds chen on primary and secondary in the same week', () => {
    const plan = makePlan()
    const schedule = reassign(weeklySchedule(plan), 'secondary', 10, 'chen')
    expect(check('coverage.distinct', { plan, schedule, today })).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'oncall.rotations.0',
        message: expect.stringMatching(/^2026-03-16\.\.2026-03-23: chen holds main primary and main secondary at the same time \(2026-03-16 10:00 to 2026-03-23 10:00\)/)
      })
    ])
  })

  it('ignores a double booking that is already history', () => {
    const plan = makePlan()
    expect(check('coverage.distinct', { plan, schedule: reassign(weeklySchedule(plan), 'secondary', 2, 'chen'), today })).toEqual([])
  })
})

describe('coverage.rest', () => {
  it('allows secondary one week and primary the next', () => {
    const plan = makePlan()
    expect(check('coverage.rest', { plan, schedule: weeklySchedule(plan), today })).toEqual([])
  })

  it('warns about two primary weeks in a row: longer than max-run, a week', () => {
    const plan = makePlan()
    const schedule = reassign(weeklySchedule(plan), 'primary', 10, 'ben')
    expect(check('coverage.rest', { plan, schedule, today })).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'oncall.rotations.0',
        message: 'ben holds main primary for 2 shifts in a row (the shifts starting 2026-03-09 to 2026-03-16), longer than max-run 1w: give one of them to another member with a swap so ben can rest'
      })
    ])
  })

  it('takes min-gap from the plan', () => {
    const plan = makePlan({ rules: { 'coverage.rest': { params: { 'min-gap': 4 } } } })
    const problems = check('coverage.rest', { plan, schedule: weeklySchedule(plan), today })
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.every((p) => p.message.includes('with 3 shifts between, fewer than min-gap 4'))).toBe(true)
  })

  it('does not count a stub of a shift as a shift held', () => {
    // ben holds primary the week of 2026-03-09; the next week is chen's, but ben covers its first ten hours
    const plan = makePlan()
    const base = weeklySchedule(plan)
    const next = base.shifts[10]!
    const stubEnd = new Date(Date.parse(next.start) + 10 * 3_600_000).toISOString().replace('.000Z', 'Z')
    const segments = base.segments.flatMap((s) => s.role === 'primary' && s.start === next.start
      ? [{ ...s, member: 'ben', end: stubEnd, kind: 'cover' as const }, { ...s, start: stubEnd }]
      : [s])
    expect(check('coverage.rest', { plan, schedule: { ...base, segments }, today })).toEqual([])
  })

  it('never flags a pair where one shift is a swap the plan asks for', () => {
    const plan = makePlan()
    const schedule = reassign(weeklySchedule(plan), 'primary', 10, 'ben')
    const week10 = schedule.shifts[10]!
    const segments = schedule.segments.map((s) => (s.role === 'primary' && s.start === week10.start ? { ...s, kind: 'swap' as const, note: 'swap: ben' } : s))
    expect(check('coverage.rest', { plan, schedule: { ...schedule, segments }, today })).toEqual([])
  })

  it('lets a daily rota give someone a week, but not eight days', () => {
    const plan = makePlan({
      oncall: { ...makePlan().oncall, shiftDays: 1, shift: { text: '1d', minutes: 1440 }, rotations: [{ ...makePlan().oncall.rotations[0]!, roles: ['primary'] }] }
    })
    // ana the first week, ben the second, then ana for eight days
    const holders = [...Array(7).fill('ana'), ...Array(7).fill('ben'), ...Array(8).fill('ana'), 'chen'] as string[]
    const base = weeklySchedule(plan, { weeks: 1 })
    const first = Date.parse(at(plan, plan.oncall.start))
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
    const day = 86_400_000
    const shifts = holders.map((_, i) => ({
      rotation: 'main', index: i, start: iso(first + i * day), end: iso(first + (i + 1) * day),
      startDate: iso(first + i * day).slice(0, 10), endDate: iso(first + (i + 1) * day).slice(0, 10)
    }))
    const segments = holders.map((member, i) => ({
      rotation: 'main', role: 'primary' as const, member, start: shifts[i]!.start, end: shifts[i]!.end,
      shiftStart: shifts[i]!.start, shiftMember: member, kind: 'shift' as const
    }))
    const problems = check('coverage.rest', { plan, schedule: { ...base, shifts, segments, from: shifts[0]!.start, to: shifts[shifts.length - 1]!.end }, today: plan.oncall.start })
    expect(problems.map((p) => p.message)).toEqual([
      'ana holds main primary for 8 shifts in a row (the shifts starting 2026-01-19 to 2026-01-26), longer than max-run 1w: give one of them to another member with a swap so ana can rest'
    ])
  })

  it('does not judge back-to-back shifts that are history', () => {
    const plan = makePlan()
    expect(check('coverage.rest', { plan, schedule: reassign(weeklySchedule(plan), 'primary', 1, 'ana'), today })).toEqual([])
  })
})
