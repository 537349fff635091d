// Mistakes a member makes while editing a working plan, and the one line each gets back.
import { describe, expect, it } from '@jest/globals'
import { loadPlan } from '../../src/core/plan/load.js'
import { fixture, printed } from './fixtures.js'

const minimal = fixture('plans', 'minimal.yaml')
const full = fixture('plans', 'full.yaml')

let edited = ''

/** The problems of a plan after one edit, as `opsplan validate` prints them. */
function after(base: string, from: string, to: string): string[] {
  expect(base).toContain(from)
  edited = base.replace(from, to)
  return printed(loadPlan(edited, 'opsplan.yaml'))
}

function appended(base: string, extra: string): string[] {
  edited = base + extra
  return printed(loadPlan(edited, 'opsplan.yaml'))
}

/** `line:col` of the first occurrence of `needle` in the last edited plan, counted independently. */
function at(needle: string): string {
  const offset = edited.indexOf(needle)
  expect(offset).toBeGreaterThanOrEqual(0)
  const before = edited.slice(0, offset).split('\n')
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`
}

describe('references between pipelines', () => {
  it('finds a dependency cycle once, at the first pipeline in it', () => {
    expect(after(minimal, '    owners: { primary: ana, secondary: ben }\n', '    owners: { primary: ana, secondary: ben }\n    depends-on: [revenue]\n')).toEqual([
      `${at('[revenue]')} plan.reference: pipelines orders → revenue → orders depend on each other in a cycle: remove one of these depends-on entries`
    ])
  })

  it('refuses a pipeline that depends on itself', () => {
    expect(after(minimal, 'depends-on: [orders]', 'depends-on: [revenue]')).toEqual([
      `${at('revenue]')} plan.reference: pipelines[1].depends-on[0]: pipeline 'revenue' cannot depend on itself`
    ])
  })

  it('names the stakeholders that exist', () => {
    expect(after(full, 'stakeholders: [finance, investor-relations]', 'stakeholders: [finance, investors]')).toEqual([
      `${at('investors]')} plan.reference: pipelines[0].stakeholders[1] 'investors' is not a stakeholder (stakeholders: finance, investor-relations)`
    ])
  })

  it('keeps member and stakeholder ids apart', () => {
    expect(after(full, '  - id: finance\n', '  - id: dee\n')[0]).toBe(
      `${at('dee\n    name: Finance')} plan.reference: stakeholders[0].id 'dee' is also a team member's id: references could not tell them apart, so rename one of them`)
  })
})

describe('rotations and swaps', () => {
  it('asks which rotation a swap is in when there are two', () => {
    expect(after(full, '  - rotation: data-platform\n    role: primary\n', '  - role: primary\n')).toEqual([
      `${at('role: primary\n    from: 2027')} plan.reference: swaps[0] must name its rotation: the plan has 2 (data-platform, exec)`
    ])
  })

  it("checks the swap's role and member against its rotation", () => {
    expect(after(full, '  - rotation: data-platform\n    role: primary\n', '  - rotation: exec\n    role: secondary\n')).toEqual([
      `${at('secondary\n    from: 2027')} plan.reference: swaps[0].role 'secondary' is not a role of rotation 'exec' (roles: primary)`,
      `${at('chen\n    reason: swap')} plan.reference: swaps[0].member 'chen' is not in rotation 'exec' (members: ana, dee): add them to the rotation or pick one of its members`
    ])
  })

  it('checks rotation members and pipelines', () => {
    expect(after(full, 'members: [ana, dee]', 'members: [ana, dea]')).toEqual([
      `${at('dea]')} plan.reference: oncall.rotations[1].members[1] 'dea' is not a team member (team: ana, ben, chen, dee): did you mean 'dee'?`
    ])
  })

  it('wants the handoff weekday to be the start weekday', () => {
    expect(after(full, 'handoff: "Mon 10:00"', 'handoff: "Tue 10:00"')).toEqual([
      `${at('"Tue 10:00"')} plan.value: oncall.handoff names Tue, but shifts start on oncall.start 2026-01-05, a Mon: write "Mon 10:00" or just "10:00", or move the start to a Tue`
    ])
  })

  it('keeps shifts to whole days from 1d to 4w', () => {
    expect(after(full, 'shift: 1w', 'shift: 36h')).toEqual([`${at('36h')} plan.value: oncall.shift 36h is not a whole number of days: use d or w, from 1d to 4w`])
  })

  it('takes investor periods as last business days or dates, not both', () => {
    expect(after(full, '  investor-periods:\n', '  investor-periods:\n    last-business-days: 5\n')).toEqual([
      `${at('last-business-days: 5')} plan.value: oncall.investor-periods sets both last-business-days and dates: keep one of them`
    ])
  })
})

describe('people', () => {
  it("keeps the id 'team' for the whole team's calendar feed", () => {
    const problems = after(minimal, '  - id: chen\n', '  - id: team\n')
    expect(problems).toContain(
      `${at('team\n')} plan.value: team[2].id 'team' is reserved: calendars/team.ics is the whole team's feed, so give this member another id`
    )
  })

  it('checks that a member joins before they leave', () => {
    expect(after(full, '    joined: 2026-02-02\n', '    joined: 2026-02-02\n    left: 2026-01-31\n')).toEqual([
      `${at('2026-01-31')} plan.value: team[2]: joined 2026-02-02 is after left 2026-01-31: the left date must be on or after the joined date (both are inclusive)`
    ])
  })

  it('lists the contacts an escalation may name', () => {
    expect(after(full, 'contacts: [finance, dee]', 'contacts: [finance, oncall:primray]')).toEqual([
      `${at('oncall:primray')} plan.reference: escalation[2].contacts[1] 'oncall:primray' is not a member id, a stakeholder id or one of oncall:primary, oncall:secondary, owner:primary, owner:secondary: did you mean 'oncall:primary'?`
    ])
  })

  it('checks the company holiday calendar', () => {
    expect(after(full, 'company: US-NY', 'company: USA')).toEqual([
      `${at('USA')} plan.value: oncall.holidays.company 'USA' is not a date-holidays code: there is no country 'USA': did you mean 'US'?`
    ])
  })

  it('asks for five cron fields', () => {
    expect(after(full, '"30 3 * * *"', '"0 30 3 * * *"')).toEqual([
      `${at('"0 30 3')} plan.value: pipelines[1].schedule '0 30 3 * * *' must be a cron expression of five fields (minute hour day-of-month month weekday), like '0 2 * * *'`
    ])
  })
})

describe('rule overrides', () => {
  it('suggests the rule meant by a misspelt id', () => {
    expect(appended(minimal, 'rules:\n  fairness.lod: off\n')).toEqual([
      `${at('fairness.lod')} plan.value: rules: 'fairness.lod' is not a rule: did you mean 'fairness.load'?`
    ])
  })

  it('names the parameters a rule takes', () => {
    expect(appended(minimal, 'rules:\n  coverage.rest: { severity: warning, min-gap: 2, max-gap: 4 }\n')).toEqual([
      `${at('max-gap')} plan.value: rules.coverage.rest: 'max-gap' is not a parameter of coverage.rest (parameters: max-run, min-gap): did you mean 'min-gap'?`
    ])
  })

  it('says what a severity may be in one message, not one per alternative', () => {
    expect(appended(minimal, 'rules:\n  fairness.load: fatal\n  leave.notice: { severity: fatal }\n  coverage.rest: 3\n')).toEqual([
      `${at('fatal')} plan.schema: rules.fairness.load must be one of off, warning, error, not 'fatal'`,
      `${at('fatal }')} plan.schema: rules.leave.notice.severity must be one of off, warning, error, not 'fatal'`,
      `${at('3\n')} plan.schema: rules.coverage.rest must be one of off, warning, error or a map of fields, not 3`
    ])
  })

  it('refuses a negative deviation or spread, which no schedule could meet', () => {
    expect(appended(minimal, 'rules:\n  fairness.load: { severity: error, max-deviation: -1 }\n  fairness.holidays: { max-spread: -3 }\n')).toEqual([
      `${at('-1 }')} plan.schema: rules.fairness.load.max-deviation must be at least 0, not -1`,
      `${at('-3 }')} plan.schema: rules.fairness.holidays.max-spread must be at least 0, not -3`
    ])
  })

  it('counts shifts, days and members in whole numbers, and at least one member away at once', () => {
    expect(appended(minimal, 'rules:\n  coverage.rest: { min-gap: 1.5 }\n  leave.notice: { min-days: -2 }\n  leave.concurrent: { max: 0 }\n')).toEqual([
      `${at('1.5 }')} plan.schema: rules.coverage.rest.min-gap must be a whole number, not 1.5`,
      `${at('-2 }')} plan.schema: rules.leave.notice.min-days must be at least 0, not -2`,
      `${at('0 }')} plan.schema: rules.leave.concurrent.max must be at least 1, not 0`
    ])
  })

  it('takes zero where it means something, and half a shift of deviation', () => {
    const plan = appended(minimal, 'rules:\n  coverage.rest: { min-gap: 0 }\n  leave.notice: { min-days: 0 }\n  fairness.load: { max-deviation: 0.5 }\n' +
      '  fairness.investor: { max-spread: 0 }\n  leave.concurrent: { max: 2 }\n')
    expect(plan).toEqual([])
  })
})

describe('shape', () => {
  it('names a missing required field at the map that lacks it', () => {
    expect(after(minimal, '    owners: { primary: ben, secondary: chen }\n', '')).toEqual([
      `${at('id: revenue')} plan.schema: pipelines[1] is missing the required field 'owners'`
    ])
  })

  it('names the fields allowed where a misspelt one has no close match', () => {
    expect(after(minimal, 'organization: Small Data Co', 'organization: Small Data Co\nslack: "#data"')[0]).toBe(
      `${at('slack')} plan.schema: unknown field 'slack' in the plan: the fields here are version, organization, timezone, team, stakeholders, pipelines, oncall, leave, swaps, escalation, communication, kpis, rules`)
  })

  it('points at a key written with no value', () => {
    expect(after(minimal, '  - id: ana\n    name: Ana Torres\n', '  - id: ana\n    name:\n')).toEqual([
      `${at('name:\n')} plan.schema: team[0].name must be text, not empty`
    ])
  })
})
