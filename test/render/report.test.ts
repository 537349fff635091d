// The PR comment when Ana adds a leave entry: the verdict, the shift that moves, who is asked to
// confirm, and what happens when the comment would be too long for GitHub.
import { describe, expect, it } from '@jest/globals'
import { reportToJson } from '../../src/core/render/json.js'
import { REPORT_MARKER, renderReport } from '../../src/core/render/report.js'
import type { CheckReport, Change, Problem } from '../../src/core/types.js'
import { makePlan, member } from '../support/plan.js'
import { parseMermaid } from '../support/mermaid.js'
import { codeBlocks, headings, htmlNodes, parseGfm, tableWithHeader, tables, textOf, walk } from '../support/markdown.js'
import { mentionsIn } from '../e2e/run-action.js'
import { weeklySchedule } from './schedule-fixture.js'

const today = '2026-05-20'
const marker = '<!-- opsplan: opsplan.yaml -->'

function leaveReport(extra: Partial<CheckReport> = {}): CheckReport {
  const plan = makePlan({
    team: [member('ana', { github: 'ana-torres' }), member('ben'), member('chen', { github: undefined, name: 'Chen Li' }), member('dee')],
    leave: [{ member: 'ana', from: '2026-06-15', to: '2026-06-17', reason: 'vacation' }]
  })
  const base = weeklySchedule(plan, { today })
  const schedule = weeklySchedule(plan, {
    today,
    covers: [{ role: 'secondary', member: 'ana', from: '2026-06-15', to: '2026-06-17', by: 'ben', note: 'ana on leave (vacation)' }]
  })
  const change: Change = {
    rotation: 'main', role: 'secondary', start: '2026-06-15T14:00:00Z', end: '2026-06-18T04:00:00Z',
    before: 'ana', after: 'ben', reason: 'ana on leave (vacation)'
  }
  const warning: Problem = {
    severity: 'warning', rule: 'leave.notice', message: 'Leave starts in 26 days; give @everyone 14', file: 'opsplan.yaml', line: 42, column: 5
  }
  return {
    ok: true, file: 'opsplan.yaml', today, problems: [warning], errors: 0, warnings: 1,
    plan, schedule, base: { plan, schedule: base, problems: [] },
    changes: [change],
    fairness: [
      { member: 'ana', before: base.fairness[0] ?? null, after: { ...base.fairness[0]!, load: 39.0, deviation: -0.19 } },
      { member: 'ben', before: base.fairness[1] ?? null, after: { ...base.fairness[1]!, load: 41.25, deviation: 0.09 } }
    ],
    ownership: [{ pipeline: 'profit', field: 'secondary', before: 'ben', after: 'chen' }],
    affectedMembers: ['ana', 'ben', 'chen'],
    ...extra
  }
}

describe('the report on a leave pull request', () => {
  const text = renderReport(leaveReport(), { marker, mentions: true })
  const root = parseGfm(text)

  it('starts with the marker and a green verdict that says what the change does', () => {
    expect(text.split('\n')[0]).toBe(marker)
    expect(headings(root, 3)[0]).toBe('✅ opsplan: opsplan.yaml is valid — adds 1 warning; changes 1 shift; fairness changes for Ana, Ben')
    expect(textOf(root)).toContain('0 errors, 1 warning in all. Planned without a schedule of record.')
  })

  it('lists the new warning with its line, without mentioning anyone', () => {
    expect(headings(root, 4)[0]).toBe('New problems')
    const problems = tableWithHeader(root, 'Severity', 'Rule', 'Where', 'Message')
    expect(problems?.[1]).toEqual(['⚠️ warning', 'leave.notice', 'opsplan.yaml:42', 'Leave starts in 26 days; give @\u200beveryone 14'])
  })

  it('shows the shift that moves, in local time, with the reason', () => {
    const changes = tableWithHeader(root, 'When', 'Rotation', 'Role', 'Before → after', 'Why')
    expect(changes?.[1]).toEqual([
      'Mon 2026-06-15 10:00 → Thu 2026-06-18 00:00', 'Main', 'secondary', 'Ana → Ben', 'ana on leave (vacation)'
    ])
  })

  it('shows fairness before → after with arrows, and the ownership change', () => {
    const fairness = tableWithHeader(root, 'Member', 'Rotations', 'Load', 'Deviation', 'Shifts')
    expect(fairness?.[1]).toEqual(['Ana', 'Main', '40.0 → 39.0 ↓', '-0.06 → -0.19 ↓', '13 → 13'])
    expect(fairness?.[2]?.[2]).toBe('40.3 → 41.3 ↑')
    expect(tableWithHeader(root, 'Pipeline', 'Change')?.[1]).toEqual(['Profit', 'secondary owner', 'Ben → Chen Li'])
  })

  it('draws the changed week', async () => {
    const [gantt] = codeBlocks(root, 'mermaid')
    const parsed = await parseMermaid(gantt ?? '')
    expect(parsed.type === 'gantt' && parsed.bars.filter((b) => b.kind === 'cover').map((b) => b.name)).toEqual(['Ben'])
    expect(gantt).not.toContain('2026-05-18')
  })

  it('asks members with a login to confirm, and names the one without', () => {
    expect(text).toContain('Shifts change for @ana-torres, @ben-gh, Chen Li — please confirm in review.')
  })

  it('mentions nobody when mentions are off', () => {
    const quiet = renderReport(leaveReport(), { marker })
    expect(quiet).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]/)
    expect(quiet).not.toContain('please confirm')
  })

  it('has no gantt when nothing moves', () => {
    const still = renderReport(leaveReport({ changes: [], affectedMembers: [] }), { marker, mentions: true })
    expect(codeBlocks(parseGfm(still), 'mermaid')).toEqual([])
    expect(still).not.toContain('please confirm')
  })
})

describe('a leave pull request on a plan with old warnings', () => {
  // Three runbook warnings were on main before; the leave brings one notice warning.
  const old = (pipeline: string, line: number): Problem => ({
    severity: 'warning', rule: 'runbook.complete', message: `pipeline ${pipeline} has 1 runbook issue; add at least 2`, file: 'opsplan.yaml', line, column: 5, new: false
  })
  const notice: Problem = {
    severity: 'warning', rule: 'leave.notice', message: "ana's new leave starts in 5 days", file: 'opsplan.yaml', line: 90, column: 5, new: true
  }
  const report = leaveReport({ problems: [old('growth', 30), notice, old('engagement', 50), old('profit', 10)], warnings: 4, changes: [], affectedMembers: [], fairness: [] })
  const text = renderReport(report, { marker })
  const root = parseGfm(text)

  it('says in the verdict what the leave changes, and counts the rest apart', () => {
    expect(headings(root, 3)[0]).toBe('✅ opsplan: opsplan.yaml is valid — adds 1 warning; fairness unchanged')
    expect(textOf(root)).toContain('0 errors, 4 warnings in all, 3 of them already on the base branch.')
  })

  it('leads with the new problem and folds the old ones into one <details>', () => {
    const [first, second] = tables(root)
    expect(first?.slice(1)).toEqual([['⚠️ warning', 'leave.notice', 'opsplan.yaml:90', "ana's new leave starts in 5 days"]])
    expect(second?.slice(1).map((row) => row[2])).toEqual(['opsplan.yaml:10', 'opsplan.yaml:30', 'opsplan.yaml:50'])
    const folds = htmlNodes(root).filter((h) => h.includes('<summary>'))
    expect(folds).toEqual(['<details>\n<summary>3 problems already on the base branch (3 warnings)</summary>'])
    expect(text.indexOf('#### New problems')).toBeLessThan(text.indexOf('<details>'))
  })

  it('says so when the change brings no problem, and what it fixes', () => {
    const quiet = renderReport(leaveReport({
      problems: [old('profit', 10)], warnings: 1, changes: [], affectedMembers: [], fairness: [],
      resolved: [{ severity: 'error', rule: 'ownership.distinct', message: 'profit has one owner twice' }]
    }), { marker })
    const quietRoot = parseGfm(quiet)
    expect(headings(quietRoot, 3)[0]).toBe('✅ opsplan: opsplan.yaml is valid — adds no problem; fixes 1 error; fairness unchanged')
    expect(textOf(quietRoot)).toContain('None: this change brings no new problem.')
  })

  it('keeps the plan red, but says the errors were already there, when the change adds none', () => {
    const failing = renderReport(leaveReport({
      ok: false, errors: 1, warnings: 0, changes: [], affectedMembers: [], fairness: [],
      problems: [{ severity: 'error', rule: 'ownership.distinct', message: 'profit has one owner twice', new: false }]
    }), { marker })
    expect(headings(parseGfm(failing), 3)[0]).toBe('⚠️ opsplan: opsplan.yaml has errors already on the base branch — adds no problem; fairness unchanged')
  })
})

describe('mentions in a pull request from a fork', () => {
  // The pull request adds Eve to the team and gives her Ana's shifts; Eve's login is not on main.
  const withEve = (r: CheckReport): CheckReport => ({
    ...r,
    plan: r.plan ? { ...r.plan, team: [...r.plan.team, member('eve', { github: 'someone-else' })] } : r.plan,
    affectedMembers: ['ana', 'eve']
  })

  it('mentions logins already on the base branch and shows a new one in code, unmentioned', () => {
    const text = renderReport(withEve(leaveReport()), { marker, mentions: true })
    expect(mentionsIn(text)).toEqual(['ana-torres'])
    const line = text.split('\n').find((l) => l.startsWith('Shifts change for'))
    expect(line).toBe('Shifts change for @ana-torres, Eve (`someone-else`) — please confirm in review. ' +
      'Logins in code are not on the base branch yet, so they are not mentioned.')
    const inline = walk(parseGfm(line ?? '')).filter((n) => n.type === 'inlineCode').map((n) => (n as { value: string }).value)
    expect(inline).toEqual(['someone-else'])
  })

  it('mentions no one where the pull request adds the plan itself', () => {
    const text = renderReport(withEve(leaveReport({ base: { problems: [] } })), { marker, mentions: true })
    expect(mentionsIn(text)).toEqual([])
    expect(text).toContain('`ana-torres`')
  })
})

describe('a failing report', () => {
  it('shows a red verdict and the plan that could not be read', () => {
    const report: CheckReport = {
      ok: false, file: 'opsplan.yaml', today, errors: 1, warnings: 0, changes: [], fairness: [], ownership: [], affectedMembers: [],
      problems: [{ severity: 'error', rule: 'plan.yaml', message: 'Unexpected | in <!-- x', file: 'opsplan.yaml', line: 3, column: 1 }]
    }
    const text = renderReport(report, { marker })
    const root = parseGfm(text)
    expect(headings(root, 3)[0]).toBe('❌ opsplan: opsplan.yaml has problems (1 error, 0 warnings)')
    expect(textOf(root)).toContain('The plan could not be read')
    expect(tableWithHeader(root, 'Severity')?.[1]?.[3]).toBe('Unexpected | in <!-- x')
    expect(text.lastIndexOf('<!--')).toBe(0)
  })
})

describe('a report too long for a comment', () => {
  const many: Change[] = Array.from({ length: 400 }, (_, i) => ({
    rotation: 'main', role: 'primary', start: '2026-06-15T14:00:00Z', end: '2026-06-22T14:00:00Z',
    before: 'ana', after: 'ben', reason: `reason number ${i}`
  }))
  const report = leaveReport({ changes: many })

  it('folds long tables into <details> when they fit', () => {
    const text = renderReport(report, { marker })
    expect(text).toContain('<details>')
    expect(tableWithHeader(parseGfm(text), 'When', 'Rotation')).toHaveLength(401)
  })

  it('cuts at a row boundary, keeps the marker and closes every <details>', () => {
    const text = renderReport(report, { marker, maxLength: 6000, summaryHint: 'see the job summary' })
    expect(text.length).toBeLessThanOrEqual(6000)
    expect(text.split('\n')[0]).toBe(marker)
    const root = parseGfm(text)
    const rows = tableWithHeader(root, 'When', 'Rotation') ?? []
    expect(rows.length).toBeGreaterThan(1)
    expect(textOf(root)).toContain(`… ${401 - rows.length} more rows — see the job summary`)
    const html = htmlNodes(root).join('\n')
    expect((html.match(/<details>/g) ?? []).length).toBe((html.match(/<\/details>/g) ?? []).length)
    expect(headings(root, 3)[0]).toContain('✅')
  })

  it('keeps the marker even when almost nothing fits', () => {
    const text = renderReport(report, { marker, maxLength: 200 })
    expect(text.startsWith(`${marker}\n`)).toBe(true)
    expect(text.length).toBeLessThanOrEqual(200)
  })

  it('uses its own marker when none is given', () => {
    expect(renderReport(report).split('\n')[0]).toBe(REPORT_MARKER)
  })
})

describe('the JSON report', () => {
  const json = reportToJson(leaveReport())

  it('has exactly the keys of the spec (format 2), in order', () => {
    expect(Object.keys(json)).toEqual(['format', 'ok', 'errors', 'warnings', 'problems', 'schedule', 'fairness', 'changes'])
    expect(json).toMatchObject({ format: 2, ok: true, errors: 0, warnings: 1 })
    expect(Object.keys(json.problems[0]!)).toEqual(['severity', 'rule', 'message', 'file', 'line', 'column', 'new'])
    expect(Object.keys(json.schedule[0]!)).toEqual(['rotation', 'role', 'member', 'start', 'end'])
    expect(Object.keys(json.fairness[0]!)).toEqual(['member', 'load', 'target', 'deviation', 'before', 'rotations', 'shifts', 'holidays', 'investor'])
    expect(Object.keys(json.changes[0]!)).toEqual(['rotation', 'role', 'start', 'end', 'before', 'after', 'reason'])
  })

  it('carries plain head segments and rounded fairness', () => {
    expect(json.schedule[0]).toEqual({ rotation: 'main', role: 'primary', member: 'ana', start: '2026-01-05T15:00:00Z', end: '2026-01-12T15:00:00Z' })
    expect(json.fairness[0]?.deviation).toBe(-0.06)
    expect(json.fairness[0]?.before).toEqual({ load: 40, deviation: -0.06 })
    expect(json.fairness[0]?.rotations).toEqual({ main: 40 })
    expect(json.changes[0]).toMatchObject({ before: 'ana', after: 'ben' })
  })

  it('gives missing locations as null and survives a round trip', () => {
    const bare = reportToJson(leaveReport({ problems: [{ severity: 'error', rule: 'x', message: 'm' }], schedule: undefined }))
    expect(bare.problems[0]).toEqual({ severity: 'error', rule: 'x', message: 'm', file: null, line: null, column: null, new: true })
    const old = reportToJson(leaveReport({ problems: [{ severity: 'warning', rule: 'x', message: 'm', new: false }] }))
    expect(old.problems[0]?.new).toBe(false)
    expect(bare.schedule).toEqual([])
    expect(JSON.parse(JSON.stringify(bare))).toEqual(bare)
  })
})
