// "How to change the plan", tried as a member would: copy the leave example and the swap example
// from the rendered handbook, paste each under its key in the plan, and run validate and check.
// Neither may produce an error — no member on leave or outside the rotation, no clash.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { checkPlan } from '../../src/core/check.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { renderHandbook } from '../../src/core/render/handbook.js'
import { renderFiles } from '../../src/core/render-files.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import { serializeLock, updateLock } from '../../src/core/schedule/lock.js'
import type { LocalDate, Plan } from '../../src/core/types.js'
import { codeBlocks, parseGfm, section } from '../support/markdown.js'

/** The YAML examples of the handbook's "How to change the plan", as a reader copies them. */
function examples(handbook: string): { leave: string; swap: string } {
  const blocks = codeBlocks(section(parseGfm(handbook), 'How to change the plan'), 'yaml')
  const leave = blocks.find((b) => b.startsWith('leave:'))
  const swap = blocks.find((b) => b.startsWith('swaps:'))
  if (!leave || !swap) throw new Error(`expected a leave and a swap example, got ${JSON.stringify(blocks)}`)
  return { leave, swap }
}

/** Pastes an example into a plan: its entries under the existing key, or the whole block at the end. */
function paste(plan: string, example: string): string {
  const [key = '', ...entries] = example.split('\n')
  const at = plan.search(new RegExp(`^${key}[ \\t]*\\n`, 'm'))
  if (at < 0) return `${plan.trimEnd()}\n\n${example}\n`
  const after = at + key.length + 1
  return `${plan.slice(0, after)}${entries.join('\n')}\n${plan.slice(after)}`
}

function errorsOf(text: string, file: string, today: LocalDate, lock?: string): string[] {
  const loaded = loadPlan(text, file)
  const report = checkPlan({ plan: { text, file }, today, ...(lock ? { lock: { text: lock, file: 'opsplan.lock.json' } } : {}) })
  return [...loaded.problems, ...report.problems]
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.line}:${p.column} ${p.rule}: ${p.message}`)
}

describe('the TechFlow handbook\'s examples, pasted into the plan on 2026-11-23', () => {
  const file = 'examples/techflow/opsplan.yaml'
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
  const today = '2026-11-23'
  const { files } = renderFiles({ plan: { text, file }, today })
  const lock = files['opsplan.lock.json']
  const { leave, swap } = examples(files['HANDBOOK.md'] ?? '')
  const plan = loadPlan(text, file).plan as Plan

  it('suggests a week off for a member of the rotation, with notice, clear of other leave and investor periods', () => {
    const entry = loadPlan(paste(text, leave), file).plan?.leave.at(0)
    // Ben has the least leave planned (Ana has ten days in December)
    expect(entry?.member).toBe('ben')
    expect(plan.oncall.rotations[0]?.members).toContain(entry?.member)
    expect(entry && entry.from >= '2026-12-21').toBe(true)
    const e = entry as NonNullable<typeof entry>
    expect(plan.leave.filter((l) => l.from <= e.to && l.to >= e.from)).toEqual([])
    const periods = buildSchedule(plan, { today }).investorPeriods
    expect(periods.filter((p) => p.from <= e.to && p.to >= e.from)).toEqual([])
  })

  it('validates and checks without an error once the leave example is pasted under leave:', () => {
    const pasted = paste(text, leave)
    expect(loadPlan(pasted, file).plan?.leave).toHaveLength(plan.leave.length + 1)
    expect(errorsOf(pasted, file, today, lock)).toEqual([])
  })

  it('validates and checks without an error once the swap example is pasted under swaps:', () => {
    const pasted = paste(text, swap)
    const swaps = loadPlan(pasted, file).plan?.swaps ?? []
    expect(swaps).toHaveLength(plan.swaps.length + 1)
    expect(errorsOf(pasted, file, today, lock)).toEqual([])
  })

  it('suggests a swap to a member of the rotation who is free then, not on leave, holding no role', () => {
    const suggested = loadPlan(paste(text, swap), file).plan?.swaps[0]
    const schedule = buildSchedule(plan, { today })
    expect(suggested).toBeDefined()
    const s = suggested as NonNullable<typeof suggested>
    expect(plan.oncall.rotations.find((r) => r.id === s.rotation)?.members).toContain(s.member)
    expect(plan.leave.some((l) => l.member === s.member && l.from <= s.to && l.to >= s.from)).toBe(false)
    const from = `${s.from}T05:00:00Z` // local midnight in New York, winter
    const busy = schedule.segments.filter((x) => x.member === s.member && x.start < `${s.to}T23:59:59Z` && x.end > from)
    expect(busy).toEqual([])
    expect(s.reason).toMatch(/^swap with [a-z]+$/)
  })
})

describe('examples for a plan whose first member is away and not in the first rotation', () => {
  // Ana leads the team list but is outside the rotation; Ben is away for the weeks a naive
  // example would pick. Neither may be suggested where they cannot take it.
  const text = [
    'version: 1',
    'organization: Small Data Co',
    'timezone: Europe/Berlin',
    'team:',
    '  - { id: ana, name: Ana Torres }',
    '  - { id: ben, name: Ben Okafor }',
    '  - { id: chen, name: Chen Li }',
    '  - { id: dee, name: Dee Park }',
    'pipelines:',
    '  - { id: orders, name: Orders, owners: { primary: ana, secondary: ben } }',
    'oncall:',
    '  start: 2026-01-05',
    '  rotations:',
    '    - { id: ops, name: Ops, members: [ben, chen, dee] }',
    'leave:',
    '  - { member: ben, from: 2026-12-01, to: 2027-01-31, reason: parental leave }',
    ''
  ].join('\n')
  const file = 'opsplan.yaml'
  const today = '2026-11-23'
  const plan = loadPlan(text, file).plan as Plan
  const schedule = buildSchedule(plan, { today })
  const handbook = renderHandbook(plan, schedule, { today, planFile: file })
  const { leave, swap } = examples(handbook)
  // the schedule of record the merge of this plan wrote, which a pull request is checked against
  const lock = serializeLock(updateLock(schedule, undefined, today))

  it('suggests leave only for a member of the rotation, clear of anyone else\'s leave there', () => {
    const suggested = loadPlan(paste(text, leave), file).plan?.leave.at(0)
    // not Ana (outside the rotation), not Ben (two months away already)
    expect(['chen', 'dee']).toContain(suggested?.member)
    // while Ben is away until the end of January, nobody else in the rotation can be
    expect(suggested && suggested.from > '2027-01-31').toBe(true)
  })

  it('suggests a swap only to a member of the rotation who is not away then', () => {
    const suggested = loadPlan(paste(text, swap), file).plan?.swaps.at(0)
    expect(['chen', 'dee']).toContain(suggested?.member)
  })

  it('gives examples that bring no new error (the plan lacks escalation levels either way)', () => {
    const before = errorsOf(text, file, today, lock)
    expect(before.map((e) => e.split(' ')[1])).toEqual(['escalation.levels:'])
    for (const example of [leave, swap]) {
      const pasted = paste(text, example)
      expect(loadPlan(pasted, file).problems.filter((p) => p.severity === 'error')).toEqual([])
      expect(errorsOf(pasted, file, today, lock)).toEqual(before)
    }
  })
})
