// What a user sees as "infeasible": the errors of the rules that guard the hard constraints, run on
// the scheduler's schedule as `opsplan check` runs them. On a plan where the oracle finds a schedule
// meeting every hard constraint, each of these is a false infeasibility (the action commits nothing).
import { RULE_CATALOGUE } from '../src/core/rules/catalogue.js'
import { runRules } from '../src/core/rules/engine.js'
import type { LocalDate, Plan, PlanPath, RuleOverride, Schedule } from '../src/core/types.js'

/** The rules of SPEC section 4 that hold the hard constraints of section 3. */
export const HARD_RULES: readonly string[] = ['coverage.staffed', 'coverage.distinct', 'investor.presence']

export interface RuleError {
  rule: string
  message: string
  path: PlanPath
}

/**
 * Errors of the hard-constraint rules, but those about a swap (its member is away, or two swaps
 * clash): a swap that cannot be kept is a mistake in the plan, which the oracle sets aside too.
 */
export function hardRuleErrors(plan: Plan, today: LocalDate, schedule: Schedule): RuleError[] {
  // the other rules off (they cost seconds on a large team and decide nothing here); the locator
  // only carries each finding's plan path through to the problem
  const others: Record<string, RuleOverride> = Object.fromEntries(RULE_CATALOGUE.filter((r) => !HARD_RULES.includes(r.id)).map((r) => [r.id, { severity: 'off', params: {} }]))
  const only = { ...plan, rules: { ...plan.rules, ...others } }
  const problems = runRules({ plan: only, today, schedule, file: '', locate: (path) => ({ file: JSON.stringify(path), line: 1, column: 1 }) })
  const fromScheduler = schedule.problems.map((p) => ({ ...p, file: JSON.stringify(p.planPath ?? []) }))
  return [...fromScheduler, ...problems]
    .filter((p) => p.severity === 'error' && HARD_RULES.includes(p.rule))
    .map((p) => ({ rule: p.rule, message: p.message, path: JSON.parse(p.file || '[]') as PlanPath }))
    .filter((e) => e.path[0] !== 'swaps')
}
