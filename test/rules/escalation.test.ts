import { describe, expect, it } from '@jest/globals'
import { duration, makePlan } from '../support/plan.js'
import { check } from './support.js'

const levels = makePlan().escalation

describe('escalation.levels', () => {
  it('holds for three increasing levels whose contacts all resolve', () => {
    expect(check('escalation.levels')).toEqual([])
  })

  it('asks for a third level', () => {
    const problems = check('escalation.levels', { plan: makePlan({ escalation: levels.slice(0, 2) }) })
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', path: 'escalation', message: expect.stringMatching(/^escalation has 2 levels, fewer than 3: add levels/) })
    ])
  })

  it('points at a level that does not wait longer than the one before', () => {
    const plan = makePlan({ escalation: [levels[0]!, { ...levels[1]!, after: duration('0m') }, levels[2]!] })
    const problems = check('escalation.levels', { plan })
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'escalation.1.after',
        message: "escalation[1] 'Secondary and owner': after 0m is not later than 0m of 'On-call engineer'; give each level a longer wait than the one before"
      })
    ])
  })

  it('points at level numbers out of order and at a contact that does not resolve', () => {
    const plan = makePlan({ escalation: [levels[0]!, levels[1]!, { ...levels[2]!, level: 2, contacts: ['finance', 'oncall:tertiary'] }] })
    const problems = check('escalation.levels', { plan })
    expect(problems.map((p) => p.path)).toEqual(['escalation.2.level', 'escalation.2.contacts.1'])
    expect(problems[1]?.message).toContain("contact 'oncall:tertiary' is neither a team member, a stakeholder nor one of oncall:primary")
  })
})
