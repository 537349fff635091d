import { describe, expect, it } from '@jest/globals'
import { firstDifference, renderFixedPoint, runBytes, scheduleFixedPoint, scheduleRulesOnly } from '../../bench/fixed-point.js'
import { renderFiles } from '../../src/core/render-files.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import { updateLock } from '../../src/core/schedule/lock.js'
import type { Plan } from '../../src/core/types.js'
import { planToYaml } from '../../bench/oracle/random-plans.js'
import { makePlan } from '../support/plan.js'

// Four people, weekly shifts from Monday 2026-01-05, four weeks published.
function fourWeeks(overrides: Partial<Plan> = {}): Plan {
  const base = makePlan()
  return makePlan({ ...overrides, oncall: { ...base.oncall, horizonDays: 28 } })
}

describe('comparing two runs byte for byte', () => {
  const plan = fourWeeks()
  const schedule = buildSchedule(plan, { today: '2026-01-05' })
  const bytes = runBytes(schedule, updateLock(schedule, undefined, '2026-01-05'))

  it('finds no difference between a run and itself', () => {
    expect(firstDifference(bytes, { ...bytes })).toBeUndefined()
  })

  it('names the first segment that differs and each of its fields that changed', () => {
    const segments = schedule.segments.map((s) => ({ ...s }))
    const third = segments[2]!
    const other = plan.team.map((m) => m.id).find((id) => id !== third.member)!
    segments[2] = { ...third, member: other, note: 'covers someone' }
    const changed = { ...bytes, segments: JSON.stringify(segments) }
    expect(firstDifference(bytes, changed)).toBe(
      `segment 3 (${third.rotation} ${third.role} ${third.start}..${third.end}): member "${third.member}" → "${other}", note unset → "covers someone"`
    )
  })

  it('names the first line of the lock that differs when the segments agree', () => {
    const lock = bytes.lock.replace('"sequence": 0', '"sequence": 1')
    expect(firstDifference(bytes, { ...bytes, lock })).toMatch(/^lock line \d+: "sequence": 0, became "sequence": 1,$/)
  })
})

describe('planning again from the lock just written', () => {
  it('reads the lock back from its bytes and tells a first run that the second does not reproduce', () => {
    const plan = fourWeeks()
    const first = buildSchedule(plan, { today: '2026-01-05' })
    // a note is not in the lock: the second run cannot bring it back
    const altered = { ...first, segments: first.segments.map((s, i) => (i === 0 ? { ...s, note: 'written by hand' } : s)) }
    const result = scheduleFixedPoint(plan, '2026-01-05', altered)
    expect(result.identical).toBe(false)
    expect(result.difference).toMatch(/^segment 1 .*note "written by hand" → /)
    expect(result.lock.segments).toHaveLength(first.segments.length)
  })
})

describe('rendering twice', () => {
  it('compares nothing when the plan has an error, and renders once the rules that ignore the rota are off', () => {
    // the plan file written from a typed plan has no runbooks and no escalation: errors of rules
    // that say nothing about the rota
    const plan = fourWeeks()
    const text = planToYaml(plan)
    expect(renderFiles({ plan: { text, file: 'opsplan.yaml' }, today: '2026-01-05' }).files).toEqual({})
    expect(renderFixedPoint(plan, '2026-01-05')).toEqual({ rendered: false, identical: true, differing: [] })
    const files = renderFixedPoint(scheduleRulesOnly(plan), '2026-01-05')
    expect(files.rendered).toBe(true)
    expect(files.differing.every((name) => name === 'HANDBOOK.md' || name === 'opsplan.lock.json' || name.startsWith('calendars/'))).toBe(true)
    expect(files.identical).toBe(files.differing.length === 0)
  })

  it('turns off exactly the rules that do not read the schedule', () => {
    const rules = scheduleRulesOnly(fourWeeks()).rules
    expect(Object.keys(rules).sort()).toEqual([
      'escalation.levels', 'ownership.backup', 'ownership.balance', 'ownership.distinct', 'runbook.complete', 'sla.dependencies', 'sla.schedule'
    ])
    expect(Object.values(rules).every((r) => r.severity === 'off')).toBe(true)
  })
})
