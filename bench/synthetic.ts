// Seeded synthetic teams for the benchmark: the same seed gives the same plan on every machine, so
// figures from two runs (or two versions of the scheduler) compare like for like.
import { DateTime } from 'luxon'
import type { Leave, LocalDate, Member, Pipeline, Plan, Rotation } from '../src/core/types.js'
import { duration, makePlan, member, pipeline } from '../test/support/plan.js'

export type ShiftKind = 'weekly' | 'daily'

/**
 * `steady`: the same people for the whole two years, as the benchmark's targets describe the teams
 * (leave, several holiday calendars, part-timers). `moves`: the same team where a few people join
 * during the first months and a few leave in the second year. The two are measured apart because
 * SPEC fairness owes someone who is there for part of the window only part of a share, which the
 * plain min-max bound does not know (bench/README.md, "Teams whose people change").
 */
export type TeamKind = 'steady' | 'moves'

export interface SyntheticCase {
  /** e.g. `50 members, daily` or `50 members with joiners and leavers, daily` */
  name: string
  /** e.g. `50` or `50 (3 join, 3 leave)`, for the table */
  label: string
  size: number
  shift: ShiftKind
  kind: TeamKind
  plan: Plan
  today: LocalDate
}

/** mulberry32: tiny, fast and good enough to spread leave; never used for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
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

export function plusDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days)
}

/** How the team splits into rotations: small teams share one, larger ones run several. */
function rotationCount(size: number): number {
  if (size <= 10) return 1
  return Math.round(size / 12)
}

/** At most a quarter of a rotation (at least one person) away at once, as teams usually agree. */
function maxConcurrent(rotationSize: number): number {
  return Math.max(1, Math.floor(rotationSize / 4))
}

function buildRotations(ids: string[]): Rotation[] {
  const count = rotationCount(ids.length)
  const groups: string[][] = Array.from({ length: count }, () => [])
  ids.forEach((id, i) => groups[i % count]!.push(id))
  // With several rotations, one person of each also stands in the next: people who serve two rotas
  // are what makes "nobody holds two roles at once" a real constraint across rotations.
  if (count > 1) groups.forEach((g, i) => groups[(i + 1) % count]!.push(g[0]!))
  return groups.map((members, i) => ({
    id: count === 1 ? 'main' : `rota-${i + 1}`,
    name: count === 1 ? 'Main' : `Rota ${i + 1}`,
    members,
    roles: ['primary', 'secondary'],
    pipelines: [`pipeline-${i + 1}`]
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
  // drawn for steady teams too, so both kinds of a size share the seed's later draws (their leave).
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

/** About four weeks a year per member in one- and two-week blocks, within the agreed concurrency. */
function buildLeave(team: Member[], rotations: Rotation[], rand: () => number): Leave[] {
  const away = new Map<string, Uint8Array>()
  for (const m of team) away.set(m.id, new Uint8Array(HORIZON_DAYS + 28))
  const rotationsOf = (id: string): Rotation[] => rotations.filter((r) => r.members.includes(id))
  const fits = (id: string, first: number, days: number): boolean => {
    for (const r of rotationsOf(id)) {
      const limit = maxConcurrent(r.members.length)
      for (let d = first; d < first + days; d++) {
        let count = 0
        for (const other of r.members) if (away.get(other)![d]) count++
        if (count >= limit || away.get(id)![d]) return false
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
    const secondary = r.members[1]!
    return pipeline(`pipeline-${i + 1}`, primary, secondary, { investorFacing: i === 0, criticality: i === 0 ? 'critical' : 'high' })
  })
}

/** A typed plan for a team of `size` over two years from {@link START}, with today = start. */
export function syntheticPlan(size: number, shift: ShiftKind, seed = 20260105, kind: TeamKind = 'steady'): SyntheticCase {
  const rand = mulberry32(seed + size * 7919)
  const team = buildTeam(size, kind, rand)
  const rotations = buildRotations(team.map((m) => m.id))
  const leave = buildLeave(team, rotations, rand)
  const base = makePlan()
  const plan = makePlan({
    organization: `Synthetic ${size}`,
    team,
    pipelines: buildPipelines(rotations),
    leave,
    oncall: {
      ...base.oncall,
      start: START,
      shiftDays: shift === 'weekly' ? 7 : 1,
      shift: duration(shift === 'weekly' ? '1w' : '1d'),
      horizonDays: HORIZON_DAYS,
      freezeDays: 14,
      rotations,
      holidays: { company: 'US-NY', policy: 'avoid' },
      investorPeriods: { lastBusinessDays: 5 },
      fairness: { lookbackDays: 26 * 7 }
    }
  })
  const movers = kind === 'moves' ? moverCount(size) : 0
  return {
    name: kind === 'moves' ? `${size} members with joiners and leavers, ${shift}` : `${size} members, ${shift}`,
    label: kind === 'moves' ? `${size} (${movers} join, ${movers} leave)` : String(size),
    size,
    shift,
    kind,
    plan,
    today: START
  }
}

export const TEAM_SIZES: readonly number[] = [4, 10, 50, 200]
/** Sizes that also run with joiners and leavers: four people are too few to lose one. */
export const MOVES_SIZES: readonly number[] = [10, 50, 200]

/**
 * Every steady team size with weekly and with daily shifts, then the teams with joiners and
 * leavers, in the order the table prints them.
 */
export function syntheticCases(seed?: number): SyntheticCase[] {
  const shifts = ['weekly', 'daily'] as const
  return [
    ...TEAM_SIZES.flatMap((size) => shifts.map((shift) => syntheticPlan(size, shift, seed))),
    ...MOVES_SIZES.flatMap((size) => shifts.map((shift) => syntheticPlan(size, shift, seed, 'moves')))
  ]
}
