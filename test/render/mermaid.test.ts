// Every diagram opsplan draws, read back by Mermaid itself (npm `mermaid` 11 under jsdom, see
// test/support/mermaid.ts): labels that are Mermaid keywords or full of punctuation, the TechFlow
// handbook as a merge commits it, and a plan whose every name is written to break a diagram. A
// parse error fails, and so does a bar Mermaid does not see: each segment meant to be drawn is
// looked for by its name, row and times.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { DateTime } from 'luxon'
import { checkPlan } from '../../src/core/check.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { renderGantt } from '../../src/core/render/gantt.js'
import { renderHandbook } from '../../src/core/render/handbook.js'
import { dependencyFlowchart } from '../../src/core/render/handbook-pipelines.js'
import { flowchartLabel, ganttTaskName, mermaidEscape } from '../../src/core/render/mermaid.js'
import { renderReport } from '../../src/core/render/report.js'
import { renderFiles } from '../../src/core/render-files.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import type { Plan, Schedule } from '../../src/core/types.js'
import { codeBlocks, parseGfm, section } from '../support/markdown.js'
import { parseMermaid, type GanttBar, type ParsedFlowchart, type ParsedGantt } from '../support/mermaid.js'
import { makePlan, member, pipeline } from '../support/plan.js'

/** Labels that break a diagram when written as they are. */
const HOSTILE = [
  'Call with investors', 'call', 'Click here', 'click', 'Section 8', 'section', 'Title: Q4', 'title', 'Excludes weekends',
  'excludes', 'Includes holidays', 'Todaymarker off', 'todayMarker', 'Tickinterval 1day', 'dateFormat YYYY', 'axisFormat %d',
  'gantt', 'href "x"', 'accTitle: x', 'accDescr: y', 'accDescr { z }', 'accDescription x', 'inclusiveEndDates', 'topAxis',
  'weekday monday', 'weekend friday', '2026-12-24 close', '%% hidden', '%%{init: {"theme": "dark"}}%%', '5% off', 'a%b',
  '#1 priority', '#data-alerts', 'Ana: lead; Ben', 'pipe | here', 'quote "q" and \'s\'', 'emoji 🚀 and 👩‍💻', 'Zoë Ångström Øre',
  '<b>bold</b> <script>x</script>', '&amp; &#35; #quot; #35;', 'end', 'subgraph', 'style x fill:#f00', 'A --> B', 'x[y]{z}(w)',
  'back\\slash `tick`', 'multi\nline', '   spaced   out   ', ''
]

/** What a reader should see for a label: one line, runs of spaces as one, never empty. */
function seen(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat === '' ? '-' : flat
}

/** A bar's time as Mermaid read it (a naive local time, in whatever zone the machine has). */
function naive(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

function planTime(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd HH:mm')
}

async function gantt(text: string): Promise<ParsedGantt> {
  const parsed = await parseMermaid(text)
  if (parsed.type !== 'gantt') throw new Error(`expected a gantt, got ${parsed.type}`)
  return parsed
}

async function flowchart(text: string): Promise<ParsedFlowchart> {
  const parsed = await parseMermaid(text)
  if (parsed.type !== 'flowchart') throw new Error(`expected a flowchart, got ${parsed.type}`)
  return parsed
}

function diagrams(markdown: string, title: string): string[] {
  return codeBlocks(section(parseGfm(markdown), title), 'mermaid')
}

/**
 * The bars a gantt should show for a schedule between two instants: one per segment (clipped), in
 * its rotation and role's row, then one per investor period that overlaps.
 */
function expectedBars(plan: Plan, schedule: Schedule, from: string, to: string): Array<Omit<GanttBar, 'start' | 'end'> & { start: string; end: string }> {
  const many = plan.oncall.rotations.length > 1
  const rotations = plan.oncall.rotations.map((r) => r.id)
  const zone = plan.timezone
  const shifts = schedule.segments
    .filter((s) => s.start < to && s.end > from)
    .sort((a, b) => rotations.indexOf(a.rotation) - rotations.indexOf(b.rotation) ||
      (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1) || a.start.localeCompare(b.start))
    .map((s) => ({
      name: seen(plan.team.find((m) => m.id === s.member)?.name ?? s.member),
      row: seen(many ? `${plan.oncall.rotations.find((r) => r.id === s.rotation)?.name} ${s.role}` : s.role),
      start: planTime(s.start < from ? from : s.start, zone),
      end: planTime(s.end > to ? to : s.end, zone),
      kind: s.kind === 'cover' ? 'cover' as const : 'shift' as const
    }))
  const first = planTime(from, zone)
  const last = planTime(to, zone)
  const periods = schedule.investorPeriods
    .map((p) => ({ p, start: `${p.from} 00:00`, end: `${DateTime.fromISO(p.to).plus({ days: 1 }).toISODate()} 00:00` }))
    .filter(({ start, end }) => start < last && end > first)
    .map(({ p, start, end }) => ({
      name: seen(p.label), row: 'Investor periods', start: start > first ? start : first, end: end < last ? end : last, kind: 'investor' as const
    }))
  return [...shifts, ...periods]
}

function barsAsRead(parsed: ParsedGantt): Array<Omit<GanttBar, 'start' | 'end'> & { start: string; end: string }> {
  return parsed.bars.map((b) => ({ ...b, start: naive(b.start), end: naive(b.end) }))
}

/** Compact mode draws a row per section; bars of one row must never overlap, or it grows a second line. */
function overlapsInRow(bars: GanttBar[]): string[] {
  const clashes: string[] = []
  for (const row of new Set(bars.map((b) => b.row))) {
    const own = bars.filter((b) => b.row === row).sort((a, b) => a.start.getTime() - b.start.getTime())
    own.slice(1).forEach((b, i) => {
      if (b.start < (own[i] as GanttBar).end) clashes.push(`${row}: ${b.name}`)
    })
  }
  return clashes
}

describe('labels written to break a diagram', () => {
  it.each(HOSTILE.map((label) => [label]))('%j is one gantt bar, row and title, read back as written', async (label) => {
    const text = [
      'gantt',
      `  title ${mermaidEscape(label)}`,
      '  dateFormat YYYY-MM-DD HH:mm',
      `  section ${mermaidEscape(label)}`,
      `  ${ganttTaskName(label)} :b1, 2026-11-16 10:00, 2026-11-23 10:00`,
      `  ${ganttTaskName(label)} :active, b2, 2026-11-23 10:00, 2026-11-30 10:00`
    ].join('\n')
    const parsed = await gantt(text)
    expect(parsed.title).toBe(seen(label))
    expect(parsed.bars.map((b) => [b.name, b.row, b.kind])).toEqual([
      [seen(label), seen(label), 'shift'],
      [seen(label), seen(label), 'cover']
    ])
  })

  it.each(HOSTILE.map((label) => [label]))('%j is one flowchart node with its punctuation kept', async (label) => {
    const parsed = await flowchart(['flowchart LR', `  p1[${flowchartLabel(label)}]`, `  p2[${flowchartLabel(label)}]`, '  p1 --> p2'].join('\n'))
    expect(parsed.nodes.map((n) => n.label)).toEqual([seen(label), seen(label)])
    expect(parsed.edges).toEqual([{ from: 'p1', to: 'p2' }])
  })

  it('keeps plain names as written, so Mermaid measures them at their true width', () => {
    expect(ganttTaskName('Chen Wei')).toBe('\u200BChen Wei')
    expect(ganttTaskName("Zoë O'Brien-Ångström")).toBe("\u200BZoë O'Brien-Ångström")
  })

  it('starts every task name with a character no gantt keyword, comment or date can start with', () => {
    for (const label of HOSTILE) expect(ganttTaskName(label)).toMatch(/^\u200B[^\s%:]/)
  })
})

describe('the TechFlow handbook, as a merge on 2026-11-23 commits it', () => {
  const file = 'examples/techflow/opsplan.yaml'
  const text = readFileSync(new URL(`../../${file}`, import.meta.url))
  const { report, files } = renderFiles({ plan: { text, file }, today: '2026-11-23' })
  const handbook = files['HANDBOOK.md'] ?? ''
  const plan = report.plan as Plan
  const schedule = report.schedule as Schedule
  // Eight weekly shifts from the one running on 2026-11-23: Mon 11-16 10:00 to Mon 01-11 10:00 New York.
  const from = '2026-11-16T15:00:00Z'
  const to = '2027-01-11T15:00:00Z'

  it('draws the coming weeks as a compact gantt Mermaid accepts, with its colours set', async () => {
    const [chart, ...more] = diagrams(handbook, 'Coming weeks')
    expect(more).toEqual([])
    const parsed = await gantt(chart ?? '')
    expect(parsed.config).toMatchObject({
      gantt: { displayMode: 'compact' },
      themeVariables: { taskTextColor: '#1f2328', activeTaskBkgColor: '#fde68a', taskTextOutsideColor: '#656d76' }
    })
    expect(parsed.title).toBe('On call, the next 8 weeks')
  })

  it('shows every segment of the eight weeks as a bar, in one row per role, and the investor periods', async () => {
    const parsed = await gantt(diagrams(handbook, 'Coming weeks')[0] ?? '')
    const expected = expectedBars(plan, schedule, from, to)
    expect(expected.filter((b) => b.kind !== 'investor').length).toBeGreaterThanOrEqual(16)
    expect(barsAsRead(parsed)).toEqual(expected)
    expect([...new Set(parsed.bars.map((b) => b.row))]).toEqual(['primary', 'secondary', 'Investor periods'])
    expect(overlapsInRow(parsed.bars)).toEqual([])
  })

  it('draws the pipeline dependencies with every name, edge and highlight, text colours explicit', async () => {
    const [chart] = diagrams(handbook, 'Pipeline dependencies')
    const parsed = await flowchart(chart ?? '')
    expect(parsed.nodes.map((n) => n.label)).toEqual(plan.pipelines.map((p) => p.name))
    const id = (pipelineId: string) => `p${plan.pipelines.findIndex((p) => p.id === pipelineId) + 1}`
    expect(parsed.edges).toEqual(plan.pipelines.flatMap((p) => p.dependsOn.map((d) => ({ from: id(d), to: id(p.id) }))))
    for (const p of plan.pipelines) {
      expect(parsed.nodes.find((n) => n.label === p.name)?.classes).toEqual([p.investorFacing ? 'investor' : 'pipeline'])
    }
    for (const styles of Object.values(parsed.classes)) {
      expect(styles).toEqual(expect.arrayContaining([expect.stringMatching(/^fill:#/), expect.stringMatching(/^color:#/)]))
    }
  })
})

describe('a plan whose every name is written to break a diagram', () => {
  const file = 'test/fixtures/plans/hostile.yaml'
  const loaded = loadPlan(readFileSync(new URL(`../../${file}`, import.meta.url)), file)
  const plan = loaded.plan as Plan
  const today = '2026-11-25'
  const schedule = buildSchedule(plan, { today })
  const handbook = renderHandbook(plan, schedule, { today, planFile: 'opsplan.yaml' })
  // Eight weekly shifts from Wed 2026-11-18 09:00 Paris, the one running on 2026-11-25.
  const from = '2026-11-18T08:00:00Z'
  const to = '2027-01-13T08:00:00Z'

  it('loads and plans, so the handbook has every diagram', () => {
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(schedule.gaps).toEqual([])
  })

  it('has a gantt where every segment and every investor period is a bar with its name as written', async () => {
    const parsed = await gantt(diagrams(handbook, 'Coming weeks')[0] ?? '')
    const expected = expectedBars(plan, schedule, from, to)
    expect(expected.filter((b) => b.kind === 'investor').map((b) => b.name)).toEqual([
      'Call with investors', 'dateFormat YYYY: close #2', 'axisFormat %d; accTitle: x', 'Section "Q1" | 🚀 %% kick-off'
    ])
    expect(barsAsRead(parsed)).toEqual(expected)
    expect([...new Set(parsed.bars.map((b) => b.row))]).toEqual([
      'Title: on call; #1 %% section primary', 'Title: on call; #1 %% section secondary',
      'Includes weekends | Tickinterval 1day primary', 'Investor periods'
    ])
    expect(overlapsInRow(parsed.bars)).toEqual([])
  })

  it('has a flowchart with every pipeline name and edge, whatever the ids and names say', async () => {
    const parsed = await flowchart(diagrams(handbook, 'Pipeline dependencies')[0] ?? '')
    expect(parsed.nodes.map((n) => n.label)).toEqual(plan.pipelines.map((p) => p.name))
    expect(parsed.edges).toHaveLength(plan.pipelines.flatMap((p) => p.dependsOn).length)
  })

  it('draws the pull-request report\'s chart of changed weeks just as safely', async () => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    const base = text.replace(/\nleave:[\s\S]*?\nswaps:/, '\nswaps:')
    const checked = checkPlan({ plan: { text, file }, base: { text: base, file }, today })
    const charts = codeBlocks(parseGfm(renderReport(checked, { marker: '<!-- test -->' })), 'mermaid')
    expect(charts).toHaveLength(1)
    const parsed = await gantt(charts[0] ?? '')
    const names = plan.team.map((m) => m.name)
    expect(parsed.bars.length).toBeGreaterThan(0)
    for (const bar of parsed.bars) expect(names).toContain(bar.name)
  })
})

describe('a dependency chart of pipelines whose ids are Mermaid words', () => {
  it('gives nodes generated ids, so ids like end, graph or o never reach the syntax', async () => {
    const plan = makePlan({
      team: ['ana', 'ben'].map((id) => member(id)),
      pipelines: [
        pipeline('end', 'ana', 'ben', { name: 'End' }),
        pipeline('graph', 'ana', 'ben', { name: 'Graph', dependsOn: ['end'] }),
        pipeline('o', 'ben', 'ana', { name: 'O', dependsOn: ['graph'], investorFacing: true }),
        pipeline('x', 'ben', 'ana', { name: 'X', dependsOn: ['o', 'end'] })
      ]
    })
    const parsed = await flowchart(dependencyFlowchart(plan))
    expect(parsed.nodes.map((n) => [n.id, n.label])).toEqual([['p1', 'End'], ['p2', 'Graph'], ['p3', 'O'], ['p4', 'X']])
    expect(parsed.edges).toEqual([{ from: 'p1', to: 'p2' }, { from: 'p2', to: 'p3' }, { from: 'p3', to: 'p4' }, { from: 'p1', to: 'p4' }])
  })

  it('draws an empty window as one milestone rather than an empty chart', async () => {
    const plan = makePlan()
    const fenced = renderGantt([], plan, { from: '2026-06-01T14:00:00Z', to: '2026-06-08T14:00:00Z', title: 'Nothing' })
    const parsed = await gantt(codeBlocks(parseGfm(fenced), 'mermaid')[0] ?? '')
    expect(parsed.bars.map((b) => [b.name, b.row, b.kind])).toEqual([['Nothing scheduled', 'No shifts', 'milestone']])
  })
})
