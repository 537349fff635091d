// Random plans for the oracle (oracle-spec "Random plans"): small but hard, like real teams —
// overlapping rotations (a hub member in up to four), daily grids beside weekly ones, members in
// several time zones and holiday calendars, part-timers, joiners and leavers, leave clusters (some as
// local date-times), swaps (some whose member is away), investor periods of every kind, the three
// holiday policies, varied weights and hostile names. Typed `Plan` objects, as the loader would
// produce them, and `planToYaml` to write one as a plan file.
import fc from 'fast-check'
import { Document, visit } from 'yaml'
import type { Duration, Handoff, HolidayPolicy, InvestorPeriodsConfig, LocalDate, Leave, Member, Pipeline, Plan, Role, Rotation, RuleOverride, Swap } from '../../src/core/types.js'
import { addDays } from '../../src/core/schedule/calendar.js'

export interface RandomCase {
  /** A short description: shape, size, grids, policy, investor periods. */
  name: string
  plan: Plan
  today: LocalDate
}

export const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Los_Angeles'] as const
export const HOLIDAY_CODES = ['US-NY', 'GB', 'DE-BE', 'IN', 'FR', 'AU-NSW'] as const
const HANDOFFS = ['00:00', '09:00', '10:00', '17:30'] as const
const IDS = ['ana', 'ben', 'chen', 'dee', 'eli', 'fay', 'gus', 'hana'] as const
const NAMES = [
  'Ana "Ops" Torres', "Ben O'Neil: on call", 'Chen #1', 'Dee 🚀 Park', 'Eli | Lead', 'Fañch Le Hénaff',
  'Gus: #ops | "night"', 'Hana ✨ Satō', 'null', '- Zoë', 'yes', '@ivo'
] as const
const ORGANIZATIONS = ['Data & Co: "Ops"', 'Ünïcode #1 | Analytics', 'Plain Org', "O'Reilly — data 🚀"] as const
const SHAPES = ['one', 'two', 'hub', 'mixed'] as const
type Shape = (typeof SHAPES)[number]

type Gen = fc.GeneratorValue

// unbiased: fast-check leans towards small integers by default, which would skew every share below
const uniform = (min: number, max: number): fc.Arbitrary<number> => fc.noBias(fc.integer({ min, max }))
const int = (g: Gen, min: number, max: number): number => g(uniform, min, max)
const pick = <T>(g: Gen, values: readonly T[]): T => values[int(g, 0, values.length - 1)] as T
const chance = (g: Gen, p: number): boolean => int(g, 0, 999) < p * 1000

export function duration(days: number): Duration {
  const text = days % 7 === 0 ? `${days / 7}w` : `${days}d`
  return { text, minutes: days * 1440 }
}

export function handoff(text: string): Handoff {
  const [hour, minute] = text.split(':').map(Number) as [number, number]
  return { hour, minute, text }
}

/** Random plans with `today` at or near the first handoff (so the look-back covers everything). */
export function planArbitrary(): fc.Arbitrary<RandomCase> {
  return fc.gen().map((g) => randomCase(g))
}

/** N plans from a seed: the same plans on every machine and every run. */
export function randomCases(count: number, seed: number): RandomCase[] {
  return fc.sample(planArbitrary(), { numRuns: count, seed })
}

function randomCase(g: Gen): RandomCase {
  const timezone = pick(g, ZONES)
  const start = addDays('2026-01-01', int(g, 0, 720))
  const horizonDays = int(g, 21, 56)
  const today = addDays(start, int(g, -2, 3))
  const policy = pick<HolidayPolicy>(g, ['avoid', 'avoid', 'off', 'work'])
  const company = chance(g, 0.8) ? pick(g, HOLIDAY_CODES) : undefined
  const n = int(g, 3, 8)
  const ids = IDS.slice(0, n)
  const team = ids.map((id): Member => member(g, id, timezone, company, start, horizonDays))
  const shape = pick(g, SHAPES)
  const oncallShift = pick(g, [1, 7, 7])
  const oncallHandoff = pick(g, HANDOFFS)
  const rotations = fewerPositions(rotationsFor(g, shape, ids).map((members, i) => rotation(g, i, members, start)), n)
  const investor = pick(g, ['last-business-days', 'dates', 'none', 'none-explicit'] as const)
  const investorPeriods = investorConfig(g, investor, start, horizonDays)
  const pipelines = [pipelineOf(g, 'pipeline-a', ids, investor !== 'none'), ...(chance(g, 0.5) ? [pipelineOf(g, 'pipeline-b', ids, false)] : [])]
  for (const r of rotations) r.pipelines = pipelines.map((p) => p.id)
  const leave = leaveFor(g, team, start, horizonDays)
  const plan: Plan = {
    version: 1,
    organization: pick(g, ORGANIZATIONS),
    timezone,
    team,
    stakeholders: [],
    pipelines,
    oncall: {
      start,
      shiftDays: oncallShift,
      shift: duration(oncallShift),
      handoff: handoff(oncallHandoff),
      horizonDays,
      freezeDays: 14,
      rotations,
      weights: {
        weekday: 1,
        weekend: pick(g, [1, 1.5, 2]),
        holiday: pick(g, [1, 2, 3]),
        investor: pick(g, [1, 1.5, 2]),
        secondary: pick(g, [0.5, 0.25, 1])
      },
      holidays: { ...(company ? { company } : {}), policy },
      investorPeriods,
      fairness: { lookbackDays: 182 }
    },
    leave,
    swaps: [],
    escalation: [],
    communication: [],
    kpis: [],
    rules: chance(g, 0.3) ? { 'fairness.load': { severity: 'error', params: { 'max-deviation': 1 } } satisfies RuleOverride } : {}
  }
  plan.swaps = swapsFor(g, plan, horizonDays)
  const grids = [...new Set(rotations.map((r) => (r.shiftDays ?? oncallShift) === 1 ? 'daily' : 'weekly'))].join('+')
  const name = `${shape} ${n}m ${rotations.length}r ${grids} ${policy} ${investor} ${leave.length}l ${plan.swaps.length}s`
  return { name, plan, today }
}

function member(g: Gen, id: string, zone: string, company: string | undefined, start: LocalDate, horizonDays: number): Member {
  const own = chance(g, 0.5) ? pick(g, HOLIDAY_CODES) : undefined
  const holidayCode = own ?? company
  const joined = chance(g, 0.06) ? addDays(start, int(g, 3, Math.floor(horizonDays / 2))) : undefined
  const left = chance(g, 0.06) ? addDays(start, int(g, Math.floor(horizonDays / 2), horizonDays)) : undefined
  return {
    id,
    name: pick(g, NAMES),
    timezone: chance(g, 0.5) ? zone : pick(g, ZONES),
    ...(own ? { holidays: own } : {}),
    ...(holidayCode ? { holidayCode } : {}),
    capacity: chance(g, 0.2) ? 0.5 : 1,
    ...(joined ? { joined } : {}),
    ...(left ? { left } : {})
  }
}

/** Member lists of the rotations: every shape overlaps somewhere but `one`. */
function rotationsFor(g: Gen, shape: Shape, ids: readonly string[]): string[][] {
  const n = ids.length
  const subset = (size: number, must: string[] = []): string[] => {
    const rest = ids.filter((m) => !must.includes(m))
    const chosen = [...must]
    while (chosen.length < size && rest.length > 0) chosen.push(rest.splice(int(g, 0, rest.length - 1), 1)[0] as string)
    return ids.filter((m) => chosen.includes(m))
  }
  switch (shape) {
    case 'one':
      return [[...ids]]
    case 'two': {
      // every member in both, or a few shared between two halves
      if (chance(g, 0.3)) return [[...ids], [...ids]]
      const cut = int(g, 1, n - 2)
      const shared = int(g, 1, Math.min(2, n - cut - 1))
      return [ids.slice(0, cut + shared), ids.slice(cut)]
    }
    case 'hub': {
      const hub = ids[0] as string
      const count = int(g, 2, 4)
      return Array.from({ length: count }, () => subset(chance(g, 0.7) ? 3 : 2, [hub]))
    }
    case 'mixed': {
      const count = int(g, 2, 4)
      const first = subset(int(g, 2, n))
      const shared = first[int(g, 0, first.length - 1)] as string
      return [first, ...Array.from({ length: count - 1 }, () => subset(int(g, 2, n), [shared]))]
    }
  }
}

function rotation(g: Gen, i: number, members: string[], start: LocalDate): Rotation {
  const roles: Role[] = chance(g, members.length >= 4 ? 0.6 : members.length === 3 ? 0.3 : 0) ? ['primary', 'secondary'] : ['primary']
  const own = chance(g, 0.6)
  const shiftDays = pick(g, [1, 7, 7])
  return {
    id: `rot-${String.fromCharCode(97 + i)}`,
    name: pick(g, ['Data', 'ML: models', 'Platform #2', 'Ops | nights', 'Ünïcode']),
    members,
    roles,
    pipelines: [],
    ...(own && chance(g, 0.7) ? { shift: duration(shiftDays), shiftDays } : {}),
    ...(own && chance(g, 0.6) ? { handoff: handoff(pick(g, HANDOFFS)) } : {}),
    ...(own && chance(g, 0.6) ? { start: addDays(start, int(g, 0, 6)) } : {})
  }
}

/**
 * Fewer roles at once than members: drop secondaries (smallest rotation first), then rotations,
 * so that leave, joiners and holidays — not the shape alone — decide whether a plan is feasible.
 */
function fewerPositions(rotations: Rotation[], members: number): Rotation[] {
  const out = [...rotations]
  const roles = (): number => out.reduce((x, r) => x + r.roles.length, 0)
  while (roles() > members - 1) {
    const two = out.filter((r) => r.roles.length === 2).sort((x, y) => x.members.length - y.members.length)[0]
    if (two) two.roles = ['primary']
    else out.pop()
  }
  return out
}

function investorConfig(g: Gen, kind: 'last-business-days' | 'dates' | 'none' | 'none-explicit', start: LocalDate, horizonDays: number): InvestorPeriodsConfig {
  if (kind === 'last-business-days') return { lastBusinessDays: int(g, 1, 5) }
  if (kind === 'dates') {
    const dates = Array.from({ length: int(g, 1, 2) }, () => {
      const from = addDays(start, int(g, 0, horizonDays - 1))
      return { from, to: addDays(from, int(g, 0, 4)), ...(chance(g, 0.5) ? { label: pick(g, ['Q close: "board"', 'Audit #1', 'Raise | seed']) } : {}) }
    })
    return { dates }
  }
  return { none: true }
}

function pipelineOf(g: Gen, id: string, ids: readonly string[], investorFacing: boolean): Pipeline {
  return {
    id,
    name: pick(g, ['Profit: daily', 'Growth #2', 'Engagement | "core"', 'Café data']),
    criticality: pick(g, ['critical', 'high', 'medium', 'low'] as const),
    investorFacing,
    owners: { primary: ids[0] as string, secondary: ids[1] as string },
    stakeholders: [],
    dependsOn: [],
    monitoring: [],
    runbook: []
  }
}

/**
 * Leave in clusters: several members away around the same days, some long, some part-day. Most
 * plans get a little (one or two people away), some a cluster, a few heavy leave (which makes some
 * infeasible).
 */
function leaveFor(g: Gen, team: readonly Member[], start: LocalDate, horizonDays: number): Leave[] {
  const out: Leave[] = []
  const intensity = int(g, 0, 19)
  const [clusters, most, lengths] = intensity < 9 ? [int(g, 0, 2), 1, [0, 0, 1, 2, 4]] : intensity < 16 ? [1, 3, [0, 1, 2, 4, 9]] : [int(g, 2, 3), 3, [0, 1, 2, 4, 9, 13]]
  for (let c = 0; c < clusters; c++) {
    const day = addDays(start, int(g, 0, horizonDays - 1))
    const size = int(g, 1, Math.max(1, Math.min(most, Math.floor(team.length / 2))))
    const first = int(g, 0, team.length - 1)
    const step = int(g, 1, 2)
    for (let k = 0; k < size; k++) {
      const m = team[(first + k * step) % team.length] as Member
      const from = addDays(day, int(g, -2, 2))
      const reason = pick(g, [undefined, 'vacation', 'conference: "Data+AI"', 'sick #2'])
      const entry: Leave = chance(g, 0.25)
        ? partDay(g, m.id, from)
        : { member: m.id, from, to: addDays(from, pick(g, lengths)) }
      out.push(reason ? { ...entry, reason } : entry)
    }
  }
  return out
}

function partDay(g: Gen, member: string, date: LocalDate): Leave {
  if (chance(g, 0.5)) return { member, from: `${date}T${pick(g, ['08:00', '09:30'])}`, to: `${date}T${pick(g, ['13:00', '17:30'])}` }
  return { member, from: `${date}T${pick(g, ['13:00', '17:30'])}`, to: `${addDays(date, int(g, 1, 3))}T${pick(g, ['09:00', '12:00'])}` }
}

/** Swaps on dates or handoff to handoff; some given to a member who is away then. */
function swapsFor(g: Gen, plan: Plan, horizonDays: number): Swap[] {
  const out: Swap[] = []
  const count = int(g, 0, 2)
  for (let k = 0; k < count; k++) {
    const r = pick(g, plan.oncall.rotations)
    const role = pick(g, r.roles)
    const away = plan.leave.filter((l) => r.members.includes(l.member))
    const onLeave = away.length > 0 && chance(g, 0.3) ? pick(g, away) : undefined
    const member = onLeave?.member ?? pick(g, r.members)
    const reason = chance(g, 0.5) ? { reason: pick(g, ['swap with a mate', 'trade: "weekend"']) } : {}
    if (onLeave) {
      const from = onLeave.from.slice(0, 10)
      out.push({ rotation: r.id, role, member, from, to: addDays(from, int(g, 0, 2)), ...reason })
      continue
    }
    const shiftDays = r.shiftDays ?? plan.oncall.shiftDays
    const rstart = r.start ?? plan.oncall.start
    const at = (r.handoff ?? plan.oncall.handoff).text
    if (chance(g, 0.5)) {
      const slot = int(g, 0, Math.max(0, Math.floor(horizonDays / shiftDays) - 1))
      const from = addDays(rstart, slot * shiftDays)
      out.push({ rotation: r.id, role, member, from: `${from}T${at}`, to: `${addDays(from, shiftDays)}T${at}`, ...reason })
    } else {
      const from = addDays(plan.oncall.start, int(g, 0, horizonDays - 1))
      out.push({ rotation: r.id, role, member, from, to: addDays(from, int(g, 0, 3)), ...reason })
    }
  }
  return out
}

/**
 * The plan as an `opsplan.yaml` the loader reads back to the same `Plan` (SPEC section 2 field
 * names). Defaults the loader fills in are written only where leaving them out would change the
 * meaning (investor periods `none` where a pipeline is investor-facing).
 */
export function planToYaml(plan: Plan): string {
  const o = plan.oncall
  const days = (n: number): string => duration(n).text
  const investorFacing = plan.pipelines.some((p) => p.investorFacing)
  const periods = o.investorPeriods.none
    ? (investorFacing ? { none: true } : undefined)
    : o.investorPeriods.dates
      ? { dates: o.investorPeriods.dates.map((d) => ({ from: d.from, to: d.to, ...(d.label ? { label: d.label } : {}) })) }
      : { 'last-business-days': o.investorPeriods.lastBusinessDays }
  const doc = {
    version: 1,
    organization: plan.organization,
    timezone: plan.timezone,
    team: plan.team.map((m) => ({
      id: m.id,
      name: m.name,
      ...(m.github ? { github: m.github } : {}),
      ...(m.email ? { email: m.email } : {}),
      ...(m.timezone !== plan.timezone ? { timezone: m.timezone } : {}),
      ...(m.holidays ? { holidays: m.holidays } : {}),
      ...(m.capacity !== 1 ? { capacity: m.capacity } : {}),
      ...(m.joined ? { joined: m.joined } : {}),
      ...(m.left ? { left: m.left } : {})
    })),
    ...(plan.stakeholders.length > 0 ? { stakeholders: plan.stakeholders } : {}),
    pipelines: plan.pipelines.map((p) => ({
      id: p.id,
      name: p.name,
      criticality: p.criticality,
      'investor-facing': p.investorFacing,
      owners: p.owners
    })),
    oncall: {
      start: o.start,
      shift: o.shift.text,
      handoff: o.handoff.text,
      horizon: days(o.horizonDays),
      freeze: days(o.freezeDays),
      rotations: o.rotations.map((r) => ({
        id: r.id,
        name: r.name,
        members: r.members,
        roles: r.roles,
        pipelines: r.pipelines,
        ...(r.shift ? { shift: r.shift.text } : {}),
        ...(r.handoff ? { handoff: r.handoff.text } : {}),
        ...(r.start ? { start: r.start } : {})
      })),
      weights: o.weights,
      holidays: o.holidays,
      ...(periods ? { 'investor-periods': periods } : {}),
      fairness: { lookback: days(o.fairness.lookbackDays) }
    },
    ...(plan.leave.length > 0 ? { leave: plan.leave.map((l) => ({ member: l.member, from: l.from, to: l.to, ...(l.reason ? { reason: l.reason } : {}) })) } : {}),
    ...(plan.swaps.length > 0 ? {
      swaps: plan.swaps.map((s) => ({ rotation: s.rotation, role: s.role, member: s.member, from: s.from, to: s.to, ...(s.reason ? { reason: s.reason } : {}) }))
    } : {}),
    ...(Object.keys(plan.rules).length > 0 ? {
      rules: Object.fromEntries(Object.entries(plan.rules).map(([id, r]) => [id, { ...(r.severity ? { severity: r.severity } : {}), ...r.params }]))
    } : {})
  }
  // times of day in quotes, as the SPEC writes them: a YAML 1.1 reader would take 10:00 for 600
  const yaml = new Document(doc)
  visit(yaml, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^\d{1,2}:\d{2}$/.test(node.value)) node.type = 'QUOTE_DOUBLE'
    }
  })
  return yaml.toString({ lineWidth: 0 })
}
