// The TechFlow example as a merge would commit it on 2026-11-23 with no schedule of record yet:
// HANDBOOK.md, the team calendar and opsplan.lock.json, byte for byte against reviewed copies. A
// change to any renderer or to the scheduler shows up here as a diff someone has to read and accept:
//   UPDATE_GOLDEN=1 npm test -- test/golden
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import type { Root } from 'mdast'
import { renderFiles } from '../../src/core/render-files.js'
import { headings, htmlNodes, parseGfm, section, tables, tableWithHeader, textOf } from '../support/markdown.js'

const TODAY = '2026-11-23'
const PLAN = 'examples/techflow/opsplan.yaml'
const GOLDEN = ['HANDBOOK.md', 'calendars/team.ics', 'opsplan.lock.json']
const UPDATE = process.env.UPDATE_GOLDEN === '1'

const goldenPath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/golden/techflow/${name}`, import.meta.url))

function render(): Record<string, string> {
  const text = readFileSync(new URL(`../../${PLAN}`, import.meta.url))
  const { report, files } = renderFiles({ plan: { text, file: PLAN }, today: TODAY })
  if (!report.ok) throw new Error(`the example plan has errors: ${report.problems.map((p) => p.message).join('; ')}`)
  return files
}

/** Where two texts first differ, as a line number and both lines, so a failure says what changed. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n')
  const b = actual.split('\n')
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `line ${i + 1}\n  golden:   ${JSON.stringify(a[i] ?? '(end of file)')}\n  rendered: ${JSON.stringify(b[i] ?? '(end of file)')}`
    }
  }
  return 'no line differs (line endings or a final newline?)'
}

describe('the TechFlow example, rendered as a merge on 2026-11-23 commits it', () => {
  const files = render()

  it.each(GOLDEN)('%s matches its golden copy byte for byte', (name) => {
    const actual = files[name]
    expect(actual).toBeDefined()
    const path = goldenPath(name)
    if (UPDATE) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, actual ?? '')
      return
    }
    let golden: string
    try {
      golden = readFileSync(path, 'utf8')
    } catch {
      throw new Error(`no golden copy at ${path}: run UPDATE_GOLDEN=1 npm test -- test/golden and review the new file`)
    }
    if (golden !== actual) {
      throw new Error(
        `${name} differs from test/fixtures/golden/techflow/${name} at ${firstDifference(golden, actual ?? '')}\n` +
          'If the change is intended, run UPDATE_GOLDEN=1 npm test -- test/golden and review the diff before committing.'
      )
    }
  })

  it('renders the same bytes a second time', () => {
    expect(render()).toEqual(files)
  })

  it('keeps the calendar golden in CRLF lines, as RFC 5545 and calendar clients expect', () => {
    const ics = readFileSync(goldenPath('calendars/team.ics'), 'utf8')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.split('\r\n').length).toBeGreaterThan(10)
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n')
  })
})

/** The golden handbook; before its first generation, the rendered one (the byte test fails meanwhile). */
function goldenHandbook(): string {
  try {
    return readFileSync(goldenPath('HANDBOOK.md'), 'utf8')
  } catch {
    return render()['HANDBOOK.md'] ?? ''
  }
}

describe('the golden handbook, read as the assignment\'s template asks', () => {
  const text = goldenHandbook()
  const root = parseGfm(text)
  const words = (r: Root): string => textOf(r)

  it('fills every placeholder the template leaves: no blanks, no unstaffed roles', () => {
    for (const blank of ['[Your Answer]', '[Your Plan]', 'not written yet', 'not set', 'unstaffed', 'could not be computed']) {
      expect(text).not.toContain(blank)
    }
  })

  it('1. the ownership matrix names two different owners and a stakeholder for each of the five pipelines', () => {
    const matrix = tableWithHeader(root, 'Pipeline', 'Primary owner', 'Secondary owner', 'Business stakeholders')
    expect(matrix?.slice(1).map((r) => r[0])).toEqual([
      'Profit', 'Growth', 'Engagement', 'Executive & investor aggregate', 'Experiment aggregate'
    ])
    for (const [, primary, secondary, stakeholders] of matrix?.slice(1) ?? []) {
      expect(primary).toMatch(/^(Ana Torres|Ben Okafor|Chen Wei|Dee Harper)$/)
      expect(secondary).toMatch(/^(Ana Torres|Ben Okafor|Chen Wei|Dee Harper)$/)
      expect(secondary).not.toBe(primary)
      expect(stakeholders?.length).toBeGreaterThan(3)
    }
  })

  it('2. the on-call schedule: a weekly rotation, holiday and vacation coverage, investor periods', () => {
    const rotation = section(root, 'On-call rotation')
    expect(words(rotation)).toContain('Weekly rotation')
    const weeks = tableWithHeader(rotation, 'Shift', 'Primary', 'Secondary')
    // the next 8 weeks are 8 weekly shifts, from the one running on 2026-11-23
    expect(weeks).toHaveLength(9)
    for (const row of weeks?.slice(1) ?? []) {
      expect(row[1]).toMatch(/[A-Z]/)
      expect(row[2]).toMatch(/[A-Z]/)
      expect(row[2]).not.toBe(row[1])
    }

    const holidays = tableWithHeader(section(root, 'Holiday coverage'), 'Date', 'Holiday (calendar)')
    const christmas = holidays?.find((r) => r[1]?.startsWith('Christmas Day'))
    expect(christmas?.[2]).toBe('Ana Torres, Ben Okafor, Chen Wei, Dee Harper')
    expect(christmas?.slice(3).every((who) => who.length > 0)).toBe(true)

    const leave = tableWithHeader(section(root, 'Vacation coverage'), 'Member', 'Leave', 'Reason', 'Who takes the shifts')
    const ana = leave?.find((r) => r[0] === 'Ana Torres')
    expect(ana?.[1]).toBe('Mon 2026-12-14 – Wed 2026-12-23')
    // One short line per role: who holds it while Ana is away, from when to when, never Ana herself.
    const lines = ana?.[3]?.split('\n') ?? []
    expect(lines.map((l) => l.split(':')[0])).toEqual(['Primary', 'Secondary'])
    for (const line of lines) {
      expect(line.length).toBeLessThan(200)
      expect(line).not.toContain('Ana Torres')
      expect(line).toMatch(/^\w+: [A-Z][a-z]+ [A-Z][a-z]+ Mon 2026-12-14 00:00 → /)
    }

    // Investor periods over the whole published half year, March's quarter close included.
    const periods = tableWithHeader(section(root, 'Investor-report periods'), 'Period', 'Dates')
    const folded = tables(section(root, 'Investor-report periods')).filter((t) => t[0]?.[0] === 'Period').flatMap((t) => t.slice(1))
    expect(periods?.[1]?.[0]).toBe('2026-11 investor report')
    expect(folded.map((r) => r[0])).toContain('2027-03 investor report')
    expect(folded.every((r) => r.slice(2).every((c) => c.length > 0))).toBe(true)

    const swaps = tableWithHeader(section(root, 'Agreed swaps'), 'Role', 'When', 'Held by', 'Instead of', 'Reason')
    expect(swaps?.[1]?.slice(0, 3)).toEqual(['primary', 'Tue 2027-02-09 – Sun 2027-02-14', 'Chen Wei'])
    // whoever holds the rest of that week is the one the swap stands in for
    expect(swaps?.[1]?.[3]).toMatch(/^(Ana Torres|Ben Okafor|Dee Harper)$/)
  })

  it('3. a runbook for every investor-facing pipeline with each part the template lists', () => {
    const runbooks = section(root, 'Runbooks')
    const books = headings(runbooks, 3)
    for (const name of ['Profit', 'Growth', 'Engagement', 'Executive & investor aggregate']) {
      expect(books).toContain(`${name} runbook`)
    }
    const all = words(runbooks)
    for (const part of ['Pipeline details', 'Schedule:', 'Criticality:', 'Data types', 'Common issues', 'Symptom:',
      'Actions:', 'Escalation:', 'SLA requirements', 'Data freshness:', 'Issue resolution:', 'Monitoring & alerts']) {
      expect(all.split(part).length - 1).toBeGreaterThanOrEqual(5)
    }
  })

  it('4. operational excellence: escalation levels, communication cadences, success metrics', () => {
    const levels = tableWithHeader(root, 'Level', 'Name', 'Contacts')
    expect(levels?.slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4'])
    const cadences = tableWithHeader(root, 'Cadence', 'What')?.slice(1).map((r) => r[0])
    expect(cadences).toEqual(expect.arrayContaining(['Daily', 'Weekly', 'Monthly']))
    expect(headings(section(root, 'Success metrics and KPIs'), 3)).toEqual(['Pipeline reliability', 'Data quality', 'Team efficiency'])
  })

  it('gives each member the handoff on their own clock, and a 24-hour clock throughout', () => {
    const team = tableWithHeader(root, 'Name', 'GitHub', 'Email', 'Time zone', 'Handoff (own time)')
    expect(team?.slice(1).map((r) => [r[0], r[4]])).toEqual([
      ['Ana Torres', 'Mon 10:00'], ['Ben Okafor', 'Mon 10:00'], ['Chen Wei', 'Mon 07:00'], ['Dee Harper', 'Mon 15:00']
    ])
    expect(words(section(root, 'Runbooks'))).toContain('0 2 * * * — At 02:00 (America/New_York)')
    expect(text).not.toMatch(/\d\d? ?(AM|PM)\b/)
  })

  it('lists public holidays over the whole published half year, the nearest shown and the rest folded', () => {
    const holidays = section(root, 'Holiday coverage')
    const rows = tables(holidays).filter((t) => t[0]?.[0] === 'Date').flatMap((t) => t.slice(1))
    expect(rows[0]?.[0]).toBe('Thu 2026-11-26')
    expect(rows.at(-1)?.[0]).toBe('Mon 2027-05-03')
    expect(htmlNodes(holidays).join('')).toContain('<summary>7 more holidays, to Mon 2027-05-03</summary>')
  })

  it('reads naturally in the raw file: no entity where a plain character does', () => {
    expect(text).toContain('Growth & Marketing')
    expect(text).not.toContain('&amp;')
    expect(text).not.toContain('New\\_York')
  })
})
