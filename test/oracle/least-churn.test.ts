// (d) The least churn a leave forces while fairness.load holds. On the bench's ten-member team with a
// hub in four daily rotations, a 5-day leave of the hub forces four shift-roles by its dates; the
// oracle says how many any schedule keeping the rule must change, and opsplan's own re-plan, which
// keeps the rule, lies inside the oracle's model: it can change no fewer.
import { describe, expect, it } from '@jest/globals'
import { calendarFor, churnLeave, churnOf } from '../../bench/churn.js'
import { leastChurn } from '../../bench/oracle/least-churn.js'
import { syntheticPlan } from '../../bench/synthetic.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import { parseLock, serializeLock, updateLock } from '../../src/core/schedule/lock.js'

describe('the least churn a new leave forces on a hub in four daily rotations', () => {
  const { plan, today } = syntheticPlan(10, 'daily', undefined, 'hub')
  const first = buildSchedule(plan, { today })
  const lock = parseLock(serializeLock(updateLock(first, undefined, today)), 'opsplan.lock.json').lock
  const leave = churnLeave(plan, first, today)
  const withLeave = { ...plan, leave: [...plan.leave, leave] }
  const again = buildSchedule(withLeave, { today, lock })
  const churn = churnOf(first.segments, again.segments, calendarFor(withLeave, again), first.shifts)

  it('is at least what the dates force and at most what opsplan changed, which keeps the rule', async () => {
    const least = await leastChurn(withLeave, today, first.segments, { timeLimitSeconds: 60 })
    expect(least.status).toBe('optimal')
    expect(Math.max(...again.fairness.map((r) => Math.abs(r.deviation)))).toBeLessThanOrEqual(1)
    expect(least.bound).toBeGreaterThanOrEqual(churn.forced)
    expect(least.bound).toBeLessThanOrEqual(churn.changed)
    // its witness keeps the rule too
    expect(least.maxDeviation).toBeLessThanOrEqual(1)
  }, 180_000)
})
