// construct: walk time in order. At each instant where shifts start, give every starting shift of
// every rotation a holder in one minimum-cost matching (who is furthest behind their fair share so
// far, who is there for the whole shift, the record's member, rest); members holding a running shift
// of another rotation are busy. Between those instants, resolve who holds each atom (resolve.ts).
import { BIG, matchCandidates, rowsSharingCandidates } from './assignment.js'
import type { Cell, Model, Position } from './model.js'
import { resolveAtom, resolveBlock, type Resolver } from './resolve.js'
import { BIG_TEAM, type State } from './state.js'

// A holder choice's costs, from the strongest: keeping the record's holder; hours the holder would
// miss (covers needed); breaking rest; then fairness (convex in the deficit, so simultaneous shifts
// spread) and hours on one's own holiday. A big team's search, re-matching an instant's shifts, also
// weighs each shift's worth of distance beyond fairness.load (`excess`), as the score does above
// holidays. (Construct does not: there a member's hours ahead of their pace are no measure of where
// they end, and a hub kept inside the bound from the start covers fewer of its mates' holidays.)
const COST = { record: 1e9, absent: 1e5, rest: 1e6, fair: 1e4, holiday: 1e3, unitHoliday: 2e4, investor: 2e4, excess: 1e6 }

export interface Pace {
  /** Each member's fair load per hour of their availability (the water level of SPEC's targets). */
  rate: Float64Array
  /** Each member's deviation unit: an estimated mean primary shift of their heaviest rotation. */
  unit: Float64Array
  /**
   * A big team's, whose search has a few hundred trials to mend what construct leaves: how much of
   * each member's fair load each rotation owes them, per hour of their availability
   * (`share[rot * n + m]`). With it, a shift counts for its holder from the moment they are chosen,
   * and a member of several rotations is owed each one's share.
   */
  share?: Float64Array
  /** fairness.load's bound, for a big team's re-match: no holiday avoided is worth taking someone beyond it. */
  bound?: number
}

/** Shifts a member may run ahead of one rotation's share of their load before it costs them more. */
const SHARE_SLACK = 1

export function construct(state: State, pace: Pace): void {
  const model = state.model
  const n = state.n
  const A = state.A
  const close = pace.share
  // entitlement so far: the fair rate times the hours each member has been available in the window
  const entitled = new Float64Array(n)
  // and, on a big team, per rotation for members of several
  const entitledIn = new Float64Array(close ? close.length : 0)
  const several = state.rotationsOf.map((list) => (close && list.length > 1 ? list : []))
  let accrued = 0
  const accrue = (upTo: number): void => {
    for (; accrued < upTo; accrued++) {
      if (model.inWindow[accrued] === 0) continue
      const h = model.hours[accrued] as number
      for (let m = 0; m < n; m++) {
        if (model.away[accrued * n + m] !== 0) continue
        entitled[m] = (entitled[m] as number) + (pace.rate[m] as number) * (model.capacity[m] as number) * h
        for (const r of several[m] as number[]) {
          const k = r * n + m
          entitledIn[k] = (entitledIn[k] as number) + ((close as Float64Array)[k] as number) * (model.capacity[m] as number) * h
        }
      }
    }
  }
  // A big team's: the load of hours whose holder is chosen but not yet resolved (the rest of a
  // running shift, a whole investor period), counted as the holder's from the start. Else every day
  // of an investor week goes to whoever looked furthest behind on its first day.
  const expected = new Float64Array(close ? n : 0)
  const expectedIn = new Float64Array(close ? state.loadIn.length : 0)
  const expect = (p: number, a: number, sign: number): void => {
    const c = model.cellAt[p * A + a] as number
    const h = c >= 0 ? (state.holder[c] as number) : -1
    if (h < 0) return
    const l = sign * model.load(p, a, h)
    const k = (model.positions[p] as Position).rot * n + h
    expected[h] = (expected[h] as number) + l
    expectedIn[k] = (expectedIn[k] as number) + l
  }
  const chosen = (cell: Cell): void => {
    if (close) for (let a = cell.a0; a < cell.a1; a++) expect(cell.pos, a, 1)
  }
  const settled = (a: number): void => {
    if (close) for (let p = 0; p < model.positions.length; p++) expect(p, a, -1)
  }
  const deficit = close
    ? (m: number): number => {
      const u = pace.unit[m] as number
      return u > 0 ? ((state.load[m] as number) + (expected[m] as number) - (entitled[m] as number)) / u : 0
    }
    : (m: number): number => {
      const u = pace.unit[m] as number
      return u > 0 ? ((state.load[m] as number) - (entitled[m] as number)) / u : 0
    }
  // in one rotation: as far ahead as they are overall, or as ahead of that rotation's share (less
  // the slack), whichever is more
  const deficitIn = (rot: number) => (m: number): number => {
    const d = deficit(m)
    if ((several[m] as number[]).length === 0) return d
    const u = pace.unit[m] as number
    const k = rot * n + m
    const ahead = u > 0 ? ((state.loadIn[k] as number) + (expectedIn[k] as number) - (entitledIn[k] as number)) / u : 0
    return Math.max(d, ahead - SHARE_SLACK)
  }
  const resolver: Resolver = { fair: deficit }
  // the shifts whose holder is fixed already (the record's frozen days, swaps)
  for (const cell of model.cells) chosen(cell)

  let resolved = 0
  const pending = new Set<number>()
  const resolveUpTo = (upTo: number, time: number): void => {
    for (; resolved < upTo; resolved++) {
      const b = model.blockOf[resolved] as number
      if (b >= 0) pending.add(b)
      else {
        settled(resolved)
        resolveAtom(state, resolved, resolver)
      }
    }
    // an investor block is solved once every shift overlapping it has its holder
    for (const b of [...pending]) {
      const block = model.blocks[b]
      if (block && (model.times[block.a1] as number) <= time) {
        for (let a = block.a0; a < block.a1; a++) settled(a)
        resolveBlock(state, block, resolver)
        pending.delete(b)
      }
    }
  }

  const order = [...model.cells].sort((x, y) => x.start - y.start || x.pos - y.pos)
  for (let i = 0; i < order.length;) {
    const t = (order[i] as Cell).start
    let j = i
    while (j < order.length && (order[j] as Cell).start === t) j++
    const at = model.atomAt(t)
    resolveUpTo(at, t)
    accrue(at)
    const cells = order.slice(i, j)
    assignHolders(state, cells, pace, deficitIn)
    for (const cell of cells) if (state.holderFixed[cell.id] === 0) chosen(cell)
    i = j
  }
  resolveUpTo(A, Number.POSITIVE_INFINITY)
}

/**
 * Holders for the shifts starting at one instant, as one minimum-cost matching. A big team's dozens
 * of rotations share few members, so each shift keeps its few cheapest candidates and the shifts that
 * share none are matched apart (small matchings instead of one large one); the full matching runs
 * only when that leaves a shift without anyone.
 */
function assignHolders(state: State, cells: Cell[], pace: Pace, deficitIn: (rot: number) => (m: number) => number): void {
  let open = cells.filter((c) => state.holderFixed[c.id] === 0)
  if (open.length === 0) return
  // the record's holder, where they can hold the whole shift, is what the matching would choose (the
  // record's weight outbids every other cost): given directly, and the rest matched without them
  if (state.recHolder) {
    const rest: Cell[] = []
    const taken = new Set<number>()
    for (const cell of open) {
      const r = state.recHolder[cell.id] as number
      if (r >= 0 && !taken.has(r) && mayHold(state, cell, r) && absentHours(state, cell, r) === 0) {
        taken.add(r)
        state.setHolder(cell.id, r)
      } else rest.push(cell)
    }
    if (rest.length === 0) return
    open = rest
  }
  const costs = open.map((cell) => holderCosts(state, cell, pace, deficitIn((state.model.positions[cell.pos] as Position).rot)))
  if (open.length > 8) {
    // (a big team's rotations overlap in rings: fewer candidates keep its groups small)
    const lists = costs.map((list) => cheapest(list, state.model.n > BIG_TEAM ? 4 : 6))
    const picked = new Array<number>(open.length).fill(-1)
    let complete = true
    // rows that share a candidate belong together
    for (const rows of rowsSharingCandidates(lists)) {
      const chosen = matchCandidates(rows.map((r) => lists[r] as Array<[number, number]>), BIG)
      rows.forEach((r, k) => {
        picked[r] = chosen[k] as number
        if (picked[r] === -1 && (costs[r] as Array<[number, number]>).length > 0) complete = false
      })
    }
    if (complete) {
      open.forEach((cell, r) => state.setHolder(cell.id, picked[r] as number))
      return
    }
  }
  const chosen = matchCandidates(costs.map((list) => cheapest(list, open.length + 1)), BIG)
  open.forEach((cell, r) => state.setHolder(cell.id, chosen[r] as number))
}

/**
 * The k cheapest candidates, cheapest first (ties to the lower member): what sorting the whole list
 * and keeping its first k gives, by insertion into the k kept (construct asks it of every shift, for
 * a handful out of a rotation's members).
 */
function cheapest(list: ReadonlyArray<[number, number]>, k: number): Array<[number, number]> {
  const kept: Array<[number, number]> = []
  for (const entry of list) {
    const [m, cost] = entry
    let i = kept.length
    while (i > 0) {
      const [pm, pc] = kept[i - 1] as [number, number]
      if (pc < cost || (pc === cost && pm < m)) break
      i--
    }
    if (i >= k) continue
    kept.splice(i, 0, entry)
    if (kept.length > k) kept.pop()
  }
  return kept
}

/** Members who may hold a cell, with the cost of each: see COST. Shared with the search. */
export function holderCosts(state: State, cell: Cell, pace: Pace, deficit: (m: number) => number, restWeight = COST.rest): Array<[number, number]> {
  const model = state.model
  const pos = model.positions[cell.pos] as Position
  const out: Array<[number, number]> = []
  const recorded = state.recHolder ? (state.recHolder[cell.id] as number) : -1
  // investor-period shifts go round: fewest so far first (fairness.investor compares the counts)
  let fewest = Infinity
  if (cell.investor) for (const m of pos.members) fewest = Math.min(fewest, state.investorOf(m))
  // who holds a shift overlapping this one (mayHold for every member at once: a daily shift beside
  // dozens of rotations overlaps dozens of shifts)
  const elsewhere = state.elsewhere
  const call = ++state.elsewhereCall
  for (const o of cell.overlaps) {
    const h = state.holder[o] as number
    if (h >= 0) elsewhere[h] = call
  }
  let hours = 0
  for (let a = cell.a0; a < cell.a1; a++) hours += model.hours[a] as number
  for (const m of pos.members) {
    if (elsewhere[m] === call) continue
    const absent = absentHours(state, cell, m)
    // (the record's holder stays a candidate even where others cover all of it: planning from the
    // record again then gives the shift to the member it names)
    if (absent >= hours && m !== recorded) continue
    let cost = COST.absent * absent
    if (m === recorded) cost -= COST.record
    cost += restWeight * restBreaks(state, cell, m)
    if (model.avoid) {
      // a holiday inside an investor period cannot be covered: only another holder keeps them off
      let h = 0
      let held = 0
      for (let a = cell.a0; a < cell.a1; a++) {
        if (!model.onHoliday(a, m)) continue
        if ((model.unitAt[cell.pos * state.A + a] as number) >= 0) held += model.hours[a] as number
        else h += model.hours[a] as number
      }
      cost += COST.holiday * h + COST.unitHoliday * held
    }
    if (cell.investor) cost += COST.investor * (state.investorOf(m) - fewest)
    const u = pace.unit[m] as number
    const l = u > 0 ? cellLoad(model, cell, m) / u : 0
    const d = deficit(m)
    cost += COST.fair * (2 * d * l + l * l)
    if (pace.bound !== undefined) cost += COST.excess * (Math.max(0, d + l - pace.bound) - Math.max(0, d - pace.bound))
    out.push([m, cost])
  }
  return out
}

/** m holds no shift that overlaps this one, in any other rotation. */
export function mayHold(state: State, cell: Cell, m: number): boolean {
  for (const o of cell.overlaps) if (state.holder[o] === m) return false
  return true
}

/** Hours of the cell the member cannot hold: away, taken by a fixed piece elsewhere, or an investor unit they cannot hold whole. */
export function absentHours(state: State, cell: Cell, m: number): number {
  const model = state.model
  const A = state.A
  const n = state.n
  let absent = 0
  let unitBroken = -1
  for (let a = cell.a0; a < cell.a1; a++) {
    const h = model.hours[a] as number
    const fixed = state.fixedBusy[a * n + m] as number
    if (model.away[a * n + m] === 1 || (fixed >= 0 && fixed !== cell.pos)) {
      absent += h
      const u = model.unitAt[cell.pos * A + a] as number
      if (u >= 0) unitBroken = u
    }
  }
  if (unitBroken >= 0) {
    // the whole stretch in the investor period goes to someone else
    for (let a = cell.a0; a < cell.a1; a++) {
      if ((model.unitAt[cell.pos * A + a] as number) >= 0 && model.away[a * n + m] === 0) absent += model.hours[a] as number
    }
  }
  return absent
}

/** The load of a cell for a member holding all of it. */
export function cellLoad(model: Model, cell: Cell, m: number): number {
  let l = 0
  for (let a = cell.a0; a < cell.a1; a++) l += model.load(cell.pos, a, m)
  return l
}

/** Would m holding this cell make a stretch longer than max-run, or come back before min-gap? */
export function restBreaks(state: State, cell: Cell, m: number): number {
  const model = state.model
  const pos = model.positions[cell.pos] as Position
  const run = state.opts.maxRunCells[cell.pos] as number
  const gap = state.opts.minGap
  let before = 0
  for (let k = cell.k - 1; k >= 0 && state.holder[pos.cells[k] as number] === m; k--) before++
  let after = 0
  for (let k = cell.k + 1; k < pos.cells.length && state.holder[pos.cells[k] as number] === m; k++) after++
  let breaks = before + after + 1 > run ? 1 : 0
  // coming back too soon after an earlier stretch, or too soon before a later one
  if (before === 0) {
    for (let k = cell.k - 2; k >= Math.max(0, cell.k - gap); k--) if (state.holder[pos.cells[k] as number] === m) { breaks++; break }
  }
  if (after === 0) {
    for (let k = cell.k + 2; k <= Math.min(pos.cells.length - 1, cell.k + gap); k++) if (state.holder[pos.cells[k] as number] === m) { breaks++; break }
  }
  return breaks
}
