import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { loadPlan } from '../../src/core/plan/load.js'
import { runRules } from '../../src/core/rules/engine.js'
import { buildSchedule } from '../../src/core/schedule/index.js'

// The TechFlow example: four engineers on three holiday calendars (New York, California, England),
// one at 80 %, monthly investor periods, leave and a swap. Whenever the team looks, the rota it
// sees should be fair in every way the rules judge, not only in load.
const text = readFileSync(new URL('../../examples/techflow/opsplan.yaml', import.meta.url), 'utf8')
const loaded = loadPlan(text, 'opsplan.yaml')

describe.each(['2026-01-05', '2026-06-01', '2026-11-23'])('the TechFlow rota seen on %s', (today) => {
  const plan = loaded.plan!
  const schedule = buildSchedule(plan, { today })
  const problems = runRules({ plan, schedule, today, file: 'opsplan.yaml', locate: loaded.locate })

  it('warns about nothing: load, holidays worked, investor shifts and rest are all within bounds', () => {
    expect(problems.map((p) => `${p.rule}: ${p.message}`)).toEqual([])
  })

  it('keeps everyone within a quarter shift of their fair load, and holidays and investor shifts within one of each other', () => {
    for (const row of schedule.fairness) expect(Math.abs(row.deviation)).toBeLessThanOrEqual(0.25)
    const spread = (field: 'holidays' | 'investor', members: string[]) => {
      const rows = schedule.fairness.filter((r) => members.includes(r.member))
      return Math.max(...rows.map((r) => r[field])) - Math.min(...rows.map((r) => r[field]))
    }
    // holiday days compare among those who keep the same holidays: ana and ben keep New York's
    expect(spread('holidays', ['ana', 'ben'])).toBeLessThanOrEqual(1)
    expect(spread('investor', ['ana', 'ben', 'chen', 'dee'])).toBeLessThanOrEqual(1)
  })

  it('covers a public holiday outside investor periods only with someone holding no role then', () => {
    const covers = schedule.segments.filter((s) => s.kind === 'cover' && /public holiday/.test(s.note ?? ''))
    for (const cover of covers) {
      const others = schedule.segments.filter((s) => s !== cover && s.member === cover.member && s.start < cover.end && s.end > cover.start)
      expect(others).toEqual([])
    }
  })
})
