// The bench's printed output: Markdown tables of the synthetic teams, the random plans against the
// oracle, the speed figures, and every target of the issue, met or not.
import { markdownTable, type Options } from 'markdown-table'
import { beyondForced } from './churn.js'
import { DEVIATION_TOLERANCE } from './oracle-compare.js'
import { failures, type RandomRow, type RandomRun } from './random-run.js'
import type { ProcessTiming } from './speed.js'
import { SHAPE_NAMES } from './synthetic.js'
import { FEASIBILITY_MAX_MEMBERS, type Judged, type TeamResult } from './team-run.js'

/** A GitHub table; a `|` inside a cell (max |deviation|) is escaped, or it would split the cell. */
function table(rows: string[][], options?: Options): string {
  return markdownTable(rows.map((row) => row.map((cell) => cell.replace(/\|/g, '\\|'))), options)
}

const fixed = (x: number, digits: number): string => (Math.abs(x) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : x.toFixed(digits))
const hours = (h: number): string => (Number.isInteger(h) ? String(h) : h.toFixed(1))
const grid = (shift: TeamResult['shift']): string => (shift === 'mixed' ? 'daily + weekly' : shift)

/** How many false-infeasibility findings a judged schedule has: undefined where it could not be judged. */
export function falseFindings(j: Judged): number | undefined {
  if (j.feasibility === 'not asked') return 0
  if (j.feasibility === 'too large' || j.feasibility === 'unknown') return undefined
  if (j.feasibility === 'feasible') return (j.gapHours > 0 || (j.falseGapHours ?? 0) > 0 ? 1 : 0) + j.ruleErrors
  return (j.falseGapHours ?? 0) > 0 ? 1 : 0
}

function verdict(first: Judged, after: Judged): string {
  const parts = [first, after].map((j) => {
    if (j.feasibility === 'not asked') return 'none'
    if (j.feasibility === 'too large') return `not judged (over ${FEASIBILITY_MAX_MEMBERS} members)`
    if (j.feasibility === 'unknown') return 'not judged ((a) timed out)'
    const n = falseFindings(j)!
    return n === 0 ? `none ((a) ${j.feasibility})` : `${n} ((a) ${j.feasibility})`
  })
  return parts[0] === parts[1] ? parts[0]! : `${parts[0]} / ${parts[1]}`
}

export const churnText = (r: TeamResult): string =>
  `${r.churn.changed} (${r.churn.forced} forced, +${r.churn.extra}${r.churn.least ? `; ${r.churn.least.changed} needed to keep fairness.load, +${Math.max(0, r.churn.beyondLeast ?? 0)}` : ''})`

export function formatTeams(results: readonly TeamResult[]): string {
  const header = [
    'team', 'shape', 'shifts', 'shift-roles', 'hard violations', 'gaps h', 'hard-rule errors', 'false infeasibility',
    'max abs deviation', 'churn (forced, +extra)', 'fixed point', 'time ms'
  ]
  const rows = results.map((r) => [
    r.label,
    SHAPE_NAMES[r.kind],
    grid(r.shift),
    String(r.cells),
    String(r.first.hard + r.afterLeave.hard),
    `${hours(r.first.gapHours)} / ${hours(r.afterLeave.gapHours)}`,
    `${r.first.ruleErrors} / ${r.afterLeave.ruleErrors}`,
    verdict(r.first, r.afterLeave),
    fixed(r.maxDeviation, 2),
    churnText(r),
    r.fixedPoint ? 'yes' : 'no',
    fixed(r.ms, 0)
  ])
  return table([header, ...rows], { align: ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'l', 'r'] })
}

/** What differs or went wrong on the teams, one line each, so a failure can be looked into. */
export function teamNotes(results: readonly TeamResult[]): string[] {
  const notes: string[] = []
  for (const r of results) {
    for (const [when, j] of [['first plan', r.first], ['after the leave', r.afterLeave]] as const) {
      if (j.hardExample) notes.push(`${r.name}, ${when}: ${j.hard} hard violation(s), e.g. ${j.hardExample}`)
      if (j.ruleErrorExample) notes.push(`${r.name}, ${when}: ${j.ruleErrors} hard-rule error(s), e.g. ${j.ruleErrorExample}`)
    }
    if (r.fixedPointDifference) notes.push(`${r.name}: the second run differs at ${r.fixedPointDifference}`)
    if (r.maxDeviation > 1) notes.push(`${r.name}: max |deviation| ${fixed(r.maxDeviation, 2)} breaks fairness.load (±1)`)
    if (beyondForced(r.churn) > 2) notes.push(`${r.name}: leave ${r.leave.member} ${r.leave.from}..${r.leave.to} changed ${r.churn.changed} shift-roles, ${r.churn.forced} forced${r.churn.least ? `, ${r.churn.least.changed} needed to keep fairness.load` : ''}`)
  }
  return notes
}

interface RandomSummary {
  plans: number
  feasible: number
  infeasible: number
  unknown: number
  optimal: number
  timeLimit: number
  falseInfeasible: RandomRow[]
  falseGaps: RandomRow[]
  falseErrors: RandomRow[]
  hard: RandomRow[]
  above: RandomRow[]
  compared: number
  worst?: RandomRow
  broken: RandomRow[]
  notFixed: RandomRow[]
  rendered: number
  holiday: RandomRow[]
}

export function summarise(run: RandomRun): RandomSummary {
  const rows = run.rows
  const compared = rows.filter((r) => r.optimum !== undefined)
  const gap = (r: RandomRow): number => r.maxDeviation - (r.optimum ?? 0)
  return {
    plans: rows.length,
    feasible: rows.filter((r) => r.feasible === 'feasible').length,
    infeasible: rows.filter((r) => r.feasible === 'infeasible').length,
    unknown: rows.filter((r) => r.feasible === 'unknown').length,
    optimal: rows.filter((r) => r.optimumStatus === 'optimal').length,
    timeLimit: rows.filter((r) => r.optimumStatus === 'time-limit').length,
    falseInfeasible: rows.filter((r) => r.falseInfeasible),
    falseGaps: rows.filter((r) => r.falseGapHours > 0),
    falseErrors: rows.filter((r) => r.falseErrors > 0),
    hard: rows.filter((r) => r.hard > 0),
    above: rows.filter((r) => r.aboveOptimum),
    compared: compared.length,
    ...(compared.length > 0 ? { worst: compared.reduce((a, b) => (gap(b) > gap(a) ? b : a)) } : {}),
    broken: rows.filter((r) => r.brokenFairness),
    notFixed: rows.filter((r) => r.notFixedPoint),
    rendered: rows.filter((r) => r.rendered).length,
    holiday: rows.filter((r) => r.avoidableHolidayHours > 0)
  }
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length)

export function formatRandom(run: RandomRun): string {
  const s = summarise(run)
  const compared = run.rows.filter((r) => r.optimum !== undefined)
  const sum = (rows: RandomRow[], f: (r: RandomRow) => number): string => hours(rows.reduce((x, r) => x + f(r), 0))
  const rows = [
    ['plans (seed)', `${s.plans} (seed ${run.seed}${run.only !== undefined ? `, plan ${run.only} alone` : ''}), ${fixed(run.seconds, 0)} s`],
    ['(a) feasible / infeasible / unknown', `${s.feasible} / ${s.infeasible} / ${s.unknown}`],
    ['(b) optimal / at the time limit', `${s.optimal} / ${s.timeLimit}`],
    ['gaps declared where (a) finds a schedule', `${s.falseInfeasible.length} plans (${sum(s.falseInfeasible, (r) => r.gapHours)} h)`],
    ['unstaffed hours beyond what no schedule can staff', `${s.falseGaps.length} plans (${sum(s.falseGaps, (r) => r.falseGapHours)} h)`],
    ['hard-rule errors where (a) finds a schedule (swaps aside)', `${s.falseErrors.length} plans (${s.falseErrors.reduce((x, r) => x + r.falseErrors, 0)} errors)`],
    ['hard violations (gaps aside; an investor unit may change hands only across a stretch no schedule can meet)', `${s.hard.length} plans (${s.hard.reduce((x, r) => x + r.hard, 0)} violations)`],
    [`max abs deviation more than ${DEVIATION_TOLERANCE} above the oracle's`, `${s.above.length} of ${s.compared} plans`],
    ['worst max abs deviation above the oracle\'s', s.worst ? `${fixed(s.worst.maxDeviation, 2)} vs ${fixed(s.worst.optimum!, 2)} (plan ${s.worst.index}, ${s.worst.name})` : '-'],
    ['mean max abs deviation, opsplan / oracle', `${fixed(mean(compared.map((r) => r.maxDeviation)), 2)} / ${fixed(mean(compared.map((r) => r.optimum!)), 2)}`],
    ['fairness.load broken where the oracle keeps it', `${s.broken.length} plans`],
    ['not a fixed point (schedule bytes; rendered files where the plan renders)', `${s.notFixed.length} plans (files compared on ${s.rendered})`],
    ['hours on call on one\'s own holiday while a rotation-mate was free (avoid)', `${s.holiday.length} plans (${sum(s.holiday, (r) => r.avoidableHolidayHours)} h)`]
  ]
  return table([['random overlapping plans against the oracle', 'measured'], ...rows])
}

export function formatFailures(run: RandomRun): string {
  const failing = run.rows.filter((r) => failures(r).length > 0)
  if (failing.length === 0) return 'No random plan failed a check.'
  const rows = failing.map((r) => [String(r.index), String(run.seed), r.name, failures(r).join('; ')])
  return (
    `Failing plans: \`npm run bench -- --teams none --speed-runs 0 --seed S --plan K\` runs plan K alone.\n\n` +
    table([['K', 'S', 'plan', 'what failed'], ...rows], { align: ['r', 'r', 'l', 'l'] })
  )
}

export function formatSpeed(timing: ProcessTiming | undefined, teams: readonly TeamResult[]): string {
  const rows: string[][] = []
  if (timing) {
    rows.push(
      ['`node -e 0`', `${fixed(timing.nodeMs, 0)} ms`, `median of ${timing.nodeRuns.length}: ${timing.nodeRuns.map((t) => fixed(t, 0)).join(', ')}`],
      [`TechFlow \`check\` (${timing.cli})`, `${fixed(timing.checkMs, 0)} ms`, `median of ${timing.checkRuns.length}: ${timing.checkRuns.map((t) => fixed(t, 0)).join(', ')}; ${fixed(timing.ratio, 1)}× \`node -e 0\``],
      [`TechFlow \`check\`, first run (empty compile cache)`, `${fixed(timing.firstMs, 0)} ms`, `median of ${timing.firstRuns.length}: ${timing.firstRuns.map((t) => fixed(t, 0)).join(', ')}; ${fixed(timing.firstRatio, 1)}× \`node -e 0\``]
    )
  }
  for (const r of teams.filter((t) => t.size === 200)) {
    rows.push([`buildSchedule, ${r.name}`, `${fixed(r.ms, 0)} ms`, `median of ${r.runs.length} warm runs: ${r.runs.map((t) => fixed(t, 0)).join(', ')}`])
  }
  if (rows.length === 0) return ''
  return table([['speed', 'time', 'runs'], ...rows], { align: ['l', 'r', 'l'] })
}

export interface Target {
  name: string
  measured: string
  result: 'met' | 'not met' | 'not run'
}

export interface BenchResults {
  teams: readonly TeamResult[]
  random?: RandomRun
  speed?: ProcessTiming
}

const verdictOf = (ok: boolean): Target['result'] => (ok ? 'met' : 'not met')
const planList = (rows: readonly RandomRow[]): string => rows.slice(0, 5).map((r) => r.index).join(', ') + (rows.length > 5 ? ', …' : '')

export function targets({ teams, random, speed }: BenchResults): Target[] {
  const list: Target[] = []
  const s = random ? summarise(random) : undefined
  const enough = s !== undefined && s.plans >= 200

  // 0 false infeasibility and 0 published gaps where the oracle finds a schedule, on >= 200 plans
  if (s) {
    const bad = [...new Set([...s.falseInfeasible, ...s.falseGaps, ...s.falseErrors].map((r) => r.index))].sort((a, b) => a - b)
    const judgedTeams = teams.filter((t) => falseFindings(t.first) !== undefined && falseFindings(t.afterLeave) !== undefined)
    const badTeams = judgedTeams.filter((t) => (falseFindings(t.first) ?? 0) + (falseFindings(t.afterLeave) ?? 0) > 0)
    const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ', …' : '')
    list.push({
      name: '0 false infeasibility and 0 published gaps where the oracle finds a schedule, on ≥ 200 random overlapping plans',
      measured: `${bad.length} of ${s.plans} random plans (declared gaps ${s.falseInfeasible.length}, unstaffed beyond the oracle ${s.falseGaps.length}, ` +
        `hard-rule errors ${s.falseErrors.length}${bad.length > 0 ? `; plans ${shown}` : ''})` +
        (teams.length > 0 ? `; bench teams with a false finding: ${badTeams.length} (of ${judgedTeams.length} judged)` : ''),
      result: bad.length > 0 || badTeams.length > 0 || !enough ? 'not met' : 'met'
    })
  } else list.push({ name: '0 false infeasibility and 0 published gaps where the oracle finds a schedule, on ≥ 200 random overlapping plans', measured: 'random plans not run', result: 'not run' })

  const teamHard = teams.reduce((x, t) => x + t.first.hard + t.afterLeave.hard, 0)
  const randomHard = s ? s.hard.reduce((x, r) => x + r.hard, 0) : 0
  list.push({
    name: '0 hard violations',
    measured: `${randomHard} in ${s?.plans ?? 0} random plans${s && s.hard.length > 0 ? ` (plans ${planList(s.hard)})` : ''}; ${teamHard} in ${teams.length} bench teams (first plan and after the leave)`,
    result: !s && teams.length === 0 ? 'not run' : verdictOf(teamHard + randomHard === 0)
  })

  if (s) {
    list.push({
      name: `max |deviation| within ${DEVIATION_TOLERANCE} shift of the oracle's optimum on every plan it solves`,
      measured: `${s.above.length} of ${s.compared} plans above${s.worst ? `; worst ${fixed(s.worst.maxDeviation, 2)} vs ${fixed(s.worst.optimum!, 2)} (plan ${s.worst.index})` : ''}${s.above.length > 0 ? `; plans ${planList(s.above)}` : ''}`,
      result: verdictOf(s.above.length === 0)
    }, {
      name: 'fairness.load never broken where the oracle keeps it',
      measured: `${s.broken.length} of ${s.compared} plans${s.broken.length > 0 ? ` (plans ${planList(s.broken)})` : ''}` +
        (teams.length > 0 ? `; bench teams (no oracle at their size) beyond ±1: ${teams.filter((t) => t.maxDeviation > 1).length} of ${teams.length}` : ''),
      result: verdictOf(s.broken.length === 0)
    })
  } else {
    list.push(
      { name: `max |deviation| within ${DEVIATION_TOLERANCE} shift of the oracle's optimum on every plan it solves`, measured: 'random plans not run', result: 'not run' },
      { name: 'fairness.load never broken where the oracle keeps it', measured: 'random plans not run', result: 'not run' }
    )
  }

  if (teams.length > 0) {
    // what a leave forces: its dates' shift-roles, or the least any schedule keeping fairness.load
    // changes (oracle (d), asked where the dates alone leave more than 2)
    const worst = teams.reduce((a, b) => (beyondForced(b.churn) > beyondForced(a.churn) ? b : a))
    const overlap = teams.filter((t) => t.kind === 'dense' || t.kind === 'hub' || t.kind === 'mixed')
    const over = teams.filter((t) => beyondForced(t.churn) > 2)
    const checked = teams.filter((t) => t.churn.least)
    list.push({
      name: 'churn after one new leave: at most 2 shift-roles beyond those it forces, with overlapping rotations too',
      measured: `worst +${beyondForced(worst.churn)} (${churnText(worst)}; ${worst.name}); ${over.length} of ${teams.length} teams above 2 (${overlap.filter((t) => beyondForced(t.churn) > 2).length} of ${overlap.length} with overlap)` +
        (checked.length > 0 ? `; ${checked.length} team(s) where the dates force fewer than fairness.load needs: ${checked.map((t) => `${t.name} ${churnText(t)}`).join('; ')}` : ''),
      result: verdictOf(over.length === 0)
    })
  } else list.push({ name: 'churn after one new leave: at most 2 shift-roles beyond those it forces, with overlapping rotations too', measured: 'bench teams not run', result: 'not run' })

  const teamsNotFixed = teams.filter((t) => !t.fixedPoint)
  list.push({
    name: 'fixed point: 0 byte changes on the second render, on every bench and property plan',
    measured: `${teamsNotFixed.length} of ${teams.length} bench teams; ${s?.notFixed.length ?? 0} of ${s?.plans ?? 0} random plans${s && s.notFixed.length > 0 ? ` (plans ${planList(s.notFixed)})` : ''}`,
    result: !s && teams.length === 0 ? 'not run' : verdictOf(teamsNotFixed.length === 0 && (s?.notFixed.length ?? 0) === 0)
  })

  list.push(speed
    ? { name: 'TechFlow `check`, whole process, ≤ 6× `node -e 0`', measured: `${fixed(speed.ratio, 1)}× (${fixed(speed.checkMs, 0)} ms against ${fixed(speed.nodeMs, 0)} ms); the first run, with an empty compile cache, ${fixed(speed.firstRatio, 1)}× (${fixed(speed.firstMs, 0)} ms)`, result: verdictOf(speed.ratio <= 6) }
    : { name: 'TechFlow `check`, whole process, ≤ 6× `node -e 0`', measured: 'not run', result: 'not run' })

  const large = teams.filter((t) => t.size === 200)
  const slowest = large.length > 0 ? large.reduce((a, b) => (b.ms > a.ms ? b : a)) : undefined
  const shiftsSeen = new Set(large.flatMap((t) => (t.shift === 'mixed' ? ['weekly', 'daily'] : [t.shift])))
  const overlapSeen = large.some((t) => t.kind === 'dense' || t.kind === 'hub' || t.kind === 'mixed')
  list.push({
    name: '200 members × 2 years ≤ 1 s of scheduling, weekly and daily shifts, overlap included',
    measured: slowest
      ? `slowest ${fixed(slowest.ms, 0)} ms (${slowest.name}); ${large.filter((t) => t.ms > 1000).length} of ${large.length} runs over 1 s`
      : 'no 200-member team run',
    result: !slowest ? 'not run' : slowest.ms > 1000 ? 'not met' : shiftsSeen.size === 2 && overlapSeen ? 'met' : 'not run'
  })

  if (s) {
    list.push({
      name: '(property) no avoidable holiday hour under `avoid`',
      measured: `${s.holiday.length} of ${s.plans} random plans${s.holiday.length > 0 ? ` (plans ${planList(s.holiday)})` : ''}`,
      result: verdictOf(s.holiday.length === 0)
    })
  }
  return list
}

export function formatTargets(results: BenchResults): string {
  return table([['target', 'measured', 'result'], ...targets(results).map((t) => [t.name, t.measured, t.result])])
}
