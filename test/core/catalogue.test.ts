import { describe, expect, it } from '@jest/globals'
import { RULE_CATALOGUE, effectiveRule } from '../../src/core/rules/catalogue.js'
import { makePlan } from '../support/plan.js'

describe('the rule catalogue', () => {
  it('lists each rule of SPEC section 4 once', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(18)
  })

  it('lets a plan raise fairness.load to an error with a wider deviation', () => {
    const plan = makePlan({ rules: { 'fairness.load': { severity: 'warning', params: { 'max-deviation': 2 } } } })
    expect(effectiveRule(plan, 'fairness.load')).toEqual({ severity: 'warning', params: { 'max-deviation': 2 } })
    expect(effectiveRule(plan, 'coverage.rest')).toEqual({ severity: undefined, params: { 'min-gap': 1 } })
  })
})
