// What the schedule of record (opsplan.lock.json) fixes and what it prefers (SPEC section 3,
// Stability): its past stands as written, its frozen shifts keep their pieces while their members
// can hold them, and later shifts prefer its members. A rotation whose grid changed keeps its past up
// to the first new handoff from today and is planned afresh after it.
import type { Lock, LockSegment, Plan, Problem, Segment, ShiftSlot } from '../types.js'
import { swapInstants } from '../plan/ranges.js'
import { toMillis } from './calendar.js'
import type { Cell, Model } from './model.js'

export interface RecordSegment extends Segment {
  start: string
  end: string
  covers?: string
  startMs: number
  endMs: number
}

export interface RecordView {
  /** Per rotation id: where planning starts afresh because the record's grid no longer fits, else absent. */
  cut: Map<string, number>
  /** Segments published as the record has them: the past (and, for a changed grid, everything before the cut). */
  kept: RecordSegment[]
  /** Usable record segments by `rotation|role`, in start order. */
  byPosition: Map<string, RecordSegment[]>
  /** Whether any segment carries `covers` (a record this scheduler wrote). */
  knowsCovers: boolean
  problems: Problem[]
}

const key = (rotation: string, role: string): string => `${rotation}|${role}`

/**
 * Reads the record against the plan's grids. `slots` holds each rotation's whole grid from its first
 * handoff. A rotation fits when its record starts at its first handoff and no segment crosses one of
 * its handoffs.
 */
export function readRecord(plan: Plan, lock: Lock | undefined, slots: ShiftSlot[][], todayStart: number): RecordView {
  const view: RecordView = { cut: new Map(), kept: [], byPosition: new Map(), knowsCovers: false, problems: [] }
  if (!lock) return view
  const roles = new Map(plan.oncall.rotations.map((r) => [r.id, new Set<string>(r.roles)]))
  const usable: RecordSegment[] = lock.segments
    .filter((s) => roles.get(s.rotation)?.has(s.role))
    // one literal per shape, not spreads: tens of thousands of segments on a big team
    .map((s: LockSegment) => s.covers !== undefined
      ? { rotation: s.rotation, role: s.role, member: s.member, start: s.start, end: s.end, covers: s.covers, startMs: toMillis(s.start), endMs: toMillis(s.end) }
      : { rotation: s.rotation, role: s.role, member: s.member, start: s.start, end: s.end, startMs: toMillis(s.start), endMs: toMillis(s.end) })
    .sort((a, b) => a.startMs - b.startMs)
  view.knowsCovers = lock.segments.some((s) => s.covers !== undefined)
  const sameZone = lock.timezone === plan.timezone
  // each rotation's segments, in the order above
  const byRotation = new Map<string, RecordSegment[]>()
  for (const s of usable) {
    const list = byRotation.get(s.rotation)
    if (list) list.push(s)
    else byRotation.set(s.rotation, [s])
  }
  plan.oncall.rotations.forEach((rotation, rot) => {
    const own = byRotation.get(rotation.id) ?? []
    if (own.length === 0) return
    const grid = slots[rot] ?? []
    if (sameZone && fits(own, grid)) {
      for (const s of own) {
        const list = view.byPosition.get(key(s.rotation, s.role)) ?? []
        list.push(s)
        view.byPosition.set(key(s.rotation, s.role), list)
        if (s.endMs <= todayStart) view.kept.push(s)
      }
      return
    }
    const next = grid.find((s) => toMillis(s.start) >= todayStart)
    const cut = next ? toMillis(next.start) : Number.POSITIVE_INFINITY
    view.cut.set(rotation.id, cut)
    const cutText = next?.start ?? own[own.length - 1]?.end ?? ''
    for (const s of own) {
      if (s.startMs >= cut) continue
      view.kept.push(s.endMs <= cut ? s : { ...s, end: cutText, endMs: cut })
    }
    view.problems.push({
      severity: 'warning',
      rule: 'history.frozen',
      message: `The schedule of record for ${rotation.name} was made for a different shift grid (start, shift or handoff changed); its segments up to ${cutText} are kept and its shifts are re-planned from that handoff on the new grid.`
    })
  })
  return view
}

/** The record was made on this grid: it starts at a handoff and no segment crosses one. */
function fits(own: RecordSegment[], grid: ShiftSlot[]): boolean {
  const first = grid[0]
  if (!first || own[0]?.start !== first.start) return false
  const handoffs = grid.map((s) => toMillis(s.end))
  for (const s of own) {
    // the first handoff after the segment's start must not lie inside it
    const h = handoffs[firstAbove(handoffs, s.startMs)]
    if (h !== undefined && h < s.endMs) return false
  }
  return true
}

/** The first index of an ascending list whose value is above x (the length where none is). */
function firstAbove(values: ArrayLike<number>, x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((values[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Per atom and position, the record's member (-1 none, -2 someone outside the team); per cell its holder. */
export interface RecordTables {
  rec: Int32Array
  holder: Int32Array
}

export const OUTSIDER = -2

export function recordTables(model: Model, view: RecordView): RecordTables {
  const A = model.atoms
  const rec = new Int32Array(model.positions.length * A).fill(-1)
  const holder = new Int32Array(model.cells.length).fill(-1)
  const plan = model.plan
  for (const pos of model.positions) {
    const list = view.byPosition.get(key(pos.rotation.id, pos.role)) ?? []
    const swaps = plan.swaps.filter((s) => s.rotation === pos.rotation.id && s.role === pos.role).map((s) => ({ ...swapInstants(plan, s), member: s.member }))
    const t0 = model.times[0] as number
    const tn = model.times[A] as number
    for (const s of list) {
      if (s.endMs <= t0 || s.startMs >= tn) continue
      const m = model.memberNo.get(s.member) ?? OUTSIDER
      const a0 = s.startMs <= t0 ? 0 : model.atomAt(s.startMs)
      const a1 = s.endMs >= tn ? A : model.atomAt(s.endMs)
      rec.fill(m, pos.id * A + a0, pos.id * A + a1)
    }
    // the segments overlapping a cell, in list order, without scanning the whole list per cell: the
    // list is in start order, and the running largest end finds the first that can reach the cell
    const reach = new Float64Array(list.length)
    list.forEach((s, i) => { reach[i] = Math.max(i > 0 ? (reach[i - 1] as number) : -Infinity, s.endMs) })
    const overlapping = (cell: Cell): RecordSegment[] => {
      const out: RecordSegment[] = []
      for (let i = firstAbove(reach, cell.start); i < list.length && (list[i] as RecordSegment).startMs < cell.end; i++) {
        const s = list[i] as RecordSegment
        if (s.endMs > cell.start) out.push(s)
      }
      return out
    }
    for (const c of pos.cells) {
      const cell = model.cells[c] as Cell
      const inside = overlapping(cell)
      if (inside.length === 0) continue
      if (inside.length === 1) {
        // most shifts: one segment, the shift's own member or the cover it names (what the general
        // case below finds for one segment)
        const only = inside[0] as RecordSegment
        holder[c] = model.memberNo.get(only.covers ?? only.member) ?? OUTSIDER
        continue
      }
      const named = inside.find((s) => s.covers !== undefined)?.covers
      if (named !== undefined) {
        holder[c] = model.memberNo.get(named) ?? OUTSIDER
        continue
      }
      // the shift's own member is whoever held it apart from the plan's swaps
      const own = inside.filter((s) => !swaps.some((w) => w.member === s.member && w.start <= s.startMs && w.end >= s.endMs))
      const pool = own.length > 0 ? own : inside
      const members = [...new Set(pool.map((s) => s.member))]
      if (members.length === 1) holder[c] = model.memberNo.get(members[0] as string) ?? OUTSIDER
      else if (!view.knowsCovers) {
        // a record from before covers were written down: the member holding most of the shift
        const hours = new Map<string, number>()
        for (const s of pool) hours.set(s.member, (hours.get(s.member) ?? 0) + Math.min(cell.end, s.endMs) - Math.max(cell.start, s.startMs))
        const best = [...hours].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]
        if (best) holder[c] = model.memberNo.get(best[0]) ?? OUTSIDER
      }
    }
  }
  return { rec, holder }
}
