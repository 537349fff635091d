// Typed plans for unit tests that should not depend on the YAML loader: a small, complete team and
// a way to change any part of it. Tests that exercise loading use YAML fixtures instead.
import type { Duration, Member, Pipeline, Plan, SourceLocation, Locator } from '../../src/core/types.js'

export function duration(text: string): Duration {
  const m = /^(\d+)([mhdw])$/.exec(text)
  if (!m) throw new Error(`bad duration in test: ${text}`)
  const per = { m: 1, h: 60, d: 1440, w: 10080 }[m[2] as 'm' | 'h' | 'd' | 'w']
  return { text, minutes: Number(m[1]) * per }
}

export function member(id: string, extra: Partial<Member> = {}): Member {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    github: `${id}-gh`,
    email: `${id}@example.com`,
    timezone: 'America/New_York',
    holidayCode: 'US-NY',
    capacity: 1,
    ...extra
  }
}

export function pipeline(id: string, primary: string, secondary: string, extra: Partial<Pipeline> = {}): Pipeline {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    purpose: `The ${id} numbers`,
    schedule: '0 2 * * *',
    criticality: 'high',
    investorFacing: false,
    owners: { primary, secondary },
    stakeholders: ['finance'],
    dependsOn: [],
    data: { sources: [`${id}-db.events`], types: [`${id} per day`], outputs: [`warehouse.${id}_daily`] },
    sla: { freshness: duration('24h'), resolution: duration('4h') },
    monitoring: [{ check: 'Row count vs 7-day average', alert: 'Page on-call primary when below 80%' }],
    runbook: [
      { issue: 'Kafka outage', symptom: 'No new events for 30 minutes', actions: ['Check broker health'], escalation: 'Platform team after 1 hour' },
      { issue: 'Spark OOM', symptom: 'Executor lost', actions: ['Raise executor memory', 'Rerun'], escalation: 'Secondary owner' }
    ],
    ...extra
  }
}

/** A four-person team, weekly shifts from Monday 2026-01-05, five pipelines; override anything. */
export function makePlan(overrides: Partial<Plan> = {}): Plan {
  const team = ['ana', 'ben', 'chen', 'dee'].map((id) => member(id))
  const base: Plan = {
    version: 1,
    organization: 'TechFlow Solutions',
    timezone: 'America/New_York',
    team,
    stakeholders: [
      { id: 'finance', name: 'Finance', contact: 'finance@example.com' },
      { id: 'investor-relations', name: 'Investor Relations', contact: 'ir@example.com' }
    ],
    pipelines: [
      pipeline('profit', 'ana', 'ben', { investorFacing: true, criticality: 'critical' }),
      pipeline('growth', 'ben', 'chen', { investorFacing: true }),
      pipeline('engagement', 'chen', 'dee', { investorFacing: true }),
      pipeline('executive-aggregate', 'dee', 'ana', { investorFacing: true, dependsOn: ['profit', 'growth', 'engagement'] }),
      pipeline('experiment-aggregate', 'ana', 'chen', { dependsOn: ['profit', 'growth'] })
    ],
    oncall: {
      start: '2026-01-05',
      shiftDays: 7,
      shift: duration('1w'),
      handoff: { hour: 10, minute: 0, text: '10:00' },
      horizonDays: 26 * 7,
      freezeDays: 14,
      rotations: [
        {
          id: 'main',
          name: 'Main',
          members: team.map((m) => m.id),
          roles: ['primary', 'secondary'],
          pipelines: ['profit', 'growth', 'engagement', 'executive-aggregate', 'experiment-aggregate']
        }
      ],
      weights: { weekday: 1, weekend: 1.5, holiday: 2, investor: 1.5, secondary: 0.5 },
      holidays: { company: 'US-NY', policy: 'avoid' },
      investorPeriods: { lastBusinessDays: 5 },
      fairness: { lookbackDays: 26 * 7 }
    },
    leave: [],
    swaps: [],
    escalation: [
      { level: 1, name: 'On-call engineer', contacts: ['oncall:primary'], after: duration('0m'), when: 'Any failed run' },
      { level: 2, name: 'Secondary and owner', contacts: ['oncall:secondary', 'owner:primary'], after: duration('30m'), when: 'Not acknowledged' },
      { level: 3, name: 'Engineering manager', contacts: ['finance'], after: duration('2h'), when: 'SLA at risk' }
    ],
    communication: [
      { cadence: 'daily', what: 'Review overnight runs', channel: '#data-oncall', who: ['oncall:primary'] },
      { cadence: 'weekly', what: 'Handoff review', channel: '#data-team', who: ['oncall:primary', 'oncall:secondary'] },
      { cadence: 'monthly', what: 'Investor report readiness', channel: '#data-team', who: ['investor-relations'] }
    ],
    kpis: [
      { area: 'reliability', name: 'On-time delivery', target: '>= 99% of runs meet the freshness SLA' },
      { area: 'data-quality', name: 'Failed checks', target: '< 1% of checks fail' },
      { area: 'team', name: 'Pages per shift', target: '<= 3 pages per week' }
    ],
    rules: {}
  }
  return { ...base, ...overrides }
}

/** A locator for typed plans that were never YAML: every path maps to line 1, column 1. */
export const nowhere: Locator = (): SourceLocation => ({ file: 'opsplan.yaml', line: 1, column: 1 })
