// The benchmark's printed output: one Markdown table of every run and the targets, met or not.
import { markdownTable } from 'markdown-table'
import type { CaseResult } from './run-case.js'
import type { TeamKind } from './synthetic.js'

const fixed = (x: number, digits: number): string => (Math.abs(x) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : x.toFixed(digits))

export function formatTable(results: readonly CaseResult[]): string {
  const header = [
    'team', 'shifts', 'method', 'max load', 'bound', 'gap %', 'gap (shifts)',
    'fair max load', 'fair bound', 'fair gap %', 'fair gap (shifts)',
    'hard violations', 'churn (+beyond forced)', 'from-scratch churn', 'time ms'
  ]
  const rows = results.map((r) => [
    r.label,
    `${r.shift} (${r.shifts})`,
    r.method,
    fixed(r.maxLoad, 1),
    fixed(r.bound, 1),
    fixed(r.gapPercent, 1),
    fixed(r.gapShifts, 2),
    fixed(r.fairMaxLoad, 1),
    fixed(r.fairBound, 1),
    fixed(r.fairGapPercent, 1),
    fixed(r.fairGapShifts, 2),
    String(r.violations.total),
    `${r.churn} (+${Math.max(0, r.churn - r.forced)})`,
    String(r.scratchChurn),
    fixed(r.ms, 1)
  ])
  return markdownTable([header, ...rows], { align: ['r', 'l', 'l', ...Array<'r'>(header.length - 3).fill('r')] })
}

interface Target {
  name: string
  measured: string
  met: boolean
}

function worst(results: readonly CaseResult[], score: (r: CaseResult) => number): CaseResult {
  return results.reduce((a, b) => (score(b) > score(a) ? b : a))
}

const where = (r: CaseResult): string => `${r.team} members${r.kind === 'moves' ? ' with joiners and leavers' : ''}, ${r.shift}`

const gapLine = (r: CaseResult, shifts: number, percent: number): string => `worst ${fixed(shifts, 2)} shifts, ${fixed(percent, 1)} % (${where(r)})`

export function targets(results: readonly CaseResult[]): Target[] {
  const ours = results.filter((r) => r.method === 'opsplan')
  if (ours.length === 0) return []
  const steady = ours.filter((r) => r.kind === 'steady')
  const moves = ours.filter((r) => r.kind === 'moves')
  const violations = ours.reduce((sum, r) => sum + r.violations.total, 0)
  const byViolations = worst(ours, (r) => r.violations.total)
  const beyond = (r: CaseResult): number => Math.max(0, r.churn - r.forced)
  const byChurn = worst(ours, beyond)
  const large = ours.filter((r) => r.team === 200)
  const slowest = large.length > 0 ? worst(large, (r) => r.ms) : undefined
  const times = (kind: TeamKind): string => large.filter((r) => r.kind === kind).map((r) => `${r.shift} ${fixed(r.ms, 0)} ms`).join(', ')
  const timing = [times('steady'), times('moves')].map((t, k) => (t && k === 1 ? `with joiners and leavers ${t}` : t)).filter((t) => t !== '').join('; ')
  const list: Target[] = [
    {
      name: '0 hard violations',
      measured: violations === 0 ? `0 in ${ours.length} teams` : `${violations} in all (most: ${byViolations.violations.total}, ${where(byViolations)})`,
      met: violations === 0
    }
  ]
  // The load target, judged on the worst of some teams against one of the two bounds.
  const loadTarget = (name: string, rows: CaseResult[], shifts: (r: CaseResult) => number, percent: (r: CaseResult) => number): void => {
    if (rows.length === 0) return
    const w = worst(rows, shifts)
    list.push({ name, measured: gapLine(w, shifts(w), percent(w)), met: shifts(w) <= 1 + 1e-9 })
  }
  // As the issue states it, on the teams it describes: the plain min-max bound.
  loadTarget('largest load within one heaviest shift of the bound', steady, (r) => r.gapShifts, (r) => r.gapPercent)
  // Where people join and leave, SPEC fairness owes them a part share, and the plain bound is no
  // longer a bound on a fair schedule: the same target, against the bound of SPEC's fairness.
  loadTarget('with joiners and leavers: largest load within one heaviest shift of the SPEC fair-share bound', moves, (r) => r.fairGapShifts, (r) => r.fairGapPercent)
  list.push(
    {
      name: 'at most 2 shifts changed beyond those a new leave forces',
      measured: `worst +${beyond(byChurn)} (${byChurn.churn} changed, ${byChurn.forced} forced; ${where(byChurn)})`,
      met: beyond(byChurn) <= 2
    },
    {
      name: '200 members × 2 years scheduled in under 1 s',
      measured: slowest ? timing : 'not run',
      met: slowest !== undefined && slowest.ms < 1000
    }
  )
  return list
}

/**
 * For teams with joiners and leavers, one plain sentence on why the plain bound is not their target:
 * how far the largest SPEC fair target sits above it, in heaviest shifts.
 */
export function movesVerdict(results: readonly CaseResult[]): string {
  const moves = results.filter((r) => r.method === 'opsplan' && r.kind === 'moves' && r.fairTarget !== undefined)
  if (moves.length === 0) return ''
  const owed = (r: CaseResult): number => (r.heaviestShift > 0 ? (r.fairTarget! - r.bound) / r.heaviestShift : 0)
  const most = worst(moves, owed)
  const plain = worst(moves, (r) => r.gapShifts)
  return (
    `With joiners and leavers, the plain min-max bound lets someone who is there for part of the two years carry as much as ` +
    `everyone else; SPEC fairness owes them a part share, so the largest fair target alone sits up to ${fixed(owed(most), 2)} ` +
    `heaviest shifts above the plain bound (${where(most)}). opsplan's gap to the plain bound there is at most ` +
    `${fixed(plain.gapShifts, 2)} shifts (${where(plain)}): the price of that definition of fair, not of the solver.`
  )
}

export function formatTargets(results: readonly CaseResult[]): string {
  const rows = targets(results).map((t) => [t.name, t.measured, t.met ? 'met' : 'not met'])
  const verdict = movesVerdict(results)
  return markdownTable([['target (opsplan)', 'measured', 'result'], ...rows]) + (verdict ? `\n\n${verdict}` : '')
}

/**
 * Where opsplan's gap to the bound comes from: SPEC fairness gives each member a share in proportion
 * to their available hours, while the bound spreads load as evenly as availability allows. A max
 * load at the largest fair target is the solver doing exactly what the rule asks.
 */
export function formatGapSources(results: readonly CaseResult[]): string {
  const rows = results
    .filter((r) => r.method === 'opsplan' && r.fairTarget !== undefined)
    .map((r) => [r.label, r.shift, fixed(r.bound, 1), fixed(r.fairBound, 1), fixed(r.fairTarget!, 1), fixed(r.maxLoad, 1), fixed(r.maxLoad - r.fairTarget!, 1)])
  return markdownTable([['team', 'shifts', 'bound', 'fair bound', 'largest fair target', 'opsplan max load', 'above target'], ...rows], {
    align: ['r', 'l', 'r', 'r', 'r', 'r', 'r']
  })
}
