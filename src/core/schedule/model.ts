// prepare: the scheduler's model of one plan. Time is cut into atoms at every instant where anything
// changes (any rotation's handoff, a plan midnight, a member's leave or holiday edge, a swap's edge,
// the window's and today's edges), so that inside an atom nothing does. Each rotation × role is a
// position; each shift of a position is a cell spanning a run of atoms. Per atom and member, two
// bytes say "away" and "on their own holiday"; the rest of the solver asks only these tables.
import type { LocalDate, Plan, Role, Rotation, ShiftSlot } from '../types.js'
import { addDays, localDate, localMidnight, fromMillis, toMillis } from './calendar.js'
import type { PlanCalendar } from './calendar.js'
import { dateWeights, HOUR, roleFactor } from './load.js'

export interface Position {
  id: number
  rot: number
  role: Role
  rotation: Rotation
  /** Load factor of the role (the secondary weight, or 1). */
  factor: number
  /** Members of the rotation, by place in `plan.team` (ids outside the team are left out). */
  members: Int32Array
  /** isMember[m] = 1 when team member m belongs to the rotation. */
  isMember: Uint8Array
  /** The position's cells, in time order: ids into `Model.cells`. */
  cells: number[]
  /** Nominal hours of one shift of the rotation: the unit's denominator. */
  shiftHours: number
}

export interface Cell {
  id: number
  pos: number
  /** Place in the position's cell list. */
  k: number
  slot: ShiftSlot
  start: number
  end: number
  /** The atoms the cell spans, [a0, a1). */
  a0: number
  a1: number
  /** Cells of other positions that overlap it in time: a member may hold only one of them. */
  overlaps: number[]
  /** Touches an investor period. */
  investor: boolean
  /** The instant halfway through: the fairness table counts a shift where its middle lies. */
  mid: number
}

/** One cell's stretch inside one investor period: held by one member throughout (SPEC hard constraint 5). */
export interface Unit {
  id: number
  pos: number
  cell: number
  a0: number
  a1: number
}

/** An investor period's units, solved together: they overlap in time. */
export interface Block {
  id: number
  a0: number
  a1: number
  units: Unit[]
}

export interface ModelInput {
  plan: Plan
  cal: PlanCalendar
  /** Each rotation's shifts to plan, from its first modelled shift (rotation by rotation). */
  slots: ShiftSlot[][]
  /** Where the fairness window runs, [windowFrom, windowTo). */
  windowFrom: number
  windowTo: number
  /** Extra instants to cut at: today's midnight, the freeze, the record's segment edges, swaps. */
  cuts: number[]
}

/**
 * Every instant the model cuts time at, distinct and in order: each shift's handoffs, the plan's
 * midnights, each member's leave and holidays, the fairness window and the extra cuts. (Loops, not
 * Math.min(...list) or push(...list): a big team's record has more shifts and cuts than a call takes
 * arguments.)
 */
export function modelEdges(input: ModelInput): Float64Array {
  const { plan, cal } = input
  const zone = plan.timezone
  const edges: number[] = []
  let first = Infinity
  let last = -Infinity
  for (const list of input.slots) {
    for (const s of list) {
      const start = toMillis(s.start)
      const end = toMillis(s.end)
      if (start < first) first = start
      if (end > last) last = end
      edges.push(start, end)
    }
  }
  // plan midnights: weights change with the plan's date
  const firstDate = addDays(localDate(fromMillis(first), zone), -1)
  const lastDate = addDays(localDate(fromMillis(last), zone), 1)
  for (let d = firstDate; d <= lastDate; d = addDays(d, 1)) edges.push(localMidnight(d, zone))
  for (const m of plan.team) {
    for (const x of cal.away(m.id)) edges.push(x.start, x.end)
    for (const x of cal.holidays(m.id)) edges.push(x.start, x.end)
  }
  edges.push(input.windowFrom, input.windowTo)
  for (const t of input.cuts) edges.push(t)
  // the distinct edges within first..last, in order (a typed array sorts numbers as numbers)
  const all = Float64Array.from(edges.filter((t) => Number.isFinite(t) && t >= first && t <= last)).sort()
  let count = 0
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[count++] = all[i] as number
  return all.slice(0, count)
}

export class Model {
  readonly plan: Plan
  readonly cal: PlanCalendar
  /** Team size; members are numbers 0..n-1 in `plan.team` order. */
  readonly n: number
  readonly ids: string[]
  readonly memberNo: Map<string, number>
  readonly capacity: Float64Array
  /** Atom edges: atom a is [times[a], times[a + 1]). */
  readonly times: Float64Array
  readonly atoms: number
  readonly hours: Float64Array
  /** Weight of an hour off and on the holder's own holiday (investor factor in, role factor out). */
  readonly baseWeight: Float64Array
  readonly holidayWeight: Float64Array
  /** 1 when the atom lies in the fairness window. */
  readonly inWindow: Uint8Array
  /** The investor block an atom lies in, or -1. */
  readonly blockOf: Int32Array
  /** away[a * n + m]: member m cannot hold a role in atom a. */
  readonly away: Uint8Array
  /** holiday[a * n + m]: atom a lies on member m's own public holiday. */
  readonly holiday: Uint8Array
  readonly positions: Position[]
  readonly cells: Cell[] = []
  /** cellAt[p * atoms + a]: the cell of position p spanning atom a, or -1 where p is not modelled. */
  readonly cellAt: Int32Array
  readonly blocks: Block[] = []
  /** The unit of position p at atom a (inside an investor block), or -1. */
  readonly unitAt: Int32Array
  readonly avoid: boolean
  private readonly planDates: LocalDate[]

  /** What the model was made from, to tell whether another pass may use it as it is (`fits`). */
  private readonly slots: ShiftSlot[][]
  private readonly windowFrom: number
  private readonly windowTo: number

  constructor(input: ModelInput, edges?: Float64Array) {
    const { plan, cal } = input
    this.plan = plan
    this.cal = cal
    this.ids = plan.team.map((m) => m.id)
    this.n = this.ids.length
    this.memberNo = new Map(this.ids.map((id, i) => [id, i]))
    this.capacity = Float64Array.from(plan.team, (m) => m.capacity)
    this.avoid = plan.oncall.holidays.policy === 'avoid'
    const zone = plan.timezone

    const sorted = edges ?? modelEdges(input)
    this.times = sorted
    this.slots = input.slots
    this.windowFrom = input.windowFrom
    this.windowTo = input.windowTo
    const first = sorted[0] as number
    const A = sorted.length - 1
    this.atoms = A
    this.hours = new Float64Array(A)
    this.baseWeight = new Float64Array(A)
    this.holidayWeight = new Float64Array(A)
    this.inWindow = new Uint8Array(A)
    this.blockOf = new Int32Array(A).fill(-1)
    this.planDates = new Array<LocalDate>(A)
    let date = localDate(fromMillis(first), zone)
    let nextMidnight = localMidnight(addDays(date, 1), zone)
    const weights = new Map<LocalDate, { base: number; holiday: number }>()
    for (let a = 0; a < A; a++) {
      const start = sorted[a] as number
      while (start >= nextMidnight) {
        date = addDays(date, 1)
        nextMidnight = localMidnight(addDays(date, 1), zone)
      }
      this.planDates[a] = date
      let w = weights.get(date)
      if (!w) weights.set(date, (w = dateWeights(plan, cal, date)))
      this.hours[a] = ((sorted[a + 1] as number) - start) / HOUR
      this.baseWeight[a] = w.base
      this.holidayWeight[a] = w.holiday
      this.inWindow[a] = start >= input.windowFrom && start < input.windowTo ? 1 : 0
    }

    const n = this.n
    this.away = new Uint8Array(A * n)
    this.holiday = new Uint8Array(A * n)
    this.ids.forEach((id, m) => {
      for (const x of cal.away(id)) this.mark(this.away, m, x.start, x.end)
      for (const x of cal.holidays(id)) this.mark(this.holiday, m, x.start, x.end)
    })

    this.positions = []
    plan.oncall.rotations.forEach((rotation, rot) => {
      const members = rotation.members.flatMap((id) => (this.memberNo.has(id) ? [this.memberNo.get(id) as number] : []))
      const isMember = new Uint8Array(n)
      for (const m of members) isMember[m] = 1
      for (const role of rotation.roles) {
        this.positions.push({
          id: this.positions.length,
          rot,
          role,
          rotation,
          factor: roleFactor(plan, role),
          members: Int32Array.from(members),
          isMember,
          cells: [],
          shiftHours: (rotation.shiftDays ?? plan.oncall.shiftDays) * 24
        })
      }
    })
    this.cellAt = new Int32Array(this.positions.length * A).fill(-1)
    for (const pos of this.positions) {
      for (const slot of input.slots[pos.rot] ?? []) {
        const start = toMillis(slot.start)
        const end = toMillis(slot.end)
        const cell: Cell = { id: this.cells.length, pos: pos.id, k: pos.cells.length, slot, start, end, a0: this.atomAt(start), a1: this.atomAt(end), overlaps: [], investor: false, mid: (start + end) / 2 }
        this.cells.push(cell)
        pos.cells.push(cell.id)
        this.cellAt.fill(cell.id, pos.id * A + cell.a0, pos.id * A + cell.a1)
      }
    }
    this.linkOverlaps()
    this.unitAt = new Int32Array(this.positions.length * A).fill(-1)
    this.buildBlocks()
  }

  /**
   * Whether this model is the one `input` (with its `edges`) would make: the same plan, calendar,
   * window, shifts and cuts. The confirming pass plans from the record of the pass before, whose
   * every edge is already one of that pass's atoms: it takes that pass's model as it is (nothing
   * changes a model once made).
   */
  fits(input: ModelInput, edges: Float64Array): boolean {
    if (input.plan !== this.plan || input.cal !== this.cal || input.windowFrom !== this.windowFrom || input.windowTo !== this.windowTo) return false
    if (edges.length !== this.times.length || input.slots.length !== this.slots.length) return false
    for (let i = 0; i < edges.length; i++) if (edges[i] !== this.times[i]) return false
    return input.slots.every((list, r) => {
      const mine = this.slots[r] as ShiftSlot[]
      return list.length === mine.length && list.every((slot, k) => slot.start === (mine[k] as ShiftSlot).start && slot.end === (mine[k] as ShiftSlot).end)
    })
  }

  /** The atom starting at an edge instant (edges are always atom boundaries). */
  atomAt(t: number): number {
    let lo = 0
    let hi = this.atoms
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.times[mid] as number) < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private mark(table: Uint8Array, m: number, start: number, end: number): void {
    const t0 = this.times[0] as number
    const tn = this.times[this.atoms] as number
    if (end <= t0 || start >= tn) return
    const a0 = start <= t0 ? 0 : this.atomAt(start)
    const a1 = end >= tn ? this.atoms : this.atomAt(end)
    for (let a = a0; a < a1; a++) table[a * this.n + m] = 1
  }

  private linkOverlaps(): void {
    // cells of every position, by start: a sweep finds the pairs that overlap in time
    const order = [...this.cells].sort((x, y) => x.start - y.start || x.pos - y.pos)
    const open: Cell[] = []
    for (const c of order) {
      for (let i = open.length - 1; i >= 0; i--) if ((open[i] as Cell).end <= c.start) open.splice(i, 1)
      for (const o of open) {
        if (o.pos === c.pos) continue
        o.overlaps.push(c.id)
        c.overlaps.push(o.id)
      }
      open.push(c)
    }
  }

  private buildBlocks(): void {
    const zone = this.plan.timezone
    const A = this.atoms
    // explicit periods may overlap: one block each for the union
    const spans: Array<{ start: number; end: number }> = []
    for (const period of [...this.cal.investorPeriods].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0))) {
      const start = localMidnight(period.from, zone)
      const end = localMidnight(addDays(period.to, 1), zone)
      const last = spans[spans.length - 1]
      if (last && start < last.end) last.end = Math.max(last.end, end)
      else spans.push({ start, end })
    }
    for (const { start, end } of spans) {
      const a0 = Math.max(0, start <= (this.times[0] as number) ? 0 : this.atomAt(start))
      const a1 = Math.min(A, end >= (this.times[A] as number) ? A : this.atomAt(end))
      if (a1 <= a0) continue
      const block: Block = { id: this.blocks.length, a0, a1, units: [] }
      for (const pos of this.positions) {
        let a = a0
        while (a < a1) {
          const c = this.cellAt[pos.id * A + a] as number
          if (c < 0) {
            a++
            continue
          }
          const cell = this.cells[c] as Cell
          cell.investor = true
          const u1 = Math.min(a1, cell.a1)
          const unit: Unit = { id: block.units.length, pos: pos.id, cell: c, a0: a, a1: u1 }
          block.units.push(unit)
          this.unitAt.fill(unit.id, pos.id * A + a, pos.id * A + u1)
          a = u1
        }
      }
      for (let a = a0; a < a1; a++) this.blockOf[a] = block.id
      this.blocks.push(block)
    }
  }

  /** The plan date an atom lies on. */
  planDate(a: number): LocalDate {
    return this.planDates[a] as LocalDate
  }

  /** The weighted load of member m holding position p through atom a (0 outside the window). */
  load(p: number, a: number, m: number): number {
    if (this.inWindow[a] === 0) return 0
    const w = this.holiday[a * this.n + m] === 1 ? (this.holidayWeight[a] as number) : (this.baseWeight[a] as number)
    return ((this.hours[a] as number) * w * (this.positions[p] as Position).factor) / 24
  }

  isAway(a: number, m: number): boolean {
    return this.away[a * this.n + m] === 1
  }

  onHoliday(a: number, m: number): boolean {
    return this.holiday[a * this.n + m] === 1
  }

  /** m may hold position p in atom a: a member of its rotation and not away. */
  eligible(p: number, a: number, m: number): boolean {
    return m >= 0 && (this.positions[p] as Position).isMember[m] === 1 && this.away[a * this.n + m] === 0
  }
}
