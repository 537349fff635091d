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
    const row = tableWithHeader(root, 'Member', 'Leave', 'Reason', 'Who covers')?.[1]
    expect(row?.[3]).toBe(
      'Mon 06-15 → Mon 06-22: primary Dee; secondary nobody Tue 06-16 00:00 → Wed 06-17 00:00 (1 of 4 members on leave; nobody else free)'
    )
  })
})
