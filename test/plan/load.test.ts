// Loading good plans: what a team writes, and the typed plan every other module reads.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadPlan } from '../../src/core/plan/load.js'
import { fixture, loadFixture, printed } from './fixtures.js'

describe('the minimal plan: three people, two pipelines, defaults everywhere', () => {
  const { plan, problems } = loadFixture('plans', 'minimal.yaml')

  it('loads without a problem', () => {
    expect(problems).toEqual([])
    expect(plan?.organization).toBe('Small Data Co')
  })

  it('gives members the plan timezone, the company holidays and a full load', () => {
    expect(plan?.team.map((m) => [m.id, m.timezone, m.holidays, m.holidayCode, m.capacity])).toEqual([
      ['ana', 'Europe/Berlin', undefined, 'DE-BE', 1],
      ['ben', 'Europe/Berlin', 'DE-BY', 'DE-BY', 1],
      ['chen', 'Europe/Berlin', undefined, 'DE-BE', 0.5]
    ])
  })

  it('gives pipelines medium criticality, not investor-facing, and empty lists', () => {
    expect(plan?.pipelines[0]).toEqual({
      id: 'orders', name: 'Orders', criticality: 'medium', investorFacing: false,
      owners: { primary: 'ana', secondary: 'ben' }, stakeholders: [], dependsOn: [], monitoring: [], runbook: []
    })
    expect(plan?.pipelines[1]?.dependsOn).toEqual(['orders'])
  })

  it('runs one weekly rotation "main" over the whole team, handing off at 10:00, with no investor periods (no pipeline is investor-facing)', () => {
    expect(plan?.oncall).toEqual({
      start: '2026-01-05',
      shiftDays: 7,
      shift: { text: '1w', minutes: 10080 },
      handoff: { hour: 10, minute: 0, text: '10:00' },
      horizonDays: 182,
      freezeDays: 14,
      rotations: [{ id: 'main', name: 'Main', members: ['ana', 'ben', 'chen'], roles: ['primary', 'secondary'], pipelines: ['orders', 'revenue'] }],
      weights: { weekday: 1, weekend: 1.5, holiday: 2, investor: 1.5, secondary: 0.5 },
      holidays: { company: 'DE-BE', policy: 'avoid' },
      investorPeriods: { none: true },
      fairness: { lookbackDays: 182 }
    })
  })

  it('leaves every optional list empty', () => {
    expect(plan && [plan.stakeholders, plan.leave, plan.swaps, plan.escalation, plan.communication, plan.kpis]).toEqual([[], [], [], [], [], []])
    expect(plan?.rules).toEqual({})
  })
})

describe('the full TechFlow-style plan', () => {
  const { plan, problems } = loadFixture('plans', 'full.yaml')

  it('loads without a problem', () => expect(problems).toEqual([]))

  it('turns dashed fields into camelCase and parses durations', () => {
    const profit = plan?.pipelines[0]
    expect(profit?.investorFacing).toBe(true)
    expect(profit?.sla).toEqual({ freshness: { text: '24h', minutes: 1440 }, resolution: { text: '4h', minutes: 240 } })
    expect(plan?.pipelines[2]?.dependsOn).toEqual(['profit', 'growth'])
    expect(plan?.escalation.map((e) => e.after.minutes)).toEqual([0, 30, 120])
    expect(plan?.oncall.fairness.lookbackDays).toBe(84)
  })

  it('merges the weights it sets over the defaults', () => {
    expect(plan?.oncall.weights).toEqual({ weekday: 1, weekend: 2, holiday: 2, investor: 1.5, secondary: 0.25 })
  })

  it('keeps the "Mon 10:00" handoff and explicit investor dates', () => {
    expect(plan?.oncall.handoff).toEqual({ hour: 10, minute: 0, text: 'Mon 10:00' })
    expect(plan?.oncall.investorPeriods).toEqual({ dates: [{ from: '2026-12-23', to: '2026-12-31', label: 'Q4 close' }] })
  })

  it('fills in rotation defaults per rotation', () => {
    expect(plan?.oncall.rotations[0]?.pipelines).toEqual(['profit', 'growth', 'executive-aggregate'])
    expect(plan?.oncall.rotations[1]).toEqual({ id: 'exec', name: 'Executive reporting', members: ['ana', 'dee'], roles: ['primary'], pipelines: ['executive-aggregate'] })
  })

  it('reads `off` as a word, in policies and rule severities alike', () => {
    expect(plan?.oncall.holidays.policy).toBe('off')
    expect(plan?.rules).toEqual({
      'fairness.load': { severity: 'warning', params: { 'max-deviation': 2 } },
      'coverage.rest': { severity: 'off', params: {} }
    })
  })
})

describe('YAML 1.2 reading', () => {
  it('keeps unquoted dates and times as strings', () => {
    const { plan } = loadFixture('plans', 'full.yaml')
    expect(plan?.oncall.start).toBe('2026-01-05')
    expect(plan?.leave[0]).toEqual({ member: 'ana', from: '2026-12-21', to: '2027-01-01', reason: 'vacation' })
    expect(plan?.team[2]?.joined).toBe('2026-02-02')
    const unquoted = fixture('plans', 'minimal.yaml').replace('start: 2026-01-05', 'start: 2026-01-05\n  handoff: 09:30')
    expect(loadPlan(unquoted, 'opsplan.yaml').plan?.oncall.handoff).toEqual({ hour: 9, minute: 30, text: '09:30' })
  })
})

describe('a swap in a plan with one rotation', () => {
  it('is filled in with that rotation', () => {
    const text = fixture('plans', 'minimal.yaml') + 'swaps:\n  - { role: primary, from: 2026-02-02, to: 2026-02-08, member: chen }\n'
    expect(loadPlan(text, 'opsplan.yaml').plan?.swaps).toEqual([{ rotation: 'main', role: 'primary', from: '2026-02-02', to: '2026-02-08', member: 'chen' }])
  })
})

describe('a plan with five independent mistakes', () => {
  it('reports all five, in file order', () => {
    const text = fixture('plans', 'minimal.yaml')
      .replace('timezone: Europe/Berlin', 'timezone: Europe/Berlim')
      .replace('    capacity: 0.5', '    capacity: 2')
      .replace('owners: { primary: ana, secondary: ben }', 'owners: { primary: ana, secondary: bem }')
      .replace('depends-on: [orders]', 'depends-on: [orders]\n    criticality: urgent')
      .replace('start: 2026-01-05', 'start: 2026-01-05\n  shift: 5w')
    const result = loadPlan(text, 'opsplan.yaml')
    expect(result.plan).toBeUndefined()
    expect(printed(result)).toEqual([
      "5:11 plan.value: timezone 'Europe/Berlim' is not an IANA time zone: did you mean 'Europe/Berlin'?",
      '15:15 plan.schema: team[2].capacity must be at most 1, not 2',
      "20:40 plan.reference: pipelines[0].owners.secondary 'bem' is not a team member (team: ana, ben, chen): did you mean 'ben'?",
      "25:18 plan.schema: pipelines[1].criticality must be one of critical, high, medium, low, not 'urgent'",
      '29:10 plan.value: oncall.shift 5w is out of range: it must be from 1d to 4w'
    ])
  })
})

describe('the TechFlow example a team starts from', () => {
  it('loads without a problem', () => {
    const text = readFileSync(join(process.cwd(), 'examples', 'techflow', 'opsplan.yaml'))
    const result = loadPlan(new Uint8Array(text), 'examples/techflow/opsplan.yaml')
    expect(result.problems).toEqual([])
    expect(result.plan?.team.length).toBeGreaterThan(0)
  })
})
