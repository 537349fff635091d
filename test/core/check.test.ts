// The review a pull request gets and the files a merge commits, through the whole core: the TechFlow
// plan, a member asking for leave, a lead changing an owner, and re-rendering from the record.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'
import { checkPlan } from '../../src/core/check.js'
import { renderFiles } from '../../src/core/render-files.js'

const FILE = 'opsplan.yaml'
const TODAY = '2026-11-23'
const example = readFileSync('examples/techflow/opsplan.yaml', 'utf8')

function withLeave(entry: string): string {
  return example.replace(/^leave:\n/m, `leave:\n${entry}`)
}

describe('a leave request in a pull request', () => {
  // Chen (in Los Angeles) asks for Tuesday to Friday of a week the published rota gives them as
  // primary; leave is whole days in chen's own zone.
  const published = checkPlan({ plan: { text: example, file: FILE }, today: TODAY })
  const week = published.schedule?.segments.find(
    (s) => s.member === 'chen' && s.role === 'primary' && s.kind === 'shift' && s.start === s.shiftStart && s.start > '2027-01-15'
  )
  const monday = DateTime.fromISO(week?.start ?? '', { zone: 'America/Los_Angeles' })
  const from = monday.plus({ days: 1 }).toISODate() as string
  const to = monday.plus({ days: 4 }).toISODate() as string
  const head = withLeave(`  - { member: chen, from: ${from}, to: ${to}, reason: ski trip }\n`)
  const report = checkPlan({ plan: { text: head, file: FILE }, base: { text: example, file: FILE }, today: TODAY })

  it('moves chen off the week of the leave and says why', () => {
    const moved = report.changes.filter((c) => c.before === 'chen')
    expect(moved.length).toBeGreaterThan(0)
    expect(moved.some((c) => c.reason === 'chen on leave (ski trip)')).toBe(true)
    const away = { start: monday.plus({ days: 1 }).startOf('day'), end: monday.plus({ days: 5 }).startOf('day') }
    for (const segment of report.schedule?.segments ?? []) {
      if (segment.member !== 'chen') continue
      const start = DateTime.fromISO(segment.start)
      const end = DateTime.fromISO(segment.end)
      expect(end <= away.start || start >= away.end).toBe(true)
    }
  })

  it('leaves the rest of the year alone and keeps the rota fair', () => {
    expect(report.changes.length).toBeLessThanOrEqual(4)
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.affectedMembers).toContain('chen')
    for (const row of report.fairness) {
      expect(row.before).not.toBeNull()
      expect(Math.abs(row.after?.deviation ?? 0)).toBeLessThanOrEqual(1)
    }
  })
})

describe('an ownership change', () => {
  it('lists the pipeline, the field and both owners', () => {
    const head = example.replace('owners: { primary: ana, secondary: ben }', 'owners: { primary: ben, secondary: ana }')
    expect(head).not.toBe(example)
    const report = checkPlan({ plan: { text: head, file: FILE }, base: { text: example, file: FILE }, today: TODAY })
    expect(report.ownership).toEqual([
      { pipeline: 'profit', field: 'primary', before: 'ana', after: 'ben' },
      { pipeline: 'profit', field: 'secondary', before: 'ben', after: 'ana' }
    ])
    expect(report.changes).toEqual([])
  })
})

describe('rendering what a merge commits', () => {
  const first = renderFiles({ plan: { text: example, file: FILE }, today: TODAY })
  const lockText = first.files['opsplan.lock.json'] as string

  it('writes the handbook, a feed per member, the team feed and the lock', () => {
    expect(Object.keys(first.files).sort()).toEqual([
      'HANDBOOK.md',
      'calendars/ana.ics',
      'calendars/ben.ics',
      'calendars/chen.ics',
      'calendars/dee.ics',
      'calendars/team.ics',
      'opsplan.lock.json'
    ])
  })

  it('gives the same bytes when rendered again from its own record', () => {
    const again = renderFiles({ plan: { text: example, file: FILE }, lock: { text: lockText, file: 'opsplan.lock.json' }, today: TODAY })
    expect(again.files).toEqual(first.files)
  })

  it('keeps every segment of the record a week later, when nothing in the plan changed', () => {
    const later = renderFiles({ plan: { text: example, file: FILE }, lock: { text: lockText, file: 'opsplan.lock.json' }, today: '2026-11-30' })
    type Row = { rotation: string; role: string; member: string; start: string; end: string }
    const before = JSON.parse(lockText).segments as Row[]
    const after = JSON.parse(later.files['opsplan.lock.json'] as string).segments as Row[]
    const key = (s: Row) => `${s.rotation}/${s.role}/${s.start}/${s.end}/${s.member}`
    const kept = new Set(after.map(key))
    expect(before.filter((s) => !kept.has(key(s)))).toEqual([])
  })

  it('writes nothing for a plan with an error', () => {
    const broken = example.replace('owners: { primary: ana, secondary: ben }', 'owners: { primary: ana, secondary: ana }')
    const result = renderFiles({ plan: { text: broken, file: FILE }, today: TODAY })
    expect(result.report.ok).toBe(false)
    expect(result.report.problems.some((p) => p.rule === 'ownership.distinct')).toBe(true)
    expect(result.files).toEqual({})
  })
})

describe('a leave that falls inside an agreed swap', () => {
  // Chen swapped into the primary week of 8 February, then booked the dentist on two of its days.
  const head = withLeave('  - { member: chen, from: 2027-02-10, to: 2027-02-11, reason: dentist }\n')
  const report = checkPlan({ plan: { text: head, file: FILE }, today: TODAY })
  const swapLine = head.split('\n').findIndex((l) => l.startsWith('swaps:')) + 2

  it('is reported once, at the swap, with the reason it cannot be kept', () => {
    const aboutTheSwap = report.problems.filter((p) => p.message.includes('2027-02-09..2027-02-14'))
    expect(aboutTheSwap).toEqual([{
      severity: 'error',
      rule: 'coverage.staffed',
      message: "The swap puts chen on primary 2027-02-09..2027-02-14, but chen cannot be on call on 2027-02-10 and 1 more day(s) (leave (dentist)); those days are planned without the swap. Change the swap's dates or its member.",
      file: FILE,
      line: swapLine,
      column: 5,
      // checked on its own, every problem is the plan's own: new
      new: true
    }])
  })
})

describe('a plan kept under another name', () => {
  // A team whose plan is .github/rota.yaml reads that name in what is generated from it.
  const { files } = renderFiles({ plan: { text: example, file: '.github/rota.yaml' }, today: TODAY })

  it('names that file in the schedule of record and in every calendar', () => {
    expect(JSON.parse(files['opsplan.lock.json'] as string).notice).toBe('Generated by opsplan from rota.yaml. Do not edit by hand.')
    const team = (files['calendars/team.ics'] as string).replace(/\r\n[ \t]/g, '')
    expect(team).toContain('X-WR-CALDESC:On-call rota of TechFlow Solutions. Generated from rota.yaml by opsplan\\; do not edit by hand.')
    expect(team).not.toContain('opsplan.yaml')
  })
})
