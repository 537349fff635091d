import { describe, expect, it } from '@jest/globals'
import { CronExpressionParser } from 'cron-parser'
import { longestRunGap, sampledGap } from '../../src/core/rules/sla.js'
import { duration, makePlan } from '../support/plan.js'
import { check } from './support.js'

function withPipelines(change: Record<string, object>) {
  return makePlan({ pipelines: makePlan().pipelines.map((p) => ({ ...p, ...(change[p.id] ?? {}) })) })
}

describe('sla.dependencies', () => {
  it('holds when aggregates promise no fresher data than their inputs', () => {
    expect(check('sla.dependencies')).toEqual([])
  })

  it('warns when the executive aggregate promises 4h while profit only delivers every 24h', () => {
    const plan = withPipelines({ 'executive-aggregate': { sla: { freshness: duration('4h'), resolution: duration('4h') } } })
    const problems = check('sla.dependencies', { plan })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ severity: 'warning', path: 'pipelines.3.sla.freshness' })
    expect(problems[0]?.message).toBe(
      'pipelines[3] executive-aggregate: freshness SLA 4h is stricter than that of engagement (24h), growth (24h) and profit (24h), which it depends on; ' +
        "it cannot be fresher than its inputs: relax it to at least 24h or tighten the inputs' SLAs"
    )
  })

  it('follows dependencies through other pipelines', () => {
    const plan = withPipelines({
      profit: { sla: { freshness: duration('2d') } },
      growth: { sla: { freshness: duration('1d') } },
      'executive-aggregate': { dependsOn: ['growth'] }
    })
    const grown = { ...plan, pipelines: plan.pipelines.map((p) => (p.id === 'growth' ? { ...p, dependsOn: ['profit'] } : p)) }
    const messages = check('sla.dependencies', { plan: grown }).map((p) => p.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('pipelines[1] growth: freshness SLA 1d is stricter than that of profit (2d)'),
        expect.stringContaining('pipelines[3] executive-aggregate: freshness SLA 24h is stricter than that of profit (2d, via growth)')
      ])
    )
  })

  it('does not loop on a dependency cycle', () => {
    const plan = withPipelines({ profit: { dependsOn: ['growth'] }, growth: { dependsOn: ['profit'] } })
    expect(check('sla.dependencies', { plan })).toEqual([])
  })
})

describe('sla.schedule', () => {
  it('holds for a daily run with a 24h SLA, across daylight-saving changes', () => {
    expect(check('sla.schedule', { today: '2026-03-01' })).toEqual([])
    expect(check('sla.schedule', { today: '2026-10-30' })).toEqual([])
  })

  it('warns when a weekday-only pipeline promises 24h but waits over the weekend', () => {
    const plan = withPipelines({ growth: { schedule: '0 6 * * 1-5' } })
    const problems = check('sla.schedule', { plan })
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'pipelines.1.sla.freshness',
        message:
          "pipelines[1] growth: freshness SLA 24h is shorter than the 3d between runs of '0 6 * * 1-5'; " +
          'data will be older than promised before the next run: relax the SLA to at least 3d or run the pipeline more often'
      })
    ])
  })

  it('measures the longest gap between runs from a date given, not the clock', () => {
    const from = Date.UTC(2026, 0, 1)
    expect(longestRunGap('0 2 * * *', from)).toBe(24 * 60)
    expect(longestRunGap('0 */6 * * *', from)).toBe(6 * 60)
    expect(longestRunGap('0 0 1 * *', from)).toBe(31 * 24 * 60)
    expect(longestRunGap('not a cron', from)).toBeUndefined()
  })

  it.each([
    '0 2 * * *', '*/15 8-17 * * 1-5', '0 6 * * MON-FRI', '30 1 1,15 * *', '0 0 1 */3 *', '0 12 13 * 5', '0 0 * * 0',
    '0 3 L * *', '0 4 * * 1#2', '0 0 29 2 *', '0 9 ? * WED'
  ])('reads the same longest gap from the fields as from cron-parser runs: %s', (cron) => {
    const from = Date.UTC(2026, 10, 20)
    expect(longestRunGap(cron, from)).toBe(sampledGap(CronExpressionParser.parse(cron, { currentDate: from, tz: 'UTC' }), from))
  })
})
