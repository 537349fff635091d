// Small typed plans for the oracle's stories, where the answer is known by hand: a team in New York
// (UTC−5 in January) without public holidays unless a story gives some, no investor periods unless
// a story sets them, every hour weighing the same unless a story says otherwise.
import type { InvestorPeriodsConfig, Leave, Member, Plan, Role, Rotation, Swap, Weights } from '../../src/core/types.js'
import { duration, makePlan } from '../support/plan.js'

export const TODAY = '2026-01-05'

export function person(id: string, extra: Partial<Member> = {}): Member {
  return { id, name: id.charAt(0).toUpperCase() + id.slice(1), timezone: 'America/New_York', capacity: 1, ...extra }
}

export interface RotationSpec {
  id: string
  members: string[]
  roles?: Role[]
  /** Shift length in days (default the plan's, 7). */
  days?: number
  handoff?: string
  start?: string
}

export interface HandPlan {
  team: Array<string | Member>
  rotations: RotationSpec[]
  /** Days from TODAY to the end of the horizon. */
  horizonDays?: number
  handoff?: string
  leave?: Leave[]
  swaps?: Swap[]
  investor?: InvestorPeriodsConfig
  policy?: Plan['oncall']['holidays']['policy']
  weights?: Partial<Weights>
}

export function handPlan(spec: HandPlan): Plan {
  const base = makePlan()
  const [hour, minute] = (spec.handoff ?? '10:00').split(':').map(Number) as [number, number]
  const rotations = spec.rotations.map((r): Rotation => {
    const [h, m] = (r.handoff ?? '00:00').split(':').map(Number) as [number, number]
    return {
      id: r.id,
      name: r.id,
      members: r.members,
      roles: r.roles ?? ['primary'],
      pipelines: [],
      ...(r.days === undefined ? {} : { shiftDays: r.days, shift: duration(r.days % 7 === 0 ? `${r.days / 7}w` : `${r.days}d`) }),
      ...(r.handoff === undefined ? {} : { handoff: { hour: h, minute: m, text: r.handoff } }),
      ...(r.start === undefined ? {} : { start: r.start })
    }
  })
  return {
    ...base,
    team: spec.team.map((m) => (typeof m === 'string' ? person(m) : m)),
    pipelines: [],
    oncall: {
      ...base.oncall,
      start: TODAY,
      handoff: { hour, minute, text: spec.handoff ?? '10:00' },
      horizonDays: spec.horizonDays ?? 14,
      rotations,
      weights: { weekday: 1, weekend: 1, holiday: 2, investor: 1.5, secondary: 0.5, ...spec.weights },
      holidays: { policy: spec.policy ?? 'avoid' },
      investorPeriods: spec.investor ?? { none: true }
    },
    leave: spec.leave ?? [],
    swaps: spec.swaps ?? []
  }
}

/** Hours between two UTC instants. */
export const hoursBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 3_600_000
