// The PR comment and `opsplan check` Markdown: verdict, problems, the shifts that move, fairness
// before → after, ownership changes and a gantt of the changed weeks. GitHub refuses comments over
// 65,536 characters, so long tables fold into <details> and, if still too long, are cut at a row
// boundary; the caller's hidden marker is always the first line so the sticky comment is found again.
import type { CheckReport, FairnessRow, Plan, Problem } from '../types.js'
import { renderGantt } from './gantt.js'
import { localDateTime, memberName, num, plural, rotationName, signed } from './handbook-format.js'
import { cell, code, details, html, inline, mention, table } from './markdown.js'

export const REPORT_MARKER = '<!-- opsplan:report -->'
const DEFAULT_MAX = 65000
/** Tables longer than this fold into <details> so the verdict stays on screen. */
const FOLD_ROWS = 15

export interface ReportOptions {
  /** A hidden HTML comment that identifies the comment; always the first line. */
  marker?: string
  maxLength?: number
  /** Mention members whose shifts change by their GitHub login. */
  mentions?: boolean
  /** Markdown from the caller (trusted, not escaped) saying where the rest is; default "see the job summary". */
  summaryHint?: string
}

interface TableBlock {
  kind: 'table'
  /** The heading; a block without one is only its folded table. */
  title?: string
  intro?: string
  header: string[]
  rows: string[][]
  /** Always folded, behind this summary (escaped HTML). */
  fold?: string
}

type Block = TableBlock | { kind: 'text'; text: string; optional?: boolean }

function zoneOf(report: CheckReport): string {
  return report.plan?.timezone ?? 'UTC'
}

function nameOf(plan: Plan | undefined, id: string | null): string {
  if (id === null) return 'nobody'
  return plan ? memberName(plan, id) : id
}

function verdict(report: CheckReport): string {
  const counts = `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`
  const file = code(report.file)
  const notes: string[] = []
  if (!report.plan) notes.push('The plan could not be read, so no schedule was computed.')
  else if (!report.schedule) notes.push('The plan has errors, so the schedule could not be computed.')
  let head: string
  if (report.base) {
    // Against a base plan the verdict is about the change: what it adds, fixes and moves.
    const added = report.problems.filter(isNew)
    const icon = added.some((p) => p.severity === 'error') ? '❌' : report.ok ? '✅' : '⚠️'
    const state = report.ok ? 'is valid' : added.some((p) => p.severity === 'error') ? 'has problems' : 'has errors already on the base branch'
    head = `### ${icon} opsplan: ${file} ${state} — ${inline(changeSummary(report))}`
    const existing = report.problems.length - added.length
    notes.unshift(`${counts} in all${existing > 0 ? `, ${existing} of them already on the base branch` : ''}.`)
  } else {
    head = report.ok
      ? `### ✅ opsplan: ${file} is valid (${counts})`
      : `### ❌ opsplan: ${file} has problems (${counts})`
  }
  if (report.plan) {
    notes.push(report.lockFile
      ? `Planned against the schedule of record ${code(report.lockFile)}.`
      : 'Planned without a schedule of record.')
  }
  notes.push(`Checked as of ${inline(report.today)}; times are local to ${inline(zoneOf(report))}.`)
  return [head, notes.join(' ')].join('\n\n')
}

/** A problem this change brings; one not compared with a base counts as new. */
function isNew(p: Problem): boolean {
  return p.new !== false
}

/** "1 error and 2 warnings", or "no problem". */
function problemCounts(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.length - errors
  const parts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean)
  return parts.length > 0 ? parts.join(' and ') : 'no problem'
}

/** What the change does, in one line: "adds 1 warning; changes 2 shifts; fairness unchanged". */
function changeSummary(report: CheckReport): string {
  const parts = [`adds ${problemCounts(report.problems.filter(isNew))}`]
  const resolved = report.resolved ?? []
  if (resolved.length > 0) parts.push(`fixes ${problemCounts(resolved)}`)
  if (report.changes.length > 0) parts.push(`changes ${plural(report.changes.length, 'shift')}`)
  if (report.schedule) {
    const moved = fairnessMoves(report)
    const plan = report.plan
    const names = moved.map((id) => nameOf(plan, id))
    parts.push(moved.length === 0 ? 'fairness unchanged'
      : `fairness changes for ${names.length > 3 ? plural(names.length, 'member') : names.join(', ')}`)
  }
  return parts.join('; ')
}

/** Members whose load or deviation differs before → after, as the fairness table shows them (by member). */
function fairnessMoves(report: CheckReport): string[] {
  const figure = (n: number | undefined): string => (n === undefined ? '—' : n.toFixed(2))
  const moved = new Set<string>()
  for (const f of report.fairness) {
    const before = `${figure(f.before?.load)} ${figure(f.before?.deviation)}`
    const after = `${figure(f.after?.load)} ${figure(f.after?.deviation)}`
    if (before !== after) moved.add(f.member)
  }
  return [...moved].sort()
}

function location(p: Problem): string {
  if (!p.file) return '—'
  return code(p.line ? `${p.file}:${p.line}` : p.file, { inTable: true })
}

function problemRows(problems: Problem[]): string[][] {
  const sorted = [...problems].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule)
  )
  return sorted.map((p) => [
    p.severity === 'error' ? '❌ error' : '⚠️ warning',
    code(p.rule, { inTable: true }),
    location(p),
    cell(p.message)
  ])
}

const PROBLEM_HEADER = ['Severity', 'Rule', 'Where', 'Message']

/** Without a base: every problem. With one: the new problems first, those already there folded after. */
function problemsBlocks(report: CheckReport): Block[] {
  if (!report.base) {
    if (report.problems.length === 0) return [{ kind: 'text', text: '#### Problems\n\nNone: every rule holds.' }]
    return [{ kind: 'table', title: 'Problems', header: PROBLEM_HEADER, rows: problemRows(report.problems) }]
  }
  const added = report.problems.filter(isNew)
  const existing = report.problems.filter((p) => !isNew(p))
  const blocks: Block[] = [added.length === 0
    ? { kind: 'text', text: `#### New problems\n\nNone: this change brings no new problem.` }
    : { kind: 'table', title: 'New problems', header: PROBLEM_HEADER, rows: problemRows(added) }]
  if (existing.length > 0) {
    blocks.push({
      kind: 'table',
      header: PROBLEM_HEADER,
      rows: problemRows(existing),
      fold: html(`${plural(existing.length, 'problem')} already on the base branch (${problemCounts(existing)})`)
    })
  }
  return blocks
}

function changesBlock(report: CheckReport): Block | undefined {
  if (report.changes.length === 0) return undefined
  const plan = report.plan
  const zone = zoneOf(report)
  return {
    kind: 'table',
    title: 'Shifts that change',
    header: ['When', 'Rotation', 'Role', 'Before → after', 'Why'],
    rows: report.changes.map((c) => [
      cell(`${localDateTime(c.start, zone)} → ${localDateTime(c.end, zone)}`),
      cell(plan ? rotationName(plan, c.rotation) : c.rotation),
      c.role,
      cell(`${nameOf(plan, c.before)} → ${nameOf(plan, c.after)}`),
      cell(c.reason)
    ])
  }
}

function arrow(before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined) return ''
  const delta = Number((after - before).toFixed(2))
  return delta > 0 ? ' ↑' : delta < 0 ? ' ↓' : ''
}

function pair(before: FairnessRow | null, after: FairnessRow | null, pick: (r: FairnessRow) => number, show: (n: number) => string): string {
  const b = before ? show(pick(before)) : '—'
  const a = after ? show(pick(after)) : '—'
  return `${b} → ${a}${arrow(before ? pick(before) : undefined, after ? pick(after) : undefined)}`
}

function fairnessBlock(report: CheckReport): Block | undefined {
  if (report.fairness.length === 0) return undefined
  const plan = report.plan
  return {
    kind: 'table',
    title: 'Fairness',
    intro: 'Load in weighted days; deviation in shifts from a fair share (before → after).',
    header: ['Member', 'Rotations', 'Load', 'Deviation', 'Shifts'],
    rows: report.fairness.map((f) => [
      cell(nameOf(plan, f.member)),
      cell(Object.keys((f.after ?? f.before)?.rotations ?? {}).map((id) => (plan ? rotationName(plan, id) : id)).join(', ') || '—'),
      pair(f.before, f.after, (r) => r.load, (n) => num(n, 1)),
      pair(f.before, f.after, (r) => r.deviation, (n) => signed(n, 2)),
      pair(f.before, f.after, (r) => r.shifts, (n) => String(n))
    ])
  }
}

function ownershipBlock(report: CheckReport): Block | undefined {
  if (report.ownership.length === 0) return undefined
  const plan = report.plan ?? report.base?.plan
  const pipeline = (id: string) => plan?.pipelines.find((p) => p.id === id)?.name ?? id
  return {
    kind: 'table',
    title: 'Ownership changes',
    header: ['Pipeline', 'Change', 'Before → after'],
    rows: report.ownership.map((o) => [
      cell(pipeline(o.pipeline)),
      o.field === 'added' ? 'pipeline added' : o.field === 'removed' ? 'pipeline removed' : `${o.field} owner`,
      cell(`${o.before === null ? '—' : nameOf(plan, o.before)} → ${o.after === null ? '—' : nameOf(plan, o.after)}`)
    ])
  }
}

function ganttBlock(report: CheckReport): Block | undefined {
  const { plan, schedule } = report
  if (!plan || !schedule || report.changes.length === 0) return undefined
  // The whole shifts each change touches, and nothing between them: a leave in March and a
  // rebalanced week in December are two short stretches, not the four months in between.
  const windows = report.changes.map((c) => ({
    from: schedule.shifts.find((s) => s.end > c.start)?.start ?? c.start,
    to: [...schedule.shifts].reverse().find((s) => s.start < c.end)?.end ?? c.end
  }))
  const touched = schedule.segments.filter((seg) => windows.some((w) => seg.start < w.to && seg.end > w.from))
  const from = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]?.from ?? '')
  const to = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]?.to ?? '')
  const chart = renderGantt(touched, plan, { from, to, title: 'Changed weeks, after this change' })
  return { kind: 'text', text: `#### Changed weeks\n\n${chart}`, optional: true }
}

/**
 * Members whose shifts change, by their GitHub login. Only logins the base plan (the default
 * branch's) already has are mentioned: a pull request, from a fork too, can write any login into
 * the plan, and must not make the bot notify whoever it likes. A login it adds is shown, in code.
 */
function mentionLine(report: CheckReport): string | undefined {
  if (report.affectedMembers.length === 0) return undefined
  const trusted = new Set((report.base?.plan?.team ?? []).flatMap((m) => (m.github ? [m.github.toLowerCase()] : [])))
  let untrusted = false
  const who = report.affectedMembers.map((id) => {
    const m = report.plan?.team.find((x) => x.id === id) ?? report.base?.plan?.team.find((x) => x.id === id)
    if (!m?.github) return inline(m?.name ?? id)
    if (trusted.has(m.github.toLowerCase())) return mention(m.github)
    untrusted = true
    return `${inline(m.name)} (${code(m.github)})`
  })
  const note = untrusted ? ' Logins in code are not on the base branch yet, so they are not mentioned.' : ''
  return `Shifts change for ${who.join(', ')} — please confirm in review.${note}`
}

function renderTable(b: TableBlock, cap: number, hint: string): string {
  const shown = b.rows.slice(0, cap)
  const cut = b.rows.length - shown.length
  let body = shown.length > 0 ? table(b.header, shown, { compact: true }) : ''
  if (cut > 0) body += `${body ? '\n\n' : ''}… ${cut} more ${cut === 1 ? 'row' : 'rows'} — ${hint}`
  if (b.fold !== undefined) body = details(b.fold, body)
  else if (b.rows.length > FOLD_ROWS) body = details(html(`Show ${plural(b.rows.length, 'row')}`), body)
  return [b.title === undefined ? '' : `#### ${b.title}`, b.intro ?? '', body].filter((p) => p !== '').join('\n\n')
}

function assemble(marker: string, blocks: Block[], cap: number, withOptional: boolean, hint: string): string {
  const parts = blocks.flatMap((b) => {
    if (b.kind === 'table') return [renderTable(b, cap, hint)]
    if (b.optional && !withOptional) return [`_The chart of the changed weeks is left out to keep this short_ — ${hint}`]
    return [b.text]
  })
  return [marker, ...parts].join('\n\n') + '\n'
}

export function renderReport(report: CheckReport, opts: ReportOptions = {}): string {
  const marker = opts.marker ?? REPORT_MARKER
  const max = opts.maxLength ?? DEFAULT_MAX
  const hint = opts.summaryHint ?? 'see the job summary'
  const blocks: Block[] = [{ kind: 'text', text: verdict(report) }, ...problemsBlocks(report)]
  for (const b of [changesBlock(report), fairnessBlock(report), ownershipBlock(report), ganttBlock(report)]) {
    if (b) blocks.push(b)
  }
  const line = opts.mentions ? mentionLine(report) : undefined
  if (line) blocks.push({ kind: 'text', text: line })

  const most = Math.max(0, ...blocks.map((b) => (b.kind === 'table' ? b.rows.length : 0)))
  const full = assemble(marker, blocks, most, true, hint)
  if (full.length <= max) return full
  // The largest per-table row cap that fits: fewer rows only ever shortens the text.
  let lo = 0
  let hi = most
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (assemble(marker, blocks, mid, false, hint).length <= max) lo = mid
    else hi = mid - 1
  }
  const cut = assemble(marker, blocks, lo, false, hint)
  if (cut.length <= max) return cut
  const verdictOnly = [marker, verdict(report), `The full report is too long for a comment — ${hint}`].join('\n\n') + '\n'
  return verdictOnly.length <= max ? verdictOnly : `${marker}\n`
}
