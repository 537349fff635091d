// Runs every rule of the catalogue against a plan (and its schedule, when there is one) and turns
// what each finds into problems with a severity and a place in the plan file.
import type { Problem, ProblemSeverity } from '../types.js'
import { RULE_CATALOGUE, effectiveRule } from './catalogue.js'
import type { Finding, RuleDefinition, RuleInput } from './rule.js'
import { coverageRules } from './coverage.js'
import { escalationRules } from './escalation.js'
import { fairnessRules } from './fairness.js'
import { historyRules } from './history.js'
import { investorRules } from './investor.js'
import { leaveRules } from './leave.js'
import { ownershipRules } from './ownership.js'
import { runbookRules } from './runbook.js'
import { slaRules } from './sla.js'

export type { Finding, RuleContext, RuleDefinition, RuleInput } from './rule.js'

const REGISTRY: ReadonlyMap<string, RuleDefinition> = new Map(
  [
    ...coverageRules,
    ...investorRules,
    ...fairnessRules,
    ...ownershipRules,
    ...runbookRules,
    ...slaRules,
    ...escalationRules,
    ...leaveRules,
    ...historyRules
  ].map((rule) => [rule.id, rule])
)

/** The ids that have a check behind them (every catalogue id, once all families are registered). */
export function registeredRules(): string[] {
  return [...REGISTRY.keys()].sort()
}

export function runRules(input: RuleInput): Problem[] {
  const problems: Problem[] = []
  for (const info of RULE_CATALOGUE) {
    const rule = REGISTRY.get(info.id)
    if (!rule) continue
    if (info.needsSchedule && !input.schedule) continue
    const { severity: override, params } = effectiveRule(input.plan, info.id)
    if (override === 'off') continue
    for (const finding of rule.check({ ...input, params })) {
      problems.push(toProblem(input, info.id, finding, override ?? finding.severity ?? info.defaultSeverity))
    }
  }
  return sortProblems(problems)
}

function toProblem(input: RuleInput, rule: string, finding: Finding, severity: ProblemSeverity): Problem {
  if (!finding.path) return { severity, rule, message: finding.message, file: input.file }
  const at = input.locate(finding.path)
  return { severity, rule, message: finding.message, file: at.file || input.file, line: at.line, column: at.column }
}

/**
 * File order, so a reader walks the plan top to bottom (problems of another file, such as the lock,
 * apart); ties by severity, rule and message keep it stable.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem): number => (p.severity === 'error' ? 0 : 1)
  return [...problems].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      rank(a) - rank(b) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message)
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
