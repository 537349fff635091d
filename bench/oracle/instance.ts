// The oracle's instance of a plan (oracle-spec "The instance"): positions and their cells, the
// fairness window, and real time cut into atoms inside which nothing changes — no handoff, no
// leave or holiday edge, no swap or investor edge, no plan-zone midnight. Everything the exact
// models and the checker ask ("may this member hold that role here?") is answered per atom.
import { addDays, buildPlanCalendar, fromMillis, localDate, localMidnight, rotationSlots, toMillis } from '../../src/core/schedule/calendar.js'
import type { PlanCalendar } from '../../src/core/schedule/calendar.js'
import { dateWeights, HOUR, roleFactor } from '../../src/core/schedule/load.js'
import { swapInstants } from '../../src/core/plan/ranges.js'
import type { LocalDate, Plan, Role, Rotation, ShiftSlot, Swap, UtcInstant } from '../../src/core/types.js'

export interface Atom {
  start: number
  end: number
  /** The plan date the atom lies on. */
  date: LocalDate
  hours: number
  /** Hours inside the fairness window (all of them or none: the window's edges are cuts). */
  windowHours: number
  /** Weights of an hour here off the holder's holiday and on it (role factor aside). */
  weight: { base: number; holiday: number }
  investor: boolean
}

export interface Cell {
  slot: ShiftSlot
  start: number
  end: number
  /** Atoms [first, last) of the cell. */
  first: number
  last: number
}

export interface SwapSpan {
  swap: Swap
  start: number
  end: number
}

/**
 * Atoms of one position that must share one holder: an investor unit (a cell's overlap with an
 * investor period, joined where periods overlap), or a single atom. `cell` is the index in
 * `position.cells`.
 */
export interface Group {
  atoms: number[]
  cell: number
  investor: boolean
  /** Inside some swap of this position. */
  swap: boolean
  /** Members a swap requires here (its member, where they are eligible); more than one cannot be kept. */
  forced: string[]
  /** Members of the rotation eligible at every atom of the group. */
  eligible: string[]
}

export interface Position {
  rotation: Rotation
  rotationIndex: number
  role: Role
  /** Weight factor of the role (secondary × weights.secondary). */
  factor: number
  /** The role whose shifts make the rotation's unit (primary, or the rotation's first role). */
  unitRole: boolean
  /** Planned range [start, end): first slot start to last slot end. */
  start: number
  end: number
  /** Atoms [first, last). */
  first: number
  last: number
  cells: Cell[]
  swaps: SwapSpan[]
  groups: Group[]
  /** Group index of each atom of the position, by atom index − first. */
  groupOf: Int32Array
}

export interface Instance {
  plan: Plan
  today: LocalDate
  zone: string
  horizonEnd: number
  window: { from: number; to: number }
  cal: PlanCalendar
  slots: ShiftSlot[]
  atoms: Atom[]
  positions: Position[]
  /** Team member ids, in plan order. */
  members: string[]
  memberIndex: Map<string, number>
  /** away[m][a]: member m cannot hold a role anywhere in atom a (leave, joined/left, holidays under `off`). */
  away: Uint8Array[]
  /** holiday[m][a]: atom a lies on member m's own public holiday. */
  holiday: Uint8Array[]
}

export const iso = (ms: number): UtcInstant => fromMillis(ms)

/** Builds the instance; `extraCuts` are further instants to cut at (the checker's segment edges). */
export function buildInstance(plan: Plan, today: LocalDate, extraCuts: readonly number[] = []): Instance {
  const zone = plan.timezone
  const horizonEnd = localMidnight(addDays(today, plan.oncall.horizonDays), zone)
  const perRotation = plan.oncall.rotations.map((r) => rotationSlots(plan, r, fromMillis(horizonEnd)))
  const slots = perRotation.flat()
  const firstStarts = perRotation.flatMap((s) => (s[0] ? [toMillis(s[0].start)] : []))
  const lookback = localMidnight(addDays(today, -plan.oncall.fairness.lookbackDays), zone)
  const earliest = firstStarts.length > 0 ? Math.min(...firstStarts) : horizonEnd
  const window = { from: Math.max(earliest, lookback), to: horizonEnd }
  const span = { start: Math.min(earliest, window.from), end: Math.max(horizonEnd, ...slots.map((s) => toMillis(s.end))) }
  const cal = buildPlanCalendar(plan, localDate(fromMillis(Math.min(earliest, lookback)), zone), addDays(localDate(fromMillis(span.end), zone), 1))
  const members = plan.team.map((m) => m.id)
  const memberIndex = new Map(members.map((m, i) => [m, i]))
  const investorSpans = cal.investorPeriods.map((p) => ({ start: localMidnight(p.from, zone), end: localMidnight(addDays(p.to, 1), zone) }))
  const swapSpans = plan.swaps.map((s) => ({ swap: s, ...swapInstants(plan, s) }))

  const cuts = [window.from, window.to, ...extraCuts, ...slots.flatMap((s) => [toMillis(s.start), toMillis(s.end)])]
  for (const m of members) for (const x of [...cal.away(m), ...cal.holidays(m)]) cuts.push(x.start, x.end)
  for (const x of [...swapSpans, ...investorSpans]) cuts.push(x.start, x.end)
  const atoms = atomise(plan, cal, span, cuts, window, investorSpans)
  const mark = (intervals: ReadonlyArray<{ start: number; end: number }>): Uint8Array => {
    const out = new Uint8Array(atoms.length)
    for (const x of intervals) {
      for (let a = lowerBound(atoms, Math.max(x.start, span.start)); a < atoms.length && (atoms[a] as Atom).start < x.end; a++) out[a] = 1
    }
    return out
  }
  const away = members.map((m) => mark(cal.away(m)))
  const holiday = members.map((m) => mark(cal.holidays(m)))
  const eligible = (r: Rotation) => (m: string, a: number): boolean => r.members.includes(m) && away[memberIndex.get(m) ?? -1]?.[a] === 0
  const positions = plan.oncall.rotations.flatMap((rotation, rotationIndex) => {
    const rs = perRotation[rotationIndex] ?? []
    if (rs.length === 0) return []
    const unitRole: Role = rotation.roles.includes('primary') ? 'primary' : (rotation.roles[0] ?? 'primary')
    return rotation.roles.map((role): Position => {
      const start = toMillis((rs[0] as ShiftSlot).start)
      const end = toMillis((rs[rs.length - 1] as ShiftSlot).end)
      const position: Position = {
        rotation,
        rotationIndex,
        role,
        factor: roleFactor(plan, role),
        unitRole: role === unitRole,
        start,
        end,
        first: lowerBound(atoms, start),
        last: lowerBound(atoms, end),
        cells: rs.map((slot) => {
          const [s, e] = [toMillis(slot.start), toMillis(slot.end)]
          return { slot, start: s, end: e, first: lowerBound(atoms, s), last: lowerBound(atoms, e) }
        }),
        swaps: swapSpans.filter((s) => s.swap.rotation === rotation.id && s.swap.role === role),
        groups: [],
        groupOf: new Int32Array(0)
      }
      buildGroups(position, atoms, investorSpans, eligible(rotation))
      return position
    })
  })
  return { plan, today, zone, horizonEnd, window, cal, slots, atoms, positions, members, memberIndex, away, holiday }
}

/** Real time from span.start to span.end cut at the given instants and at every plan-zone midnight. */
function atomise(
  plan: Plan,
  cal: PlanCalendar,
  span: { start: number; end: number },
  cuts: readonly number[],
  window: { from: number; to: number },
  investorSpans: ReadonlyArray<{ start: number; end: number }>
): Atom[] {
  const zone = plan.timezone
  const all = new Set<number>([span.start, span.end, ...cuts])
  for (let d = localDate(fromMillis(span.start), zone); ; d = addDays(d, 1)) {
    const midnight = localMidnight(d, zone)
    all.add(midnight)
    if (midnight >= span.end) break
  }
  const points = [...all].filter((c) => Number.isFinite(c) && c >= span.start && c <= span.end).sort((a, b) => a - b)
  const atoms: Atom[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number
    const end = points[i + 1] as number
    const date = localDate(fromMillis(start), zone)
    const hours = (end - start) / HOUR
    atoms.push({
      start,
      end,
      date,
      hours,
      windowHours: start >= window.from && end <= window.to ? hours : 0,
      weight: dateWeights(plan, cal, date),
      investor: investorSpans.some((p) => p.start <= start && end <= p.end)
    })
  }
  return atoms
}

/** Investor units joined with a small union-find, every other atom its own group. */
function buildGroups(
  p: Position,
  atoms: readonly Atom[],
  investorSpans: ReadonlyArray<{ start: number; end: number }>,
  eligible: (member: string, atom: number) => boolean
): void {
  const n = p.last - p.first
  const parent = Int32Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number
      i = parent[i] as number
    }
    return i
  }
  const cellOf = new Int32Array(n)
  p.cells.forEach((c, ci) => {
    for (let a = c.first; a < c.last; a++) cellOf[a - p.first] = ci
    for (const span of investorSpans) {
      let root = -1
      for (let a = c.first; a < c.last; a++) {
        const atom = atoms[a] as Atom
        if (atom.start < span.start || atom.end > span.end) continue
        if (root < 0) root = find(a - p.first)
        else parent[find(a - p.first)] = root
      }
    }
  })
  const index = new Map<number, number>()
  p.groupOf = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const root = find(i)
    let g = index.get(root)
    if (g === undefined) {
      g = p.groups.length
      index.set(root, g)
      p.groups.push({ atoms: [], cell: cellOf[i] as number, investor: false, swap: false, forced: [], eligible: [] })
    }
    p.groupOf[i] = g
    const group = p.groups[g] as Group
    const a = p.first + i
    const atom = atoms[a] as Atom
    group.atoms.push(a)
    if (atom.investor) group.investor = true
    for (const s of p.swaps) {
      if (atom.start < s.start || atom.end > s.end) continue
      group.swap = true
      if (eligible(s.swap.member, a) && !group.forced.includes(s.swap.member)) group.forced.push(s.swap.member)
    }
  }
  for (const g of p.groups) g.eligible = p.rotation.members.filter((m) => g.atoms.every((a) => eligible(m, a)))
}

/** Index of the first atom whose start is at or after `ms` (atoms are sorted and contiguous). */
export function lowerBound(atoms: readonly Atom[], ms: number): number {
  let lo = 0
  let hi = atoms.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((atoms[mid] as Atom).start < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Is member m eligible to hold position p at atom a: a member of its rotation and not away. */
export function eligibleAt(inst: Instance, p: Position, m: string, a: number): boolean {
  const mi = inst.memberIndex.get(m)
  return mi !== undefined && p.rotation.members.includes(m) && inst.away[mi]?.[a] === 0
}

/** Members a group may go to: its eligible members, narrowed to a swap's member where one is required. */
export function candidates(g: Group): string[] {
  if (g.forced.length === 0) return g.eligible
  if (g.forced.length > 1) return []
  return g.eligible.filter((m) => m === g.forced[0])
}

/** Hours of an atom span, for reports. */
export function spanHours(atoms: readonly Atom[], list: readonly number[]): number {
  let h = 0
  for (const a of list) h += (atoms[a] as Atom).hours
  return h
}

export { HOUR, toMillis }
