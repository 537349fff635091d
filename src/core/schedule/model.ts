// The solver's working model: shift slots split into local days, one cell per slot × rotation × role,
// and cached per-member facts (presence, holidays, load) that every pass asks for many times.
import type { LocalDate, Plan, Role, Rotation, Segment, ShiftSlot } from '../types.js'
import type { PlanCalendar } from './calendar.js'
import { toMillis } from './calendar.js'
import type { DayPiece } from './load.js'
import { dateWeight, roleFactor, splitAtMidnights } from './load.js'

export const HOUR = 3_600_000

export interface SlotInfo {
  slot: ShiftSlot
  start: number
  end: number
  days: DayPiece[]
  /** Local dates of the slot that lie in an investor period. */
  investorDates: LocalDate[]
}

export interface FixedPiece {
  start: number
  end: number
  member: string
  kind: 'swap' | 'lock'
  note?: string
}

export interface Cell {
  id: number
  slot: number
  rot: number
  role: Role
  /** The member the shift is given to; null while unassigned or where nobody can hold it. */
  member: string | null
  /** Past or frozen: the solver does not move it. */
  fixed: boolean
  /** Frozen from the lock: its lock pieces are kept where their members are still available. */
  frozen: boolean
  /** Swap pieces inside this slot (kept as given) and, for frozen cells, the lock's pieces. */
  swaps: FixedPiece[]
  lockPieces: FixedPiece[]
  /** The member the schedule of record gave this shift; changing it is churn. */
  preferred?: string
  /** A swap covers the whole slot. */
  swapWhole: boolean
}

export type Presence = 0 | 1 | 2 // none, partial, full

export class Model {
  readonly plan: Plan
  readonly cal: PlanCalendar
  readonly slots: SlotInfo[]
  readonly rotations: Rotation[]
  readonly cells: Cell[] = []
  readonly cellsBySlot: Cell[][]
  /** Cell index by slot, rotation and role, for neighbours in the rest rule. */
  readonly cellAt = new Map<string, Cell>()
  readonly capacity: Map<string, number>
  readonly avoid: boolean
  readonly minGap: number
  private readonly presenceCache = new Map<string, Presence>()
  private readonly loadCache = new Map<string, number>()
  private readonly holidayCache = new Map<string, boolean>()

  constructor(plan: Plan, cal: PlanCalendar, slots: ShiftSlot[], minGap: number) {
    this.plan = plan
    this.cal = cal
    this.rotations = plan.oncall.rotations
    this.capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
    this.avoid = plan.oncall.holidays.policy === 'avoid'
    this.minGap = minGap
    this.slots = slots.map((slot) => {
      const start = toMillis(slot.start)
      const end = toMillis(slot.end)
      const days = splitAtMidnights(start, end, plan.timezone)
      return { slot, start, end, days, investorDates: days.map((d) => d.date).filter((d) => cal.isInvestorDate(d)) }
    })
    this.cellsBySlot = this.slots.map(() => [])
  }

  addCell(slot: number, rot: number, role: Role): Cell {
    const cell: Cell = { id: this.cells.length, slot, rot, role, member: null, fixed: false, frozen: false, swaps: [], lockPieces: [], swapWhole: false }
    this.cells.push(cell)
    this.cellsBySlot[slot]?.push(cell)
    this.cellAt.set(`${slot}|${rot}|${role}`, cell)
    return cell
  }

  /** Full when available on every local date of the slot, partial on some, none on none. */
  presence(member: string, slot: number): Presence {
    const key = `${member}|${slot}`
    let p = this.presenceCache.get(key)
    if (p === undefined) {
      const days = this.slots[slot]?.days ?? []
      const n = days.filter((d) => this.cal.isAvailable(member, d.date)).length
      p = n === days.length ? 2 : n > 0 ? 1 : 0
      this.presenceCache.set(key, p)
    }
    return p
  }

  /** Present on every investor date of the slot: an investor period is never split by covers. */
  investorOk(member: string, slot: number): boolean {
    const dates = this.slots[slot]?.investorDates ?? []
    return dates.every((d) => this.cal.isAvailable(member, d))
  }

  holidayIn(member: string, slot: number): boolean {
    const key = `${member}|${slot}`
    let h = this.holidayCache.get(key)
    if (h === undefined) {
      h = (this.slots[slot]?.days ?? []).some((d) => this.cal.isHoliday(member, d.date))
      this.holidayCache.set(key, h)
    }
    return h
  }

  /** The weighted load of a member holding a whole cell. */
  cellLoad(cell: Cell, member: string): number {
    const key = `${member}|${cell.slot}|${cell.role}`
    let l = this.loadCache.get(key)
    if (l === undefined) {
      let sum = 0
      for (const d of this.slots[cell.slot]?.days ?? []) sum += ((d.end - d.start) / HOUR) * dateWeight(this.plan, this.cal, member, d.date)
      l = (sum * roleFactor(this.plan, cell.role)) / 24
      this.loadCache.set(key, l)
    }
    return l
  }

  /** Hours of the slot the member could hold, times capacity: their entitlement share. */
  weightedAvailability(member: string, slot: number): number {
    const info = this.slots[slot]
    if (!info) return 0
    const p = this.presence(member, slot)
    const hours = p === 2 ? (info.end - info.start) / HOUR
      : p === 0 ? 0
        : info.days.filter((d) => this.cal.isAvailable(member, d.date)).reduce((s, d) => s + (d.end - d.start) / HOUR, 0)
    return hours * (this.capacity.get(member) ?? 1)
  }

  /** Rest: the member held this rotation and role within `minGap` shifts before or after. */
  restClashes(cell: Cell, member: string): number {
    let n = 0
    for (let k = 1; k <= this.minGap; k++) {
      for (const s of [cell.slot - k, cell.slot + k]) {
        if (this.cellAt.get(`${s}|${cell.rot}|${cell.role}`)?.member === member) n++
      }
    }
    return n
  }

  /** Members holding (or swapped into) any cell of a slot. */
  busy(slot: number): Set<string> {
    const set = new Set<string>()
    for (const c of this.cellsBySlot[slot] ?? []) {
      if (c.member) set.add(c.member)
      for (const p of c.swaps) set.add(p.member)
      for (const p of c.lockPieces) set.add(p.member)
    }
    return set
  }
}

/** The member holding most of [start, end) among segments: the shift's member in a lock. */
export function majorityHolder(segments: Segment[], start: number, end: number): string | undefined {
  const hours = new Map<string, number>()
  for (const s of segments) {
    const h = Math.min(end, toMillis(s.end)) - Math.max(start, toMillis(s.start))
    if (h > 0) hours.set(s.member, (hours.get(s.member) ?? 0) + h)
  }
  let best: string | undefined
  let bestHours = 0
  for (const [m, h] of [...hours].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (h > bestHours) {
      best = m
      bestHours = h
    }
  }
  return best
}
