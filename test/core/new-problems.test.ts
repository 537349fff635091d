// A leave pull request on a plan that already had warnings: the review leads with what the leave
// brings, the old warnings are marked as already there, and scripts read the same in the JSON.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { checkPlan } from '../../src/core/check.js'
import { compareProblems, problemKey } from '../../src/core/new-problems.js'
import { reportToJson } from '../../src/core/render/json.js'
import { renderReport } from '../../src/core/render/report.js'
import type { Problem } from '../../src/core/types.js'
import { headings, parseGfm, tables } from '../support/markdown.js'

const PLAN = readFileSync(new URL('../../examples/techflow/opsplan.yaml', import.meta.url), 'utf8')
const TODAY = '2026-11-23'

// On main, growth and engagement promise fresher data than their daily runs can give: two warnings
// nobody has fixed yet.
let seen = 0
const main = PLAN.replace(/freshness: 24h/g, (m) => (++seen >= 2 ? 'freshness: 12h' : m))
// The pull request adds a line at the top, so every line below moves, and Chen's short-notice leave.
const head = '# Chen: a family matter, agreed with the team\n' +
  main.replace(/^leave:\n/m, 'leave:\n  - { member: chen, from: 2026-11-30, to: 2026-12-02, reason: family }\n')

describe('a leave pull request on a plan with old warnings', () => {
  const report = checkPlan({ plan: { text: head, file: 'opsplan.yaml' }, base: { text: main, file: 'main/opsplan.yaml' }, today: TODAY })

  it('marks the old warnings as already there, though their lines moved', () => {
    const old = report.problems.filter((p) => !p.new)
    expect(old.map((p) => p.rule)).toEqual(['sla.schedule', 'sla.schedule'])
    const lines = main.split('\n')
    for (const p of old) expect(lines[(p.line ?? 0) - 2]).toBe(head.split('\n')[(p.line ?? 0) - 1])
  })

  it('marks what the leave brings as new', () => {
    const added = report.problems.filter((p) => p.new)
    expect(added.map((p) => p.rule).sort()).toEqual(['investor.owner-leave', 'leave.notice'])
    expect(added.every((p) => p.message.startsWith('chen'))).toBe(true)
    expect(report.resolved).toEqual([])
  })

  it('leads the comment with the new problems and says what the leave does', () => {
    const root = parseGfm(renderReport(report))
    expect(headings(root, 3)[0]).toMatch(/^✅ opsplan: opsplan\.yaml is valid — adds 2 warnings; /)
    expect(headings(root, 4)[0]).toBe('New problems')
    const [fresh, old] = tables(root)
    expect(fresh?.slice(1).map((r) => r[1]).sort()).toEqual(['investor.owner-leave', 'leave.notice'])
    expect(old?.slice(1).map((r) => r[1])).toEqual(['sla.schedule', 'sla.schedule'])
  })

  it('gives scripts format 2 with the counts and `new` on each problem', () => {
    const json = reportToJson(report)
    expect(json).toMatchObject({ format: 2, ok: true, errors: 0, warnings: 4 })
    expect(json.problems.map((p) => [p.rule, p.new])).toEqual(report.problems.map((p) => [p.rule, p.new]))
    expect(json.problems.filter((p) => p.new)).toHaveLength(2)
  })

  it('counts the old warnings as fixed when the pull request fixes them', () => {
    const fixed = checkPlan({ plan: { text: PLAN, file: 'opsplan.yaml' }, base: { text: main, file: 'main/opsplan.yaml' }, today: TODAY })
    expect(fixed.problems).toEqual([])
    expect(fixed.resolved?.map((p) => p.rule)).toEqual(['sla.schedule', 'sla.schedule'])
  })

  it('calls every problem new when there is no base plan to compare with', () => {
    const alone = checkPlan({ plan: { text: head, file: 'opsplan.yaml' }, today: TODAY })
    expect(alone.problems.length).toBeGreaterThan(0)
    expect(alone.problems.every((p) => p.new === true)).toBe(true)
    expect(alone.resolved).toBeUndefined()
  })
})

describe('what makes two problems the same', () => {
  const problem = (message: string, extra: Partial<Problem> = {}): Problem =>
    ({ severity: 'warning', rule: 'fairness.load', message, file: 'opsplan.yaml', line: 3, column: 1, ...extra })

  it('sets aside the place, list positions and measured figures, but not names or dates', () => {
    const key = problemKey(problem("leave[3]: ana's load 12.5 is +1.25 shifts above fair from 2027-01-04"))
    expect(problemKey(problem("leave[4]: ana's load 12.75 is +1.5 shifts above fair from 2027-01-04", { line: 9 }))).toBe(key)
    expect(problemKey(problem("leave[3]: ben's load 12.5 is +1.25 shifts above fair from 2027-01-04"))).not.toBe(key)
    expect(problemKey(problem("leave[3]: ana's load 12.5 is +1.25 shifts above fair from 2027-01-11"))).not.toBe(key)
    expect(problemKey(problem("leave[3]: ana's load 12.5 is +1.25 shifts above fair from 2027-01-04", { severity: 'error' }))).not.toBe(key)
  })

  it('matches one for one: a second copy of an old problem is new', () => {
    const old = problem('ana holds primary twice in a row')
    const { problems, resolved } = compareProblems([old, { ...old, line: 40 }], [old, problem('ben is idle')])
    expect(problems.map((p) => p.new)).toEqual([false, true])
    expect(resolved.map((p) => p.message)).toEqual(['ben is idle'])
  })
})

describe('a rename in a pull request', () => {
  // the base plan warned about data-platform and dee; the head calls them platform and deirdre
  const warning = (message: string): Problem => ({ severity: 'warning', rule: 'fairness.holidays', message })
  const base = [warning('holiday days on call in data-platform range from 5 (dee) to 7 (ana), a spread of 2')]
  const head = [warning('holiday days on call in platform range from 5 (deirdre) to 7 (ana), a spread of 2')]
  const renames = { rotations: new Map([['data-platform', 'platform']]), members: new Map([['dee', 'deirdre']]) }

  it('does not call a warning new because it names the rotation and the member by their new ids', () => {
    expect(compareProblems(head, base, renames).problems.map((p) => p.new)).toEqual([false])
    expect(compareProblems(head, base, renames).resolved).toEqual([])
  })

  it('renames whole ids only: dee-anne, whom nobody renamed, stays dee-anne', () => {
    const before = [warning('dee-anne is on leave on 2026-12-24, within 14 days')]
    expect(compareProblems(before, before, renames).problems.map((p) => p.new)).toEqual([false])
  })
})
