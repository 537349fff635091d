// An assignment of members to every atom of every position, as the exact models produce it: turned
// into segments and gaps, and accounted for load the way `computeFairness` does (same weights, same
// max-min fair targets, same unit), in full precision.
import { availableHours, computeFairness } from '../../src/core/schedule/load.js'
import { fairTargets } from '../../src/core/schedule/fair-share.js'
import type { FairnessRow, ScheduleGap, Segment } from '../../src/core/types.js'
import { iso, type Instance, type Position } from './instance.js'

/** Per position, the member index holding each of its atoms (by atom − position.first), or −1. */
export type Assignment = Int32Array[]

export type Gap = ScheduleGap

/** A schedule in the scheduler's shape: segments and declared gaps, UTC instants. */
export interface OracleSchedule {
  segments: Segment[]
  gaps: Gap[]
}

export function emptyAssignment(inst: Instance): Assignment {
  return inst.positions.map((p) => new Int32Array(p.last - p.first).fill(-1))
}

/** Consecutive atoms with the same member merge into one segment; unheld atoms become gaps. */
export function toSchedule(inst: Instance, asg: Assignment, gapReason: string): OracleSchedule {
  const segments: Segment[] = []
  const gaps: Gap[] = []
  inst.positions.forEach((p, pi) => {
    const row = asg[pi] as Int32Array
    let i = 0
    while (i < row.length) {
      const m = row[i] as number
      let j = i + 1
      while (j < row.length && row[j] === m) j++
      const start = iso((inst.atoms[p.first + i] as { start: number }).start)
      const end = iso((inst.atoms[p.first + j - 1] as { end: number }).end)
      if (m >= 0) segments.push({ rotation: p.rotation.id, role: p.role, member: inst.members[m] as string, start, end })
      else gaps.push({ rotation: p.rotation.id, role: p.role, start, end, reason: gapReason })
      i = j
    }
  })
  return { segments, gaps }
}

export interface Accounting {
  /** Load per member (team order) over the window, across rotations. */
  load: number[]
  /** Total load of each rotation (plan order) over the window. */
  rotationLoad: number[]
  /** capacity × available hours in the window, per member. */
  availability: number[]
  /** Max-min fair target per member. */
  target: number[]
  /** Unit per member: the mean primary shift load of their heaviest rotation (0 outside rotations). */
  unit: number[]
}

/**
 * One level of the max-min fair split: these rotations' loads go to these members, each in
 * proportion to availability (`share` = their availability ÷ the level's).
 */
export interface TargetLevel {
  rotations: number[]
  members: Array<{ member: number; share: number }>
}

/**
 * The levels behind a set of targets, so that targets can be written as a linear function of the
 * rotations' loads (exact while the levels stay the same). A rotation belongs to the level of its
 * lowest-ratio available member; members of equal ratio share a level. Undefined when the targets
 * are not reproduced (then use them as numbers).
 */
export function targetLevels(figures: Accounting, rotationMembers: readonly number[][]): TargetLevel[] | undefined {
  const ratio = figures.availability.map((a, m) => (a > 0 ? (figures.target[m] as number) / a : undefined))
  const same = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1e-12)
  const levels: Array<{ ratio: number; rotations: number[] }> = []
  rotationMembers.forEach((members, r) => {
    const ratios = members.flatMap((m) => (ratio[m] === undefined ? [] : [ratio[m] as number]))
    if (ratios.length === 0 || !((figures.rotationLoad[r] as number) > 0)) return
    const low = Math.min(...ratios)
    const level = levels.find((l) => same(l.ratio, low))
    if (level) level.rotations.push(r)
    else levels.push({ ratio: low, rotations: [r] })
  })
  const out = levels.map((l) => {
    const members = figures.availability.flatMap((a, m) => (ratio[m] !== undefined && same(ratio[m] as number, l.ratio) ? [m] : []))
    const total = members.reduce((x, m) => x + (figures.availability[m] as number), 0)
    return { rotations: l.rotations, members: members.map((m) => ({ member: m, share: (figures.availability[m] as number) / total })) }
  })
  const again = linearTargets(out, figures.rotationLoad, figures.target.length)
  const close = again.every((t, m) => Math.abs(t - (figures.target[m] as number)) <= 1e-6 * Math.max(1, Math.abs(figures.target[m] as number)))
  return close ? out : undefined
}

/** Targets from rotation loads through fixed levels. */
export function linearTargets(levels: readonly TargetLevel[], rotationLoad: readonly number[], members: number): number[] {
  const out = new Array<number>(members).fill(0)
  for (const l of levels) {
    const load = l.rotations.reduce((x, r) => x + (rotationLoad[r] as number), 0)
    for (const { member, share } of l.members) out[member] = (out[member] as number) + share * load
  }
  return out
}

/** Load weight of member m holding position p at atom a, per hour × hours in the window / 24. */
export function loadCoefficient(inst: Instance, p: Position, m: number, a: number): number {
  const atom = inst.atoms[a]
  if (!atom || atom.windowHours === 0) return 0
  const w = inst.holiday[m]?.[a] === 1 ? atom.weight.holiday : atom.weight.base
  return (atom.windowHours * w * p.factor) / 24
}

/**
 * Targets and units as `computeFairness` derives them. With an assignment, from what it holds;
 * without one (the first estimate), every atom at base weight, whoever holds it.
 */
export function account(inst: Instance, asg?: Assignment): Accounting {
  const { plan } = inst
  const rotations = plan.oncall.rotations
  const load = inst.members.map(() => 0)
  const rotationLoad = rotations.map(() => 0)
  const primaryLoad = rotations.map(() => 0)
  const primaryHours = rotations.map(() => 0)
  inst.positions.forEach((p, pi) => {
    for (let a = p.first; a < p.last; a++) {
      const atom = inst.atoms[a]
      if (!atom || atom.windowHours === 0) continue
      let l: number
      if (asg) {
        const m = (asg[pi] as Int32Array)[a - p.first] as number
        if (m < 0) continue
        l = loadCoefficient(inst, p, m, a)
        load[m] = (load[m] as number) + l
      } else l = (atom.windowHours * atom.weight.base * p.factor) / 24
      rotationLoad[p.rotationIndex] = (rotationLoad[p.rotationIndex] as number) + l
      if (p.unitRole) {
        primaryLoad[p.rotationIndex] = (primaryLoad[p.rotationIndex] as number) + l
        primaryHours[p.rotationIndex] = (primaryHours[p.rotationIndex] as number) + atom.windowHours
      }
    }
  })
  const rotationUnit = rotations.map((r, ri) => {
    const hours = primaryHours[ri] as number
    const shiftHours = (r.shiftDays ?? plan.oncall.shiftDays) * 24
    return hours > 0 ? (primaryLoad[ri] as number) / (hours / shiftHours) : 0
  })
  const availability = plan.team.map((m) => m.capacity * availableHours(inst.cal, m.id, inst.window.from, inst.window.to))
  const target = fairTargets(
    rotations.map((r, ri) => ({
      load: rotationLoad[ri] as number,
      members: r.members.flatMap((m) => (inst.memberIndex.has(m) ? [inst.memberIndex.get(m) as number] : []))
    })),
    availability
  )
  const unit = inst.members.map((m) => {
    let u = 0
    rotations.forEach((r, ri) => {
      if (r.members.includes(m)) u = Math.max(u, rotationUnit[ri] as number)
    })
    return u
  })
  return { load, rotationLoad, availability, target, unit }
}

/** The fairness table `computeFairness` gives a schedule over the instance's window. */
export function fairnessOf(inst: Instance, segments: readonly Segment[]): FairnessRow[] {
  return computeFairness(inst.plan, inst.cal, segments, { from: iso(inst.window.from), to: iso(inst.window.to) }, inst.slots)
}

/** The largest |deviation| of a fairness table (0 for an empty one). */
export function maxDeviation(rows: readonly FairnessRow[]): number {
  return rows.reduce((x, r) => Math.max(x, Math.abs(r.deviation)), 0)
}
