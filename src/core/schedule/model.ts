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
  /** For frozen cells: where the kept past ends and this cell's segments begin. */
  emitFrom?: number
  /** The cell's load for a member without a public holiday in it. */
  baseLoad?: number
}

export type Presence = 0 | 1 | 2 // none, partial, full

export class Model {
  readonly plan: Plan
  readonly cal: PlanCalendar
  readonly slots: SlotInfo[]
  readonly rotations: Rotation[]
  readonly cells: Cell[] = []
  readonly cellsBySlot: Cell[][]
  readonly capacity: Map<string, number>
  /** Each rotation's members by their place in `plan.team`, in the rotation's order. */
  readonly rotationMemberNos: Int32Array[]
  readonly avoid: boolean
  readonly minGap: number
  // Typed arrays by slot × member: the passes ask these questions hundreds of thousands of times.
  private readonly memberIndex: Map<string, number>
  private lastMember: string | undefined
  private lastIndex: number | undefined
  private readonly presenceCache: Int8Array
  private readonly holidayCache: Int8Array
  private readonly loadCache: Float64Array
  private readonly availabilityCache: Float64Array
  private readonly grid: Array<Cell | undefined> = []
  /** The calendar's day number of each local day of each slot (-1 outside its range). */
  private readonly dayNumbers: number[][]

  constructor(plan: Plan, cal: PlanCalendar, slots: ShiftSlot[], minGap: number) {
    this.plan = plan
    this.cal = cal
    this.rotations = plan.oncall.rotations
    this.capacity = new Map(plan.team.map((m) => [m.id, m.capacity]))
    this.avoid = plan.oncall.holidays.policy === 'avoid'
    // a gap longer than the grid means the same as the grid's length, and bounds every rest scan
    this.minGap = Math.min(minGap, slots.length)
    this.slots = slots.map((slot) => {
      const start = toMillis(slot.start)
      const end = toMillis(slot.end)
      const days = splitAtMidnights(start, end, plan.timezone, slot.startDate)
      return { slot, start, end, days, investorDates: days.map((d) => d.date).filter((d) => cal.isInvestorDate(d)) }
    })
    this.dayNumbers = this.slots.map((info) => info.days.map((d) => cal.dayNumber(d.date)))
    this.cellsBySlot = this.slots.map(() => [])
    this.memberIndex = new Map(plan.team.map((m, i) => [m.id, i]))
    this.rotationMemberNos = this.rotations.map((r) => Int32Array.from(r.members, (m) => this.memberIndex.get(m) ?? -1))
    const size = this.slots.length * plan.team.length
    this.presenceCache = new Int8Array(size).fill(-1)
    this.holidayCache = new Int8Array(size).fill(-1)
    this.loadCache = new Float64Array(size * 2).fill(-1)
    this.availabilityCache = new Float64Array(size).fill(-1)
  }

  private at(member: string, slot: number): number {
    // callers ask several questions about one member in a row: remember the last id's place
    let i: number | undefined
    if (member === this.lastMember) i = this.lastIndex
    else {
      i = this.memberIndex.get(member)
      this.lastMember = member
      this.lastIndex = i
    }
    return i === undefined || slot < 0 || slot >= this.slots.length ? -1 : slot * this.plan.team.length + i
  }

  /** A member's place in `plan.team` (-1 for an unknown id): the hot loops ask by number. */
  memberNo(member: string): number {
    return this.memberIndex.get(member) ?? -1
  }

  /** {@link presence} by the member's place in `plan.team`. */
  presenceNo(mi: number, slot: number): Presence {
    if (mi < 0 || slot < 0 || slot >= this.slots.length) return 0
    const key = slot * this.plan.team.length + mi
    const p = this.presenceCache[key] as number
    return (p >= 0 ? p : this.presence((this.plan.team[mi] as { id: string }).id, slot)) as Presence
  }

  /** {@link holidayIn} by the member's place in `plan.team`. */
  holidayNo(mi: number, slot: number): boolean {
    if (mi < 0 || slot < 0 || slot >= this.slots.length) return false
    const h = this.holidayCache[slot * this.plan.team.length + mi] as number
    return h >= 0 ? h === 1 : this.holidayIn((this.plan.team[mi] as { id: string }).id, slot)
  }

  /** {@link cellLoad} by the member's place in `plan.team`. */
  cellLoadNo(cell: Cell, mi: number): number {
    if (!this.holidayNo(mi, cell.slot) && mi >= 0) {
      if (cell.baseLoad === undefined) cell.baseLoad = this.computeLoad(cell, undefined)
      return cell.baseLoad
    }
    return this.cellLoad(cell, (this.plan.team[mi] as { id: string } | undefined)?.id ?? '')
  }

  cellOf(slot: number, rot: number, role: Role): Cell | undefined {
    if (slot < 0 || slot >= this.slots.length) return undefined
    return this.grid[(slot * this.rotations.length + rot) * 2 + (role === 'primary' ? 0 : 1)]
  }

  addCell(slot: number, rot: number, role: Role): Cell {
    const cell: Cell = { id: this.cells.length, slot, rot, role, member: null, fixed: false, frozen: false, swaps: [], lockPieces: [], swapWhole: false }
    this.cells.push(cell)
    this.cellsBySlot[slot]?.push(cell)
    this.grid[(slot * this.rotations.length + rot) * 2 + (role === 'primary' ? 0 : 1)] = cell
    return cell
  }

  /** Full when available on every local date of the slot, partial on some, none on none. */
  presence(member: string, slot: number): Presence {
    const key = this.at(member, slot)
    if (key < 0) return 0
    let p = this.presenceCache[key] as number
    if (p < 0) {
      const days = this.slots[slot]?.days ?? []
      const nums = this.dayNumbers[slot] ?? []
      const mi = key - slot * this.plan.team.length
      let n = 0
      for (let k = 0; k < days.length; k++) {
        const day = nums[k] ?? -1
        if (day >= 0 ? this.cal.availableAt(mi, day) : this.cal.isAvailable(member, (days[k] as DayPiece).date)) n++
      }
      p = n === days.length ? 2 : n > 0 ? 1 : 0
      this.presenceCache[key] = p
    }
    return p as Presence
  }

  /** Present on every investor date of the slot: an investor period is never split by covers. */
  investorOk(member: string, slot: number): boolean {
    const dates = this.slots[slot]?.investorDates ?? []
    return dates.length === 0 || this.presence(member, slot) === 2 || dates.every((d) => this.cal.isAvailable(member, d))
  }

  holidayIn(member: string, slot: number): boolean {
    const key = this.at(member, slot)
    if (key < 0) return false
    let h = this.holidayCache[key] as number
    if (h < 0) {
      const nums = this.dayNumbers[slot] ?? []
      const mi = key - slot * this.plan.team.length
      h = (this.slots[slot]?.days ?? []).some((d, k) => {
        const day = nums[k] ?? -1
        return day >= 0 ? this.cal.holidayAt(mi, day) : this.cal.isHoliday(member, d.date)
      }) ? 1 : 0
      this.holidayCache[key] = h
    }
    return h === 1
  }

  /** The weighted load of a member holding a whole cell. */
  cellLoad(cell: Cell, member: string): number {
    // only a member's own holidays make their load differ from anyone else's
    if (!this.holidayIn(member, cell.slot)) {
      if (cell.baseLoad === undefined) cell.baseLoad = this.computeLoad(cell, undefined)
      return cell.baseLoad
    }
    const at = this.at(member, cell.slot)
    const key = at * 2 + (cell.role === 'primary' ? 0 : 1)
    let l = at < 0 ? -1 : (this.loadCache[key] as number)
    if (l < 0) {
      l = this.computeLoad(cell, member)
      if (at >= 0) this.loadCache[key] = l
    }
    return l
  }

  private computeLoad(cell: Cell, member: string | undefined): number {
    let sum = 0
    for (const d of this.slots[cell.slot]?.days ?? []) sum += ((d.end - d.start) / HOUR) * dateWeight(this.plan, this.cal, member, d.date)
    return (sum * roleFactor(this.plan, cell.role)) / 24
  }

  /**
   * Who carries a cell's load: its member, and for a cell a swap covers in part, the swap's member
   * for the swap's hours. Such cells never move, but their load must land on the right person.
   */
  splitLoad(cell: Cell): Array<[string, number]> {
    if (cell.swaps.length === 0 || cell.swapWhole) return cell.member ? [[cell.member, this.cellLoad(cell, cell.member)]] : []
    const out = new Map<string, number>()
    const add = (m: string, hours: number, date: LocalDate): void => {
      out.set(m, (out.get(m) ?? 0) + (hours * dateWeight(this.plan, this.cal, m, date) * roleFactor(this.plan, cell.role)) / 24)
    }
    for (const d of this.slots[cell.slot]?.days ?? []) {
      let rest = d.end - d.start
      for (const p of cell.swaps) {
        const overlap = Math.min(d.end, p.end) - Math.max(d.start, p.start)
        if (overlap <= 0) continue
        add(p.member, overlap / HOUR, d.date)
        rest -= overlap
      }
      if (cell.member && rest > 0) add(cell.member, rest / HOUR, d.date)
    }
    return [...out]
  }

  /** Hours of the slot the member could hold, times capacity: their entitlement share. */
  weightedAvailability(member: string, slot: number): number {
    const info = this.slots[slot]
    if (!info) return 0
    // every pass asks this of every member of every slot: greedy's shares, the search's targets
    const key = this.at(member, slot)
    if (key >= 0 && (this.availabilityCache[key] as number) >= 0) return this.availabilityCache[key] as number
    return this.computeAvailability(member, slot, key)
  }

  /** {@link weightedAvailability} by the member's place in `plan.team`. */
  weightedAvailabilityNo(mi: number, slot: number): number {
    if (mi < 0 || slot < 0 || slot >= this.slots.length) return 0
    const key = slot * this.plan.team.length + mi
    const cached = this.availabilityCache[key] as number
    return cached >= 0 ? cached : this.computeAvailability((this.plan.team[mi] as { id: string }).id, slot, key)
  }

  private computeAvailability(member: string, slot: number, key: number): number {
    const info = this.slots[slot] as SlotInfo
    const p = this.presence(member, slot)
    const hours = p === 2 ? (info.end - info.start) / HOUR
      : p === 0 ? 0
        : info.days.filter((d) => this.cal.isAvailable(member, d.date)).reduce((s, d) => s + (d.end - d.start) / HOUR, 0)
    const weighted = hours * (this.capacity.get(member) ?? 1)
    if (key >= 0) this.availabilityCache[key] = weighted
    return weighted
  }

  /** Rest: the member held this rotation and role within `minGap` shifts before or after. */
  restClashes(cell: Cell, member: string): number {
    let n = 0
    for (let k = 1; k <= this.minGap; k++) {
      if (this.cellOf(cell.slot - k, cell.rot, cell.role)?.member === member) n++
      if (this.cellOf(cell.slot + k, cell.rot, cell.role)?.member === member) n++
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
