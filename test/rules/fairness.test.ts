import { describe, expect, it } from '@jest/globals'
import type { FairnessRow } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'
import { check, weeklySchedule } from './support.js'

function row(member: string, deviation: number, holidays = 1, investor = 2): FairnessRow {
  return { member, load: 12 + deviation * 2, target: 12, deviation, rotations: { main: 12 + deviation * 2 }, shifts: 6, holidays, investor }
}

function withRows(rows: FairnessRow[], rules = {}) {
  const plan = makePlan({ rules })
  return { plan, schedule: { ...weeklySchedule(plan), fairness: rows } }
}

describe('fairness.load', () => {
  it('holds when everyone is within one shift of their target', () => {
    expect(check('fairness.load', withRows([row('ana', 0.9), row('ben', -0.4), row('chen', -1), row('dee', 0.5)]))).toEqual([])
  })

  it('names who is over and who is under, with load, target and deviation', () => {
    const problems = check('fairness.load', withRows([row('ana', 1.25), row('ben', -0.5), row('chen', -1.2), row('dee', 0.45)]))
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'team.0',
        message: "ana's load is 14.50 against a fair share of 12.00: a deviation of +1.25 shifts, beyond ±1: give one of ana's shifts to chen (chen at -1.20), e.g. add under swaps: { role: primary, from: \"2026-01-05T10:00\", to: \"2026-01-12T10:00\", member: chen }"
      }),
      expect.objectContaining({
        path: 'team.2',
        message: "chen's load is 9.60 against a fair share of 12.00: a deviation of -1.20 shifts, beyond ±1: give chen one of ana's shifts (ana at +1.25), e.g. add under swaps: { role: primary, from: \"2026-01-05T10:00\", to: \"2026-01-12T10:00\", member: chen }"
      })
    ])
  })

  it('takes max-deviation from the plan', () => {
    const rows = [row('ana', 1.25), row('ben', -0.5), row('chen', -1.2), row('dee', 0.45)]
    expect(check('fairness.load', withRows(rows, { 'fairness.load': { params: { 'max-deviation': 1.5 } } }))).toEqual([])
  })
})

describe('fairness.holidays and fairness.investor', () => {
  it('hold when counts differ by at most one', () => {
    const input = withRows([row('ana', 0, 1, 2), row('ben', 0, 0, 3), row('chen', 0, 1, 2), row('dee', 0, 0, 2)])
    expect(check('fairness.holidays', input)).toEqual([])
    expect(check('fairness.investor', input)).toEqual([])
  })

  it('warn when one member works every holiday', () => {
    const input = withRows([row('ana', 0, 3, 2), row('ben', 0, 0, 2), row('chen', 0, 1, 4), row('dee', 0, 1, 2)])
    expect(check('fairness.holidays', input)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'oncall.rotations.0',
        message: "holiday days on call in main range from 0 (ben) to 3 (ana), a spread of 3, more than 1: give one of ana's to ben with a swap (the next one: { role: primary, from: \"2026-01-05T10:00\", to: \"2026-01-12T10:00\", member: ben })"
      })
    ])
    expect(check('fairness.investor', input)).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'oncall.investor-periods', message: expect.stringContaining('investor-period shifts in main range from 2 (ana) to 4 (chen)') })
    ])
  })
})
