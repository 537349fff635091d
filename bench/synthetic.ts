// Seeded synthetic teams for the benchmark: the same seed gives the same plan on every machine, so
// figures from two runs (or two versions of the scheduler) compare like for like.
import { DateTime } from 'luxon'
import { mulberry32 } from '../src/core/schedule/random.js'
import type { Handoff, Leave, LocalDate, Member, Pipeline, Plan, Role, Rotation } from '../src/core/types.js'
import { duration, makePlan, member, pipeline } from '../test/support/plan.js'

/** The grid: every rotation weekly, every rotation daily, or daily rotations beside weekly ones. */
export type ShiftKind = 'weekly' | 'daily' | 'mixed'
export const SHIFT_KINDS: readonly ShiftKind[] = ['weekly', 'daily', 'mixed']

/**
 * How people sit in rotations. `steady`: disjoint rotations (but for one member of each who also
 * stands in the next), the same people for two years. `moves`: the same, with a few joining in the
 * first months and a few leaving in the second year. `dense`: every member in exactly two rotations.
 * `hub`: one member in four rotations (one such hub per block of about forty people). `mixed`: a
 * daily rotation beside a weekly one on its own grid, a third of the people in both.
 */
export type TeamKind = 'steady' | 'moves' | 'dense' | 'hub' | 'mixed'
export const TEAM_KINDS: readonly TeamKind[] = ['steady', 'moves', 'dense', 'hub', 'mixed']

export const TEAM_SIZES: readonly number[] = [4, 10, 50, 200]
/** Four people are too few to lose one, or to fill two rotations at once. */
const SIZES_OF: Record<TeamKind, readonly number[]> = {
  steady: [4, 10, 50, 200],
  moves: [10, 50, 200],
  dense: [10, 50, 200],
  hub: [10, 50, 200],
  mixed: [10, 50, 200]
}
const SHIFTS_OF: Record<TeamKind, readonly ShiftKind[]> = {
  steady: ['weekly', 'daily'],
  moves: ['weekly', 'daily'],
  dense: ['weekly', 'daily'],
  hub: ['weekly', 'daily'],
  mixed: ['mixed']
}

export const SHAPE_NAMES: Record<TeamKind, string> = {
  steady: 'steady',
  moves: 'joiners and leavers',
  dense: 'dense overlap',
  hub: 'hub in four',
  mixed: 'daily beside weekly'
}

export interface SyntheticCase {
  /** e.g. `50 members, dense overlap, daily` */
  name: string
  /** e.g. `50` or `50 (3 join, 3 leave)`, for the table */
  label: string
  size: number
  shift: ShiftKind
  kind: TeamKind
  plan: Plan
  today: LocalDate
}

export const HOLIDAY_CALENDARS: ReadonlyArray<{ code: string; zone: string }> = [
  { code: 'US-NY', zone: 'America/New_York' },
  { code: 'US-CA', zone: 'America/Los_Angeles' },
  { code: 'GB-ENG', zone: 'Europe/London' },
  { code: 'DE-BE', zone: 'Europe/Berlin' },
  { code: 'AU-NSW', zone: 'Australia/Sydney' }
]

export const START: LocalDate = '2026-01-05'
export const HORIZON_DAYS = 104 * 7
/** The daily rotation of a `mixed` team: its own handoff and first day, a day after the weekly one's. */
export const DAILY_HANDOFF: Handoff = { hour: 9, minute: 0, text: '09:00' }
export const DAILY_START: LocalDate = '2026-01-06'

export function plusDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days)
}

/** At most a quarter of a rotation (at least one person) away at once, as teams usually agree. */
export function maxConcurrent(rotationSize: number): number {
  return Math.max(1, Math.floor(rotationSize / 4))
}

interface RotationDraft {
  members: string[]
  roles?: Role[]
  daily?: boolean
}

/** Small teams share one rotation; larger ones run one per twelve people or so. */
function steadyGroups(ids: string[]): RotationDraft[] {
  const count = ids.length <= 10 ? 1 : Math.round(ids.length / 12)
  const groups: string[][] = Array.from({ length: count }, () => [])
  ids.forEach((id, i) => groups[i % count]!.push(id))
  // With several rotations, one person of each also stands in the next: people who serve two rotas
  // are what makes "nobody holds two roles at once" a real constraint across rotations.
  if (count > 1) groups.forEach((g, i) => groups[(i + 1) % count]!.push(g[0]!))
  return groups.map((members) => ({ members }))
}

/** A ring of rotations of about twenty-four people: member i stands in rotation i and the next one. */
function denseGroups(ids: string[]): RotationDraft[] {
  const count = Math.max(2, Math.round(ids.length / 12))
  return Array.from({ length: count }, (_, r) => ({
    members: ids.filter((_, i) => i % count === r || (i + 1) % count === r)
  }))
}

/**
 * One hub per block of about forty people, standing in the block's four rotations; everyone else is
 * in one. Rotations of fewer than five have a primary only (two roles would leave nobody to spare).
 */
function hubGroups(ids: string[]): RotationDraft[] {
  const blocks = Math.max(1, Math.round(ids.length / 40))
  const hubs = ids.slice(0, blocks)
  const others = ids.slice(blocks)
  const groups: string[][] = Array.from({ length: 4 * blocks }, (_, r) => [hubs[Math.floor(r / 4)]!])
  others.forEach((id, i) => groups[i % groups.length]!.push(id))
  return groups.map((members) => ({ members, roles: members.length >= 5 ? ['primary', 'secondary'] : ['primary'] }))
}

/**
 * Blocks of about twenty-four people, each with a weekly rotation over its first two thirds and a
 * daily one over its last two thirds: the middle third is in both.
 */
function mixedGroups(ids: string[]): RotationDraft[] {
  const blocks = Math.max(1, Math.round(ids.length / 24))
  const out: RotationDraft[] = []
  for (let b = 0; b < blocks; b++) {
    const block = ids.filter((_, i) => i % blocks === b)
    const third = Math.floor(block.length / 3)
    out.push({ members: block.slice(0, block.length - third) }, { members: block.slice(third), daily: true })
  }
  return out
}

const GROUPS: Record<TeamKind, (ids: string[]) => RotationDraft[]> = {
  steady: steadyGroups,
  moves: steadyGroups,
  dense: denseGroups,
  hub: hubGroups,
  mixed: mixedGroups
}

function buildRotations(kind: TeamKind, ids: string[]): Rotation[] {
  const drafts = GROUPS[kind](ids)
  const single = drafts.length === 1
  return drafts.map((d, i) => ({
    id: single ? 'main' : `${d.daily ? 'daily' : 'rota'}-${i + 1}`,
    name: single ? 'Main' : `${d.daily ? 'Daily' : 'Rota'} ${i + 1}`,
    members: d.members,
    roles: d.roles ?? ['primary', 'secondary'],
    pipelines: [`pipeline-${i + 1}`],
    ...(d.daily ? { shift: duration('1d'), shiftDays: 1, handoff: DAILY_HANDOFF, start: DAILY_START } : {})
  }))
}

/** How many people join (and how many leave) in a `moves` team: about one in twenty, at least one. */
export function moverCount(size: number): number {
  return Math.max(1, Math.round(size / 20))
}

function buildTeam(size: number, kind: TeamKind, rand: () => number): Member[] {
  const team: Member[] = []
  for (let i = 0; i < size; i++) {
    const cal = HOLIDAY_CALENDARS[i % HOLIDAY_CALENDARS.length]!
    const id = `m${String(i + 1).padStart(3, '0')}`
    const extra: Partial<Member> = { holidays: cal.code, holidayCode: cal.code, timezone: cal.zone }
    // Roughly one in eight part-time; index 1 always, so even the four-person team has one.
    if (i === 1 || (i > 3 && rand() < 0.125)) extra.capacity = 0.5
    team.push(member(id, extra))
  }
  // A few people join during the first months and a few leave in the second year. The dates are
  // drawn for every kind of team, so all kinds of a size share the seed's later draws.
  const movers = moverCount(size)
  for (let k = 0; k < movers && 2 * k + 2 <= size; k++) {
    const joined = plusDays(START, 14 + Math.floor(rand() * 150))
    const left = plusDays(START, 400 + Math.floor(rand() * 250))
    if (kind !== 'moves') continue
    team[size - 1 - 2 * k]!.joined = joined
    team[size - 2 - 2 * k]!.left = left
  }
  return team
}

/**
 * About four weeks a year per member in one- and two-week blocks, never more than a quarter of any
 * of the member's rotations away on the same day.
 */
function buildLeave(team: Member[], rotations: Rotation[], rand: () => number): Leave[] {
  const away = new Map<string, Uint8Array>()
  for (const m of team) away.set(m.id, new Uint8Array(HORIZON_DAYS + 28))
  const rotationsOf = new Map(team.map((m) => [m.id, rotations.filter((r) => r.members.includes(m.id))]))
  const fits = (id: string, first: number, days: number): boolean => {
    for (let d = first; d < first + days; d++) if (away.get(id)![d]) return false
    for (const r of rotationsOf.get(id)!) {
      const limit = maxConcurrent(r.members.length)
      for (let d = first; d < first + days; d++) {
        let count = 0
        for (const other of r.members) if (away.get(other)![d]) count++
        if (count >= limit) return false
      }
    }
    return true
  }
  const leave: Leave[] = []
  for (const m of team) {
    const from = m.joined ? daysBetween(START, m.joined) : 0
    const to = m.left ? daysBetween(START, m.left) : HORIZON_DAYS
    for (let year = 0; year < 2; year++) {
      let weeks = 0
      for (let attempt = 0; weeks < 4 && attempt < 60; attempt++) {
        const blockWeeks = weeks === 3 || rand() < 0.5 ? 1 : 2
        const days = blockWeeks * 7
        const first = year * 364 + Math.floor(rand() * (364 - days))
        if (first < from || first + days > to || !fits(m.id, first, days)) continue
        for (let d = first; d < first + days; d++) away.get(m.id)![d] = 1
        leave.push({ member: m.id, from: plusDays(START, first), to: plusDays(START, first + days - 1), reason: 'vacation' })
        weeks += blockWeeks
      }
    }
  }
  return leave.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.member < b.member ? -1 : 1))
}

function buildPipelines(rotations: Rotation[]): Pipeline[] {
  return rotations.map((r, i) => {
    const primary = r.members[0]!
    const secondary = r.members[1] ?? r.members[0]!
    return pipeline(`pipeline-${i + 1}`, primary, secondary, { investorFacing: i === 0, criticality: i === 0 ? 'critical' : 'high' })
  })
}

function caseName(size: number, kind: TeamKind, shift: ShiftKind): { name: string; label: string } {
  const grid = shift === 'mixed' ? 'daily + weekly' : shift
  if (kind === 'moves') {
    const movers = moverCount(size)
    return { name: `${size} members with joiners and leavers, ${grid}`, label: `${size} (${movers} join, ${movers} leave)` }
  }
  return { name: `${size} members, ${SHAPE_NAMES[kind]}, ${grid}`, label: String(size) }
}

/**
 * A typed plan for a team of `size` over two years from {@link START}, with today = start. `mixed`
 * teams have weekly `oncall` defaults and daily rotations on their own grid; the others use `shift`
 * for every rotation.
 */
export function syntheticPlan(size: number, shift: ShiftKind, seed = 20260105, kind: TeamKind = 'steady'): SyntheticCase {
  if (!SHIFTS_OF[kind].includes(shift)) throw new Error(`a ${kind} team has no ${shift} shifts`)
  const rand = mulberry32(seed + size * 7919)
  const team = buildTeam(size, kind, rand)
  const rotations = buildRotations(kind, team.map((m) => m.id))
  const leave = buildLeave(team, rotations, rand)
  const base = makePlan()
  const daily = shift === 'daily'
  const plan = makePlan({
    organization: `Synthetic ${size}`,
    team,
    pipelines: buildPipelines(rotations),
    leave,
    oncall: {
      ...base.oncall,
      start: START,
      shiftDays: daily ? 1 : 7,
      shift: duration(daily ? '1d' : '1w'),
      horizonDays: HORIZON_DAYS,
      freezeDays: 14,
      rotations,
      holidays: { company: 'US-NY', policy: 'avoid' },
      investorPeriods: { lastBusinessDays: 5 },
      fairness: { lookbackDays: 26 * 7 }
    }
  })
  return { ...caseName(size, kind, shift), size, shift, kind, plan, today: START }
}

export interface CaseFilter {
  sizes?: readonly number[]
  shifts?: readonly ShiftKind[]
  kinds?: readonly TeamKind[]
}

/** Every team of the bench, kind by kind, size by size, in the order the table prints them. */
export function syntheticCases(filter: CaseFilter = {}, seed?: number): SyntheticCase[] {
  const out: SyntheticCase[] = []
  for (const kind of filter.kinds ?? TEAM_KINDS) {
    for (const size of SIZES_OF[kind]) {
      if (filter.sizes && !filter.sizes.includes(size)) continue
      for (const shift of SHIFTS_OF[kind]) {
        if (filter.shifts && !filter.shifts.includes(shift)) continue
        out.push(syntheticPlan(size, shift, seed, kind))
      }
    }
  }
  return out
}
