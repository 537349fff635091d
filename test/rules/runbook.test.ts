import { describe, expect, it } from '@jest/globals'
import { makePlan } from '../support/plan.js'
import { check } from './support.js'

function withPipeline(index: number, change: (p: ReturnType<typeof makePlan>['pipelines'][number]) => object) {
  const plan = makePlan()
  return makePlan({ pipelines: plan.pipelines.map((p, i) => (i === index ? { ...p, ...change(p) } : p)) })
}

describe('runbook.complete', () => {
  it('holds when every pipeline has details, data, SLA, monitoring and two complete issues', () => {
    expect(check('runbook.complete')).toEqual([])
  })

  it('is an error for an investor-facing pipeline and lists everything missing in one problem', () => {
    const plan = withPipeline(0, (p) => ({
      purpose: undefined,
      sla: { freshness: p.sla?.freshness },
      runbook: [{ issue: 'Kafka outage', symptom: 'No events', actions: [], escalation: undefined }]
    }))
    const problems = check('runbook.complete', { plan })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ severity: 'error', path: 'pipelines.0.purpose' })
    expect(problems[0]?.message).toBe(
      "pipelines[0] profit (investor-facing): runbook is incomplete, missing purpose, sla.resolution, runbook[0] 'Kafka outage' actions, " +
        "runbook[0] 'Kafka outage' escalation and 1 more runbook issue (has 1 of 2); fill them in so whoever is on call can act without its owners"
    )
  })

  it('is a warning for other pipelines: no monitoring, no data outputs', () => {
    const plan = withPipeline(4, (p) => ({ monitoring: [], data: { ...p.data, outputs: [] } }))
    const problems = check('runbook.complete', { plan })
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'pipelines.4.data.outputs',
        message: expect.stringContaining('pipelines[4] experiment-aggregate: runbook is incomplete, missing data.outputs and a monitoring check')
      })
    ])
  })
})
