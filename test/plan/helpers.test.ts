// The small helpers other modules use, and the locator every problem's position comes from.
import { describe, expect, it } from '@jest/globals'
import { isRealDate } from '../../src/core/plan/dates.js'
import { parseDuration } from '../../src/core/plan/durations.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { fixture } from './fixtures.js'

describe('dates', () => {
  it('knows which days exist', () => {
    expect(isRealDate('2026-01-05')).toBe(true)
    expect(isRealDate('2028-02-29')).toBe(true)
    expect(isRealDate('2026-02-29')).toBe(false)
    expect(isRealDate('2026-02-30')).toBe(false)
    expect(isRealDate('2026-13-01')).toBe(false)
    expect(isRealDate('2026-1-5')).toBe(false)
  })
})

describe('durations', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(parseDuration('30m')).toEqual({ text: '30m', minutes: 30 })
    expect(parseDuration('4h')).toEqual({ text: '4h', minutes: 240 })
    expect(parseDuration('1d')).toEqual({ text: '1d', minutes: 1440 })
    expect(parseDuration('2w')).toEqual({ text: '2w', minutes: 20160 })
    expect(parseDuration('1.5h')).toBeUndefined()
    expect(parseDuration('10x')).toBeUndefined()
  })
})

describe('the locator a loaded plan carries', () => {
  const { locate, file } = loadPlan(fixture('plans', 'full.yaml'), 'opsplan.yaml')
  const lines = fixture('plans', 'full.yaml').split('\n')
  const textAt = (loc: { line: number; column: number }): string => (lines[loc.line - 1] ?? '').slice(loc.column - 1)

  it('points at values, or at keys when asked', () => {
    expect(file).toBe('opsplan.yaml')
    expect(textAt(locate(['pipelines', 0, 'owners', 'secondary']))).toBe('ben }')
    expect(textAt(locate(['pipelines', 0, 'owners', 'secondary'], { key: true }))).toBe('secondary: ben }')
    expect(textAt(locate(['leave', 0]))).toBe('member: ana')
    expect(textAt(locate(['rules', 'fairness.load'], { key: true }))).toMatch(/^fairness\.load:/)
  })

  it('falls back to the nearest part of a path that exists', () => {
    expect(locate(['pipelines', 1, 'sla', 'freshness'])).toEqual(locate(['pipelines', 1]))
    expect(locate(['pipelines', 9])).toEqual(locate(['pipelines']))
    expect(locate([])).toEqual({ file: 'opsplan.yaml', line: 1, column: 1 })
  })

  it('still answers for a file that could not be read', () => {
    expect(loadPlan('', 'empty.yaml').locate(['team', 0])).toEqual({ file: 'empty.yaml', line: 1, column: 1 })
  })
})
