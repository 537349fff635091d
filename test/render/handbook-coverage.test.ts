// Holiday coverage as a member reads it on 2026-05-20: on Juneteenth, whose shift is covered and by
// whom, and who works their own holiday because nobody else could. Only Ana observes it here, so
// the others are free to cover.
import { describe, expect, it } from '@jest/globals'
import { renderHandbook } from '../../src/core/render/handbook.js'
import type { HolidayPolicy, Plan, Schedule } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'
import { parseGfm, section, tableWithHeader } from '../support/markdown.js'
import { weeklySchedule, type Cover } from './schedule-fixture.js'

const today = '2026-05-20'
const juneteenth = { date: '2026-06-19', name: 'Juneteenth', code: 'US-NY' }

/** The week of 2026-06-15 has Dee primary and Ana secondary in the fixture rota. */
function scheduleWith(plan: Plan, covers: Cover[]): Schedule {
  const schedule = weeklySchedule(plan, { today, covers })
  schedule.holidays = { ana: [juneteenth], ben: [], chen: [], dee: [] }
  schedule.companyHolidays = [juneteenth]
  return schedule
}

function juneteenthRow(policy: HolidayPolicy, covers: Cover[]): string[] | undefined {
  const plan = makePlan()
  plan.oncall.holidays.policy = policy
  const root = parseGfm(renderHandbook(plan, scheduleWith(plan, covers), { today, planFile: 'opsplan.yaml' }))
  return tableWithHeader(section(root, 'Holiday coverage'), 'Date', 'Holiday (calendar)')?.find((r) => r[0] === 'Fri 2026-06-19')
}

describe('holiday coverage', () => {
  it('names the cover and whose shift it takes, as the scheduler records it', () => {
    const cover: Cover = {
      role: 'secondary', member: 'ana', from: '2026-06-19', to: '2026-06-19', by: 'ben',
      note: "covers ana's public holiday (Juneteenth)"
    }
    expect(juneteenthRow('avoid', [cover])).toEqual(['Fri 2026-06-19', 'Juneteenth (US-NY)', 'Ana', 'Dee', 'Ben covers Ana'])
  })

  it('does not claim nobody was free when someone was', () => {
    // Ben and Chen hold no role that week: Ana working her holiday is the scheduler's choice, not a necessity.
    expect(juneteenthRow('avoid', [])?.slice(3)).toEqual(['Dee', 'Ana (own holiday)'])
  })

  it('under policy work, says the day counts at holiday weight', () => {
    expect(juneteenthRow('work', [])?.slice(3)).toEqual(['Dee', 'Ana (own holiday, counts ×2)'])
  })

  it('spells the cover out in the weekly rotation, with the reason in plain words', () => {
    const plan = makePlan()
    const cover: Cover = {
      role: 'secondary', member: 'ana', from: '2026-06-19', to: '2026-06-19', by: 'ben',
      note: "covers ana's public holiday (Juneteenth)"
    }
    const root = parseGfm(renderHandbook(plan, scheduleWith(plan, [cover]), { today, planFile: 'opsplan.yaml' }))
    const week = tableWithHeader(root, 'Shift', 'Primary', 'Secondary')?.find((r) => r[0]?.startsWith('Mon 2026-06-15'))
    expect(week?.slice(1)).toEqual([
      'Dee', 'Ana', "Ben covers Ana's secondary Fri 2026-06-19 00:00 → Sat 2026-06-20 00:00 (public holiday: Juneteenth)"
    ])
  })
})

describe('vacation coverage', () => {
  it('says "nobody" and why where a leave leaves a role unstaffed', () => {
    const plan = makePlan({ leave: [{ member: 'ana', from: '2026-06-16', to: '2026-06-16', reason: 'dentist' }] })
    const schedule = weeklySchedule(plan, { today })
    const week = schedule.segments.filter((s) => s.start === '2026-06-15T14:00:00Z' && s.role === 'secondary')
    schedule.segments = schedule.segments.filter((s) => !week.includes(s))
    schedule.gaps = [{
      rotation: week[0]?.rotation ?? '', role: 'secondary', start: '2026-06-16T04:00:00Z', end: '2026-06-17T04:00:00Z',
      reason: '1 of 4 members on leave; nobody else free'
    }]
    const root = parseGfm(renderHandbook(plan, schedule, { today, planFile: 'opsplan.yaml' }))
    const row = tableWithHeader(root, 'Member', 'Leave', 'Reason', 'Who takes the shifts')?.[1]
    expect(row?.[3]?.split('\n')).toEqual([
      'Primary: Dee Tue 2026-06-16 00:00 → Wed 2026-06-17 00:00',
      'Secondary: nobody Tue 2026-06-16 00:00 → Wed 2026-06-17 00:00 (1 of 4 members on leave; nobody else free)'
    ])
  })
})

describe('coverage that names only what the row is about', () => {
  const plan = makePlan({ leave: [{ member: 'ana', from: '2026-06-15', to: '2026-06-19', reason: 'vacation' }] })

  it('on a holiday, names a leave cover as the member on call, not as a cover of someone\'s holiday', () => {
    // Juneteenth is Ana's holiday only; she is on leave that week and Ben covers her secondary for it.
    const leaveCover: Cover = { role: 'secondary', member: 'ana', from: '2026-06-15', to: '2026-06-19', by: 'ben', note: "covers ana's leave (vacation)" }
    const root = parseGfm(renderHandbook(plan, scheduleWith(plan, [leaveCover]), { today, planFile: 'opsplan.yaml' }))
    const row = tableWithHeader(section(root, 'Holiday coverage'), 'Date', 'Holiday (calendar)')?.find((r) => r[0] === 'Fri 2026-06-19')
    expect(row?.slice(3)).toEqual(['Dee', 'Ben'])
  })

  it('in vacation coverage, gives a stretch covered for someone else\'s holiday to the member whose shift it is', () => {
    // Dee holds primary that week; Chen covers Dee's own holiday on the Tuesday: that is Dee's story, not Ana's.
    const holidayCover: Cover = { role: 'primary', member: 'dee', from: '2026-06-16', to: '2026-06-16', by: 'chen', note: "covers dee's public holiday (Dee day)" }
    const leaveCover: Cover = { role: 'secondary', member: 'ana', from: '2026-06-15', to: '2026-06-19', by: 'ben', note: "covers ana's leave (vacation)" }
    const root = parseGfm(renderHandbook(plan, scheduleWith(plan, [holidayCover, leaveCover]), { today, planFile: 'opsplan.yaml' }))
    const cell = tableWithHeader(section(root, 'Vacation coverage'), 'Member', 'Leave', 'Reason', 'Who takes the shifts')?.[1]?.[3]
    expect(cell?.split('\n')).toEqual([
      'Primary: Chen Mon 2026-06-15 00:00 → Mon 2026-06-15 10:00, Dee Mon 2026-06-15 10:00 → Sat 2026-06-20 00:00',
      'Secondary: Dee Mon 2026-06-15 00:00 → Mon 2026-06-15 10:00, Ben covers Mon 2026-06-15 10:00 → Sat 2026-06-20 00:00'
    ])
    for (const line of cell?.split('\n') ?? []) expect(line.length).toBeLessThan(200)
  })

  it('reads part-day leave as written, in the member\'s own zone, with the hours each role is taken', () => {
    const away = makePlan({
      team: makePlan().team.map((m) => (m.id === 'ana' ? { ...m, timezone: 'Europe/London' } : m)),
      leave: [{ member: 'ana', from: '2026-06-16T13:00', to: '2026-06-17T09:00', reason: 'appointments' }]
    })
    const schedule = weeklySchedule(away, { today })
    // Ben covers Ana's secondary from 13:00 London (08:00 New York) to 09:00 London (04:00 New York)
    schedule.segments = schedule.segments.flatMap((s) => {
      if (s.member !== 'ana' || s.role !== 'secondary' || s.start !== '2026-06-15T14:00:00Z') return [s]
      return [
        { ...s, end: '2026-06-16T12:00:00Z' },
        { ...s, start: '2026-06-16T12:00:00Z', end: '2026-06-17T08:00:00Z', member: 'ben', kind: 'cover' as const },
        { ...s, start: '2026-06-17T08:00:00Z' }
      ]
    })
    const root = parseGfm(renderHandbook(away, schedule, { today, planFile: 'opsplan.yaml' }))
    const row = tableWithHeader(section(root, 'Vacation coverage'), 'Member', 'Leave', 'Reason', 'Who takes the shifts')?.[1]
    expect(row?.slice(1, 3)).toEqual(['Tue 2026-06-16 13:00 – Wed 2026-06-17 09:00 (Europe/London)', 'appointments'])
    expect(row?.[3]?.split('\n')).toEqual([
      'Primary: Dee Tue 2026-06-16 08:00 → Wed 2026-06-17 04:00',
      'Secondary: Ben covers Tue 2026-06-16 08:00 → Wed 2026-06-17 04:00'
    ])
  })
})
