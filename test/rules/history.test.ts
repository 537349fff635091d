import { describe, expect, it } from '@jest/globals'
import type { Lock, Schedule } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'
import { check, reassign, weeklySchedule } from './support.js'

// Today is 2026-03-02; weeks 0..7 are history. Week 3 (2026-01-26..02-02) was dee/ana.
const today = '2026-03-02'

function lockOf(schedule: Schedule): Lock {
  return {
    notice: 'generated from opsplan.yaml',
    version: 1,
    timezone: 'America/New_York',
    segments: schedule.segments.map(({ rotation, role, member, start, end }) => ({ rotation, role, member, start, end, sequence: 0, stamp: '2026-01-05T00:00:00Z' }))
  }
}

describe('history.frozen', () => {
  const plan = makePlan()
  const recorded = weeklySchedule(plan)
  const lock = lockOf(recorded)

  it('holds when the past matches the schedule of record and only the future moves', () => {
    expect(check('history.frozen', { plan, schedule: recorded, lock, today })).toEqual([])
    expect(check('history.frozen', { plan, schedule: reassign(recorded, 'primary', 12, 'chen'), lock, today })).toEqual([])
  })

  it('reports a past shift that changed hands', () => {
    const schedule = reassign(recorded, 'primary', 3, 'chen')
    expect(check('history.frozen', { plan, schedule, lock, today })).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'oncall',
        message:
          'main primary 2026-01-26 10:00..2026-02-02 10:00 was dee, now chen (compared with the schedule of record); ' +
          'past shifts cannot change: undo the change that rewrites them'
      })
    ])
  })

  it("compares with the base plan's schedule when there is no lock, and points at the new past leave", () => {
    const head = makePlan({ leave: [{ member: 'dee', from: '2026-01-27', to: '2026-01-28' }] })
    const schedule = reassign(recorded, 'primary', 3, 'chen')
    const problems = check('history.frozen', { plan: head, schedule, base: { plan, schedule: recorded }, today })
    expect(problems.map((p) => p.path)).toEqual(['leave.0', 'leave.0'])
    expect(problems.map((p) => p.message)).toEqual([
      "dee's new leave 2026-01-27..2026-01-28 reaches into the past, when dee was on call (main primary 2026-01-26 10:00..2026-02-02 10:00); " +
        'the past cannot change: start the leave today or later',
      expect.stringContaining("was dee, now chen (compared with the base plan's schedule)")
    ])
  })

  it('reports a new swap dated in the past that contradicts who was on call', () => {
    const head = makePlan({ swaps: [{ rotation: 'main', role: 'primary', from: '2026-01-26', to: '2026-02-01', member: 'chen' }] })
    expect(check('history.frozen', { plan: head, schedule: recorded, base: { plan }, lock, today })).toEqual([
      expect.objectContaining({
        path: 'swaps.0',
        message: 'new swap 2026-01-26..2026-02-01 (main primary to chen) reaches into the past, 2026-01-26..2026-02-01, when dee held it; the past cannot change: start the swap today or later'
      })
    ])
  })

  it('lists at most ten rewritten past segments and counts the rest', () => {
    const team = ['ana', 'ben', 'chen', 'dee']
    // chen and dee took every shift of weeks 0..7; the record has them on weeks 2 and 6 only
    const rewritten = weeklySchedule(plan, { rota: (w) => (w < 8 ? ['chen', 'dee'] : [team[w % 4]!, team[(w + 1) % 4]!]) })
    const problems = check('history.frozen', { plan, schedule: rewritten, lock, today: '2026-03-10' })
    expect(problems).toHaveLength(11)
    expect(problems.filter((p) => p.message.startsWith('2 more past segments differ from the schedule of record'))).toHaveLength(1)
  })

  it('accepts new leave in the past on days its member was not on call', () => {
    const head = makePlan({ leave: [{ member: 'ben', from: '2026-02-17', to: '2026-02-20' }] })
    expect(check('history.frozen', { plan: head, schedule: recorded, base: { plan }, lock, today })).toEqual([])
  })
})
