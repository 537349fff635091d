// The rules of SPEC section 4: ids, default severities and parameters. The plan loader validates
// `rules:` against this list; the rule engine runs the checks registered for each id.
import { durationText } from '../plan/durations.js'
import type { Plan, ProblemSeverity, RuleSeverity } from '../types.js'

export interface RuleInfo {
  id: string
  /** Default severity; `runbook.complete` is an error for investor-facing pipelines and a warning otherwise. */
  defaultSeverity: ProblemSeverity
  /** Parameters and their defaults; a plan may override each under `rules:`. */
  params: Readonly<Record<string, number>>
  /** Parameters a plan writes as durations (`max-run: 1w`); `params` and the loaded plan hold them in minutes. */
  durations?: readonly string[]
  /** True for rules that read the schedule (they run once the scheduler has run). */
  needsSchedule: boolean
  summary: string
}

export const RULE_CATALOGUE: readonly RuleInfo[] = [
  { id: 'coverage.staffed', defaultSeverity: 'error', params: {}, needsSchedule: true,
    summary: 'Every role is held at every instant, by someone present, and swaps are kept' },
  { id: 'coverage.distinct', defaultSeverity: 'error', params: {}, needsSchedule: true,
    summary: 'Nobody holds two roles at the same instant' },
  { id: 'coverage.rest', defaultSeverity: 'warning', params: { 'max-run': 7 * 24 * 60, 'min-gap': 1 }, durations: ['max-run'],
    needsSchedule: true,
    summary: 'A member holds one role for at most max-run at a stretch, and stretches are at least min-gap shifts apart' },
  { id: 'investor.presence', defaultSeverity: 'error', params: {}, needsSchedule: true,
    summary: 'Inside investor periods each shift is held whole, without covers' },
  { id: 'investor.owner-leave', defaultSeverity: 'warning', params: {}, needsSchedule: true,
    summary: 'No primary owner of an investor-facing pipeline is on leave in an investor period' },
  { id: 'fairness.load', defaultSeverity: 'error', params: { 'max-deviation': 1 }, needsSchedule: true,
    summary: "Every member's weighted load is within max-deviation shifts of their target" },
  { id: 'fairness.holidays', defaultSeverity: 'warning', params: { 'max-spread': 1 }, needsSchedule: true,
    summary: 'Holiday days on call differ by at most max-spread across members' },
  { id: 'fairness.investor', defaultSeverity: 'warning', params: { 'max-spread': 1 }, needsSchedule: true,
    summary: 'Investor-period shifts differ by at most max-spread across members' },
  { id: 'ownership.distinct', defaultSeverity: 'error', params: {}, needsSchedule: false,
    summary: "Each pipeline's primary and secondary owners differ and are team members" },
  { id: 'ownership.balance', defaultSeverity: 'warning', params: {}, needsSchedule: false,
    summary: 'Nobody is primary owner of more than ceil(pipelines / members) pipelines' },
  { id: 'ownership.backup', defaultSeverity: 'warning', params: {}, needsSchedule: false,
    summary: 'Every member is secondary owner of something, where pipelines >= members' },
  { id: 'runbook.complete', defaultSeverity: 'error', params: {}, needsSchedule: false,
    summary: 'Details, data, SLA, monitoring and at least 2 complete runbook issues per pipeline' },
  { id: 'sla.dependencies', defaultSeverity: 'warning', params: {}, needsSchedule: false,
    summary: "A pipeline's freshness SLA is no stricter than its dependencies can deliver" },
  { id: 'sla.schedule', defaultSeverity: 'warning', params: {}, needsSchedule: false,
    summary: "The freshness SLA is at least the pipeline's run interval" },
  { id: 'escalation.levels', defaultSeverity: 'error', params: {}, needsSchedule: false,
    summary: 'At least 3 escalation levels, after increasing, contacts resolve' },
  { id: 'leave.notice', defaultSeverity: 'warning', params: { 'min-days': 14 }, needsSchedule: true,
    summary: 'New leave starts at least min-days after today' },
  { id: 'leave.concurrent', defaultSeverity: 'warning', params: { max: 1 }, needsSchedule: true,
    summary: 'At most max members of a rotation are on leave at once' },
  { id: 'history.frozen', defaultSeverity: 'error', params: {}, needsSchedule: true,
    summary: 'The change leaves past segments untouched' }
]

export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_CATALOGUE.find((r) => r.id === id)
}

/** A parameter's value as a plan writes it: `1w` for a duration (held in minutes), else the number. */
export function paramText(id: string, name: string, value: number): string {
  return ruleInfo(id)?.durations?.includes(name) === true ? durationText(value) : String(value)
}

/** The severity and parameters a plan gives a rule: its override under `rules:` over the defaults. */
export function effectiveRule(
  plan: Pick<Plan, 'rules'>,
  id: string
): { severity: RuleSeverity | undefined; params: Record<string, number> } {
  const info = ruleInfo(id)
  const override = plan.rules[id]
  return {
    // undefined: the plan sets none, so the rule's own default (or per-finding default) applies
    severity: override?.severity,
    params: { ...(info?.params ?? {}), ...(override?.params ?? {}) }
  }
}
