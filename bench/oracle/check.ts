// (c) The exact checker of a given schedule (segments and gaps as the scheduler returns them): every
// hard violation piece by piece over each position's planned range, avoidable holiday hours under
// `avoid`, unstaffed hours against what (a) proves no schedule can staff, and the fairness table.
import type { FairnessRow, LocalDate, Plan, Role, Segment, UtcInstant } from '../../src/core/types.js'
import { fairnessOf, maxDeviation } from './assignment.js'
import { solveFeasibility, type FeasibilityResult, type OracleOptions } from './feasibility.js'
import { buildInstance, eligibleAt, iso, lowerBound, toMillis, type Atom, type Instance, type Position } from './instance.js'

export type ViolationKind =
  | 'unstaffed' // held by nobody (declared as a gap or not)
  | 'double' // held by two or more at once
  | 'non-member' // held by someone not in the rotation
  | 'away' // held by someone on leave, before joining, after leaving, or on their holiday under `off`
  | 'two-places' // a member holds two roles, or roles in two rotations, at once
  | 'swap-not-kept' // a swap's member does not hold its role where they are eligible
  | 'investor-handover' // an investor unit (a shift's overlap with an investor period) changes hands
  | 'unknown-position' // a segment of a rotation or role the plan does not have

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'unstaffed', 'double', 'non-member', 'away', 'two-places', 'swap-not-kept', 'investor-handover', 'unknown-position'
]

export interface Violation {
  kind: ViolationKind
  rotation: string
  role: Role
  start: UtcInstant
  end: UtcInstant
  /** The members involved: holders of the role there (for `two-places`, the member). */
  members: string[]
  detail: string
}

export interface HolidayStretch {
  rotation: string
  role: Role
  member: string
  start: UtcInstant
  end: UtcInstant
  hours: number
  /** Members of the rotation who were free then (not away, not on their holiday, holding nothing). */
  free: string[]
}

export interface CheckedSchedule {
  segments: readonly Segment[]
  gaps: ReadonlyArray<{ rotation: string; role: Role; start: UtcInstant; end: UtcInstant; reason?: string }>
}

export interface ScheduleCheck {
  violations: Violation[]
  counts: Record<ViolationKind, number>
  /** Number of hard violations (all kinds). */
  hard: number
  /** Role-hours held by nobody inside the planned ranges. */
  unstaffedHours: number
  /** Of those, the hours inside a gap the schedule declares. */
  declaredGapHours: number
  /** Unstaffed role-hours beyond those (a) shows no schedule can staff: a false gap where > 0. */
  avoidableUnstaffedHours: number
  /** Hours on call on one's own public holiday while a rotation-mate was free (policy `avoid` only). */
  avoidableHolidayHours: number
  avoidableHoliday: HolidayStretch[]
  /** `computeFairness` over the fairness window, and its largest |deviation|. */
  fairness: FairnessRow[]
  maxDeviation: number
  /** (a) on the plan, against which the unstaffed hours were judged. */
  feasibility: FeasibilityResult['status']
}

export interface CheckOptions extends OracleOptions {
  /** (a) for the same plan and today, when already computed. */
  feasibility?: FeasibilityResult
}

/** Measures a schedule exactly against SPEC section 3 for `plan` at `today`. */
export async function checkSchedule(plan: Plan, today: LocalDate, schedule: CheckedSchedule, options: CheckOptions = {}): Promise<ScheduleCheck> {
  const edges = [...schedule.segments, ...schedule.gaps].flatMap((s) => [toMillis(s.start), toMillis(s.end)])
  const inst = buildInstance(plan, today, edges)
  const feasibility = options.feasibility ?? (await solveFeasibility(buildInstance(plan, today), options))
  const found = new Findings(inst)
  const holders = placeSegments(inst, schedule.segments, found)
  const heldAt = whoHoldsWhat(inst, holders)
  const unstaffed = { hours: 0, declared: 0, at: new Int32Array(inst.atoms.length) }
  inst.positions.forEach((_, pi) => checkPosition(inst, pi, holders[pi] as string[][], schedule.gaps, found, unstaffed))
  heldAt.forEach((byMember, a) => {
    for (const [member, list] of byMember) {
      if (list.length < 2) continue
      const names = list.map((pi) => `${inst.positions[pi]?.rotation.id}/${inst.positions[pi]?.role}`)
      found.add('two-places', list[0] as number, a, [member], `${member} holds ${names.join(' and ')} at once`)
    }
  })
  // at each atom, the roles left unstaffed beyond those (a)'s optimum cannot staff there
  const oracleGaps = feasibility.schedule.gaps.map((g) => ({ start: toMillis(g.start), end: toMillis(g.end) }))
  let avoidableUnstaffedHours = 0
  inst.atoms.forEach((atom, a) => {
    const unavoidable = oracleGaps.filter((g) => g.start <= atom.start && atom.end <= g.end).length
    avoidableUnstaffedHours += Math.max(0, (unstaffed.at[a] as number) - unavoidable) * atom.hours
  })
  const avoidableHoliday = holidayStretches(inst, holders, heldAt)
  const fairness = fairnessOf(inst, schedule.segments)
  const violations = found.list()
  const counts = Object.fromEntries(VIOLATION_KINDS.map((k) => [k, violations.filter((v) => v.kind === k).length])) as Record<ViolationKind, number>
  return {
    violations,
    counts,
    hard: violations.length,
    unstaffedHours: round6(unstaffed.hours),
    declaredGapHours: round6(unstaffed.declared),
    avoidableUnstaffedHours: round6(avoidableUnstaffedHours),
    avoidableHolidayHours: round6(avoidableHoliday.reduce((x, s) => x + s.hours, 0)),
    avoidableHoliday,
    fairness,
    maxDeviation: maxDeviation(fairness),
    feasibility: feasibility.status
  }
}

/** One position's violations atom by atom: nobody, two, a non-member, someone away, a swap not kept, an investor handover. */
function checkPosition(
  inst: Instance,
  pi: number,
  holders: string[][],
  gaps: CheckedSchedule['gaps'],
  found: Findings,
  unstaffed: { hours: number; declared: number; at: Int32Array }
): void {
  const p = inst.positions[pi] as Position
  const declared = gaps.filter((g) => g.rotation === p.rotation.id && g.role === p.role).map((g) => ({ start: toMillis(g.start), end: toMillis(g.end) }))
  for (let a = p.first; a < p.last; a++) {
    const atom = inst.atoms[a] as Atom
    const hs = holders[a - p.first] as string[]
    if (hs.length === 0) {
      const inGap = declared.some((g) => g.start <= atom.start && atom.end <= g.end)
      unstaffed.hours += atom.hours
      if (inGap) unstaffed.declared += atom.hours
      unstaffed.at[a] = (unstaffed.at[a] as number) + 1
      found.add('unstaffed', pi, a, [], inGap ? 'held by nobody (declared gap)' : 'held by nobody (no gap declared)')
    }
    if (hs.length > 1) found.add('double', pi, a, hs, `held by ${hs.length} at once`)
    for (const h of hs) {
      const mi = inst.memberIndex.get(h)
      if (mi === undefined || !p.rotation.members.includes(h)) found.add('non-member', pi, a, [h], `${h} is not a member of rotation ${p.rotation.id}`)
      else if (inst.away[mi]?.[a] === 1) found.add('away', pi, a, [h], `${h}: ${inst.cal.awayAt(h, atom.start) ?? 'away'}`)
    }
    for (const s of p.swaps) {
      if (atom.start < s.start || atom.end > s.end || !eligibleAt(inst, p, s.swap.member, a)) continue
      if (hs.length !== 1 || hs[0] !== s.swap.member) found.add('swap-not-kept', pi, a, hs, `the swap gives this role to ${s.swap.member}`)
    }
  }
  for (const g of p.groups) {
    if (!g.investor) continue
    const seen = [...new Set(g.atoms.flatMap((a) => holders[a - p.first] as string[]))]
    if (seen.length > 1) for (const a of g.atoms) found.add('investor-handover', pi, a, seen, 'an investor unit changes hands')
  }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6

/** Who holds each atom of each position: member ids of the segments over it, in segment order. */
function placeSegments(inst: Instance, segments: readonly Segment[], found: Findings): string[][][] {
  const holders = inst.positions.map((p) => Array.from({ length: p.last - p.first }, () => [] as string[]))
  const index = new Map(inst.positions.map((p, i) => [`${p.rotation.id}/${p.role}`, i]))
  for (const s of segments) {
    const pi = index.get(`${s.rotation}/${s.role}`)
    if (pi === undefined) {
      found.unknown(s)
      continue
    }
    const p = inst.positions[pi] as Position
    const start = Math.max(toMillis(s.start), p.start)
    const end = Math.min(toMillis(s.end), p.end)
    for (let a = lowerBound(inst.atoms, start); a < p.last && (inst.atoms[a] as Atom).start < end; a++) {
      ;(holders[pi] as string[][])[a - p.first]?.push(s.member)
    }
  }
  return holders
}

/** Per atom: each member and the positions they hold there. */
function whoHoldsWhat(inst: Instance, holders: string[][][]): Array<Map<string, number[]>> {
  const at = inst.atoms.map(() => new Map<string, number[]>())
  inst.positions.forEach((p, pi) => {
    for (let a = p.first; a < p.last; a++) {
      for (const h of (holders[pi] as string[][])[a - p.first] as string[]) {
        const map = at[a] as Map<string, number[]>
        const list = map.get(h)
        if (!list) map.set(h, [pi])
        else if (!list.includes(pi)) list.push(pi)
      }
    }
  })
  return at
}

/** Under `avoid`: a member on call on their own holiday while a rotation-mate was free, swaps and investor units aside. */
function holidayStretches(inst: Instance, holders: string[][][], heldAt: Array<Map<string, number[]>>): HolidayStretch[] {
  if (inst.plan.oncall.holidays.policy !== 'avoid') return []
  const out: Array<HolidayStretch & { endMs: number }> = []
  const last = new Map<string, HolidayStretch & { endMs: number }>()
  inst.positions.forEach((p, pi) => {
    for (let a = p.first; a < p.last; a++) {
      const atom = inst.atoms[a] as Atom
      const hs = (holders[pi] as string[][])[a - p.first] as string[]
      const h = hs.length === 1 ? (hs[0] as string) : undefined
      const mi = h === undefined ? undefined : inst.memberIndex.get(h)
      if (h === undefined || mi === undefined || inst.holiday[mi]?.[a] !== 1 || atom.investor) continue
      if (p.swaps.some((s) => s.start <= atom.start && atom.end <= s.end)) continue
      const free = p.rotation.members.filter((m) => {
        const k = inst.memberIndex.get(m)
        return m !== h && k !== undefined && inst.away[k]?.[a] === 0 && inst.holiday[k]?.[a] === 0 && !heldAt[a]?.has(m)
      })
      if (free.length === 0) continue
      const key = `${pi}|${h}`
      const prev = last.get(key)
      if (prev && prev.endMs === atom.start) {
        prev.end = iso(atom.end)
        prev.endMs = atom.end
        prev.hours = round6(prev.hours + atom.hours)
        for (const m of free) if (!prev.free.includes(m)) prev.free.push(m)
        continue
      }
      const stretch = { rotation: p.rotation.id, role: p.role, member: h, start: iso(atom.start), end: iso(atom.end), hours: round6(atom.hours), free, endMs: atom.end }
      last.set(key, stretch)
      out.push(stretch)
    }
  })
  return out.map(({ endMs: _endMs, ...s }) => s)
}

/** Violations atom by atom, merged where the same kind, role, members and detail run on. */
class Findings {
  private readonly out: Array<Violation & { endMs: number }> = []
  private readonly open = new Map<string, Violation & { endMs: number }>()

  constructor(private readonly inst: Instance) {}

  add(kind: ViolationKind, pi: number, a: number, members: string[], detail: string): void {
    const p = this.inst.positions[pi] as Position
    const atom = this.inst.atoms[a] as Atom
    const key = `${kind}|${pi}|${members.join(',')}|${detail}`
    const prev = this.open.get(key)
    if (prev && prev.endMs === atom.start) {
      prev.end = iso(atom.end)
      prev.endMs = atom.end
      return
    }
    const v = { kind, rotation: p.rotation.id, role: p.role, start: iso(atom.start), end: iso(atom.end), members: [...members], detail, endMs: atom.end }
    this.open.set(key, v)
    this.out.push(v)
  }

  unknown(s: Segment): void {
    this.out.push({ kind: 'unknown-position', rotation: s.rotation, role: s.role, start: s.start, end: s.end, members: [s.member], detail: `the plan has no role ${s.role} in rotation ${s.rotation}`, endMs: toMillis(s.end) })
  }

  list(): Violation[] {
    return this.out
      .map(({ endMs: _endMs, ...v }) => v)
      .sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : VIOLATION_KINDS.indexOf(x.kind) - VIOLATION_KINDS.indexOf(y.kind)))
  }
}
