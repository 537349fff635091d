// search: one loop over one Score (state.ts). From the members furthest from their fair share, try
// moves that may cross rotations — give a shift to another member of its rotation, swap two shifts
// between two members, re-match an instant's covers — score each by applying it to the state and
// undoing it, and keep the best that is better. Stops where no move is better: a local optimum, so
// planning again from the result changes nothing.
import { BIG, matchCandidates } from './assignment.js'
import { absentHours, cellLoad, holderCosts, mayHold, type Pace } from './construct.js'
import type { Cell, Model, Position } from './model.js'
import { holidayHeld, resolveAtom, resolveBlock, resolveCell, resolveCells, resolveHolderChange, type Resolver } from './resolve.js'
import { mulberry32 } from './random.js'
import { better as betterIn, BIG_TEAM, FAIRNESS_FIRST, ORDER, type Order, type Score, type State } from './state.js'


export interface SearchOptions {
  /** Shifts ending before this carry nothing the score counts. */
  from: number
  /** At most this many trial moves (a bound on time for very large plans; deterministic). */
  budget: number
  /** Members further than this many shifts in time apart are not tried as swap partners on big teams. */
  reach: number
  /** Kicks of the iterated local search, and the trials they may use in all. */
  kicks: number
  kickBudget: number
}

// Deviations below this many shifts are not worth a trial move.
const POLISH = 0.05
// Trial moves per member and round, best-ranked first.
const TRIES = 40
const TRIES_BIG = 16
/** How many times its budget a search from a record may spend where fairness.load is broken. */
const REPAIR_BUDGET = 10
/** Twentieths of a shift of largest deviation from which a small plan tries the fairness-first detour. */
const DETOUR_FINE = 5
/** The members furthest from their share a displace-and-return is tried for. */
const RETURN_MEMBERS = 4

interface Move {
  c: number
  to: number
  /** With a second cell: a swap, `d` goes to c's holder. */
  d?: number
  /** Moves applied after this one (an ejection chain). */
  then?: Move[]
  /** A cover's atoms [a0, a1) of cell c handed to `to` (the holder keeps the shift). */
  atoms?: [number, number]
  /** A trade of stretches: each listed cell changes hands at once (c and to name the first). */
  trade?: Array<[cell: number, to: number]>
}

export function search(state: State, opts: SearchOptions): void {
  const model = state.model
  const resolver: Resolver = { fair: (m) => state.dev[m] as number }
  // the order moves are judged in: ORDER, but FAIRNESS_FIRST on the detour below
  let order: Order = ORDER
  const better = (a: Score, b: Score): boolean => betterIn(a, b, order)
  state.retarget()
  let current = state.score()
  // Planning from a record that holds every hour still open, as constructed, with nothing to mend
  // (no gap, fairness.load kept, nobody on their own holiday while a mate is free):
  // a move could only trade a recorded hour for polish below churn, which the score refuses. The
  // record stands. A re-render from the schedule's own record, and the fixed-point pass after a
  // first plan, mostly end here. Whatever is decided, the same plan, record and today decide it the
  // same way, so the fixed point is kept either way.
  if (current.gap <= 1e-6 && current.excess <= 1e-6 && state.recordBindsAll(opts.from) && !state.holidayMendable()) {
    state.commit()
    return
  }
  let trials = 0
  // Planning from a record with fairness.load broken, the search goes on until it finds no better
  // (up to a larger budget): stopped short, the next plan from its answer would find more, and a
  // re-render from the record just written would move shifts again.
  // (Every neighbourhood below stops at `budget`; a descent given more raises it to its own.)
  let budget = state.rec && current.excess > 1e-6 ? opts.budget * REPAIR_BUDGET : opts.budget
  // a big team gets the cheaper neighbourhoods: fewer partners, fewer trials per member
  const big = model.n > BIG_TEAM
  // A small plan from a record that breaks fairness.load is judged as its first plan ended (below).
  if (!big && state.rec && current.excess > 1e-6) {
    state.excessInLoad = true
    current = state.score()
  }
  const movable = (c: number): boolean => {
    const cell = model.cells[c] as Cell
    return state.holderFixed[c] === 0 && cell.end > opts.from
  }

  const apply = (move: Move): boolean => {
    if (!applyOne(move)) return false
    for (const next of move.then ?? []) if (!applyOne(next)) return false
    return true
  }
  const applyOne = (move: Move): boolean => {
    if (move.trade) {
      for (const [c] of move.trade) state.setHolder(c, -1)
      for (const [c, to] of move.trade) {
        if (!mayHold(state, model.cells[c] as Cell, to)) return false
        state.setHolder(c, to)
      }
      // twice round: the first pass frees each old holder's hours for the second to find
      for (let round = 0; round < 2; round++) for (const [c] of move.trade) resolveHolderChange(state, c, resolver)
      return true
    }
    const cell = model.cells[move.c] as Cell
    const from = state.holder[move.c] as number
    if (move.atoms) {
      for (let a = move.atoms[0]; a < move.atoms[1]; a++) {
        if ((state.busy[a * state.n + move.to] as number) >= 0 || !model.eligible(cell.pos, a, move.to)) return false
        const was = state.assign[cell.pos * state.A + a] as number
        state.setAssign(cell.pos, a, move.to)
        // whoever this freed may now take someone's own holiday off them
        if (was >= 0 && model.avoid && holidayHeld(state, a)) resolveAtom(state, a, resolver)
      }
      return true
    }
    if (move.d === undefined) {
      if (!mayHold(state, cell, move.to)) return false
      state.setHolder(move.c, move.to)
      resolveHolderChange(state, move.c, resolver)
      return true
    }
    const other = model.cells[move.d] as Cell
    state.setHolder(move.d, -1)
    if (!mayHold(state, cell, move.to)) return false
    state.setHolder(move.c, move.to)
    if (!mayHold(state, other, from)) return false
    state.setHolder(move.d, from)
    // free both old holders first, so each new holder finds the other's hours free
    resolveHolderChange(state, move.c, resolver)
    resolveHolderChange(state, move.d, resolver)
    resolveHolderChange(state, move.c, resolver)
    return true
  }

  const trial = (move: Move): Score | undefined => {
    trials++
    const mark = state.mark()
    let result: Score | undefined
    if (apply(move)) {
      // a big team's targets move by a hair per trial: they are brought up to date when a move is kept
      const stale = !big && state.targetsStale()
      if (stale) state.retarget()
      result = state.score()
      state.undo(mark)
      if (stale) state.retarget()
    } else state.undo(mark)
    return result
  }

  // keep moves applied one after another (a move, or a pair tried together)
  const keep = (...moves: Move[]): void => {
    state.commit()
    for (const move of moves) apply(move)
    if (state.targetsStale()) state.retarget()
    else for (let m = 0; m < state.n; m++) state.dev[m] = state.devOf(m)
    current = state.score()
  }

  // the best of these moves that is better than where the search stands, if any
  const bestOf = (moves: Iterable<Move>): { move: Move; score: Score } | undefined => {
    let best: { move: Move; score: Score } | undefined
    for (const move of moves) {
      const score = trial(move)
      if (score && better(score, best?.score ?? current)) best = { move, score }
      if (trials >= budget) break
    }
    return best
  }
  const tryMoves = (moves: Iterable<Move>): boolean => {
    const best = bestOf(moves)
    if (best) keep(best.move)
    return best !== undefined
  }
  // A heavier investor week (or a holiday) handed from the member with the most to the member with
  // the fewest moves load too: pair it with the best second move between the two that gives the
  // load back, and keep the pair when together they are better.
  const evenOut = (): boolean => {
    let firsts = 0
    for (const { c, to, d, back } of spreadPairs(state, movable)) {
      if (big && ++firsts > 6) break
      const first: Move = d === undefined ? { c, to } : { c, to, d }
      const mark = state.mark()
      if (!apply(first)) {
        state.undo(mark)
        continue
      }
      let best: { second: Move; score: Score } | undefined
      let seconds = 0
      for (const second of back()) {
        if (trials >= budget || ++seconds > (big ? 40 : 120)) break
        trials++
        const inner = state.mark()
        if (apply(second)) {
          const stale = state.targetsStale()
          if (stale) state.retarget()
          const score = state.score()
          if (better(score, best?.score ?? current)) best = { second, score }
          state.undo(inner)
          if (stale) state.retarget()
        } else state.undo(inner)
      }
      state.undo(mark)
      if (state.targetsStale()) state.retarget()
      if (best) {
        keep(first, best.second)
        return true
      }
      if (trials >= budget) break
    }
    return false
  }
  // Every shift that starts at one instant, across rotations, given out again as one matching with
  // the cost of each member's deviation after it: what one-shift moves cannot reach in a step (ana
  // takes eli's shift while ben takes ana's) one matching does.
  const groups: Cell[][] = []
  for (const cell of [...model.cells].sort((x, y) => x.start - y.start || x.pos - y.pos)) {
    if (!movable(cell.id)) continue
    const last = groups[groups.length - 1]
    if (last && (last[0] as Cell).start === cell.start) last.push(cell)
    else groups.push([cell])
  }
  const groupOf = new Map<number, Cell[]>()
  for (const group of groups) for (const cell of group) groupOf.set(cell.id, group)
  const rematchSlots = (): boolean => {
    let improved = false
    // a big team re-matches only the instants where its furthest members hold a shift
    let chosen = groups
    if (big) {
      const far = model.ids.map((_, m) => m).filter((m) => state.inRotations(m))
        .sort((x, y) => Math.abs(state.dev[y] as number) - Math.abs(state.dev[x] as number) || x - y).slice(0, 8)
      const picked = new Set<Cell[]>()
      for (const m of far) for (const c of state.held[m] as Set<number>) {
        const g = groupOf.get(c)
        if (g) picked.add(g)
      }
      chosen = groups.filter((g) => picked.has(g)).slice(0, 64)
    }
    for (const group of chosen) {
      if (trials >= budget) break
      trials++
      const mark = state.mark()
      const away = new Float64Array(state.n)
      for (const cell of group) {
        const h = state.holder[cell.id] as number
        if (h < 0) continue
        for (let a = cell.a0; a < cell.a1; a++) if (state.assign[cell.pos * state.A + a] === h) away[h] = (away[h] as number) + model.load(cell.pos, a, h)
        state.setHolder(cell.id, -1)
      }
      const without = (m: number): number => {
        const u = state.unit[m] as number
        return u > 0 ? (state.dev[m] as number) - (away[m] as number) / u : 0
      }
      const pace: Pace = { rate: new Float64Array(state.n), unit: state.unit, ...(big ? { bound: state.opts.maxDeviation } : {}) }
      // rest only breaks ties here: the score decides whether a fairer slot is worth a longer stretch
      const rows = group.map((cell) => new Map(holderCosts(state, cell, pace, without, 100)))
      const chosen = matchCandidates(rows, BIG)
      group.forEach((cell, r) => state.setHolder(cell.id, chosen[r] as number))
      resolveCells(state, group.map((cell) => cell.id), resolver)
      const stale = state.targetsStale()
      if (stale) state.retarget()
      const score = state.score()
      if (better(score, current)) {
        state.commit()
        if (!stale) for (let m = 0; m < state.n; m++) state.dev[m] = state.devOf(m)
        current = score
        improved = true
      } else {
        state.undo(mark)
        if (stale) state.retarget()
      }
    }
    return improved
  }

  // A small plan afresh, someone a quarter shift or more from their share: a shift taken whole by a
  // member on call elsewhere then hands those shifts to a third member (displace), who gives the taker
  // back a stretch of theirs at another time (a trade). Neither half is better alone — the third
  // member ends far above their share after the first — but together they are the three-member,
  // two-week exchange that evens out a weekly rotation beside daily ones.
  const displaceAndReturn = (): boolean => {
    let best: { moves: Move[]; score: Score } | undefined
    const far = model.ids.map((_, m) => m)
      .filter((m) => state.inRotations(m) && Math.abs(state.dev[m] as number) >= DETOUR_FINE / 20)
      .sort((x, y) => Math.abs(state.dev[y] as number) - Math.abs(state.dev[x] as number) || x - y)
      .slice(0, RETURN_MEMBERS)
    for (const m of far) {
      for (const first of candidates(state, m, movable, false, opts.reach)) {
        if (!first.then || trials >= budget) continue
        const steps = [first, ...first.then]
        const taker = (steps[steps.length - 1] as Move).to
        const thirds = [...new Set(steps.slice(0, -1).map((x) => x.to))]
        const mark = state.mark()
        if (apply(first)) {
          for (const x of thirds) {
            for (const { move } of trades(state, x, taker, movable)) {
              if (trials >= budget) break
              const score = trial(move)
              if (score && better(score, best?.score ?? current)) best = { moves: [first, move], score }
            }
          }
        }
        state.undo(mark)
        if (state.targetsStale()) state.retarget()
      }
    }
    if (!best) return false
    keep(...best.moves)
    return true
  }

  // a round that only polishes (covers, Σ deviation², hundredths of the largest deviation) may run
  // a few times; after that the search stops: a rota people read gains nothing from more
  const worth = (before: Score, after: Score): boolean =>
    after.gap < before.gap - 1e-9 || after.excess < before.excess - 1e-9 || after.holiday < before.holiday - 1e-9 ||
    after.churn < before.churn - 1e-9 || after.edge < before.edge - 1e-9 || after.fine < before.fine || after.absent < before.absent || after.rest < before.rest || after.spread < before.spread ||
    after.maxDev < before.maxDev - 0.01 || after.holidayAll < before.holidayAll - 1e-9 || (order === FAIRNESS_FIRST && after.ssq < before.ssq - 1e-3)
  // Planning afresh, the budget beyond opts.budget is for mending fairness.load: once it holds, the
  // descent stops. (From a record it goes on: what comes next in the score is churn, the shifts
  // mending moved that can go back to their recorded member.)
  const mended = (): boolean => !state.rec && trials >= opts.budget && current.excess <= 1e-6 && current.gap <= 1e-6
  // a big team planned afresh with fairness.load broken
  const mendingAfresh = (): boolean => big && !state.rec && current.excess > 1e-6
  const descend = (until: number): void => {
  budget = Math.max(budget, until)
  let idle = 0
  while (trials < until && idle < 3 && !(until > opts.budget && mended())) {
    const start = current
    let improved = false
    // a big team first re-matches each instant's shifts (one trial per instant, many members at once)
    if (big && rematchSlots()) improved = true
    // members furthest from their share first; polishing stops where deviations are small (a big
    // team planned afresh with fairness.load broken: only the members beyond it, whose moves mend it)
    const mending = mendingAfresh()
    const floor = mending ? state.opts.maxDeviation : Math.max(POLISH, current.maxDev / 2)
    const members = model.ids.map((_, m) => m)
      .filter((m) => state.inRotations(m) && Math.abs(state.dev[m] as number) >= floor)
      .sort((x, y) => Math.abs(state.dev[y] as number) - Math.abs(state.dev[x] as number) || x - y)
      .slice(0, big ? 24 : undefined)
    for (const [k, m] of members.entries()) {
      if (trials >= budget) break
      let best = bestOf(candidates(state, m, movable, big, opts.reach, order === FAIRNESS_FIRST, mending))
      // Planning a big team from its record with someone beyond fairness.load that the furthest
      // member's own moves cannot bring back: a chain through a member of several rotations may (a
      // hub hands a shift of one rotation to a mate below their share and takes one of another
      // rotation from the member beyond). One move at a time would instead pass the excess from
      // mate to mate, each hop a shift-role changed.
      if (big && k === 0 && state.rec && (best?.score ?? current).excess > 1e-6) {
        const chained = bestOf(chains(state, movable, big))
        if (chained && better(chained.score, best?.score ?? current)) best = chained
      }
      if (best) {
        keep(best.move)
        improved = true
      }
    }
    // (spreading holidays and investor weeks ranks below fairness.load: not while mending it afresh)
    if (current.spread > 0 && !mendingAfresh() && (tryMoves(spreadMoves(state, movable, big)) || evenOut())) improved = true
    if (!improved && !big && rematchSlots()) improved = true
    if (!improved && !big && opts.kicks > 0 && current.fine >= DETOUR_FINE && displaceAndReturn()) improved = true
    if (!improved && tryMoves(chains(state, movable, big))) improved = true
    if (!improved && !rematch(state, resolver, () => current, (s) => { current = s }, order)) break
    idle = worth(start, current) ? 0 : idle + 1
  }
  }
  descend(budget)
  // A big team planned afresh with fairness.load still broken where the budget ran out: go on as the
  // confirming pass from this answer would (with the budget a record with the rule broken gets), so
  // the first plan is already the one that pass keeps, not a start it searches on from. (A small
  // plan's budget runs out only where the rule cannot be kept.)
  if (big && !state.rec && current.excess > 1e-6 && trials >= budget) descend(opts.budget * REPAIR_BUDGET)
  // Iterated local search: from the best schedule so far, give a few shifts to others at random (a
  // fixed seed: the same plan gives the same kicks) and descend again; keep what comes out better.
  // Only planning afresh, and only while a small plan's trial budget lasts.
  const random = mulberry32(0x5eed)
  const movables = model.cells.filter((c) => movable(c.id)).map((c) => c.id)
  // nothing left to kick for when the rota is within a tenth of a shift of perfect, rests everyone and
  // spreads holidays and investor weeks
  const settled = (): boolean => current.fine <= 1 && current.rest === 0 && current.spread === 0
  const kickBudget = Math.min(opts.kickBudget, trials + 300 * movables.length)
  // after a detour, a kick or the last descent from `mark`: keep where it ended, or go back to the mark
  // (`restore` puts back what the score is reckoned by, before it is reckoned again)
  const keepOrUndo = (mark: number, keepIt: boolean, restore?: () => void): void => {
    if (keepIt) {
      state.release()
      return
    }
    state.undo(mark)
    state.release()
    restore?.()
    state.retarget()
    current = state.score()
  }
  // A detour where whole shifts leave someone more than a quarter shift from their share (every
  // member on call somewhere most weeks, so no shift moves without a rest break or a third member's
  // week on the way): descend in FAIRNESS_FIRST order, where any run of days inside a shift may go to
  // a member free then as a cover, then in the usual order from there; keep what comes out better.
  // Only planning a small plan afresh, within the kicks' budget.
  if (opts.kicks > 0 && current.fine >= DETOUR_FINE) {
    const mark = state.hold()
    const before = current
    order = FAIRNESS_FIRST
    current = state.score()
    descend(kickBudget)
    order = ORDER
    current = state.score()
    descend(kickBudget)
    keepOrUndo(mark, better(current, before))
  }
  for (let kick = 0; kick < opts.kicks && trials < kickBudget && movables.length > 1 && !settled(); kick++) {
    const mark = state.hold()
    const size = 2 + Math.floor(random() * 3)
    for (let k = 0; k < size; k++) {
      const c = movables[Math.floor(random() * movables.length)] as number
      const cell = model.cells[c] as Cell
      const pos = model.positions[cell.pos] as Position
      const options = Array.from(pos.members).filter((m) => m !== state.holder[c] && mayHold(state, cell, m) && mostlyThere(state, cell, m))
      const to = options[Math.floor(random() * options.length)]
      if (to === undefined) continue
      state.setHolder(c, to)
      resolveCell(state, c, resolver)
    }
    state.retarget()
    const before = current
    current = state.score()
    descend(kickBudget)
    keepOrUndo(mark, better(current, before))
  }
  // A small plan that still breaks fairness.load after all that most likely cannot keep it. Summed
  // in each member's own unit, the excess can stand in the way of the one it wrongs most: a day from
  // a part-timer far beyond the bound to a mate a little beyond may raise the sum where their units
  // differ. Summed in load, a move between two members beyond the bound leaves it as it is, and the
  // largest deviation decides. The search goes on so from here, and keeps what it finds where the
  // largest deviation is lower (no gap and no avoidable holiday hour added); a plan from the record
  // this writes starts in the same reckoning, so it finds this rota where it was left.
  if (!big && !state.excessInLoad && current.excess > 1e-6) {
    const mark = state.hold()
    const before = current
    state.excessInLoad = true
    current = state.score()
    descend(trials + LOAD_BUDGET)
    const lower = current.maxDev < before.maxDev - 0.02 && current.gap <= before.gap + 1e-6 && current.holiday <= before.holiday + 1e-6
    keepOrUndo(mark, lower, () => { state.excessInLoad = false })
  }
  // the last word: every instant someone holds on their own holiday, or not as their shift's member,
  // is matched once more (a move late in the search may have freed a cover)
  rematch(state, resolver, () => current, (s) => { current = s })
  state.commit()
}

/** Re-solves every atom and block once with today's fairness, keeping each re-match that is better. */
function rematch(state: State, resolver: Resolver, current: () => Score, set: (s: Score) => void, order: Order = ORDER): boolean {
  const model = state.model
  let improved = false
  const tryOne = (run: () => void): void => {
    const mark = state.mark()
    run()
    const stale = state.targetsStale()
    if (stale) state.retarget()
    const score = state.score()
    if (betterIn(score, current(), order)) {
      state.commit()
      set(score)
      improved = true
    } else {
      state.undo(mark)
      if (stale) state.retarget()
    }
  }
  for (let a = 0; a < state.A; a++) {
    if ((model.blockOf[a] as number) >= 0) continue
    if (!needsMatching(state, a)) continue
    tryOne(() => resolveAtom(state, a, resolver))
  }
  for (const block of model.blocks) tryOne(() => resolveBlock(state, block, resolver))
  state.commit()
  return improved
}

/**
 * An atom where some position is not held by its holder, or is held on its holder's own holiday
 * (someone freed since may now cover it): only there can a re-match change anything.
 */
function needsMatching(state: State, a: number): boolean {
  const model = state.model
  for (let p = 0; p < model.positions.length; p++) {
    const c = model.cellAt[p * state.A + a] as number
    if (c < 0) continue
    const h = state.holder[c] as number
    if (h < 0 || state.assign[p * state.A + a] !== h) return true
    if (model.avoid && state.frozen[c] === 0 && model.onHoliday(a, h)) return true
  }
  return false
}

/**
 * Ranked moves: how far each misses halving the two members' difference (on a big team, with the
 * excess beyond fairness.load it would add or take away), then cell, member, partner cell, atoms.
 */
interface Ranked {
  move: Move
  miss: number
}

const compareRanked = (x: Ranked, y: Ranked): number =>
  x.miss - y.miss || x.move.c - y.move.c || x.move.to - y.move.to || (x.move.d ?? -1) - (y.move.d ?? -1) ||
  (x.move.atoms?.[0] ?? -1) - (y.move.atoms?.[0] ?? -1) || (x.move.atoms?.[1] ?? -1) - (y.move.atoms?.[1] ?? -1)

/**
 * The best k moves in that order, ties in the order found: what sorting every move found and keeping
 * the first k gives, without holding the thousands a big team's member is offered.
 */
class Ranking {
  private readonly list: Ranked[] = []
  constructor(private readonly k: number) {}

  /** Whether a move missing by this much may still enter (else it need not be built). */
  admits(miss: number): boolean {
    return this.list.length < this.k || miss <= (this.list[this.list.length - 1] as Ranked).miss
  }

  add(move: Move, miss: number): void {
    if (!this.admits(miss)) return
    const entry = { move, miss }
    // after every entry ranked the same or better: a later find loses a tie, as in a stable sort
    let lo = 0
    let hi = this.list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareRanked(this.list[mid] as Ranked, entry) <= 0) lo = mid + 1
      else hi = mid
    }
    if (lo >= this.k) return
    this.list.splice(lo, 0, entry)
    if (this.list.length > this.k) this.list.pop()
  }

  moves(): Move[] {
    return this.list.map((r) => r.move)
  }
}

/** How much a ranking's miss weighs against a shift's worth of fairness.load's excess. */
const EXCESS_RANK = 4
/** Trials for a small plan's last descent where fairness.load is still broken. */
const LOAD_BUDGET = 20_000

/**
 * How the sum of everyone's distance beyond fairness.load would change were `load` handed from giver
 * to taker, each measured in their own unit (an estimate: the hours a move frees are not resolved).
 */
function excessChange(state: State, giver: number, taker: number, load: number): number {
  const bound = state.opts.maxDeviation
  const beyond = (d: number): number => Math.max(0, Math.abs(d) - bound)
  const dg = state.dev[giver] as number
  const dt = state.dev[taker] as number
  const ug = state.unit[giver] as number
  const ut = state.unit[taker] as number
  const ng = ug > 0 ? dg - load / ug : dg
  const nt = ut > 0 ? dt + load / ut : dt
  return beyond(ng) + beyond(nt) - beyond(dg) - beyond(dt)
}

/**
 * The moves worth trying for a member: shed load when above their share, take some when below —
 * give a shift to a partner, or swap it for a lighter (heavier) one of theirs. Each is ranked by how
 * close the load it moves comes to halving the two members' difference, and only the best few are
 * tried: a trial costs a re-resolve, the ranking a subtraction.
 */
function candidates(state: State, m: number, movable: (c: number) => boolean, big: boolean, reach: number, interior = false, passOn = false): Move[] {
  const model = state.model
  const devM = state.dev[m] as number
  const over = devM > 0
  const unitM = state.unit[m] as number
  const ranked = new Ranking(big ? TRIES_BIG : TRIES)
  // partners on the other side of m, furthest first; big teams look at the few furthest (per
  // position, asked once for each of m's shifts there)
  const partnersOf = new Map<number, number[]>()
  const partners = (pos: Position): number[] => {
    const known = partnersOf.get(pos.id)
    if (known) return known
    const list = Array.from(pos.members).filter((y) => y !== m && (over ? (state.dev[y] as number) < devM : (state.dev[y] as number) > devM))
    list.sort((x, y) => (over ? (state.dev[x] as number) - (state.dev[y] as number) : (state.dev[y] as number) - (state.dev[x] as number)) || x - y)
    const out = big ? list.slice(0, 6) : list
    partnersOf.set(pos.id, out)
    return out
  }
  // a partner's movable shifts by start, with the load each carries for them: a swap partner's
  // shifts are looked up by time (within reach of the shift given) instead of scanned whole for every
  // shift (the ranking below orders the moves completely, so the order they are found in is free)
  const span = big ? reach : 3 * reach
  const heldBy = new Map<number, Array<{ d: number; start: number; pos: number; load: number }>>()
  const heldByStart = (y: number): Array<{ d: number; start: number; pos: number; load: number }> => {
    let list = heldBy.get(y)
    if (list) return list
    list = []
    for (const d of state.held[y] as Set<number>) {
      if (!movable(d)) continue
      const other = model.cells[d] as Cell
      list.push({ d, start: other.start, pos: other.pos, load: cellLoad(model, other, y) })
    }
    list.sort((a, b) => a.start - b.start || a.d - b.d)
    heldBy.set(y, list)
    return list
  }
  // A big team's few tries go first to moves that bring people back inside fairness.load: by the
  // halving measure alone, handing a half-weight shift to a mate just inside the bound ranks above
  // handing a whole one to a mate far below their share, and a member above the bound in several
  // rotations can fill all their tries with the first kind, which the score then refuses.
  const rank = (giver: number, taker: number, load: number, miss: number): number =>
    big ? miss + EXCESS_RANK * excessChange(state, giver, taker, load) : miss
  const consider = (cell: Cell, giver: number, taker: number): void => {
    const gap = Math.abs((state.dev[giver] as number) - (state.dev[taker] as number)) / 2
    const unit = unitM > 0 ? unitM : 1
    const load = cellLoad(model, cell, giver)
    if (mostlyThere(state, cell, taker)) {
      const busy = cell.overlaps.filter((o) => state.holder[o] === taker)
      if (busy.length === 0) ranked.add({ c: cell.id, to: taker }, rank(giver, taker, load, Math.abs(load / unit - gap)))
      else {
        // planning from a record, a move that hands on several of its shifts is not worth it
        const displaced = state.rec ? undefined : displace(state, busy, giver, taker, movable)
        if (displaced) ranked.add({ ...displaced.first, then: [...displaced.rest, { c: cell.id, to: taker }] }, rank(giver, taker, load - displaced.shed, Math.abs((load - displaced.shed) / unit - gap)))
      }
    }
    const theirs = heldByStart(taker)
    let lo = 0
    let hi = theirs.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((theirs[mid] as { start: number }).start < cell.start - span) lo = mid + 1
      else hi = mid
    }
    for (let k = lo; k < theirs.length; k++) {
      const { d, start, pos, load: back } = theirs[k] as { d: number; start: number; pos: number; load: number }
      if (start > cell.start + span) break
      if ((model.positions[pos] as Position).isMember[giver] !== 1 || back >= load) continue
      const miss = rank(giver, taker, load - back, Math.abs((load - back) / unit - gap))
      if (ranked.admits(miss)) ranked.add({ c: cell.id, to: taker, d }, miss)
    }
  }
  if (over) {
    for (const c of state.held[m] as Set<number>) {
      if (!movable(c)) continue
      const cell = model.cells[c] as Cell
      for (const y of partners(model.positions[cell.pos] as Position)) consider(cell, m, y)
    }
  } else {
    // under: take a shift of someone above, in a position m may hold
    const mine = new Set(model.positions.filter((p) => p.isMember[m] === 1).map((p) => p.id))
    const givers = new Set<number>()
    for (const p of mine) for (const y of partners(model.positions[p] as Position)) givers.add(y)
    for (const y of givers) {
      for (const c of state.held[y] as Set<number>) {
        if (!movable(c) || !mine.has((model.cells[c] as Cell).pos)) continue
        consider(model.cells[c] as Cell, y, m)
      }
    }
  }
  // A big team's member beyond fairness.load whose rotation-mates are all as far above: a mate in
  // several rotations takes the shift and passes one of theirs in another rotation, near in time, to
  // a member there with room (the hub between a crowded rotation and quieter ones).
  if (passOn && over && devM > state.opts.maxDeviation) {
    const bound = state.opts.maxDeviation
    for (const c of state.held[m] as Set<number>) {
      if (!movable(c)) continue
      const cell = model.cells[c] as Cell
      const load = cellLoad(model, cell, m)
      for (const y of (model.positions[cell.pos] as Position).members) {
        if (y === m || (state.rotationsOf[y] as number[]).length < 2 || !mostlyThere(state, cell, y)) continue
        for (const d of state.held[y] as Set<number>) {
          const other = model.cells[d] as Cell
          if (other.pos === cell.pos || !movable(d) || Math.abs(other.start - cell.start) > reach) continue
          // y must be free for c once d is gone
          if (cell.overlaps.some((o) => o !== d && state.holder[o] === y)) continue
          // the member there with most room, at least half a shift inside the bound
          let z = -1
          for (const x of (model.positions[other.pos] as Position).members) {
            if (x === y || x === m || (state.dev[x] as number) >= bound - 0.5 || !mayHold(state, other, x) || !mostlyThere(state, other, x)) continue
            if (z < 0 || (state.dev[x] as number) < (state.dev[z] as number)) z = x
          }
          if (z < 0) continue
          const passed = cellLoad(model, other, y)
          const miss = rank(m, z, Math.min(load, passed), Math.abs(load / (unitM > 0 ? unitM : 1) - (devM - (state.dev[z] as number)) / 2))
          if (ranked.admits(miss)) ranked.add({ c: d, to: z, then: [{ c, to: y }] }, miss)
        }
      }
    }
  }
  coverMoves(state, m, movable, !big, interior, (move, load, giver, taker) => {
    const gap = Math.abs((state.dev[giver] as number) - (state.dev[taker] as number)) / 2
    ranked.add(move, rank(giver, taker, load, Math.abs(load / (unitM > 0 ? unitM : 1) - gap)))
  })
  if (!big) {
    const others = new Set<number>()
    for (const p of model.positions) if (p.isMember[m] === 1) for (const y of partners(p)) others.add(y)
    for (const y of others) {
      const [giver, taker] = over ? [m, y] : [y, m]
      const gap = Math.abs((state.dev[giver] as number) - (state.dev[taker] as number)) / 2
      for (const t of trades(state, giver, taker, movable)) {
        ranked.add(t.move, Math.abs(t.load / (unitM > 0 ? unitM : 1) - gap))
      }
    }
  }
  return ranked.moves()
}

/**
 * Moves that even out holiday days and investor-period shifts within a rotation: a shift of the
 * member with the most goes to the member with the fewest, or the two swap shifts.
 */
function* spreadMoves(state: State, movable: (c: number) => boolean, big: boolean): Generator<Move> {
  let yielded = 0
  for (const move of allSpreadMoves(state, movable)) {
    yield move
    if (big && ++yielded >= 48) return
  }
}

function* allSpreadMoves(state: State, movable: (c: number) => boolean): Generator<Move> {
  const model = state.model
  const counts: Array<(m: number) => number> = [(m) => state.holidayDaysOf(m), (m) => state.investorOf(m)]
  for (const [kind, count] of counts.entries()) {
    for (const pos of model.positions) {
      const groups = kind === 0 ? state.holidayGroupsOf(pos.rot) : [Array.from(pos.members)]
      for (const members of groups) {
      if (members.length < 2) continue
      const most = members.reduce((a, b) => (count(b) > count(a) ? b : a))
      const least = members.reduce((a, b) => (count(b) < count(a) ? b : a))
      if (count(most) - count(least) <= 1) continue
      for (const c of sortedCells(state.held[most] as Set<number>)) {
        if (!movable(c)) continue
        const cell = model.cells[c] as Cell
        if (cell.pos !== pos.id) continue
        const relevant = kind === 0 ? touchesHoliday(model, cell, most) : cell.investor
        if (!relevant) continue
        yield { c, to: least }
        for (const d of sortedCells(state.held[least] as Set<number>)) {
          const other = model.cells[d] as Cell
          if (!movable(d) || (model.positions[other.pos] as Position).isMember[most] !== 1) continue
          const otherRelevant = kind === 0 ? touchesHoliday(model, other, least) : other.investor
          if (!otherRelevant && Math.abs(other.start - cell.start) < 60 * 86_400_000) yield { c, to: least, d }
        }
      }
      }
    }
  }
}

/**
 * First moves for `evenOut`: a relevant shift (investor week, holiday) of the member with the most
 * to the member with the fewest, as a swap for a plain one, lightest load change first; each with
 * the second moves between the two members that could give the load back.
 */
function* spreadPairs(state: State, movable: (c: number) => boolean): Generator<{ c: number; to: number; d?: number; back: () => Generator<Move> }> {
  const model = state.model
  const counts: Array<(m: number) => number> = [(m) => state.holidayDaysOf(m), (m) => state.investorOf(m)]
  for (const [kind, count] of counts.entries()) {
    const relevant = (cell: Cell, m: number): boolean => (kind === 0 ? touchesHoliday(model, cell, m) : cell.investor)
    for (const pos of model.positions) {
      const groups = kind === 0 ? state.holidayGroupsOf(pos.rot) : [Array.from(pos.members)]
      for (const members of groups) {
        if (members.length < 2) continue
        // the pairs furthest apart first
        const pairs: Array<[number, number]> = []
        for (const hi of members) for (const lo of members) if (count(hi) - count(lo) > 1) pairs.push([hi, lo])
        pairs.sort((x, y) => count(y[0]) - count(y[1]) - (count(x[0]) - count(x[1])) || x[0] - y[0] || x[1] - y[1])
        for (const [most, least] of pairs.slice(0, 6)) {
        const firsts: Array<{ c: number; d: number; delta: number }> = []
        for (const c of sortedCells(state.held[most] as Set<number>)) {
          const cell = model.cells[c] as Cell
          if (!movable(c) || cell.pos !== pos.id || !relevant(cell, most)) continue
          for (const d of sortedCells(state.held[least] as Set<number>)) {
            const other = model.cells[d] as Cell
            if (!movable(d) || relevant(other, least) || (model.positions[other.pos] as Position).isMember[most] !== 1) continue
            firsts.push({ c, d, delta: Math.abs(cellLoad(model, cell, most) - cellLoad(model, other, least)) })
          }
        }
        firsts.sort((x, y) => x.delta - y.delta || x.c - y.c || x.d - y.d)
        for (const { c, d } of firsts.slice(0, 6)) {
          yield {
            c, to: least, d,
            back: function* (): Generator<Move> {
              // after the swap: give some load back from `least` to `most`, leaving relevant shifts be
              for (const e of sortedCells(state.held[least] as Set<number>)) {
                const ec = model.cells[e] as Cell
                if (!movable(e) || relevant(ec, least) || (model.positions[ec.pos] as Position).isMember[most] !== 1) continue
                yield { c: e, to: most }
                for (const f of sortedCells(state.held[most] as Set<number>)) {
                  const fc = model.cells[f] as Cell
                  if (!movable(f) || relevant(fc, most) || (model.positions[fc.pos] as Position).isMember[least] !== 1) continue
                  yield { c: e, to: most, d: f }
                }
              }
            }
          }
        }
        }
      }
    }
  }
}

function touchesHoliday(model: Model, cell: Cell, m: number): boolean {
  for (let a = cell.a0; a < cell.a1; a++) if (model.onHoliday(a, m)) return true
  return false
}

/**
 * Covers handed between members: where a shift's holder cannot hold some hours (away, or their own
 * holiday), whoever covers them may change — a run of the cover's hours, or any one atom of it, goes
 * to a member on the other side of m's share who is free then. The shift stays its holder's.
 */
function coverMoves(state: State, m: number, movable: (c: number) => boolean, split: boolean, interior: boolean, push: (move: Move, load: number, giver: number, taker: number) => void): void {
  const model = state.model
  const A = state.A
  const over = (state.dev[m] as number) > 0
  for (const pos of model.positions) {
    if (pos.isMember[m] !== 1) continue
    for (const c of pos.cells) {
      if (!movable(c) || state.frozen[c] === 1) continue
      const cell = model.cells[c] as Cell
      const h = state.holder[c] as number
      let a = cell.a0
      while (a < cell.a1) {
        const i = pos.id * A + a
        const y = state.assign[i] as number
        if (y < 0 || y === h || state.fixedKind[i] !== 0 || (model.unitAt[i] as number) >= 0) {
          a++
          continue
        }
        let b = a + 1
        while (b < cell.a1 && state.assign[pos.id * A + b] === y && state.fixedKind[pos.id * A + b] === 0 && (model.unitAt[pos.id * A + b] as number) < 0) b++
        // m gives a run of its own covers away, or takes a run from someone further from their share
        const takers = over ? (y === m ? Array.from(pos.members).filter((t) => t !== m && (state.dev[t] as number) < (state.dev[m] as number)) : []) : (y !== m && (state.dev[y] as number) > (state.dev[m] as number) ? [m] : [])
        for (const t of takers) {
          const free = (x: number): boolean => (state.busy[x * state.n + t] as number) < 0 && model.eligible(pos.id, x, t) && !(model.avoid && model.onHoliday(x, t))
          let load = 0
          let whole = true
          for (let x = a; x < b; x++) {
            if (!free(x)) whole = false
            load += model.load(pos.id, x, y)
          }
          if (whole) push({ c, to: t, atoms: [a, b] }, load, y, t)
          if (b - a > 1) {
            for (let x = a; x < b; x++) if (free(x)) push({ c, to: t, atoms: [x, x + 1] }, model.load(pos.id, x, y), y, t)
          }
        }
        a = b
      }
      if (split) splitMoves(state, pos, cell, m, interior, push)
    }
  }
}

/**
 * A shift shared: the one side of m takes the first or the last hours of a shift its holder keeps
 * (a cover at one end). Whole shifts move in steps of a week on a weekly rota; on a short horizon, or
 * where rotations overlap, the fair split can lie between them.
 */
function splitMoves(state: State, pos: Position, cell: Cell, m: number, interior: boolean, push: (move: Move, load: number, giver: number, taker: number) => void): void {
  const model = state.model
  const A = state.A
  const h = state.holder[cell.id] as number
  if (h < 0) return
  const devM = state.dev[m] as number
  const takers = h === m
    ? Array.from(pos.members).filter((t) => t !== m && (state.dev[t] as number) < devM)
    : (state.dev[h] as number) > devM ? [m] : []
  const own = (x: number): boolean => {
    const i = pos.id * A + x
    return state.assign[i] === h && state.fixedKind[i] === 0 && (model.unitAt[i] as number) < 0
  }
  for (const t of takers) {
    const free = (x: number): boolean => own(x) && (state.busy[x * state.n + t] as number) < 0 && model.eligible(pos.id, x, t) && !(model.avoid && model.onHoliday(x, t))
    let load = 0
    for (let x = cell.a0; x < cell.a1 - 1 && free(x); x++) {
      load += model.load(pos.id, x, h)
      push({ c: cell.id, to: t, atoms: [cell.a0, x + 1] }, load, h, t)
    }
    load = 0
    for (let x = cell.a1 - 1; x > cell.a0 && free(x); x--) {
      load += model.load(pos.id, x, h)
      push({ c: cell.id, to: t, atoms: [x, cell.a1] }, load, h, t)
    }
    // on the fairness-first detour, any run of hours inside the shift too (a day's cover mid-week)
    if (!interior) continue
    for (let x = cell.a0 + 1; x < cell.a1 - 1; x++) {
      load = 0
      for (let y = x; y < cell.a1 - 1 && free(y); y++) {
        load += model.load(pos.id, y, h)
        push({ c: cell.id, to: t, atoms: [x, y + 1] }, load, h, t)
      }
    }
  }
}

/**
 * Ejection chains from the member furthest below their share: they take a shift from someone, who
 * takes a like shift from someone else, and so on (up to three steps) until the last giver is above
 * their share — load moves from the top to the bottom through members who stay where they are.
 */
function chains(state: State, movable: (c: number) => boolean, big: boolean): Move[] {
  const model = state.model
  const members = model.ids.map((_, m) => m).filter((m) => state.inRotations(m))
  if (members.length < 3) return []
  const low = members.reduce((a, b) => ((state.dev[b] as number) < (state.dev[a] as number) ? b : a))
  if ((state.dev[low] as number) >= -POLISH) return []
  const found: Array<{ move: Move; miss: number }> = []
  const limit = big ? 12 : 40
  // a step: `taker` takes a shift of `giver` in a position the taker belongs to, close in load to `like`
  // (`freed`: the shift the taker just gave up in the chain, the only one of theirs it may overlap)
  const steps = (taker: number, giver: number, like: number, freed: number): Array<{ c: number; load: number }> => {
    const out: Array<{ c: number; load: number }> = []
    for (const c of state.held[giver] as Set<number>) {
      if (!movable(c)) continue
      const cell = model.cells[c] as Cell
      if ((model.positions[cell.pos] as Position).isMember[taker] !== 1) continue
      if (cell.overlaps.some((o) => o !== freed && state.holder[o] === taker)) continue
      if (!mostlyThere(state, cell, taker)) continue
      const load = cellLoad(model, cell, giver)
      out.push({ c, load })
    }
    out.sort((x, y) => Math.abs(x.load - like) - Math.abs(y.load - like) || x.c - y.c)
    return out.slice(0, like > 0 ? 3 : 6)
  }
  // givers: the taker's rotation-mates, highest above their share first (a big team: the first few);
  // the walk ends after a fixed number of steps looked at
  const byDev = [...members].sort((x, y) => (state.dev[y] as number) - (state.dev[x] as number) || x - y)
  const mates = (taker: number): number[] => {
    const out = byDev.filter((y) => y !== taker && model.positions.some((p) => p.isMember[taker] === 1 && p.isMember[y] === 1))
    return big ? out.slice(0, 6) : out
  }
  let looked = 0
  const maxLooks = big ? 400 : 4000
  const walk = (taker: number, path: Move[], used: Set<number>, like: number): void => {
    if (found.length >= limit || path.length >= 3) return
    const freed = path.length > 0 ? (path[path.length - 1] as Move).c : -1
    for (const giver of mates(taker)) {
      if (used.has(giver)) continue
      if (++looked > maxLooks) return
      for (const { c, load } of steps(taker, giver, like, freed)) {
        const move: Move = { c, to: taker }
        const chain = [...path, move]
        if ((state.dev[giver] as number) > POLISH) {
          const [first, ...rest] = chain as [Move, ...Move[]]
          found.push({ move: { ...first, then: rest }, miss: chain.length })
        }
        walk(giver, chain, new Set([...used, giver]), like > 0 ? like : load)
        if (found.length >= limit) return
      }
    }
  }
  walk(low, [], new Set([low]), 0)
  found.sort((x, y) => x.miss - y.miss)
  return found.map((f) => f.move)
}

/** At most this many of the taker's shifts handed on to make room for one (a week of daily shifts). */
const DISPLACE_MAX = 8

/**
 * Room for a taker who is on call elsewhere during the shift they are to take: each of their shifts
 * that overlaps it goes to a third member (in that shift's rotation, free then, lowest below their
 * share first). A weekly shift of one rotation cannot go to someone holding daily shifts of another
 * otherwise, and neither a swap with the giver (not in that rotation) nor a chain (each step one
 * shift) frees them. `shed`: the load the taker hands on.
 */
function displace(
  state: State, busy: number[], giver: number, taker: number, movable: (c: number) => boolean
): { first: Move; rest: Move[]; shed: number } | undefined {
  if (busy.length > DISPLACE_MAX || !busy.every(movable)) return undefined
  const model = state.model
  const moves: Move[] = []
  let shed = 0
  for (const o of busy) {
    const cell = model.cells[o] as Cell
    let best = -1
    for (const y of (model.positions[cell.pos] as Position).members) {
      if (y === giver || y === taker || !mayHold(state, cell, y) || !mostlyThere(state, cell, y)) continue
      if (best < 0 || (state.dev[y] as number) < (state.dev[best] as number)) best = y
    }
    if (best < 0) return undefined
    moves.push({ c: o, to: best })
    shed += cellLoad(model, cell, taker)
  }
  const [first, ...rest] = moves as [Move, ...Move[]]
  return { first, rest, shed }
}

const TRADE_BLOCKS = 6

/**
 * Two members trade everything they hold over a stretch of time: the giver's shifts there go to the
 * taker and the taker's to the giver. Where two rotations hand over at different hours, each
 * member's shifts interlock with the other's, and no single move or swap of two shifts is free to
 * make; a trade between two instants where neither member is mid-shift is, for every shift the
 * other may hold. The stretches are runs of up to TRADE_BLOCKS blocks (the two members' shifts
 * grouped where they overlap); `load` is what the giver sheds.
 */
function trades(state: State, giver: number, taker: number, movable: (c: number) => boolean): Array<{ move: Move; load: number }> {
  const model = state.model
  const cells = [...(state.held[giver] as Set<number>), ...(state.held[taker] as Set<number>)]
    .map((c) => model.cells[c] as Cell)
    .sort((x, y) => x.start - y.start || x.id - y.id)
  // blocks: overlapping cells of the two members, each with the cells that change hands and the net
  // load the giver sheds; a shift the other may not hold (not their rotation, away, fixed) stays put,
  // and the trade is tried only if what stays clashes with nothing that comes
  const blocks: Array<{ list: Array<[number, number]>; load: number }> = []
  let end = -Infinity
  for (const cell of cells) {
    const from = state.holder[cell.id] as number
    const to = from === giver ? taker : giver
    const moves = movable(cell.id) && (model.positions[cell.pos] as Position).isMember[to] === 1 && mostlyThere(state, cell, to)
    const load = !moves ? 0 : from === giver ? cellLoad(model, cell, giver) : -cellLoad(model, cell, taker)
    const last = cell.start < end ? blocks[blocks.length - 1] : undefined
    const block = last ?? { list: [], load: 0 }
    if (!last) blocks.push(block)
    if (moves) block.list.push([cell.id, to])
    block.load += load
    end = Math.max(end, cell.end)
  }
  const out: Array<{ move: Move; load: number }> = []
  for (let i = 0; i < blocks.length; i++) {
    let load = 0
    const list: Array<[number, number]> = []
    for (let j = i; j < blocks.length && j < i + TRADE_BLOCKS; j++) {
      const block = blocks[j] as (typeof blocks)[number]
      load += block.load
      list.push(...block.list)
      // one cell is a plain move, already among the candidates; a trade that sheds nothing is no help
      if (list.length < 2 || load <= 0) continue
      const [c, to] = list[0] as [number, number]
      out.push({ move: { c, to, trade: [...list] }, load })
    }
  }
  return out
}

function sortedCells(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b)
}

/** A member the search may make a shift's holder: there for some of it (covers take the rest). */
function mostlyThere(state: State, cell: Cell, m: number): boolean {
  return absentHours(state, cell, m) < spanHours(state.model, cell)
}

function spanHours(model: Model, cell: Cell): number {
  return (cell.end - cell.start) / 3_600_000
}
