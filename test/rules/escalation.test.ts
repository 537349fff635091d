import { describe, expect, it } from '@jest/globals'
import { loadPlan } from '../../src/core/plan/load.js'
import { runRules } from '../../src/core/rules/engine.js'
import type { Plan } from '../../src/core/types.js'
import { fixture } from '../plan/fixtures.js'
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

  it('does not page the on-call primary when every rotation staffs only a secondary', () => {
    const plan = makePlan()
    const rotations = plan.oncall.rotations.map((r) => ({ ...r, roles: ['secondary' as const] }))
    const problems = check('escalation.levels', { plan: { ...plan, oncall: { ...plan.oncall, rotations } } })
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'escalation.0.contacts.0',
        message: "escalation[0] 'On-call engineer': contact 'oncall:primary' reaches nobody: no rotation has the role primary (roles: secondary); " +
          "add primary to a rotation's roles or page oncall:secondary instead"
      })
    ])
  })

  it('pages a role that any one rotation staffs', () => {
    const plan = makePlan()
    const main = plan.oncall.rotations[0]!
    const rotations = [{ ...main, roles: ['secondary' as const] }, { ...main, id: 'exec', roles: ['primary' as const] }]
    expect(check('escalation.levels', { plan: { ...plan, oncall: { ...plan.oncall, rotations } } })).toEqual([])
  })

  it('does not page an owner when the plan has no pipelines', () => {
    const problems = check('escalation.levels', { plan: makePlan({ pipelines: [] }) })
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'escalation.1.contacts.1',
        message: "escalation[1] 'Secondary and owner': contact 'owner:primary' reaches nobody: the plan has no pipelines, so no one is an owner; " +
          'add the pipelines with their owners or name a member instead'
      })
    ])
  })
})

describe('escalation.levels in a plan file', () => {
  it('points at the contact that reaches nobody, in the line and column the member wrote', () => {
    // every rotation staffs a secondary only, and the swap follows
    const text = fixture('plans', 'full.yaml')
      .replace('roles: [primary, secondary]', 'roles: [secondary]')
      .replace('roles: [primary]', 'roles: [secondary]')
      .replace('role: primary\n    from: 2027-02-08', 'role: secondary\n    from: 2027-02-08')
    const loaded = loadPlan(text, 'opsplan.yaml')
    expect(loaded.problems).toEqual([])
    const problems = runRules({ plan: loaded.plan as Plan, locate: loaded.locate, file: 'opsplan.yaml', today: '2026-01-05' })
      .filter((p) => p.rule === 'escalation.levels')
      .map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`)
    const lines = text.split('\n')
    const line = lines.findIndex((l) => l.includes('contacts: [oncall:primary]')) + 1
    const column = (lines[line - 1] ?? '').indexOf('oncall:primary') + 1
    expect(`${line}:${column}`).toBe('120:16')
    expect(problems).toEqual([
      "120:16 error escalation.levels: escalation[0] 'On-call engineer': contact 'oncall:primary' reaches nobody: no rotation has the role primary " +
        "(roles: secondary); add primary to a rotation's roles or page oncall:secondary instead"
    ])
  })
})
