import { describe, expect, it } from '@jest/globals'
import { buildSchedule } from '../../src/core/schedule/index.js'
import { makePlan, member } from '../support/plan.js'
import { hardViolations } from './check-hard.js'

const TODAY = '2026-01-05'

describe('the TechFlow rota over 26 weeks', () => {
  const plan = makePlan({ leave: [{ member: 'ana', from: '2026-03-02', to: '2026-03-15', reason: 'vacation' }] })
  const schedule = buildSchedule(plan, { today: TODAY })

  it('staffs both roles every week, with nobody on leave or double booked', () => {
    expect(hardViolations(plan, schedule)).toEqual([])
    expect(schedule.gaps).toEqual([])
    expect(schedule.shifts).toHaveLength(26)
    expect(schedule.from).toBe('2026-01-05T15:00:00Z')
    expect(schedule.segments[0]).toMatchObject({ rotation: 'main', role: 'primary', start: '2026-01-05T15:00:00Z', end: '2026-01-12T15:00:00Z', kind: 'shift' })
  })

  it('keeps ana off call during her two-week vacation and everyone within one shift of fair', () => {
    const onLeave = schedule.segments.filter((s) => s.member === 'ana' && s.start < '2026-03-16T14:00:00Z' && s.end > '2026-03-02T05:00:00Z')
    expect(onLeave).toEqual([])
    for (const row of schedule.fairness) expect(Math.abs(row.deviation)).toBeLessThanOrEqual(1)
    const ana = schedule.fairness.find((r) => r.member === 'ana')!
    const ben = schedule.fairness.find((r) => r.member === 'ben')!
    expect(ana.target).toBeLessThan(ben.target)
  })

  it('rarely gives anyone the same role two weeks running', () => {
    const primaries = schedule.segments.filter((s) => s.role === 'primary').map((s) => s.member)
    const repeats = primaries.filter((m, i) => i > 0 && primaries[i - 1] === m).length
    expect(repeats).toBeLessThanOrEqual(2)
  })

  it('reports the calendar it planned with', () => {
    expect(schedule.companyHolidays.map((h) => h.name)).toContain('Memorial Day')
    expect(schedule.holidays.ana?.map((h) => h.date)).toContain('2026-05-25')
    expect(schedule.investorPeriods[0]).toEqual({ from: '2026-01-26', to: '2026-01-30', label: '2026-01 investor report' })
    expect(schedule.timezone).toBe('America/New_York')
  })

  it('is the same schedule when built again', () => {
    expect(buildSchedule(plan, { today: TODAY })).toEqual(schedule)
  })
})

describe('covers, swaps and gaps', () => {
  it('gives a part-week leave a cover when nobody else is present all week', () => {
    // two members, one role each: ben cannot take ana's week, so someone must cover her Wednesday
    const team = [member('ana'), member('ben'), member('chen')]
    const plan = makePlan({
      team,
      oncall: { ...makePlan().oncall, horizonDays: 14, rotations: [{ id: 'main', name: 'Main', members: ['ana', 'ben', 'chen'], roles: ['primary', 'secondary'], pipelines: [] }] },
      leave: [{ member: 'ana', from: '2026-01-07', to: '2026-01-07', reason: 'dentist' }, { member: 'ben', from: '2026-01-08', to: '2026-01-08', reason: 'course' }]
    })
    const schedule = buildSchedule(plan, { today: TODAY })
    expect(hardViolations(plan, schedule)).toEqual([])
    const covers = schedule.segments.filter((s) => s.kind === 'cover')
    expect(covers.length).toBeGreaterThan(0)
    expect(covers.some((c) => /^covers (ana's leave \(dentist\)|ben's leave \(course\))$/.test(c.note ?? ''))).toBe(true)
    for (const c of covers) expect(c.shiftMember).not.toBe(c.member)
  })

  it('keeps an agreed swap as given', () => {
    const plan = makePlan({ swaps: [{ rotation: 'main', role: 'primary', from: '2026-02-09', to: '2026-02-15', member: 'chen', reason: 'swap with dee' }] })
    const schedule = buildSchedule(plan, { today: TODAY })
    expect(hardViolations(plan, schedule)).toEqual([])
    const swap = schedule.segments.filter((s) => s.kind === 'swap')
    expect(swap.map((s) => [s.member, s.note])).toEqual(swap.map(() => ['chen', 'swap: chen (swap with dee)']))
    expect(swap[0]?.start).toBe('2026-02-09T05:00:00Z')
    expect(swap[swap.length - 1]?.end).toBe('2026-02-16T05:00:00Z')
  })

  it('reports a gap, with the counts, when two of three are away and two roles need two people', () => {
    const team = [member('ana'), member('ben'), member('chen')]
    const plan = makePlan({
      team,
      oncall: { ...makePlan().oncall, shiftDays: 1, horizonDays: 10, rotations: [{ id: 'main', name: 'Main', members: ['ana', 'ben', 'chen'], roles: ['primary', 'secondary'], pipelines: [] }] },
      leave: [{ member: 'ana', from: '2026-01-07', to: '2026-01-08' }, { member: 'ben', from: '2026-01-07', to: '2026-01-08' }]
    })
    const schedule = buildSchedule(plan, { today: TODAY })
    expect(hardViolations(plan, schedule)).toEqual([])
    expect(schedule.gaps.length).toBeGreaterThan(0)
    for (const g of schedule.gaps) expect(g.reason).toBe('2 of 3 members on leave; 2 roles need 2 people')
    expect(schedule.segments.every((s) => !(['ana', 'ben'].includes(s.member) && s.start >= '2026-01-07T05:00:00Z' && s.end <= '2026-01-09T05:00:00Z'))).toBe(true)
  })

  it('never puts anyone on their own public holiday under policy off', () => {
    const team = [member('ana'), member('ben', { holidayCode: 'DE-BE' }), member('chen', { holidayCode: 'GB' })]
    const plan = makePlan({
      team,
      oncall: { ...makePlan().oncall, shiftDays: 1, horizonDays: 120, holidays: { company: 'US-NY', policy: 'off' }, rotations: [{ id: 'main', name: 'Main', members: ['ana', 'ben', 'chen'], roles: ['primary'], pipelines: [] }] }
    })
    const schedule = buildSchedule(plan, { today: TODAY })
    expect(hardViolations(plan, schedule)).toEqual([])
    expect(schedule.gaps).toEqual([])
  })

  it('keeps members off their holiday under avoid when someone else is free', () => {
    const team = [member('ana'), member('ben', { holidayCode: 'DE-BE' }), member('chen', { holidayCode: 'GB' })]
    const plan = makePlan({
      team,
      oncall: { ...makePlan().oncall, shiftDays: 1, horizonDays: 120, rotations: [{ id: 'main', name: 'Main', members: ['ana', 'ben', 'chen'], roles: ['primary'], pipelines: [] }] }
    })
    const schedule = buildSchedule(plan, { today: TODAY })
    const onOwnHoliday = schedule.fairness.reduce((n, r) => n + r.holidays, 0)
    expect(onOwnHoliday).toBe(0)
  })
})

describe('public holidays under avoid', () => {
  // chen keeps California's holidays; the Day after Thanksgiving is nobody else's holiday
  const team = ['ana', 'ben', 'chen', 'dee'].map((id) => member(id, id === 'chen' ? { holidayCode: 'US-CA' } : {}))
  const plan = makePlan({ team, oncall: { ...makePlan().oncall, horizonDays: 52 * 7 } })
  const schedule = buildSchedule(plan, { today: TODAY })
  const dayAfter = { start: '2026-11-27T05:00:00Z', end: '2026-11-28T05:00:00Z' }
  const during = (s: { start: string; end: string }) => s.start < dayAfter.end && s.end > dayAfter.start

  it('keeps chen off call on the Day after Thanksgiving', () => {
    expect(hardViolations(plan, schedule)).toEqual([])
    expect(schedule.segments.filter((s) => s.member === 'chen' && during(s))).toEqual([])
  })

  it("covers exactly chen's day when chen holds the week and ana is free that day", () => {
    // ana is away all that week but Friday, so the week is chen's; on Friday chen's holiday goes to ana
    const pair = makePlan({
      team,
      leave: [{ member: 'ana', from: '2026-11-23', to: '2026-11-26' }, { member: 'ana', from: '2026-11-28', to: '2026-12-06' }],
      oncall: { ...plan.oncall, investorPeriods: { none: true }, rotations: [{ id: 'main', name: 'Main', members: ['chen', 'ana'], roles: ['primary'], pipelines: [] }] }
    })
    const held = buildSchedule(pair, { today: TODAY })
    expect(hardViolations(pair, held)).toEqual([])
    const week = held.segments.filter((s) => s.shiftStart === '2026-11-23T15:00:00Z')
    expect(week.map((s) => [s.member, s.start, s.end, s.kind, s.note ?? ''])).toEqual([
      ['chen', '2026-11-23T15:00:00Z', dayAfter.start, 'shift', ''],
      ['ana', dayAfter.start, dayAfter.end, 'cover', "covers chen's public holiday (Day after Thanksgiving Day)"],
      ['chen', dayAfter.end, '2026-11-30T15:00:00Z', 'shift', '']
    ])
  })

  it('covers nobody inside an investor period: whoever holds the shift stays all of it', () => {
    const investorCovers = schedule.segments.filter((s) => s.kind === 'cover' && /public holiday/.test(s.note ?? '') &&
      schedule.investorPeriods.some((p) => s.start.slice(0, 10) >= p.from && s.start.slice(0, 10) <= p.to))
    expect(investorCovers).toEqual([])
  })

  it('gives an investor week over chen\'s holiday to a mate free all of it, though nobody may cover a day of it', () => {
    // Thanksgiving week is an investor period: its shifts go to one member whole, so chen's Friday
    // can be kept free only by giving the whole week to someone else, and ana, ben and dee are free
    const investor = makePlan({
      team,
      oncall: { ...plan.oncall, investorPeriods: { dates: [{ from: '2026-11-23', to: '2026-11-29', label: 'Thanksgiving close' }] } }
    })
    const held = buildSchedule(investor, { today: TODAY })
    expect(hardViolations(investor, held)).toEqual([])
    expect(held.segments.filter((s) => s.member === 'chen' && during(s))).toEqual([])
  })

  it('under off, gives the holiday to someone else or reports a gap, never the member on holiday', () => {
    const off = makePlan({ team, oncall: { ...plan.oncall, holidays: { company: 'US-NY', policy: 'off' } } })
    const s = buildSchedule(off, { today: TODAY })
    expect(s.segments.filter((x) => x.member === 'chen' && during(x))).toEqual([])
    expect(hardViolations(off, s)).toEqual([])
  })
})
