import { describe, expect, it } from '@jest/globals'
import { RULE_CATALOGUE, effectiveRule, paramText } from '../../src/core/rules/catalogue.js'
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
    expect(effectiveRule(plan, 'coverage.rest')).toEqual({ severity: undefined, params: { 'max-run': 10080, 'min-gap': 1 } })
  })

  it('shows a duration parameter as a plan writes it, and other parameters as numbers', () => {
    expect(paramText('coverage.rest', 'max-run', 10080)).toBe('1w')
    expect(paramText('coverage.rest', 'max-run', 3 * 1440)).toBe('3d')
    expect(paramText('coverage.rest', 'max-run', 36 * 60)).toBe('36h')
    expect(paramText('coverage.rest', 'max-run', 90)).toBe('90m')
    expect(paramText('coverage.rest', 'min-gap', 1)).toBe('1')
    expect(paramText('fairness.load', 'max-deviation', 1.5)).toBe('1.5')
  })
})
