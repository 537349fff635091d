// The TechFlow team restructures: it renames its rotation, renames a member, drops a rotation it
// no longer needs. The schedule of record was written under the old ids on 2026-11-23; two weeks
// later the plan says `renamed-from`, and nothing in the past has to change.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { checkPlan } from '../../src/core/check.js'
import { translateLock } from '../../src/core/lock-renames.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { renderFiles } from '../../src/core/render-files.js'
import type { LockSegment } from '../../src/core/types.js'

const PLAN = readFileSync(new URL('../../examples/techflow/opsplan.yaml', import.meta.url), 'utf8')
const FILE = 'opsplan.yaml'
const LOCK = 'opsplan.lock.json'
const WRITTEN = '2026-11-23'
const TODAY = '2026-12-07'

const record = renderFiles({ plan: { text: PLAN, file: FILE }, today: WRITTEN }).files[LOCK] as string
const segmentsOf = (lock: string): LockSegment[] => (JSON.parse(lock) as { segments: LockSegment[] }).segments
const pastOf = <T extends { end: string }>(segments: T[]): T[] => segments.filter((s) => s.end <= '2026-12-07T05:00:00Z')

function check(text: string, opts: { base?: boolean } = {}) {
  return checkPlan({
    plan: { text, file: FILE },
    base: opts.base ? { text: PLAN, file: 'main/opsplan.yaml' } : undefined,
    lock: { text: record, file: LOCK },
    today: TODAY
  })
}

/** data-platform is now called platform; the swap that names it follows. */
const renamedRotation = PLAN
  .replace(/ {4}- id: data-platform\b[^\n]*\n/, '    - id: platform\n      renamed-from: data-platform\n')
  .replace(/rotation: data-platform/g, 'rotation: platform')

/** Dee's id becomes deirdre everywhere it is used. */
const renamedMember = PLAN.replace(/\bdee\b/g, 'deirdre').replace('  - id: deirdre\n', '  - id: deirdre\n    renamed-from: dee\n')

describe('a rotation renamed with renamed-from', () => {
  it('checks clean against the schedule of record written under its old id', () => {
    const report = check(renamedRotation)
    expect(report.problems.filter((p) => p.rule === 'history.frozen')).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.lockFile).toBe(LOCK)
  })

  it('keeps every past shift, now under the new id', () => {
    const report = check(renamedRotation)
    const was = pastOf(segmentsOf(record)).map((s) => `${s.role} ${s.member} ${s.start} ${s.end}`)
    const now = pastOf(report.schedule?.segments ?? []).filter((s) => s.start >= '2026-01-05')
    expect(new Set(now.map((s) => s.rotation))).toEqual(new Set(['platform']))
    expect(now.map((s) => `${s.role} ${s.member} ${s.start} ${s.end}`)).toEqual(was)
  })

  it('in a pull request, moves no shift and brings no problem', () => {
    const report = check(renamedRotation, { base: true })
    expect(report.changes).toEqual([])
    expect(report.problems.filter((p) => p.new)).toEqual([])
    expect(report.fairness.every((f) => f.before?.load === f.after?.load)).toBe(true)
  })

  it('writes the new id into the next record, each segment keeping its calendar sequence', () => {
    const { files } = renderFiles({ plan: { text: renamedRotation, file: FILE }, lock: { text: record, file: LOCK }, today: TODAY })
    const next = segmentsOf(files[LOCK] as string)
    expect(new Set(next.map((s) => s.rotation))).toEqual(new Set(['platform']))
    const sequence = new Map(segmentsOf(record).map((s) => [`${s.role}|${s.start}`, s.sequence]))
    for (const s of pastOf(next)) expect(s.sequence).toBe(sequence.get(`${s.role}|${s.start}`))
  })

  it('without renamed-from, is a rewrite of the past, and the error says how to carry the history', () => {
    const report = check(renamedRotation.replace('      renamed-from: data-platform\n', ''))
    const frozen = report.problems.filter((p) => p.rule === 'history.frozen' && p.severity === 'error')
    expect(frozen.length).toBeGreaterThan(0)
    expect(frozen.filter((p) => p.message.includes('add renamed-from: <its old id>'))).toHaveLength(1)
  })
})

describe('a member renamed with renamed-from', () => {
  it('checks clean against the old record, and a pull request moves nothing', () => {
    const alone = check(renamedMember)
    expect(alone.problems.filter((p) => p.rule === 'history.frozen')).toEqual([])
    expect(alone.ok).toBe(true)
    const review = check(renamedMember, { base: true })
    expect(review.changes).toEqual([])
    expect(review.problems.filter((p) => p.new)).toEqual([])
  })

  it('holds the past shifts Dee held', () => {
    const report = check(renamedMember)
    const dee = pastOf(segmentsOf(record)).filter((s) => s.member === 'dee').map((s) => `${s.role} ${s.start}`)
    const deirdre = pastOf(report.schedule?.segments ?? []).filter((s) => s.member === 'deirdre').map((s) => `${s.role} ${s.start}`)
    expect(dee.length).toBeGreaterThan(0)
    expect(deirdre).toEqual(dee)
  })

  it('translates the member a cover stands in for, too', () => {
    const plan = loadPlan(renamedMember, FILE).plan
    if (!plan) throw new Error('the renamed plan does not load')
    const cover: LockSegment = { rotation: 'data-platform', role: 'primary', member: 'ana', covers: 'dee', start: '2026-02-02T15:00:00Z', end: '2026-02-03T05:00:00Z', sequence: 0, stamp: '2026-01-05T00:00:00Z' }
    const [out] = translateLock({ notice: '', version: 1, timezone: plan.timezone, segments: [cover] }, plan).segments
    expect(out).toMatchObject({ member: 'ana', covers: 'deirdre' })
  })
})

describe('a rotation dropped from the plan', () => {
  // For a while the team also ran an analytics rotation; on 2026-12-07 it drops it.
  const withAnalytics = PLAN.replace(
    '      pipelines: [profit, growth, engagement, executive-aggregate, experiment-aggregate]\n',
    '      pipelines: [profit, growth, engagement, executive-aggregate, experiment-aggregate]\n' +
      '    - id: analytics\n      name: Analytics\n      members: [ana, ben, chen, dee]\n      roles: [primary]\n      pipelines: [growth]\n'
  )
  const before = renderFiles({ plan: { text: withAnalytics, file: FILE }, today: WRITTEN })
  const lock = { text: before.files[LOCK] as string, file: LOCK }

  it('checks clean: its past counts nowhere and breaks nothing', () => {
    expect(before.report.ok).toBe(true)
    const report = checkPlan({ plan: { text: PLAN, file: FILE }, lock, today: TODAY })
    expect(report.problems.filter((p) => p.rule === 'history.frozen')).toEqual([])
    expect(report.schedule?.segments.some((s) => s.rotation === 'analytics')).toBe(false)
  })

  it('keeps its past in the record as archived segments, up to today, and nothing after', () => {
    const { files } = renderFiles({ plan: { text: PLAN, file: FILE }, lock, today: TODAY })
    const archived = segmentsOf(files[LOCK] as string).filter((s) => s.rotation === 'analytics')
    const past = segmentsOf(lock.text).filter((s) => s.rotation === 'analytics' && s.start < '2026-12-07T05:00:00Z')
    expect(archived.map((s) => s.start)).toEqual(past.map((s) => s.start))
    expect(archived.every((s) => s.end <= '2026-12-07T05:00:00Z')).toBe(true)
    // the shift running on 2026-12-07 ends at that midnight, with its member and sequence
    expect(archived[archived.length - 1]).toMatchObject({ ...past[past.length - 1], end: '2026-12-07T05:00:00Z' })
  })

  it('renders the same bytes again from its own record', () => {
    const first = renderFiles({ plan: { text: PLAN, file: FILE }, lock, today: TODAY }).files
    const again = renderFiles({ plan: { text: PLAN, file: FILE }, lock: { text: first[LOCK] as string, file: LOCK }, today: TODAY }).files
    expect(again).toEqual(first)
  })
})

describe('renamed-from that cannot be meant', () => {
  const problems = (text: string) => loadPlan(text, FILE).problems.map((p) => `${p.rule}: ${p.message}`)

  it('refuses an old id that is still in use, the entry\'s own id, and one old id claimed twice', () => {
    expect(problems(PLAN.replace('  - id: ben\n', '  - id: ben\n    renamed-from: ana\n'))).toEqual([
      "plan.reference: team[1].renamed-from 'ana' is still the id of a member in the plan: renamed-from names an old id the plan no longer uses, so rename that member too or remove renamed-from"
    ])
    expect(problems(PLAN.replace(/ {4}- id: data-platform\b[^\n]*\n/, '    - id: data-platform\n      renamed-from: data-platform\n'))).toEqual([
      "plan.reference: oncall.rotations[0].renamed-from 'data-platform' is this rotation's own id: name the id it had before, or remove renamed-from"
    ])
    expect(problems(PLAN.replace('  - id: ben\n', '  - id: ben\n    renamed-from: benjamin\n').replace('  - id: chen\n', '  - id: chen\n    renamed-from: benjamin\n'))).toEqual([
      "plan.reference: team[2].renamed-from 'benjamin' is already claimed by team[1]: one old id carries its history to one member"
    ])
  })

  it('names the line of the renamed-from at fault', () => {
    const text = PLAN.replace('  - id: ben\n', '  - id: ben\n    renamed-from: ana\n')
    const [problem] = loadPlan(text, FILE).problems
    expect(problem?.line).toBe(text.split('\n').indexOf('    renamed-from: ana') + 1)
    expect(problem?.column).toBe(19)
  })
})
