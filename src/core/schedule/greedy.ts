// The first pass: chronologically, each shift-role goes to the eligible member furthest below their
// fair share so far (load minus entitlement), then an augmenting-path repair frees someone for any
// shift-role left without a member.
import type { Cell, Model } from './model.js'

/** Load and entitlement per rotation and member, counted from the start of the fairness window. */
export class Ledger {
  // by rotation, then by the member's place in the rotation: greedy asks for every member of every cell
  private readonly loads: Float64Array[]
  private readonly ents: Float64Array[]
  private readonly place: Array<Map<string, number>>

  constructor(model: Model) {
    this.loads = model.rotations.map((r) => new Float64Array(r.members.length))
    this.ents = model.rotations.map((r) => new Float64Array(r.members.length))
    this.place = model.rotations.map((r) => new Map(r.members.map((m, j) => [m, j])))
  }

  deficit(rot: number, member: string): number {
    const j = this.place[rot]?.get(member)
    return j === undefined ? 0 : this.deficitAt(rot, j)
  }

  /** {@link deficit} by the member's place in the rotation's member list. */
  deficitAt(rot: number, j: number): number {
    return ((this.loads[rot]?.[j] ?? 0) as number) - ((this.ents[rot]?.[j] ?? 0) as number)
  }

  addLoad(rot: number, member: string, load: number): void {
    const j = this.place[rot]?.get(member)
    const loads = this.loads[rot]
    if (j !== undefined && loads) loads[j] = (loads[j] as number) + load
  }

  /** Books one slot: each cell's load to its member, and the slot's total as entitlement by share. */
  book(model: Model, slot: number): void {
    // one walk over the slot's cells (they come rotation by rotation), not one per rotation
    const totals = new Float64Array(model.rotations.length)
    for (const c of model.cellsBySlot[slot] ?? []) {
      if (!c.member) continue
      const l = model.cellLoad(c, c.member)
      this.addLoad(c.rot, c.member, l)
      totals[c.rot] = (totals[c.rot] as number) + l
    }
    for (let rot = 0; rot < model.rotations.length; rot++) {
      const total = totals[rot] as number
      const numbers = model.rotationMemberNos[rot] as Int32Array
      let sum = 0
      for (let j = 0; j < numbers.length; j++) sum += model.weightedAvailabilityNo(numbers[j] as number, slot)
      if (sum <= 0) continue
      const ent = this.ents[rot] as Float64Array
      for (let j = 0; j < ent.length; j++) ent[j] = (ent[j] as number) + (total * model.weightedAvailabilityNo(numbers[j] as number, slot)) / sum
    }
  }
}

export interface GreedyState {
  /** The last slot each member (by place in `plan.team`) held anything, -1 before their first. */
  lastOn: Int32Array
}

function eligible(model: Model, cell: Cell, member: string, busy: Set<string>, needFull: boolean, mi = model.memberNo(member)): boolean {
  if (busy.has(member)) return false
  const p = model.presenceNo(mi, cell.slot)
  if (p === 0 || (needFull && p !== 2)) return false
  // present throughout is present on every investor date
  return p === 2 || model.investorOk(member, cell.slot)
}

function pick(model: Model, cell: Cell, busy: Set<string>, ledger: Ledger, state: GreedyState, lockedHere: Set<string>): string | null {
  const members = model.rotations[cell.rot]?.members ?? []
  const numbers = model.rotationMemberNos[cell.rot] ?? []
  const preferred = cell.preferred
  if (preferred && eligible(model, cell, preferred, busy, false)) {
    // the schedule of record's member stays unless someone else could hold the whole shift and they cannot
    const presence = model.presence(preferred, cell.slot)
    if (presence === 2 || !members.some((m) => model.presence(m, cell.slot) === 2 && eligible(model, cell, m, busy, true))) return preferred
  }
  // the key of each member, compared field by field without building arrays: this runs for every
  // member of every cell
  let best: string | null = null
  let bFull = 0, bHoliday = 0, bLocked = 0, bRest = 0, bDeficit = 0, bLast = 0
  for (let j = 0; j < members.length; j++) {
    const m = members[j] as string
    const mi = numbers[j] as number
    if (!eligible(model, cell, m, busy, false, mi)) continue
    // fields in order, each skipped once an earlier one already loses
    const full = model.presenceNo(mi, cell.slot) === 2 ? 0 : 1
    if (best !== null && full > bFull) continue
    const holiday = model.avoid && model.holidayNo(mi, cell.slot) ? 1 : 0
    if (best !== null && full === bFull && holiday > bHoliday) continue
    const locked = lockedHere.has(m) ? 1 : 0
    const rest = model.restClashes(cell, m) > 0 ? 1 : 0
    const deficit = ledger.deficitAt(cell.rot, j) + model.cellLoadNo(cell, mi)
    const last = mi >= 0 ? (state.lastOn[mi] as number) : -1
    let cmp = 0
    if (best === null) cmp = -1
    else if (full !== bFull) cmp = full - bFull
    else if (holiday !== bHoliday) cmp = holiday - bHoliday
    else if (locked !== bLocked) cmp = locked - bLocked
    else if (rest !== bRest) cmp = rest - bRest
    else if (Math.abs(deficit - bDeficit) > 1e-9) cmp = deficit - bDeficit
    else if (last !== bLast) cmp = last - bLast
    else cmp = m < best ? -1 : m > best ? 1 : 0
    if (cmp < 0) {
      best = m
      ;[bFull, bHoliday, bLocked, bRest, bDeficit, bLast] = [full, holiday, locked, rest, deficit, last]
    }
  }
  return best
}

/** Frees a member for an empty cell by moving whoever blocks them to someone still free. */
function repair(model: Model, cell: Cell, busy: Set<string>, ledger: Ledger): boolean {
  const cells = model.cellsBySlot[cell.slot] ?? []
  for (const needFull of [true, false]) {
    for (const m of model.rotations[cell.rot]?.members ?? []) {
      if (!busy.has(m)) continue
      const without = new Set(busy)
      without.delete(m)
      if (!eligible(model, cell, m, without, needFull)) continue
      const blocking = cells.find((c) => c.member === m && !c.fixed && !c.swapWhole)
      if (!blocking) continue
      const replacement = (model.rotations[blocking.rot]?.members ?? [])
        .filter((n) => eligible(model, blocking, n, busy, needFull))
        .sort((a, b) => ledger.deficit(blocking.rot, a) - ledger.deficit(blocking.rot, b) || (a < b ? -1 : 1))[0]
      if (!replacement) continue
      blocking.member = replacement
      cell.member = m
      busy.add(replacement)
      return true
    }
  }
  return false
}

/** Assigns every open cell, slot by slot, booking loads as it goes (history included). */
export function greedyPass(model: Model, ledger: Ledger, windowFrom: number): GreedyState {
  const state: GreedyState = { lastOn: new Int32Array(model.plan.team.length).fill(-1) }
  model.slots.forEach((info, s) => {
    const cells = model.cellsBySlot[s] ?? []
    const busy = model.busy(s)
    const lockedHere = new Set(cells.filter((c) => !c.fixed && c.preferred).map((c) => c.preferred as string))
    for (const cell of cells) {
      if (cell.fixed || cell.swapWhole || cell.member) continue
      cell.member = pick(model, cell, busy, ledger, state, lockedHere)
      if (cell.member) busy.add(cell.member)
    }
    for (const cell of cells) {
      if (!cell.member && !cell.swapWhole && !cell.fixed) repair(model, cell, busy, ledger)
    }
    if (info.end > windowFrom) ledger.book(model, s)
    for (const c of cells) {
      const mi = c.member ? model.memberNo(c.member) : -1
      if (mi >= 0) state.lastOn[mi] = s
    }
  })
  return state
}
