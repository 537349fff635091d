// The shapes a rule family works with. Kept apart from the engine so that rule modules and the
// engine can import them without importing each other.
import type { Lock, LocalDate, Locator, Plan, PlanPath, ProblemSeverity, Schedule } from '../types.js'

export interface RuleInput {
  plan: Plan
  locate: Locator
  file: string
  today: LocalDate
  /** The head schedule; rules that read a schedule run only when it is given. */
  schedule?: Schedule
  /** The plan before the change (a pull request's base), when known. */
  base?: { plan?: Plan; schedule?: Schedule }
  /** The schedule of record, when there is one. */
  lock?: Lock
}

/** What a rule found, before the engine gives it a severity and a place in the file. */
export interface Finding {
  message: string
  path?: PlanPath
  /** This finding's own default, used when the plan sets no severity for the rule. */
  severity?: ProblemSeverity
}

export interface RuleContext extends RuleInput {
  params: Record<string, number>
}

export interface RuleDefinition {
  id: string
  check(ctx: RuleContext): Finding[]
}

/** The schedule, for rules the engine runs only when there is one. */
export function scheduleOf(ctx: RuleContext): Schedule {
  if (!ctx.schedule) throw new Error('a schedule rule ran without a schedule')
  return ctx.schedule
}
