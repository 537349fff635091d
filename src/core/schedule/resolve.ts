// Who holds each position in each atom, given the holders: the holder wherever they can; where they
// cannot (away, or held by a swap elsewhere) a cover, chosen with every other position of that
// instant as one minimum-cost matching — so a cover may come from someone who gives up another role
// to a third member, and no instant is left unstaffed while any assignment staffs it. Inside an
// investor period each shift's stretch is one unit with one member throughout, and the units of the
// period are solved together by a small branch and bound.
import { matchCandidates, rowsSharingCandidates } from './assignment.js'
import type { Block, Unit } from './model.js'
import { FREE, GAP, type State } from './state.js'

// Costs of one atom's choices, from the structural down: a gap, pulling a holder away from a shift
// they could hold, an hour held on one's own holiday (under avoid), a cover; then the record's
// member, continuity with the neighbouring atom, and fairness break ties among covers.
const COST = { gap: 1e12, displace: 1e8, holiday: 1e6, cover: 1e4, record: 5e3, continuity: 2e3, fair: 100 }
const NODE_LIMIT = 20_000

export interface Resolver {
  /** Who should cover first: lower is more behind their fair share (shift units). */
  fair(m: number): number
}

/**
 * Who position p wants at atom a: a fixed member; in a frozen shift, or a shift still with the
 * record's holder, the record's member (its covers stay put while their members can hold them);
 * else the holder when able.
 */
export function want(state: State, p: number, a: number): number {
  const model = state.model
  const i = p * state.A + a
  if (state.fixedKind[i] !== FREE) return state.fixedMember[i] as number
  const c = model.cellAt[i] as number
  if (c < 0) return -1
  const h = state.holder[c] as number
  const recorded = state.rec ? (state.rec[i] as number) : -1
  if (state.frozen[c] === 1 || (recorded >= 0 && h >= 0 && state.recHolder?.[c] === h)) {
    if (recorded >= 0 && model.eligible(p, a, recorded)) return recorded
    if (state.frozen[c] === 1) return -1
  }
  return h >= 0 && model.eligible(p, a, h) ? h : -1
}

/** Re-resolves every atom of several cells, each instant and each investor block once. */
export function resolveCells(state: State, cells: readonly number[], r: Resolver): void {
  const model = state.model
  const atoms = new Set<number>()
  const blocks = new Set<number>()
  for (const c of cells) {
    const cell = model.cells[c]
    if (!cell) continue
    for (let a = cell.a0; a < cell.a1; a++) {
      const b = model.blockOf[a] as number
      if (b >= 0) blocks.add(b)
      else atoms.add(a)
    }
  }
  for (const a of [...atoms].sort((x, y) => x - y)) resolveAtom(state, a, r)
  for (const b of [...blocks].sort((x, y) => x - y)) resolveBlock(state, model.blocks[b] as Block, r)
}

/** Re-resolves every atom of a cell (its investor blocks whole). */
export function resolveCell(state: State, c: number, r: Resolver): void {
  const model = state.model
  const cell = model.cells[c]
  if (!cell) return
  let lastBlock = -1
  for (let a = cell.a0; a < cell.a1; a++) {
    const b = model.blockOf[a] as number
    if (b >= 0) {
      if (b !== lastBlock) resolveBlock(state, model.blocks[b] as Block, r)
      lastBlock = b
      continue
    }
    resolveAtom(state, a, r)
  }
}

/**
 * After a cell's holder changed: each atom where the new holder is simply free to take it is written
 * directly; only the rest go through the full matching of their instant (and blocks whole).
 */
export function resolveHolderChange(state: State, c: number, r: Resolver): void {
  const model = state.model
  const cell = model.cells[c]
  if (!cell) return
  const A = state.A
  const n = state.n
  const p = cell.pos
  let lastBlock = -1
  for (let a = cell.a0; a < cell.a1; a++) {
    const b = model.blockOf[a] as number
    if (b >= 0) {
      if (b !== lastBlock && !takeUnit(state, p, a)) resolveBlock(state, model.blocks[b] as Block, r)
      lastBlock = b
      continue
    }
    const i = p * A + a
    if (state.fixedKind[i] !== FREE) continue
    const w = want(state, p, a)
    const cur = state.assign[i] as number
    if (w === cur && w >= 0) continue
    if (w >= 0 && (state.busy[a * n + w] as number) < 0 && !(model.avoid && model.onHoliday(a, w) && !exempt(state, p, a))) {
      state.setAssign(p, a, w)
      // the member this freed may now take someone's own holiday off them
      if (cur >= 0 && model.avoid && holidayHeld(state, a)) resolveAtom(state, a, r)
      continue
    }
    resolveAtom(state, a, r)
  }
}

/**
 * The unit of position p at atom a goes whole to its wanted member when they are free for all of it;
 * false when the block must be solved as a whole.
 */
function takeUnit(state: State, p: number, at: number): boolean {
  const model = state.model
  const A = state.A
  const n = state.n
  const u = model.unitAt[p * A + at] as number
  const block = model.blocks[model.blockOf[at] as number]
  const unit = block?.units[u]
  if (!unit) return false
  const w = unitWant(state, unit)
  if (w < 0) return false
  for (let a = unit.a0; a < unit.a1; a++) {
    const i = p * A + a
    if (state.fixedKind[i] !== FREE) return false
    const busy = state.busy[a * n + w] as number
    if (busy >= 0 && busy !== p) return false
    const fixed = state.fixedBusy[a * n + w] as number
    if (fixed >= 0 && fixed !== p) return false
  }
  for (let a = unit.a0; a < unit.a1; a++) state.setAssign(p, a, w)
  return true
}

/** Some position of the atom is held by its member on their own holiday where a cover may take it. */
export function holidayHeld(state: State, a: number): boolean {
  const model = state.model
  const A = state.A
  for (let p = 0; p < model.positions.length; p++) {
    const m = state.assign[p * A + a] as number
    if (m >= 0 && model.onHoliday(a, m) && state.fixedKind[p * A + a] === FREE && !exempt(state, p, a)) return true
  }
  return false
}

/** Resolves one atom outside investor blocks: fixed pieces as fixed, the rest as one matching. */
export function resolveAtom(state: State, a: number, r: Resolver): void {
  const model = state.model
  const A = state.A
  const P = model.positions.length
  const rows: number[] = []
  const wants: number[] = []
  let clean = true
  for (let p = 0; p < P; p++) {
    const i = p * A + a
    if ((model.cellAt[i] as number) < 0) continue
    if (state.fixedKind[i] !== FREE) {
      state.setAssign(p, a, state.fixedMember[i] as number)
      continue
    }
    const w = want(state, p, a)
    rows.push(p)
    wants.push(w)
    if (w < 0) clean = false
  }
  if (rows.length === 0) return
  // the usual atom: every holder there, distinct, not taken by a fixed piece, not on holiday
  if (clean) {
    for (let k = 0; k < rows.length && clean; k++) {
      const w = wants[k] as number
      const busy = state.busy[a * state.n + w] as number
      if (busy >= 0 && state.fixedKind[busy * A + a] !== FREE) clean = false
      else if (wants.indexOf(w) !== k) clean = false
      else if (model.avoid && model.onHoliday(a, w) && !exempt(state, rows[k] as number, a)) clean = false
    }
  }
  if (clean) {
    // free first every member about to move, so `busy` never names two positions
    for (let k = 0; k < rows.length; k++) {
      const p = rows[k] as number
      const cur = state.assign[p * A + a] as number
      if (cur >= 0 && cur !== wants[k]) state.setAssign(p, a, GAP)
    }
    for (let k = 0; k < rows.length; k++) state.setAssign(rows[k] as number, a, wants[k] as number)
    return
  }
  if (!quickMatch(state, a, rows, wants, r)) match(state, a, rows, wants, r)
}

/**
 * The common unclean atom, cheaply: every holder who can hold their position keeps it, and only the
 * rest (a holder away, or on their own holiday under avoid) are matched among members free then.
 * When that leaves anyone unstaffed, the full matching (which may move a holder) decides instead; when
 * it staffs everyone, the full matching would choose the same: moving a holder costs more than any
 * choice among the free.
 */
function quickMatch(state: State, a: number, rows: number[], wants: number[], r: Resolver): boolean {
  const model = state.model
  const A = state.A
  const n = state.n
  const hours = model.hours[a] as number
  const taken = new Uint8Array(n)
  for (let p = 0; p < model.positions.length; p++) {
    const i = p * A + a
    if ((model.cellAt[i] as number) >= 0 && state.fixedKind[i] !== FREE && (state.fixedMember[i] as number) >= 0) taken[state.fixedMember[i] as number] = 1
  }
  const firm = new Array<boolean>(rows.length).fill(false)
  for (let k = 0; k < rows.length; k++) {
    const w = wants[k] as number
    if (w < 0 || taken[w] === 1) continue
    if (model.avoid && model.onHoliday(a, w) && !exempt(state, rows[k] as number, a)) continue
    if (wants.indexOf(w) !== k) return false
    firm[k] = true
  }
  for (let k = 0; k < rows.length; k++) if (firm[k]) taken[wants[k] as number] = 1
  const dirty: number[] = []
  for (let k = 0; k < rows.length; k++) if (!firm[k]) dirty.push(k)
  // candidates per dirty row: its want (on holiday, at holiday cost) and members free then
  const options = dirty.map((k) => {
    const p = rows[k] as number
    const pos = model.positions[p]
    const out: Array<[number, number]> = []
    if (!pos) return out
    const c = model.cellAt[p * A + a] as number
    const inCell = (x: number): boolean => x >= 0 && x < A && model.cellAt[p * A + x] === c
    const w = wants[k] as number
    if (w >= 0 && taken[w] === 0) out.push([w, COST.holiday * hours])
    for (const m of pos.members) {
      if (m === w || taken[m] === 1 || model.away[a * n + m] === 1) continue
      let cost = COST.cover
      if (model.avoid && model.onHoliday(a, m)) cost += COST.holiday * hours
      if (state.rec && state.rec[p * A + a] === m) cost -= COST.record
      if ((inCell(a - 1) && state.assign[p * A + a - 1] === m) || (inCell(a + 1) && state.assign[p * A + a + 1] === m)) cost -= COST.continuity
      cost += COST.fair * r.fair(m)
      out.push([m, cost])
    }
    out.sort((x, y) => x[1] - y[1] || x[0] - y[0])
    return out.slice(0, dirty.length + 1)
  })
  const result = matchApart(options)
  if (!result) return false
  const final = wants.map((w, k) => (firm[k] ? w : GAP))
  dirty.forEach((k, d) => { final[k] = result[d] as number })
  for (let k = 0; k < rows.length; k++) {
    const p = rows[k] as number
    const cur = state.assign[p * A + a] as number
    if (cur >= 0 && cur !== final[k]) state.setAssign(p, a, GAP)
  }
  for (let k = 0; k < rows.length; k++) state.setAssign(rows[k] as number, a, final[k] as number)
  return true
}

/**
 * The rows' members as one matching would give them, every row staffed, else undefined: rows that
 * share no candidate are matched apart, and a row alone takes its cheapest (what the matching gives
 * it, ties to the lower member as the lists are ordered). Most atoms' uncovered hours lie in
 * rotations that share nobody.
 */
function matchApart(options: Array<Array<[number, number]>>): number[] | undefined {
  const result = new Array<number>(options.length).fill(-1)
  for (const rows of rowsSharingCandidates(options)) {
    if (rows.length === 1) {
      const best = options[rows[0] as number]?.[0]
      if (!best) return undefined
      result[rows[0] as number] = best[0]
      continue
    }
    const chosen = matchCandidates(rows.map((r) => options[r] as Array<[number, number]>), COST.gap)
    for (let k = 0; k < rows.length; k++) {
      if ((chosen[k] as number) < 0) return undefined
      result[rows[k] as number] = chosen[k] as number
    }
  }
  return result
}

/**
 * A frozen shift, a shift kept as the record has it, and an investor unit keep their member on a
 * holiday: no new cover for it there.
 */
function exempt(state: State, p: number, a: number): boolean {
  const i = p * state.A + a
  const c = state.model.cellAt[i] as number
  if (c < 0) return false
  if (state.frozen[c] === 1 || (state.model.unitAt[i] as number) >= 0) return true
  const recorded = state.rec ? (state.rec[i] as number) : -1
  return recorded >= 0 && state.recHolder?.[c] === state.holder[c] && state.model.eligible(p, a, recorded)
}

function match(state: State, a: number, rows: number[], wants: number[], r: Resolver): void {
  const model = state.model
  const A = state.A
  const n = state.n
  const hours = model.hours[a] as number
  // members taken by fixed pieces in this atom
  const taken = new Set<number>()
  for (let p = 0; p < model.positions.length; p++) {
    const i = p * A + a
    if ((model.cellAt[i] as number) >= 0 && state.fixedKind[i] !== FREE && (state.fixedMember[i] as number) >= 0) taken.add(state.fixedMember[i] as number)
  }
  const wantOf = new Map<number, number>()
  wants.forEach((w, k) => { if (w >= 0) wantOf.set(w, k) })
  // each row keeps its rows+1 cheapest columns: an optimal matching never needs more
  const keep = rows.length + 1
  const columns: number[] = []
  const columnNo = new Map<number, number>()
  const rowCosts: Array<Map<number, number>> = rows.map((p, k) => {
    const pos = model.positions[p]
    const costs: Array<[number, number]> = []
    if (!pos) return new Map()
    const c = model.cellAt[p * A + a] as number
    const frozen = c >= 0 && state.frozen[c] === 1
    const inCell = (x: number): boolean => x >= 0 && x < A && model.cellAt[p * A + x] === c
    const keepsRecord = exempt(state, p, a)
    for (const m of pos.members) {
      if (taken.has(m) || model.away[a * n + m] === 1) continue
      let cost: number
      const onHoliday = model.avoid && !frozen && !(keepsRecord && m === wants[k]) && model.onHoliday(a, m)
      if (m === wants[k]) cost = onHoliday ? COST.holiday * hours : 0
      else {
        cost = COST.cover + (onHoliday ? COST.holiday * hours : 0)
        if (wantOf.has(m)) cost += COST.displace
        if (state.rec && state.rec[p * A + a] === m) cost -= COST.record
        if ((inCell(a - 1) && state.assign[p * A + a - 1] === m) || (inCell(a + 1) && state.assign[p * A + a + 1] === m)) cost -= COST.continuity
        cost += COST.fair * r.fair(m)
      }
      costs.push([m, cost])
    }
    costs.sort((x, y) => x[1] - y[1] || x[0] - y[0])
    const kept = new Map(costs.slice(0, keep))
    // a member someone else wants stays a column, so the matching can see the displacement
    for (const [m, cost] of costs) if (wantOf.has(m) && !kept.has(m)) kept.set(m, cost)
    for (const m of kept.keys()) {
      if (!columnNo.has(m)) {
        columnNo.set(m, columns.length)
        columns.push(m)
      }
    }
    return kept
  })
  // one gap column per row: unstaffed only where nothing else is possible
  const result = matchCandidates(rowCosts, COST.gap, columns).map((m) => (m >= 0 ? m : GAP))
  for (let k = 0; k < rows.length; k++) {
    const p = rows[k] as number
    const cur = state.assign[p * A + a] as number
    if (cur >= 0 && cur !== result[k]) state.setAssign(p, a, GAP)
  }
  for (let k = 0; k < rows.length; k++) state.setAssign(rows[k] as number, a, result[k] as number)
}

interface UnitChoice {
  unit: Unit
  start: number
  end: number
  /** Candidate members with their cost, cheapest first; a fixed unit has exactly one. */
  options: Array<[number, number]>
}

/**
 * What a unit's candidates are made of that no move changes — its fixed pieces, hours, the record's
 * member, who may hold it whole, their own-holiday atoms — once per pass: swaps, the record's past and
 * frozen shifts are all set before construct, and a search re-solves a block thousands of times.
 */
interface UnitStatic {
  /** Fixed pieces of two members: the unit is held in pieces. */
  conflict: boolean
  hours: number
  recorded: number
  /** Who may hold the unit whole (its fixed member alone where it has one), in the position's order. */
  members: Int32Array
  /** Per member, atoms on their own holiday that count against them (under `avoid`, not frozen). */
  holidayAtoms: Int32Array
}

const unitStatics = new WeakMap<State, Map<Unit, UnitStatic | undefined>>()

function unitStatic(state: State, unit: Unit): UnitStatic | undefined {
  let known = unitStatics.get(state)
  if (!known) unitStatics.set(state, (known = new Map()))
  if (known.has(unit)) return known.get(unit)
  const found = computeUnitStatic(state, unit)
  known.set(unit, found)
  return found
}

function computeUnitStatic(state: State, unit: Unit): UnitStatic | undefined {
  const model = state.model
  const A = state.A
  const n = state.n
  const pos = model.positions[unit.pos]
  if (!pos) return undefined
  let fixed: number | undefined
  let conflict = false
  for (let a = unit.a0; a < unit.a1; a++) {
    const i = unit.pos * A + a
    if (state.fixedKind[i] === FREE) continue
    const m = state.fixedMember[i] as number
    if (fixed === undefined) fixed = m
    else if (fixed !== m) conflict = true
  }
  let hours = 0
  for (let a = unit.a0; a < unit.a1; a++) hours += model.hours[a] as number
  const recorded = state.rec ? majority(state.rec, unit.pos * A + unit.a0, unit.pos * A + unit.a1) : -1
  const members: number[] = []
  const holidayAtoms: number[] = []
  const countsHolidays = model.avoid && state.frozen[unit.cell] === 0
  for (const m of fixed !== undefined ? [fixed] : Array.from(pos.members)) {
    let ok = true
    for (let a = unit.a0; a < unit.a1 && ok && m >= 0; a++) {
      // a swap or the record's past holds m elsewhere then, whatever the other unit gets
      const elsewhere = state.fixedBusy[a * n + m] as number
      if (elsewhere >= 0 && elsewhere !== unit.pos) ok = false
      if (state.fixedKind[unit.pos * A + a] !== FREE) continue
      if (model.away[a * n + m] === 1) ok = false
    }
    if (!ok) continue
    let onHoliday = 0
    if (countsHolidays && m >= 0) for (let a = unit.a0; a < unit.a1; a++) if (model.onHoliday(a, m)) onHoliday++
    members.push(m)
    holidayAtoms.push(onHoliday)
  }
  return { conflict, hours, recorded, members: Int32Array.from(members), holidayAtoms: Int32Array.from(holidayAtoms) }
}

/** Solves an investor block: one member per unit for its whole stretch, no member in two overlapping units. */
export function resolveBlock(state: State, block: Block, r: Resolver): void {
  if (keepWants(state, block)) return
  const model = state.model
  const A = state.A
  const choices: UnitChoice[] = []
  const broken: Unit[] = []
  for (const unit of block.units) {
    const fixedPart = unitStatic(state, unit)
    if (!fixedPart) continue
    if (fixedPart.conflict) {
      broken.push(unit)
      continue
    }
    const wanted = unitWant(state, unit)
    const { hours, recorded, members, holidayAtoms } = fixedPart
    const options: Array<[number, number]> = []
    for (let k = 0; k < members.length; k++) {
      const m = members[k] as number
      if (m < 0) {
        options.push([m, 0])
        continue
      }
      let cost = m === wanted ? 0 : COST.cover * Math.max(1, hours / 24)
      if (m !== wanted && m === recorded) cost -= COST.record
      if (m !== wanted) cost += COST.fair * r.fair(m)
      for (let h = holidayAtoms[k] as number; h > 0; h--) cost += 1
      options.push([m, cost])
    }
    options.sort((x, y) => x[1] - y[1] || x[0] - y[0])
    if (options.length === 0) {
      broken.push(unit)
      continue
    }
    choices.push({ unit, start: model.times[unit.a0] as number, end: model.times[unit.a1] as number, options })
  }
  const best = new Array<number>(choices.length).fill(-3)
  for (const part of independentParts(choices)) {
    const sub = branchAndBound(part.map((k) => choices[k] as UnitChoice))
    part.forEach((k, j) => { best[k] = sub[j] as number })
  }
  // each unit's member (GAP where it is to be held in pieces), fixed atoms their fixed member
  const unplaced: Unit[] = [...broken]
  const memberOf = new Map<Unit, number>()
  for (const unit of broken) memberOf.set(unit, GAP)
  choices.forEach((choice, k) => {
    const m = best[k] as number
    if (m === undefined || m === -3) {
      unplaced.push(choice.unit)
      memberOf.set(choice.unit, GAP)
    } else memberOf.set(choice.unit, m)
  })
  const final = (unit: Unit, a: number): number => {
    const i = unit.pos * A + a
    return state.fixedKind[i] !== FREE ? (state.fixedMember[i] as number) : (memberOf.get(unit) ?? GAP)
  }
  // write only what changes: first free every atom whose member moves (so `busy` never names two
  // positions), then write the new members
  for (const unit of block.units) {
    for (let a = unit.a0; a < unit.a1; a++) {
      const cur = state.assign[unit.pos * A + a] as number
      if (cur >= 0 && cur !== final(unit, a)) state.setAssign(unit.pos, a, GAP)
    }
  }
  for (const unit of block.units) {
    for (let a = unit.a0; a < unit.a1; a++) {
      const m = final(unit, a)
      if (m !== GAP && state.assign[unit.pos * A + a] !== m) state.setAssign(unit.pos, a, m)
    }
  }
  // a unit nobody can hold whole is held in pieces (investor.presence reports it) rather than left empty
  for (const unit of unplaced) {
    for (let a = unit.a0; a < unit.a1; a++) {
      if (state.fixedKind[unit.pos * A + a] !== FREE) continue
      pieceAtom(state, unit.pos, a, r)
    }
  }
}

/** The usual block: every unit's wanted member can hold it whole and none is wanted twice at once. */
function keepWants(state: State, block: Block): boolean {
  const A = state.A
  const units = block.units
  const wants = units.map((u) => unitWant(state, u))
  // each member's units by start: one member must not hold two overlapping units
  const byMember = new Map<number, number[]>()
  for (let k = 0; k < units.length; k++) {
    const unit = units[k] as Unit
    const w = wants[k] as number
    if (w < 0) return false
    for (let a = unit.a0; a < unit.a1; a++) {
      const i = unit.pos * A + a
      if (state.fixedKind[i] !== FREE && state.fixedMember[i] !== w) return false
      const fixed = state.fixedBusy[a * state.n + w] as number
      if (fixed >= 0 && fixed !== unit.pos) return false
    }
    const list = byMember.get(w)
    if (list) list.push(k)
    else byMember.set(w, [k])
  }
  for (const list of byMember.values()) {
    if (list.length < 2) continue
    list.sort((x, y) => (units[x] as Unit).a0 - (units[y] as Unit).a0)
    for (let j = 1; j < list.length; j++) {
      if ((units[list[j] as number] as Unit).a0 < (units[list[j - 1] as number] as Unit).a1) return false
    }
  }
  // nothing to write where every unit already has its member
  let changed = false
  for (let k = 0; k < units.length && !changed; k++) {
    const unit = units[k] as Unit
    for (let a = unit.a0; a < unit.a1; a++) if (state.assign[unit.pos * A + a] !== wants[k]) { changed = true; break }
  }
  if (!changed) return true
  units.forEach((unit, k) => {
    for (let a = unit.a0; a < unit.a1; a++) {
      const cur = state.assign[unit.pos * A + a] as number
      if (cur >= 0 && cur !== wants[k]) state.setAssign(unit.pos, a, GAP)
    }
  })
  units.forEach((unit, k) => {
    for (let a = unit.a0; a < unit.a1; a++) state.setAssign(unit.pos, a, wants[k] as number)
  })
  return true
}

/** A unit's wanted member: the record's (frozen) or the holder, when able throughout. */
function unitWant(state: State, unit: Unit): number {
  const model = state.model
  const A = state.A
  const c = unit.cell
  const w = state.frozen[c] === 1 && state.rec ? majority(state.rec, unit.pos * A + unit.a0, unit.pos * A + unit.a1) : (state.holder[c] as number)
  if (w < 0) return -1
  for (let a = unit.a0; a < unit.a1; a++) if (!model.eligible(unit.pos, a, w)) return -1
  return w
}

function majority(list: Int32Array, from: number, to: number): number {
  const count = new Map<number, number>()
  for (let i = from; i < to; i++) count.set(list[i] as number, (count.get(list[i] as number) ?? 0) + 1)
  let best = -1
  let most = 0
  for (const [m, k] of count) if (m >= 0 && (k > most || (k === most && m < best))) { best = m; most = k }
  return best
}

/** One atom of a broken unit: any eligible member not busy then, cheapest by fairness. */
function pieceAtom(state: State, p: number, a: number, r: Resolver): void {
  const model = state.model
  const pos = model.positions[p]
  if (!pos) return
  let best = GAP
  let bestCost = Infinity
  for (const m of pos.members) {
    if (model.away[a * state.n + m] === 1 || (state.busy[a * state.n + m] as number) >= 0) continue
    const cost = r.fair(m)
    if (cost < bestCost) {
      best = m
      bestCost = cost
    }
  }
  state.setAssign(p, a, best)
}

/**
 * The cheapest choice of one option per unit with no member in two overlapping units; -3 for a unit
 * no option fits (it is then held in pieces). Past the node limit, the best choice found so far.
 */
/**
 * The block's units in independent parts: two units belong together when they overlap in time and
 * share a candidate member (through chains of such pairs). On a large team an investor period's
 * block holds every rotation's units, mostly with nobody in common; searched as one they exhaust the
 * node limit, searched apart each is small and solved exactly. Each part keeps the units' order.
 */
function independentParts(choices: UnitChoice[]): number[][] {
  const parent = choices.map((_, k) => k)
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k] as number] as number
      k = parent[k] as number
    }
    return k
  }
  const byMember = new Map<number, number[]>()
  choices.forEach((choice, k) => {
    for (const [m] of choice.options) {
      if (m < 0) continue
      const list = byMember.get(m)
      if (list) list.push(k)
      else byMember.set(m, [k])
    }
  })
  for (const list of byMember.values()) {
    for (let i = 0; i < list.length; i++) {
      const x = choices[list[i] as number] as UnitChoice
      for (let j = i + 1; j < list.length; j++) {
        const y = choices[list[j] as number] as UnitChoice
        if (x.start < y.end && y.start < x.end) {
          const a = find(list[i] as number)
          const b = find(list[j] as number)
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
        }
      }
    }
  }
  const parts = new Map<number, number[]>()
  choices.forEach((_, k) => {
    const root = find(k)
    const part = parts.get(root)
    if (part) part.push(k)
    else parts.set(root, [k])
  })
  return [...parts.values()]
}

function branchAndBound(choices: UnitChoice[]): number[] {
  const order = choices.map((_, k) => k).sort((x, y) =>
    (choices[x] as UnitChoice).options.length - (choices[y] as UnitChoice).options.length ||
    (choices[x] as UnitChoice).start - (choices[y] as UnitChoice).start || x - y)
  // which units overlap which in time (plain loops: this runs for every trial of a big team's search)
  const overlapping: number[][] = choices.map(() => [])
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i] as UnitChoice
    for (let j = i + 1; j < choices.length; j++) {
      const d = choices[j] as UnitChoice
      if (d.start < c.end && c.start < d.end) {
        ;(overlapping[i] as number[]).push(j)
        ;(overlapping[j] as number[]).push(i)
      }
    }
  }
  const cheapest = order.map((k) => (choices[k] as UnitChoice).options[0]?.[1] ?? 0)
  const rest = new Float64Array(order.length + 1)
  for (let i = order.length - 1; i >= 0; i--) rest[i] = (rest[i + 1] as number) + (cheapest[i] as number)
  const current = new Array<number>(choices.length).fill(-3)
  let best: number[] | undefined
  let bestCost = Infinity
  let nodes = 0
  const taken = (near: number[], m: number): boolean => {
    for (let i = 0; i < near.length; i++) if (current[near[i] as number] === m) return true
    return false
  }
  const visit = (depth: number, cost: number, placed: number): void => {
    if (++nodes > NODE_LIMIT && best) return
    if (depth === order.length) {
      if (cost < bestCost) {
        bestCost = cost
        best = [...current]
      }
      return
    }
    if (cost + (rest[depth] as number) >= bestCost) return
    const k = order[depth] as number
    const choice = choices[k] as UnitChoice
    const near = overlapping[k] as number[]
    for (const [m, c] of choice.options) {
      if (m >= 0 && taken(near, m)) continue
      current[k] = m
      visit(depth + 1, cost + c, placed + 1)
      current[k] = -3
      if (nodes > NODE_LIMIT) return
    }
    // leaving the unit to be held in pieces costs as much as a gap: the last resort
    visit(depth + 1, cost + COST.gap, placed)
  }
  visit(0, 0, 0)
  return best ?? current
}
