// The review of one plan: load it, plan its schedule against the schedule of record, run every rule
// and compare with the base plan. What `opsplan check` prints and what the action comments.
import { renamesOf, translateLock, translateSchedule } from './lock-renames.js'
import { compareProblems } from './new-problems.js'
import { loadPlan } from './plan/load.js'
import { effectiveRule } from './rules/catalogue.js'
import { runRules, sortProblems, type RuleInput } from './rules/engine.js'
import { buildSchedule } from './schedule/index.js'
import { parseLock, updateLock } from './schedule/lock.js'
import { diffSchedules } from './schedule/diff.js'
import type {
  CheckReport,
  FairnessComparison,
  LoadResult,
  LocalDate,
  Lock,
  OwnershipChange,
  Plan,
  Problem,
  Schedule
} from './types.js'

export interface PlanSource {
  text: string | Uint8Array
  file: string
}

export interface CheckInput {
  plan: PlanSource
  /** The plan before the change (the pull request's base), when there is one. */
  base?: PlanSource
  /** The schedule of record; without it the schedule is planned from `oncall.start`. */
  lock?: { text: string; file: string }
  today: LocalDate
}

/** Everything `checkPlan` worked out, plus the lock the head schedule was planned against. */
export interface CheckResult {
  report: CheckReport
  /**
   * The lock as read, in the plan's ids (undefined when none was given or it could not be read); it
   * still holds the archived segments of rotations the plan dropped, for the next record to keep.
   */
  lock?: Lock
}

export function checkPlan(input: CheckInput): CheckReport {
  return reviewPlan(input).report
}

export function reviewPlan(input: CheckInput): CheckResult {
  const { today } = input
  const head = loadPlan(input.plan.text, input.plan.file)

  let lock: Lock | undefined
  const lockProblems: Problem[] = []
  if (input.lock) {
    const parsed = parseLock(input.lock.text, input.lock.file)
    lockProblems.push(...parsed.problems)
    lock = parsed.lock
  }

  // The base plan gets its own review against the same record: its problems tell which of the head
  // plan's are new, and its schedule which shifts this change moves.
  let base: CheckReport['base']
  let baseReview: Reviewed | undefined
  if (input.base) {
    const loaded = loadPlan(input.base.text, input.base.file)
    if (loaded.plan) baseReview = review(loaded, loaded.plan, today, lock ? translateLock(lock, loaded.plan) : undefined)
    base = { plan: loaded.plan, schedule: baseReview?.schedule, problems: loaded.problems }
  }

  const plan = head.plan
  const problems: Problem[] = [...head.problems, ...lockProblems]
  let schedule: Schedule | undefined
  // The record and the base schedule in this plan's ids: a renamed rotation or member keeps its past.
  const record = lock && plan ? translateLock(lock, plan) : undefined
  const baseSchedule = baseReview && plan ? translateSchedule(baseReview.schedule, plan) : undefined
  if (plan) {
    // Without a schedule of record, the base plan's own schedule stands in for it, so the diff shows
    // what this change moves rather than two independent plannings.
    const reference = record ?? (baseSchedule ? updateLock(baseSchedule, undefined, today) : undefined)
    const reviewed = review(head, plan, today, reference, {
      base: base ? { plan: base.plan, schedule: baseSchedule } : undefined,
      record
    })
    schedule = reviewed.schedule
    problems.push(...reviewed.problems)
  }

  const baseProblems = input.base ? [...(base?.problems ?? []), ...lockProblems, ...(baseReview?.problems ?? [])] : undefined
  const { problems: sorted, resolved } = compareProblems(sortProblems(dedupe(problems)), baseProblems && dedupe(baseProblems), plan ? renamesOf(plan) : undefined)
  const errors = sorted.filter((p) => p.severity === 'error').length
  const changes = plan && schedule && baseSchedule ? diffSchedules(baseSchedule, schedule, plan) : []
  const affected = new Set<string>()
  for (const change of changes) {
    if (change.before) affected.add(change.before)
    if (change.after) affected.add(change.after)
  }

  const report: CheckReport = {
    ok: errors === 0,
    file: input.plan.file,
    today,
    problems: sorted,
    errors,
    warnings: sorted.length - errors,
    plan,
    schedule,
    base: base ? { ...base, schedule: baseSchedule ?? base.schedule } : undefined,
    changes,
    fairness: compareFairness(baseSchedule, schedule),
    ownership: plan && base?.plan ? compareOwnership(base.plan, plan) : [],
    affectedMembers: [...affected].sort()
  }
  if (input.base) report.resolved = resolved
  if (lock && input.lock) report.lockFile = input.lock.file
  return { report, lock: record ?? lock }
}

interface Reviewed {
  schedule: Schedule
  problems: Problem[]
}

/**
 * One plan scheduled against a record (`reference`, in the plan's ids) with every rule run. `record`
 * is the schedule of record itself, when there is one, for the rules that guard it; it defaults to
 * the reference (a base plan is reviewed against the record alone).
 */
function review(
  loaded: LoadResult,
  plan: Plan,
  today: LocalDate,
  reference: Lock | undefined,
  against: { base?: RuleInput['base']; record?: Lock } = { record: reference }
): Reviewed {
  const schedule = buildSchedule(plan, { today, lock: reference })
  const problems = withPlanSeverity(plan, schedule.problems).map(({ planPath, ...p }) =>
    (planPath && p.line === undefined ? { ...p, ...loaded.locate(planPath) } : p))
  problems.push(
    ...runRules({
      plan,
      locate: loaded.locate,
      file: loaded.file,
      today,
      schedule,
      base: against.base,
      lock: against.record
    })
  )
  return { schedule, problems }
}

/** The scheduler's own problems carry rule ids too, so `rules:` in the plan governs them as well. */
function withPlanSeverity(plan: Plan, problems: Problem[]): Problem[] {
  return problems.flatMap((p) => {
    const { severity } = effectiveRule(plan, p.rule)
    if (severity === 'off') return []
    return severity ? [{ ...p, severity }] : [p]
  })
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = JSON.stringify([p.severity, p.rule, p.message, p.file, p.line, p.column])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Each member's fairness before and after the change (a member only one side has keeps a null). */
function compareFairness(before: Schedule | undefined, after: Schedule | undefined): FairnessComparison[] {
  const rows = new Map<string, FairnessComparison>()
  for (const row of after?.fairness ?? []) rows.set(row.member, { member: row.member, before: null, after: row })
  for (const row of before?.fairness ?? []) {
    const existing = rows.get(row.member)
    if (existing) existing.before = row
    else rows.set(row.member, { member: row.member, before: row, after: null })
  }
  return [...rows.values()]
}

function compareOwnership(before: Plan, after: Plan): OwnershipChange[] {
  const changes: OwnershipChange[] = []
  const old = new Map(before.pipelines.map((p) => [p.id, p]))
  for (const pipeline of after.pipelines) {
    const previous = old.get(pipeline.id)
    if (!previous) {
      changes.push({ pipeline: pipeline.id, field: 'added', before: null, after: pipeline.owners.primary })
      continue
    }
    for (const field of ['primary', 'secondary'] as const) {
      if (previous.owners[field] !== pipeline.owners[field]) {
        changes.push({ pipeline: pipeline.id, field, before: previous.owners[field], after: pipeline.owners[field] })
      }
    }
    old.delete(pipeline.id)
  }
  for (const removed of old.values()) {
    changes.push({ pipeline: removed.id, field: 'removed', before: removed.owners.primary, after: null })
  }
  return changes
}
