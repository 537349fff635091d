import { describe, expect, it } from '@jest/globals'
import type { Plan, Schedule } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'
import { check, cover, weeklySchedule } from './support.js'

// Week 11 (2026-03-23..03-30) is dee/ana, week 12 ana/ben; March close runs 03-25..03-31.
const today = '2026-03-02'
const marchClose = { from: '2026-03-25', to: '2026-03-31', label: 'March close' }

function withPeriods(plan: Plan, schedule: Schedule = weeklySchedule(plan)): Schedule {
  return { ...schedule, investorPeriods: [{ from: '2026-02-24', to: '2026-02-28', label: 'February close' }, marchClose] }
}

describe('investor.presence', () => {
  it('holds when every shift in the period stays with one member', () => {
    const plan = makePlan()
    expect(check('investor.presence', { plan, schedule: withPeriods(plan), today })).toEqual([])
  })

  it('flags a cover inside the period and points at the leave behind it', () => {
    const plan = makePlan({ leave: [{ member: 'dee', from: '2026-03-26', to: '2026-03-27' }] })
    const schedule = withPeriods(plan, cover(weeklySchedule(plan), plan, 'primary', 11, '2026-03-26', '2026-03-28', 'ben'))
    expect(check('investor.presence', { plan, schedule, today })).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'leave.0',
        message: expect.stringMatching(
          /^2026-03-25\.\.2026-03-30: main primary changes hands \(dee, ben\) inside the shift starting 2026-03-23, during investor period 'March close' 2026-03-25\.\.2026-03-31; keep one member/
        )
      })
    ])
  })

  it('allows a cover in the same shift outside the period', () => {
    const plan = makePlan()
    const schedule = withPeriods(plan, cover(weeklySchedule(plan), plan, 'primary', 11, '2026-03-24', '2026-03-25', 'ben'))
    expect(check('investor.presence', { plan, schedule, today })).toEqual([])
  })
})

describe('investor.owner-leave', () => {
  it('holds when owners take leave outside investor periods', () => {
    const plan = makePlan({ leave: [{ member: 'ana', from: '2026-04-06', to: '2026-04-10' }] })
    expect(check('investor.owner-leave', { plan, schedule: withPeriods(plan), today })).toEqual([])
  })

  it('warns at the leave entry when the owner of profit is away during the March close', () => {
    const plan = makePlan({ leave: [{ member: 'ana', from: '2026-03-20', to: '2026-03-27', reason: 'vacation' }] })
    expect(check('investor.owner-leave', { plan, schedule: withPeriods(plan), today })).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'leave.0',
        message:
          "ana is on leave 2026-03-20..2026-03-27 (vacation) during investor period 'March close' 2026-03-25..2026-03-31 (2026-03-25..2026-03-27), " +
          'while primary owner of investor-facing profit, on standby then: move the leave, or agree that ben stands in as owner'
      })
    ])
  })

  it('leaves past investor periods alone', () => {
    const plan = makePlan({ leave: [{ member: 'ana', from: '2026-02-24', to: '2026-02-25' }] })
    expect(check('investor.owner-leave', { plan, schedule: withPeriods(plan), today })).toEqual([])
  })
})
