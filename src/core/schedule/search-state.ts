// What the local search keeps up to date after every move, so that a candidate move is scored from
// a handful of deltas instead of a walk over the whole schedule: load, fair target and deviation per
// rotation member, own public holidays worked, investor-period shifts, rest clashes and churn.
import type { Cell, Model } from './model.js'

export interface SearchOptions {
  windowFrom: number
  maxDeviation: number
  /** Cells whose lock member became unavailable, plus a little room to rebalance. */
  churnBudget: number
  /** Loads outside the cells (kept history), per rotation and member. */
  history: Array<Map<string, number>>
  /** `fairness.holidays` and `fairness.investor` max-spread. */
  holidaySpread: number
  investorSpread: number
}

/** One rotation's table; arrays are indexed by the member's place in the rotation. */
export interface RotationTable {
  members: string[]
  index: Map<string, number>
  load: Float64Array
  share: Float64Array
  shareSum: number
  total: number
  target: Float64Array
  dev: Float64Array
  unit: number
  primarySum: number
  primaryCount: number
  holidays: Int32Array
  investor: Int32Array
}

export class SearchState {
  readonly model: Model
  readonly opts: SearchOptions
  readonly tables: RotationTable[]
  readonly busy: Array<Set<string>>
  /** Cells most of whose slot a swap holds: the plan chose them, rest does not judge them. */
  readonly planned: Uint8Array
  readonly counted: Uint8Array
  /** Local days of each slot with at least 12 hours in it: the days a holiday count can see. */
  private readonly longDays: Array<Array<{ date: string; index: number }>>
  /** Members with an own public holiday on a long day of each slot (most slots: nobody). */
  private readonly holidayMembers: Array<Set<string>>
  rest = 0
  churn = 0
  worked = 0

  constructor(model: Model, opts: SearchOptions) {
    this.model = model
    this.opts = opts
    this.busy = model.slots.map((_, s) => model.busy(s))
    this.planned = new Uint8Array(model.cells.length)
    this.counted = new Uint8Array(model.cells.length)
    this.longDays = model.slots.map((info) => info.days.map((d, index) => ({ date: d.date, index, hours: (d.end - d.start) / 3_600_000 }))
      .filter((d) => d.hours >= 12).map(({ date, index }) => ({ date, index })))
    this.holidayMembers = this.longDays.map((days) => new Set(model.plan.team
      .filter((m) => days.some((d) => model.cal.isHoliday(m.id, d.date))).map((m) => m.id)))
    for (const c of model.cells) {
      const info = model.slots[c.slot]
      const span = info ? info.end - info.start : 0
      const swapped = c.swaps.reduce((n, p) => n + p.end - p.start, 0)
      this.planned[c.id] = c.swapWhole || swapped * 2 >= span ? 1 : 0
      this.counted[c.id] = (info?.end ?? 0) > opts.windowFrom ? 1 : 0
    }
    this.tables = model.rotations.map((rotation, rot) => {
      const n = rotation.members.length
      const share = new Float64Array(n)
      let shareSum = 0
      model.slots.forEach((info, s) => {
        if (info.end <= opts.windowFrom) return
        rotation.members.forEach((m, i) => {
          const w = model.weightedAvailability(m, s)
          share[i] = (share[i] ?? 0) + w
          shareSum += w
        })
      })
      const load = new Float64Array(n)
      rotation.members.forEach((m, i) => { load[i] = opts.history[rot]?.get(m) ?? 0 })
      return {
        members: rotation.members, index: new Map(rotation.members.map((m, i) => [m, i])), load, share, shareSum,
        total: load.reduce((a, b) => a + b, 0), target: new Float64Array(n), dev: new Float64Array(n), unit: 1,
        primarySum: 0, primaryCount: 0, holidays: new Int32Array(n), investor: new Int32Array(n)
      }
    })
    for (const c of model.cells) {
      if (!c.member) continue
      this.book(c, c.member, 1)
      this.churn += this.churnOf(c, c.member)
      this.rest += this.clashes(c, c.member)
    }
    model.slots.forEach((_, s) => this.bookHolidays(s, 1))
    this.tables.forEach((t) => this.retarget(t))
  }

  private book(c: Cell, member: string, sign: number): void {
    const t = this.tables[c.rot]
    const i = t?.index.get(member)
    if (!t || i === undefined || !this.counted[c.id]) return
    // cells a swap covers in part never move: their load goes to whoever holds each part
    const parts: Array<[string, number]> = c.swaps.length > 0 && !c.swapWhole ? this.model.splitLoad(c) : [[member, this.model.cellLoad(c, member)]]
    for (const [m, load] of parts) {
      const k = t.index.get(m)
      if (k === undefined) continue
      const l = load * sign
      t.load[k] = (t.load[k] ?? 0) + l
      t.total += l
      if (c.role === 'primary') t.primarySum += l
    }
    if (c.role === 'primary') t.primaryCount += sign
    if ((this.model.slots[c.slot]?.investorDates.length ?? 0) > 0) t.investor[i] = (t.investor[i] ?? 0) + sign
  }

  /**
   * Own public holidays worked in one slot, per cell: a holiday is covered by someone of the
   * rotation free all that day, one cover per person, in the order segments.ts gives covers;
   * inside an investor period (or under `work`) it is worked.
   */
  private slotHolidays(slot: number, visit: (c: Cell, member: string, n: number) => void): void {
    const model = this.model
    if (!this.slotCounted(slot) || model.plan.oncall.holidays.policy === 'off') return
    const cells = model.cellsBySlot[slot] ?? []
    if (!this.holidayHeld(slot)) return
    const days = model.slots[slot]?.days ?? []
    const busy = this.busy[slot]
    for (const { date, index } of this.longDays[slot] ?? []) {
      const before = index === 0 ? this.busy[slot - 1] : undefined
      const after = index === days.length - 1 ? this.busy[slot + 1] : undefined
      const used = new Set<string>()
      const cover = (c: Cell, member: string): boolean => {
        if (!model.avoid || model.cal.isInvestorDate(date)) return false
        for (const m of model.rotations[c.rot]?.members ?? []) {
          if (m === member || used.has(m) || busy?.has(m) || before?.has(m) || after?.has(m)) continue
          if (!model.cal.isAvailable(m, date) || model.cal.isHoliday(m, date)) continue
          used.add(m)
          return true
        }
        return false
      }
      // the morning of a slot's first day belongs to the shift before, whose covers come first
      if (index === 0 && model.slots[slot - 1]?.days.some((d) => d.date === date)) {
        for (const c of model.cellsBySlot[slot - 1] ?? []) if (c.member && model.cal.isHoliday(c.member, date)) cover(c, c.member)
      }
      for (const c of cells) {
        const member = c.member
        if (member && model.cal.isHoliday(member, date) && !cover(c, member)) visit(c, member, 1)
      }
    }
  }

  private holidayHeld(slot: number): boolean {
    const members = this.holidayMembers[slot]
    if (!members || members.size === 0) return false
    for (const c of this.model.cellsBySlot[slot] ?? []) if (c.member !== null && members.has(c.member)) return true
    return false
  }

  private slotCounted(slot: number): boolean {
    return (this.model.slots[slot]?.end ?? 0) > this.opts.windowFrom
  }

  /** Adds (sign 1) or removes (-1) the holidays worked in every cell of a slot. */
  bookHolidays(slot: number, sign: number, into?: Map<RotationTable, Map<number, number>>): void {
    this.slotHolidays(slot, (c, member, n) => {
      const t = this.tables[c.rot] as RotationTable
      const i = t.index.get(member)
      if (i === undefined) return
      if (into) {
        const map = into.get(t) ?? new Map<number, number>()
        map.set(i, (map.get(i) ?? 0) + n * sign)
        into.set(t, map)
      } else {
        t.holidays[i] = (t.holidays[i] ?? 0) + n * sign
        this.worked += n * sign
      }
    })
  }

  churnOf(c: Cell, m: string | null): number {
    return c.preferred !== undefined && m !== c.preferred ? 1 : 0
  }

  /** Rest clashes of a member holding a cell: the same role within min-gap shifts either side. */
  clashes(c: Cell, member: string): number {
    if (this.planned[c.id]) return 0
    let n = 0
    for (let k = 1; k <= this.model.minGap; k++) {
      const before = this.model.cellOf(c.slot - k, c.rot, c.role)
      const after = this.model.cellOf(c.slot + k, c.rot, c.role)
      if (before && before.member === member && !this.planned[before.id]) n++
      if (after && after.member === member && !this.planned[after.id]) n++
    }
    return n
  }

  /** Targets follow the rotation's total; deviations are in units of its mean primary shift. */
  retarget(t: RotationTable): void {
    t.unit = t.primaryCount > 0 && t.primarySum > 0 ? t.primarySum / t.primaryCount : 1
    for (let i = 0; i < t.members.length; i++) {
      t.target[i] = t.shareSum > 0 ? (t.total * (t.share[i] ?? 0)) / t.shareSum : 0
      t.dev[i] = ((t.load[i] ?? 0) - (t.target[i] ?? 0)) / t.unit
    }
  }

  /** Moves a cell to another member, keeping every table true. */
  assign(c: Cell, to: string): void {
    const from = c.member as string
    const near = [c.slot - 1, c.slot, c.slot + 1]
    near.forEach((s) => this.bookHolidays(s, -1))
    this.rest -= 2 * this.clashes(c, from)
    this.book(c, from, -1)
    this.churn -= this.churnOf(c, from)
    c.member = to
    this.busy[c.slot] = this.model.busy(c.slot)
    this.book(c, to, 1)
    this.churn += this.churnOf(c, to)
    this.rest += 2 * this.clashes(c, to)
    near.forEach((s) => this.bookHolidays(s, 1))
  }

  /** Holidays worked that change when cells take other members, per table and member index. */
  holidayDelta(moves: Array<[Cell, string]>): Map<RotationTable, Map<number, number>> | undefined {
    const model = this.model
    const slots = [...new Set(moves.flatMap(([c]) => [c.slot - 1, c.slot, c.slot + 1]))].filter((s) => s >= 0 && s < this.busy.length)
    const touches = slots.some((s) => this.holidayHeld(s)) || moves.some(([c, m]) => this.holidayMembers[c.slot]?.has(m))
    if (!touches) return undefined
    const out = new Map<RotationTable, Map<number, number>>()
    const was = moves.map(([c]) => c.member)
    slots.forEach((s) => this.bookHolidays(s, -1, out))
    const busy = slots.map((s) => this.busy[s] as Set<string>)
    for (const [c, m] of moves) c.member = m
    for (const s of new Set(moves.map(([c]) => c.slot))) this.busy[s] = model.busy(s)
    slots.forEach((s) => this.bookHolidays(s, 1, out))
    moves.forEach(([c], k) => { c.member = was[k] ?? null })
    slots.forEach((s, k) => { this.busy[s] = busy[k] as Set<string> })
    return out
  }

  /** Load above the fair share, per rotation and member, in load units: covers go to the lowest. */
  deficits(): Array<Map<string, number>> {
    return this.tables.map((t) => new Map(t.members.map((m, i) => [m, (t.load[i] ?? 0) - (t.target[i] ?? 0)])))
  }
}

/**
 * max − min of counts with some changed, above the allowed spread; while above it, a fraction
 * below one for how many members sit at either end, so that a move taking one of two members off
 * the top counts as progress before the spread itself can shrink.
 */
export function spreadExcess(counts: Int32Array, changes: Map<number, number> | undefined, allowed: number): number {
  let max = -Infinity
  let min = Infinity
  let atMax = 0
  let atMin = 0
  for (let i = 0; i < counts.length; i++) {
    const v = (counts[i] ?? 0) + (changes?.get(i) ?? 0)
    if (v > max) [max, atMax] = [v, 0]
    if (v === max) atMax++
    if (v < min) [min, atMin] = [v, 0]
    if (v === min) atMin++
  }
  const excess = counts.length === 0 ? 0 : Math.max(0, max - min - allowed)
  return excess === 0 ? 0 : excess + (atMax + atMin) / (2 * counts.length + 1)
}
