// The assignment state every phase reads and changes: each cell's holder, who holds each position in
// each atom, who is busy when, and one ledger of load, targets and the Score's parts, kept up to date
// by the only two writers (setHolder, setAssign). Every write is logged so a trial move can be undone.
import { fairTargets } from './fair-share.js'
import { availableHours } from './load.js'
import type { Cell, Model, Position } from './model.js'

/** What an atom of a position is held by besides members: nobody (a gap) or someone outside the team. */
export const GAP = -1
export const OUTSIDER = -2
/** Fixed kinds of an atom of a position. */
export const FREE = 0
export const SWAP = 1
export const PAST = 2

export interface StateOptions {
  /** Local midnight of today: earlier atoms are history; rest and churn count from here. */
  todayStart: number
  /** `coverage.rest`: longest stretch in cells per position, and shifts between stretches. */
  maxRunCells: Int32Array
  minGap: number
  /** `fairness.load` max-deviation. */
  maxDeviation: number
  /** `fairness.holidays` and `fairness.investor` max-spread. */
  holidaySpread: number
  investorSpread: number
  /** The fairness window, [from, to): availability is measured over it. */
  windowFrom: number
  windowTo: number
  /** Load carried outside the model (a changed grid's kept past), per rotation × member. */
  history?: Float64Array
  /** Primary load and hours outside the model, per rotation, for the unit. */
  historyPrimary?: { load: Float64Array; hours: Float64Array }
}

/** The one score every decision compares, field by field in this order (see `better`). */
export interface Score {
  /** Hours of a role nobody holds. */
  gap: number
  /** Σ over members of how far |deviation| exceeds max-deviation (shifts): fairness.load broken. */
  excess: number
  /**
   * Hours held on one's own public holiday under `avoid` while a rotation-mate is free then (not
   * away, not on their own holiday, holding no role): what SPEC's `avoid` forbids.
   */
  holiday: number
  /** Hours that differ from the schedule of record where its member could still hold them. */
  churn: number
  /**
   * Σ over members of how far |deviation| reaches into the last MARGIN below max-deviation. The
   * search aims that little inside the bound (a holiday hour moved only to nudge the unit is no fix),
   * but the rule holds there, so it is not worth a changed hour of the record.
   */
  edge: number
  /** The largest |deviation| in twentieths of a shift, rounded down: rest and spreads trade only within a band. */
  fine: number
  /** Shifts given to someone away for half of them or more: covers under another's name. */
  absent: number
  /** Rest: stretches longer than max-run, and stretches closer than min-gap. */
  rest: number
  /** Holiday days and investor-period shifts spread beyond their rules, summed over rotations. */
  spread: number
  /** The largest |deviation| (shifts). */
  maxDev: number
  /**
   * Every hour held on one's own holiday under `avoid`, a mate free or not: fewer is better, but only
   * between rotas equally fair to a twentieth of a shift that rest and the spreads cannot tell apart
   * (the holiday weight already pays for an hour nobody else could take).
   */
  holidayAll: number
  /** Atoms of a shift held by someone other than its member (covers, for whatever reason): whole shifts first. */
  covers: number
  /**
   * Covers in pieces: runs of one member's cover inside a shift. One person covering a three-day
   * absence reads as one line; three people a day each, as three.
   */
  pieces: number
  /** Σ deviation². */
  ssq: number
}

/**
 * Teams of more members than this are big: cheaper neighbourhoods, a budget of a few hundred trials,
 * and a closer start (construct.ts).
 */
export const BIG_TEAM = 24

// How much smaller a field must be to count as better: figures below these are rounding or polish
// not worth a changed shift.
const TOLERANCE: Score = { gap: 1e-6, excess: 1e-6, holiday: 1e-6, churn: 1e-6, edge: 1e-6, fine: 0.5, absent: 0.5, rest: 0.5, spread: 0.5, maxDev: 0.02, holidayAll: 1e-6, pieces: 0.5, covers: 0.5, ssq: 1e-3 }
export type Order = ReadonlyArray<keyof Score>
export const ORDER: Order = ['gap', 'excess', 'holiday', 'churn', 'edge', 'fine', 'absent', 'rest', 'spread', 'holidayAll', 'pieces', 'maxDev', 'covers', 'ssq']
/**
 * The search's detour order: the same hard and fairness fields first, then the deviations to the
 * last hundredth, with rest, spreads and covers only breaking ties. A minimax rota sits on plateaus
 * where every step towards a fairer one costs a rest break on the way; this order walks them.
 */
export const FAIRNESS_FIRST: Order = ['gap', 'excess', 'holiday', 'churn', 'edge', 'fine', 'maxDev', 'ssq', 'holidayAll', 'absent', 'rest', 'spread', 'pieces', 'covers']

/** a is better than b: the first field that differs by more than its tolerance is smaller. */
export function better(a: Score, b: Score, order: Order = ORDER): boolean {
  for (const k of order) {
    const d = a[k] - b[k]
    if (Math.abs(d) > TOLERANCE[k]) return d < 0
  }
  return false
}

/**
 * Within a tenth of a shift everyone is at their share: below it, `fine` is 0 and a rest break, a
 * spread, a holiday hour or a cover in one piece rather than two outweighs the last hundredths.
 */
const PERFECT = 0.1

/** How far inside max-deviation the search aims (shifts). */
const MARGIN = 0.05

/** A logged write: an assignment (with who `busy` named for both members before it), or a holder. */
type Op = { kind: 0; p: number; a: number; m: number; busyOld: number; busyNew: number; now: number } | { kind: 1; c: number; m: number }

export class State {
  readonly model: Model
  readonly opts: StateOptions
  readonly A: number
  readonly n: number
  /** Each cell's holder: the member the shift is given to, or -1. */
  readonly holder: Int32Array
  /** The holder may not change: a frozen or past shift, or a swap over the whole shift. */
  readonly holderFixed: Uint8Array
  /** Frozen (from the record): its atoms want the record's member, not the holder. */
  readonly frozen: Uint8Array
  /** assign[p * A + a]: who holds position p in atom a (a member, GAP or OUTSIDER). */
  readonly assign: Int32Array
  /** busy[a * n + m]: the position member m holds in atom a, or -1. */
  readonly busy: Int32Array
  /** fixed kind and member of each position × atom (swaps and the record's past). */
  readonly fixedKind: Uint8Array
  readonly fixedMember: Int32Array
  /** fixedBusy[a * n + m]: the position a fixed piece (swap or the record's past) gives member m in atom a, or -1. */
  readonly fixedBusy: Int32Array
  /** The cells each member holds. */
  readonly held: Array<Set<number>>
  /**
   * Who a cell counts for when rest is judged: its holder where they hold at least half of it (as
   * coverage.rest counts a shift), else nobody — a shift given to someone away most of it must not
   * hide a long stretch of whoever covers it.
   */
  private readonly restHolder: Int32Array
  /** The record's member per position × atom (-1 none), and the holder it gives each cell. */
  readonly rec: Int32Array | undefined
  readonly recHolder: Int32Array | undefined
  // the ledger
  readonly load: Float64Array
  readonly loadIn: Float64Array
  readonly primaryLoad: Float64Array
  readonly primaryHours: Float64Array
  readonly availability: Float64Array
  target: Float64Array
  unit: Float64Array
  /**
   * fairness.load's excess summed in load (each member's distance beyond the bound times their unit)
   * rather than in each member's own unit: see the search's end.
   */
  excessInLoad = false
  /** For holderCosts: members stamped with `elsewhereCall` hold a shift overlapping the cell it prices. */
  readonly elsewhere: Int32Array
  elsewhereCall = 0
  private readonly restLastEnd: Int32Array
  private readonly restStamp: Int32Array
  private restCall = 0
  readonly dev: Float64Array
  private readonly unitRole: Int32Array
  /** The rotations each member stands in. */
  readonly rotationsOf: number[][]
  private readonly rotationMembers: number[][]
  /** Per rotation, its members grouped by the holiday calendar they keep (holiday days compare within a group). */
  private readonly holidayGroups: number[][][]
  private readonly holidayOnDay: Array<Map<string, number>>
  /** Own holidays with 12 hours or more on call, per member: the fairness table's holiday days. */
  private readonly holidayDays: Int32Array
  private readonly investorCells: Int32Array
  private parts = { gap: 0, holidayAll: 0, avoidable: 0, churn: 0, rest: 0, covers: 0, pieces: 0, absent: 0 }
  /**
   * Position × atom indices held on the holder's own holiday under `avoid` (counted ones), with the
   * atoms a mate must be free through to take it — the atom, or inside an investor unit (which
   * nobody covers an hour of) the whole unit — and the hours it adds to `avoidable` now.
   */
  private readonly onOwnHoliday = new Map<number, { a0: number; a1: number; counted: number }>()
  /** Per atom, the `onOwnHoliday` entries whose mates' freedom a write there can change. */
  private readonly watching = new Map<number, Set<number>>()
  /** Entries a write may have changed since the score last recounted them (recounted lazily: a trial writes many atoms). */
  private readonly stale: number[] = []
  private readonly isStale: Uint8Array
  private totalsAtTargets: Float64Array
  private log: Op[] | undefined
  private holds = 0

  constructor(model: Model, opts: StateOptions, record?: { rec: Int32Array; holder: Int32Array }) {
    this.model = model
    this.opts = opts
    const A = (this.A = model.atoms)
    const n = (this.n = model.n)
    const P = model.positions.length
    const R = model.plan.oncall.rotations.length
    this.holder = new Int32Array(model.cells.length).fill(-1)
    this.holderFixed = new Uint8Array(model.cells.length)
    this.frozen = new Uint8Array(model.cells.length)
    this.assign = new Int32Array(P * A).fill(GAP)
    this.busy = new Int32Array(A * n).fill(-1)
    this.fixedKind = new Uint8Array(P * A)
    this.fixedMember = new Int32Array(P * A).fill(-1)
    this.fixedBusy = new Int32Array(A * n).fill(-1)
    this.held = model.ids.map(() => new Set<number>())
    this.restHolder = new Int32Array(model.cells.length).fill(-1)
    this.isStale = new Uint8Array(model.avoid ? model.positions.length * this.A : 0)
    this.rec = record?.rec
    this.recHolder = record?.holder
    this.load = new Float64Array(n)
    this.loadIn = new Float64Array(R * n)
    this.primaryLoad = new Float64Array(R)
    this.primaryHours = new Float64Array(R)
    this.dev = new Float64Array(n)
    this.target = new Float64Array(n)
    this.unit = new Float64Array(n)
    this.elsewhere = new Int32Array(n)
    this.restLastEnd = new Int32Array(n)
    this.restStamp = new Int32Array(n)
    this.totalsAtTargets = new Float64Array(R).fill(Number.NaN)
    this.unitRole = new Int32Array(R).fill(-1)
    for (const pos of model.positions) {
      const cur = this.unitRole[pos.rot] as number
      if (cur < 0 || (pos.role === 'primary' && (model.positions[cur] as Position).role !== 'primary')) this.unitRole[pos.rot] = pos.id
    }
    this.rotationsOf = model.ids.map((_, m) => model.plan.oncall.rotations.flatMap((r, rot) =>
      (model.positions.find((p) => p.rot === rot)?.isMember[m] === 1 ? [rot] : [])))
    this.rotationMembers = model.plan.oncall.rotations.map((_, rot) =>
      Array.from(model.positions.find((p) => p.rot === rot)?.members ?? []))
    this.holidayGroups = this.rotationMembers.map((members) => {
      const byCode = new Map<string, number[]>()
      for (const m of members) {
        const member = model.plan.team[m]
        const code = member?.holidayCode ?? member?.holidays ?? model.plan.oncall.holidays.company ?? ''
        byCode.set(code, [...(byCode.get(code) ?? []), m])
      }
      return [...byCode.values()].filter((g) => g.length > 1)
    })
    this.holidayOnDay = model.ids.map(() => new Map<string, number>())
    this.holidayDays = new Int32Array(n)
    this.investorCells = new Int32Array(n)
    // every cell's atoms start empty: count them as gaps
    for (const cell of model.cells) {
      for (let a = cell.a0; a < cell.a1; a++) this.parts.gap += model.hours[a] as number
    }
    if (opts.history) {
      for (let i = 0; i < R * n; i++) {
        const l = opts.history[i] as number
        if (l === 0) continue
        this.loadIn[i] = (this.loadIn[i] as number) + l
        this.load[i % n] = (this.load[i % n] as number) + l
      }
    }
    if (opts.historyPrimary) {
      for (let r = 0; r < R; r++) {
        this.primaryLoad[r] = (this.primaryLoad[r] as number) + (opts.historyPrimary.load[r] as number)
        this.primaryHours[r] = (this.primaryHours[r] as number) + (opts.historyPrimary.hours[r] as number)
      }
    }
    this.availability = Float64Array.from(model.ids, (id, m) =>
      (model.capacity[m] as number) * availableHours(model.cal, id, opts.windowFrom, opts.windowTo))
  }

  /** Debugging aid: the first atom where `busy` and `assign` disagree, or a member holds two positions. */
  inconsistency(): string | undefined {
    const P = this.model.positions.length
    for (let a = 0; a < this.A; a++) {
      const seen = new Map<number, number>()
      for (let p = 0; p < P; p++) {
        const m = this.assign[p * this.A + a] as number
        if (m < 0) continue
        if (seen.has(m)) return `atom ${a}: member ${m} in positions ${seen.get(m)} and ${p}`
        seen.set(m, p)
        if (this.busy[a * this.n + m] !== p) return `atom ${a}: busy of ${m} is ${this.busy[a * this.n + m]}, assign says ${p}`
      }
    }
    return undefined
  }

  /** Pins member m to position p in atom a (a swap, or the record's past). */
  fix(p: number, a: number, m: number, kind: typeof SWAP | typeof PAST): void {
    const i = p * this.A + a
    this.fixedKind[i] = kind
    this.fixedMember[i] = m
    if (m >= 0) this.fixedBusy[a * this.n + m] = p
  }

  // ---------------------------------------------------------------------------------------------
  // writes

  /** Starts logging writes so they can be undone; returns the log's position. */
  mark(): number {
    this.log ??= []
    return this.log.length
  }

  /** Undoes every write after `mark`. */
  undo(mark: number): void {
    const log = this.log
    if (!log) return
    while (log.length > mark) {
      const op = log.pop() as Op
      if (op.kind === 0) {
        this.write(op.p, op.a, op.m)
        // `busy` exactly as it was: a write in the middle of a re-match may have found it stale
        if (op.m >= 0) this.busy[op.a * this.n + op.m] = op.busyOld
        if (op.now >= 0) this.busy[op.a * this.n + op.now] = op.busyNew
        this.markAvoidableStale(op.a)
      } else this.writeHolder(op.c, op.m)
    }
  }

  /** Stops logging (after the last trial move was kept), unless an outer `hold` still needs the log. */
  commit(): void {
    if (this.holds === 0) this.log = undefined
  }

  /** Keeps every write undoable from here until `release`, whatever commits happen inside. */
  hold(): number {
    this.holds++
    return this.mark()
  }

  release(): void {
    this.holds--
    if (this.holds === 0) this.log = undefined
  }

  setAssign(p: number, a: number, m: number): void {
    const i = p * this.A + a
    const old = this.assign[i] as number
    if (old === m) return
    if (this.log) {
      const busyOld = old >= 0 ? (this.busy[a * this.n + old] as number) : -1
      const busyNew = m >= 0 ? (this.busy[a * this.n + m] as number) : -1
      this.log.push({ kind: 0, p, a, m: old, busyOld, busyNew, now: m })
    }
    this.write(p, a, m)
  }

  setHolder(c: number, m: number): void {
    const old = this.holder[c] as number
    if (old === m) return
    if (this.log) this.log.push({ kind: 1, c, m: old })
    this.writeHolder(c, m)
  }

  private write(p: number, a: number, m: number): void {
    const model = this.model
    const A = this.A
    const n = this.n
    const i = p * A + a
    const old = this.assign[i] as number
    const pos = model.positions[p] as Position
    const hours = model.hours[a] as number
    const cell = model.cellAt[i] as number
    const holder = cell >= 0 ? (this.holder[cell] as number) : -1
    const counted = this.fixedKind[i] === FREE && cell >= 0 && this.frozen[cell] === 0
    const ahead = (model.times[a] as number) >= this.opts.todayStart
    const inCell = counted && a + 1 < (model.cells[cell] as Cell).a1
    if (counted) this.parts.pieces -= this.pieceStarts(cell, a) + (inCell ? this.pieceStarts(cell, a + 1) : 0)
    if (old >= 0) {
      // another position may have taken the member already in this re-match: leave theirs
      if (this.busy[a * n + old] === p) this.busy[a * n + old] = -1
      this.account(pos, a, old, -1)
    } else if (old === GAP) this.parts.gap -= hours
    if (m >= 0) {
      this.busy[a * n + m] = p
      this.account(pos, a, m, 1)
    } else if (m === GAP) this.parts.gap += hours
    if (counted && holder >= 0) this.parts.covers += (m !== holder ? 1 : 0) - (old !== holder ? 1 : 0)
    // inside an investor period a holiday cannot be covered, but a different holder avoids it: it counts
    const ownHoliday = counted && model.avoid
    if (ownHoliday && old >= 0 && model.onHoliday(a, old)) {
      this.parts.holidayAll -= hours
      this.unwatch(i)
    }
    if (ownHoliday && m >= 0 && model.onHoliday(a, m)) this.parts.holidayAll += hours
    if (ahead && this.rec) {
      const r = this.rec[i] as number
      if (r >= 0 && model.eligible(p, a, r)) this.parts.churn += ((m !== r ? 1 : 0) - (old !== r ? 1 : 0)) * hours
    }
    this.assign[i] = m
    if (counted) this.parts.pieces += this.pieceStarts(cell, a) + (inCell ? this.pieceStarts(cell, a + 1) : 0)
    if (ownHoliday && m >= 0 && model.onHoliday(a, m)) this.watch(i)
    // old and m changed whether they are free in atom a
    this.markAvoidableStale(a)
  }

  /** Who holds atom a of cell c as its covers count: the assigned member where free, else the holder. */
  private coverAt(c: number, a: number): number {
    const i = (this.model.cells[c] as Cell).pos * this.A + a
    return this.fixedKind[i] === FREE ? (this.assign[i] as number) : (this.holder[c] as number)
  }

  /** 1 where a cover piece of cell c starts at atom a: someone not its holder, after someone else. */
  private pieceStarts(c: number, a: number): number {
    if (this.frozen[c] === 1) return 0
    const cell = this.model.cells[c] as Cell
    const holder = this.holder[c] as number
    const x = this.coverAt(c, a)
    return x !== holder && x !== (a > cell.a0 ? this.coverAt(c, a - 1) : holder) ? 1 : 0
  }

  /** Runs of one member's cover inside cell c (counted atoms only, as `covers` counts them). */
  private piecesOf(c: number): number {
    const cell = this.model.cells[c] as Cell
    let pieces = 0
    for (let a = cell.a0; a < cell.a1; a++) pieces += this.pieceStarts(c, a)
    return pieces
  }

  /** Hours `onOwnHoliday` entry i counts now: its atom's where some rotation-mate is free through its stretch. */
  private avoidableHours(i: number, a0: number, a1: number): number {
    const model = this.model
    const n = this.n
    const p = Math.floor(i / this.A)
    const a = i - p * this.A
    const m = this.assign[i] as number
    for (const y of (model.positions[p] as Position).members) {
      if (y === m) continue
      let free = true
      for (let x = a0; x < a1 && free; x++) {
        if (model.away[x * n + y] !== 0 || model.onHoliday(x, y) || (this.busy[x * n + y] as number) >= 0) free = false
      }
      if (free) return model.hours[a] as number
    }
    return 0
  }

  private watch(i: number): void {
    const model = this.model
    const a = i % this.A
    const u = model.unitAt[i] as number
    const unit = u >= 0 ? model.blocks[model.blockOf[a] as number]?.units[u] : undefined
    const a0 = unit ? unit.a0 : a
    const a1 = unit ? unit.a1 : a + 1
    this.onOwnHoliday.set(i, { a0, a1, counted: 0 })
    this.markStale(i)
    for (let x = a0; x < a1; x++) {
      const set = this.watching.get(x)
      if (set) set.add(i)
      else this.watching.set(x, new Set([i]))
    }
  }

  private unwatch(i: number): void {
    const entry = this.onOwnHoliday.get(i)
    if (!entry) return
    this.parts.avoidable -= entry.counted
    this.onOwnHoliday.delete(i)
    for (let x = entry.a0; x < entry.a1; x++) this.watching.get(x)?.delete(i)
  }

  /** Marks the entries a change of who is free in atom x may have changed. */
  private markAvoidableStale(x: number): void {
    const set = this.watching.get(x)
    if (!set || set.size === 0) return
    for (const i of set) this.markStale(i)
  }

  private markStale(i: number): void {
    if (this.isStale[i] === 1) return
    this.isStale[i] = 1
    this.stale.push(i)
  }

  /** Hours held on one's own holiday while a mate is free: the stale entries recounted first. */
  private avoidable(): number {
    if (this.stale.length > 0) {
      // in index order, so the sum is the same whatever order the writes came in
      this.stale.sort((x, y) => x - y)
      for (const i of this.stale) {
        this.isStale[i] = 0
        const entry = this.onOwnHoliday.get(i)
        if (!entry) continue
        const counted = this.avoidableHours(i, entry.a0, entry.a1)
        this.parts.avoidable += counted - entry.counted
        entry.counted = counted
      }
      this.stale.length = 0
    }
    return this.parts.avoidable
  }

  /**
   * Someone holds a free atom outside any investor unit and any frozen cell on their own holiday while
   * a rotation-mate is free then: the avoidable hours a search could still mend. (An investor unit or
   * a frozen shift counts in the score but a record holding it has nothing a move may change.)
   */
  holidayMendable(): boolean {
    if (this.avoidable() <= 1e-6) return false
    const model = this.model
    for (const [i, entry] of this.onOwnHoliday) {
      if (entry.counted <= 0 || this.fixedKind[i] !== FREE || (model.unitAt[i] as number) >= 0) continue
      const c = model.cellAt[i] as number
      if (c < 0 || this.frozen[c] !== 1) return true
    }
    return false
  }

  private account(pos: Position, a: number, m: number, sign: 1 | -1): void {
    const model = this.model
    if (pos.isMember[m] !== 1) return
    if (model.inWindow[a] === 0) return
    const l = model.load(pos.id, a, m) * sign
    this.load[m] = (this.load[m] as number) + l
    const k = pos.rot * this.n + m
    this.loadIn[k] = (this.loadIn[k] as number) + l
    if (this.unitRole[pos.rot] === pos.id) {
      this.primaryLoad[pos.rot] = (this.primaryLoad[pos.rot] as number) + l
      this.primaryHours[pos.rot] = (this.primaryHours[pos.rot] as number) + sign * (model.hours[a] as number)
    }
    if (model.holiday[a * this.n + m] === 1) {
      // holiday days count on the member's own date, as the fairness table does
      const day = model.cal.holidayAt(model.ids[m] as string, model.times[a] as number)?.date ?? model.planDate(a)
      const map = this.holidayOnDay[m] as Map<string, number>
      const before = map.get(day) ?? 0
      const after = before + sign * (model.hours[a] as number)
      map.set(day, after)
      const full = 12 - 1e-9
      if ((before >= full) !== (after >= full)) this.holidayDays[m] = (this.holidayDays[m] as number) + (after >= full ? 1 : -1)
    }
  }

  private writeHolder(c: number, m: number): void {
    const model = this.model
    const cell = model.cells[c] as Cell
    const old = this.holder[c] as number
    const p = cell.pos
    this.parts.pieces -= this.piecesOf(c)
    // covers are counted against the holder: recount this cell's atoms around the change
    for (let a = cell.a0; a < cell.a1; a++) {
      const i = p * this.A + a
      if (this.fixedKind[i] !== FREE || this.frozen[c] === 1) continue
      const x = this.assign[i] as number
      if (old >= 0 && x !== old) this.parts.covers--
      if (m >= 0 && x !== m) this.parts.covers++
    }
    // an investor-period shift counts where its middle lies in the window, as the fairness table counts it
    if (cell.investor && cell.mid >= this.opts.windowFrom && cell.mid < this.opts.windowTo) {
      if (old >= 0) this.investorCells[old] = (this.investorCells[old] as number) - 1
      if (m >= 0) this.investorCells[m] = (this.investorCells[m] as number) + 1
    }
    this.parts.rest -= this.restAround(cell)
    if (old >= 0) this.held[old]?.delete(c)
    if (m >= 0) this.held[m]?.add(c)
    this.holder[c] = m
    this.parts.pieces += this.piecesOf(c)
    if (old >= 0 && this.restHolder[c] !== old && this.frozen[c] === 0) this.parts.absent--
    this.restHolder[c] = m >= 0 && this.mostlyPresent(cell, m) ? m : -1
    if (m >= 0 && this.restHolder[c] !== m && this.frozen[c] === 0) this.parts.absent++
    this.parts.rest += this.restAround(cell)
  }

  /** m can hold at least half of the cell's hours: not away, not pinned elsewhere by a fixed piece. */
  private mostlyPresent(cell: Cell, m: number): boolean {
    const model = this.model
    const n = this.n
    let absent = 0
    for (let a = cell.a0; a < cell.a1; a++) {
      const fixed = this.fixedBusy[a * n + m] as number
      if (model.away[a * n + m] === 1 || (fixed >= 0 && fixed !== cell.pos)) absent += model.hours[a] as number
    }
    return absent * 2 < (cell.end - cell.start) / 3_600_000
  }

  /** Rest penalty of the cells around one cell of its position (see `restPenalty`). */
  private restAround(cell: Cell): number {
    const pos = this.model.positions[cell.pos] as Position
    const run = this.opts.maxRunCells[cell.pos] as number
    const w = run + this.opts.minGap + 2
    return this.restPenalty(pos, Math.max(0, cell.k - w), Math.min(pos.cells.length - 1, cell.k + w))
  }

  /**
   * Within cells lo..hi of a position: each stretch of one holder longer than max-run costs the
   * cells beyond it, and two stretches of one member fewer than min-gap cells apart cost one — as
   * `coverage.rest` judges it, counting only what starts from today.
   */
  private restPenalty(pos: Position, lo: number, hi: number): number {
    const run = this.opts.maxRunCells[pos.id] as number
    const gap = this.opts.minGap
    const today = this.opts.todayStart
    const cells = this.model.cells
    let penalty = 0
    // where each member's last stretch in lo..hi ended: valid where stamped with this call's number
    // (asked twice for every change of holder, so no map is made and dropped each time)
    const lastEnd = this.restLastEnd
    const stamp = this.restStamp
    const call = ++this.restCall
    let k = lo
    while (k <= hi) {
      const c = pos.cells[k] as number
      const m = this.restHolder[c] as number
      let e = k
      while (e + 1 <= hi && this.restHolder[pos.cells[e + 1] as number] === m) e++
      if (m >= 0) {
        // only what can still change: shifts beyond max-run, or a return too soon, that start from today
        for (let x = k + run; x <= e; x++) if ((cells[pos.cells[x] as number] as Cell).start >= today) penalty++
        if (stamp[m] === call && k - (lastEnd[m] as number) - 1 < gap && (cells[c] as Cell).start >= today) penalty++
        lastEnd[m] = e
        stamp[m] = call
      }
      k = e + 1
    }
    return penalty
  }


  // ---------------------------------------------------------------------------------------------
  // the score

  /** Recomputes the fair targets and units from the rotations' current totals (SPEC section 3). */
  retarget(): void {
    const model = this.model
    const n = this.n
    const R = model.plan.oncall.rotations.length
    const totals = new Float64Array(R)
    for (let r = 0; r < R; r++) {
      let t = 0
      for (const m of this.rotationMembers[r] as number[]) t += this.loadIn[r * n + m] as number
      totals[r] = t
    }
    this.totalsAtTargets = totals
    this.target = Float64Array.from(fairTargets(
      Array.from(totals, (load, r) => ({ load, members: this.rotationMembers[r] as number[] })),
      Array.from(this.availability)
    ))
    const unitOf = new Float64Array(R)
    for (let r = 0; r < R; r++) {
      const p = this.unitRole[r] as number
      const hours = this.primaryHours[r] as number
      const shift = p >= 0 ? (model.positions[p] as Position).shiftHours : 24
      unitOf[r] = hours > 0 ? (this.primaryLoad[r] as number) / (hours / shift) : 0
    }
    this.unit = Float64Array.from(model.ids, (_, m) => Math.max(0, ...(this.rotationsOf[m] as number[]).map((r) => unitOf[r] as number)))
    for (let m = 0; m < n; m++) this.dev[m] = this.devOf(m)
  }

  /** The rotations' totals moved since the targets were computed (holiday weights differ by holder). */
  targetsStale(): boolean {
    const n = this.n
    const R = this.totalsAtTargets.length
    for (let r = 0; r < R; r++) {
      let t = 0
      for (const m of this.rotationMembers[r] as number[]) t += this.loadIn[r * n + m] as number
      if (!(Math.abs(t - (this.totalsAtTargets[r] as number)) < 1e-9)) return true
    }
    return false
  }

  /** Holiday days on call and investor-period shifts held, per member (what the spreads compare). */
  holidayDaysOf(m: number): number {
    return this.holidayDays[m] as number
  }

  investorOf(m: number): number {
    return this.investorCells[m] as number
  }

  /** A rotation's members grouped by the holiday calendar they keep (groups of two or more). */
  holidayGroupsOf(rot: number): readonly number[][] {
    return this.holidayGroups[rot] ?? []
  }

  /** Members of each rotation, by place in `plan.team`. */
  membersOf(rot: number): readonly number[] {
    return this.rotationMembers[rot] ?? []
  }

  devOf(m: number): number {
    const u = this.unit[m] as number
    return u > 0 ? ((this.load[m] as number) - (this.target[m] as number)) / u : 0
  }

  inRotations(m: number): boolean {
    return (this.rotationsOf[m] as number[]).length > 0
  }

  /**
   * Every hour a search could move (of a shift it may give out) is recorded, to a member who can hold
   * it, and still to come: any change to one of them is churn.
   */
  recordBindsAll(from: number): boolean {
    const rec = this.rec
    if (!rec) return false
    const model = this.model
    const A = this.A
    for (const cell of model.cells) {
      if (this.holderFixed[cell.id] === 1 || cell.end <= from) continue
      for (let a = cell.a0; a < cell.a1; a++) {
        const i = cell.pos * A + a
        if (this.fixedKind[i] !== FREE) continue
        const r = rec[i] as number
        if ((model.times[a] as number) < this.opts.todayStart || r < 0 || !model.eligible(cell.pos, a, r) || this.assign[i] !== r) return false
      }
      if (this.recHolder?.[cell.id] !== this.holder[cell.id]) return false
    }
    return true
  }

  /** The full score with the current targets. */
  score(): Score {
    const o = this.opts
    let excess = 0
    let edge = 0
    let maxDev = 0
    let ssq = 0
    for (let m = 0; m < this.n; m++) {
      if (!this.inRotations(m)) continue
      const d = this.devOf(m)
      const abs = Math.abs(d)
      if (abs > o.maxDeviation) excess += this.excessInLoad ? (abs - o.maxDeviation) * (this.unit[m] as number) : abs - o.maxDeviation
      if (abs > o.maxDeviation - MARGIN) edge += Math.min(abs, o.maxDeviation) - (o.maxDeviation - MARGIN)
      if (abs > maxDev) maxDev = abs
      ssq += d * d
    }
    return {
      gap: this.parts.gap,
      excess,
      holiday: this.avoidable(),
      holidayAll: this.parts.holidayAll,
      churn: this.parts.churn,
      edge,
      fine: maxDev <= PERFECT ? 0 : Math.floor(maxDev * 20 + 1e-9),
      absent: this.parts.absent,
      rest: this.parts.rest,
      maxDev,
      covers: this.parts.covers,
      pieces: this.parts.pieces,
      ssq,
      spread: this.spread()
    }
  }

  private spread(): number {
    const o = this.opts
    let total = 0
    for (const groups of this.holidayGroups) {
      for (const group of groups) total += Math.max(0, range(group, this.holidayDays) - o.holidaySpread)
    }
    for (const members of this.rotationMembers) {
      if (members.length >= 2) total += Math.max(0, range(members, this.investorCells) - o.investorSpread)
    }
    return total
  }

}

/** Largest minus smallest of the members' counts (0 for nobody). */
function range(members: readonly number[], counts: ArrayLike<number>): number {
  let lo = Infinity
  let hi = -Infinity
  for (const m of members) {
    const x = counts[m] as number
    if (x < lo) lo = x
    if (x > hi) hi = x
  }
  return members.length > 0 ? hi - lo : 0
}
