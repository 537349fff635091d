// Where a report lands besides the comment: annotations on the plan's lines, the job summary, the
// step outputs and the step's pass/fail.
import type { CheckReport, Problem } from '../core/types.js'
import type { FailOn } from './inputs.js'
import type { Runner } from './ports.js'

/** GitHub shows at most this many annotations of one kind per step. */
export const ANNOTATIONS_PER_KIND = 10

// Code-unit order, not locale order: the same problems annotate the same way on every runner.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function byPlace(a: Problem, b: Problem): number {
  return (
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.rule, b.rule)
  )
}

/** New problems before those already on the base branch, then by place. */
function byNewThenPlace(a: Problem, b: Problem): number {
  return Number(a.new === false) - Number(b.new === false) || byPlace(a, b)
}

/**
 * Errors first, each kind capped so none is silently dropped: the rest are counted in one notice.
 * Within a kind the problems the change brings come first, so the cap never hides them.
 */
export function annotate(runner: Runner, problems: Problem[]): void {
  const errors = problems.filter((p) => p.severity === 'error').sort(byNewThenPlace)
  const warnings = problems.filter((p) => p.severity === 'warning').sort(byNewThenPlace)
  for (const p of errors.slice(0, ANNOTATIONS_PER_KIND)) runner.error(p.message, properties(p))
  for (const p of warnings.slice(0, ANNOTATIONS_PER_KIND)) runner.warning(p.message, properties(p))
  const moreErrors = Math.max(0, errors.length - ANNOTATIONS_PER_KIND)
  const moreWarnings = Math.max(0, warnings.length - ANNOTATIONS_PER_KIND)
  if (moreErrors + moreWarnings > 0) {
    const parts = [plural(moreErrors, 'error'), plural(moreWarnings, 'warning')].filter(Boolean)
    runner.notice(`${parts.join(' and ')} — see the job summary`, { title: 'opsplan' })
  }
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} more ${word}${n === 1 ? '' : 's'}`
}

function properties(p: Problem): { title: string; file?: string; startLine?: number; startColumn?: number } {
  const props: { title: string; file?: string; startLine?: number; startColumn?: number } = { title: `opsplan ${p.rule}` }
  if (p.file) props.file = p.file
  if (p.line) props.startLine = p.line
  if (p.column) props.startColumn = p.column
  return props
}

export interface RunOutputs {
  report?: CheckReport
  changedFiles?: string[]
  commitSha?: string
  commentUrl?: string
}

/** Every output is set on every run, empty when it does not apply, so later steps can rely on them. */
export function setOutputs(runner: Runner, out: RunOutputs): void {
  runner.setOutput('ok', String(out.report?.ok ?? false))
  runner.setOutput('errors', String(out.report?.errors ?? 0))
  runner.setOutput('warnings', String(out.report?.warnings ?? 0))
  runner.setOutput('changed-files', JSON.stringify(out.changedFiles ?? []))
  runner.setOutput('commit-sha', out.commitSha ?? '')
  runner.setOutput('comment-url', out.commentUrl ?? '')
}

/**
 * Fails the step per `fail-on`, judging the problems the change brings (all of them with
 * `fail-on-existing`, and all of them where there is no base: on the default branch every problem
 * is the plan's own). The message names what failed and where to read about it.
 */
export function failPerPolicy(runner: Runner, report: CheckReport, failOn: FailOn, failOnExisting = false): boolean {
  const judged = failOnExisting ? report.problems : report.problems.filter((p) => p.new !== false)
  const errors = judged.filter((p) => p.severity === 'error').length
  const warnings = judged.length - errors
  const failing = failOn === 'error' ? errors : failOn === 'warning' ? errors + warnings : 0
  if (failing === 0) return false
  const kind = judged.length === report.problems.length ? '' : 'new '
  const counts = [errors && `${errors} ${kind}error${errors === 1 ? '' : 's'}`, warnings && `${warnings} ${kind}warning${warnings === 1 ? '' : 's'}`]
    .filter(Boolean)
    .join(' and ')
  const policy = `fail-on: ${failOn}${failOnExisting ? ', fail-on-existing: true' : ''}`
  runner.setFailed(`${report.file}: ${counts} (${policy}). See the annotations and the job summary.`)
  return true
}
