import { describe, expect, it } from '@jest/globals'
import { RULE_CATALOGUE } from '../../src/core/rules/catalogue.js'
import { registeredRules, runRules, sortProblems } from '../../src/core/rules/engine.js'
import type { Locator, Problem } from '../../src/core/types.js'
import { makePlan, nowhere, pipeline } from '../support/plan.js'
import { check, weeklySchedule } from './support.js'

describe('the rule engine', () => {
  it('has a check behind every rule of the catalogue', () => {
    expect(registeredRules()).toEqual(RULE_CATALOGUE.map((r) => r.id).sort())
  })

  it('finds nothing wrong with the TechFlow plan and a plain round-robin rota', () => {
    const plan = makePlan()
    expect(runRules({ plan, locate: nowhere, file: 'opsplan.yaml', today: '2026-03-02', schedule: weeklySchedule(plan) })).toEqual([])
  })

  it('runs schedule rules only when a schedule is given', () => {
    // ana's leave overlaps the investor period; only a schedule rule would say so
    const plan = makePlan({ leave: [{ member: 'ana', from: '2026-03-26', to: '2026-03-27' }] })
    const schedule = { ...weeklySchedule(plan), investorPeriods: [{ from: '2026-03-25', to: '2026-03-31', label: 'March close' }] }
    expect(check('investor.owner-leave', { plan })).toEqual([])
    expect(check('investor.owner-leave', { plan, schedule })).toHaveLength(1)
  })

  it('turns a finding into a problem at the place the locator gives, with the rule default severity', () => {
    const plan = makePlan({ pipelines: [pipeline('profit', 'ana', 'ana'), ...makePlan().pipelines.slice(1)] })
    const locate: Locator = (path) => ({ file: 'plans/opsplan.yaml', line: 40 + path.length, column: 7 })
    const problems = runRules({ plan, locate, file: 'plans/opsplan.yaml', today: '2026-03-02' }).filter((p) => p.rule === 'ownership.distinct')
    expect(problems).toEqual([
      {
        severity: 'error',
        rule: 'ownership.distinct',
        message: "pipelines[0] profit: primary and secondary owner are both 'ana'; pick a different secondary owner",
        file: 'plans/opsplan.yaml',
        line: 43,
        column: 7
      }
    ])
  })

  describe('overrides under rules:', () => {
    const plan = makePlan({ pipelines: [pipeline('profit', 'ana', 'ana'), ...makePlan().pipelines.slice(1)] })

    it('turns a rule off', () => {
      expect(check('ownership.distinct', { plan: { ...plan, rules: { 'ownership.distinct': { severity: 'off', params: {} } } } })).toEqual([])
    })

    it('lowers an error to a warning', () => {
      const problems = check('ownership.distinct', { plan: { ...plan, rules: { 'ownership.distinct': { severity: 'warning', params: {} } } } })
      expect(problems.map((p) => p.severity)).toEqual(['warning'])
    })

    it('raises a warning to an error, over the finding’s own default', () => {
      const incomplete = makePlan({ pipelines: [...makePlan().pipelines.slice(0, 4), pipeline('experiment-aggregate', 'ana', 'chen', { purpose: '' })] })
      expect(check('runbook.complete', { plan: incomplete }).map((p) => p.severity)).toEqual(['warning'])
      const strict = { ...incomplete, rules: { 'runbook.complete': { severity: 'error' as const, params: {} } } }
      expect(check('runbook.complete', { plan: strict }).map((p) => p.severity)).toEqual(['error'])
    })

    it('passes a parameter to the rule', () => {
      const today = '2026-03-02'
      const base = makePlan()
      const head = makePlan({ leave: [{ member: 'ben', from: '2026-03-12', to: '2026-03-13' }] })
      const schedule = weeklySchedule(head)
      expect(check('leave.notice', { plan: head, base: { plan: base }, schedule, today })).toHaveLength(1)
      const relaxed = { ...head, rules: { 'leave.notice': { params: { 'min-days': 7 } } } }
      expect(check('leave.notice', { plan: relaxed, base: { plan: base }, schedule, today })).toEqual([])
    })
  })

  it('sorts problems by line, column, rule and message, whatever order they came in', () => {
    const problems: Problem[] = [
      { severity: 'warning', rule: 'sla.schedule', message: 'b', file: 'f', line: 9, column: 3 },
      { severity: 'error', rule: 'ownership.distinct', message: 'z', file: 'f', line: 9, column: 3 },
      { severity: 'error', rule: 'ownership.distinct', message: 'a', file: 'f', line: 9, column: 3 },
      { severity: 'error', rule: 'coverage.staffed', message: 'x', file: 'f', line: 2, column: 9 },
      { severity: 'error', rule: 'coverage.staffed', message: 'x', file: 'f', line: 2, column: 1 }
    ]
    const expected = [problems[4], problems[3], problems[2], problems[1], problems[0]]
    expect(sortProblems(problems)).toEqual(expected)
    expect(sortProblems([...problems].reverse())).toEqual(expected)
  })

  it('gives the same problems in the same order on every run', () => {
    const plan = makePlan({
      pipelines: makePlan().pipelines.map((p) => ({ ...p, owners: { primary: 'ana', secondary: 'ana' }, runbook: [] }))
    })
    const once = runRules({ plan, locate: nowhere, file: 'opsplan.yaml', today: '2026-03-02' })
    expect(once.length).toBeGreaterThan(5)
    expect(runRules({ plan, locate: nowhere, file: 'opsplan.yaml', today: '2026-03-02' })).toEqual(once)
  })
})
