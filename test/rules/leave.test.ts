import { describe, expect, it } from '@jest/globals'
import type { Leave } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'
import { check, weeklySchedule } from './support.js'

const today = '2026-03-02'

function planWith(leave: Leave[]) {
  const plan = makePlan({ leave })
  return { plan, schedule: weeklySchedule(plan), today }
}

describe('leave.notice', () => {
  const base = makePlan({ leave: [{ member: 'chen', from: '2026-03-04', to: '2026-03-05' }] })

  it('holds for new leave two weeks out and for leave the base plan already had', () => {
    const input = planWith([...base.leave, { member: 'ben', from: '2026-03-16', to: '2026-03-20' }])
    expect(check('leave.notice', { ...input, base: { plan: base } })).toEqual([])
  })

  it('warns about new leave at short notice, at its entry', () => {
    const input = planWith([...base.leave, { member: 'ben', from: '2026-03-12', to: '2026-03-13' }])
    expect(check('leave.notice', { ...input, base: { plan: base } })).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'leave.1',
        message:
          "ben's new leave 2026-03-12..2026-03-13 starts in 10 days, less than the 14 days' notice the team asks for: " +
          'agree the covers with the members mentioned in this review, or move the leave later'
      })
    ])
  })

  it('says when new leave has already started', () => {
    const input = planWith([{ member: 'dee', from: '2026-02-27', to: '2026-03-03' }])
    expect(check('leave.notice', { ...input, base: { plan: makePlan() } })[0]?.message).toContain('started 3 days ago')
  })

  it('without a base plan, no leave is new', () => {
    expect(check('leave.notice', planWith([{ member: 'ben', from: '2026-03-03', to: '2026-03-04' }]))).toEqual([])
  })
})

describe('leave.concurrent', () => {
  it('holds when leave does not overlap', () => {
    const input = planWith([
      { member: 'ana', from: '2026-03-10', to: '2026-03-14' },
      { member: 'ben', from: '2026-03-15', to: '2026-03-20' }
    ])
    expect(check('leave.concurrent', input)).toEqual([])
  })

  it('reports each stretch with two members away, at the entry that made it overlap', () => {
    const input = planWith([
      { member: 'ana', from: '2026-03-10', to: '2026-03-14' },
      { member: 'ben', from: '2026-03-12', to: '2026-03-20' },
      { member: 'chen', from: '2026-04-01', to: '2026-04-02' },
      { member: 'dee', from: '2026-04-02', to: '2026-04-03' }
    ])
    expect(check('leave.concurrent', input)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'leave.1',
        message: '2026-03-12..2026-03-14: 2 members of main on leave at once (ana, ben), more than 1: move one of the leaves, or confirm in this review that the rest of the rotation can cover'
      }),
      expect.objectContaining({ path: 'leave.3', message: expect.stringMatching(/^2026-04-02: 2 members of main on leave at once \(chen, dee\)/) })
    ])
  })

  it('takes max from the plan and ignores overlaps in the past', () => {
    const leave = [
      { member: 'ana', from: '2026-02-10', to: '2026-02-14' },
      { member: 'ben', from: '2026-02-12', to: '2026-02-20' }
    ]
    expect(check('leave.concurrent', planWith(leave))).toEqual([])
    const input = planWith([
      { member: 'ana', from: '2026-03-10', to: '2026-03-14' },
      { member: 'ben', from: '2026-03-12', to: '2026-03-20' }
    ])
    const relaxed = { ...input, plan: { ...input.plan, rules: { 'leave.concurrent': { params: { max: 2 } } } } }
    expect(check('leave.concurrent', relaxed)).toEqual([])
  })
})
