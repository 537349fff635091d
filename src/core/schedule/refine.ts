// After the fairness search (improve.ts): moves that even out own public holidays worked and
// investor-period shifts, and give members rest between shifts of one role, without taking anyone
// beyond the fairness bound or changing more than the churn budget. Lexicographic: churn beyond the
// budget, fairness beyond the bound, holiday spread, investor spread, rest, holidays worked, churn,
// then the largest deviation and the sum of squares. Every figure is kept incrementally
// (search-state.ts): a candidate is scored from the few members and slots it touches.
import type { Cell, Model } from './model.js'
import type { RotationTable, SearchOptions } from './search-state.js'
import { SearchState, spreadExcess } from './search-state.js'

type Score = number[]

// Differences smaller than these are not worth a round (or a changed shift).
const POLISH = [1e-9, 1e-6, 1e-9, 1e-9, 1e-9, 1e-9, 1e-9, 5e-3, 1e-3]

function better(a: Score, b: Score): boolean {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (Math.abs(d) > (POLISH[i] ?? 1e-9)) return d < 0
  }
  return false
}

// how far apart two swapped shifts may lie; a small plan looks across its whole horizon
const SWAP_REACH = 8
const SMALL = 1_000
// candidate moves scored in full over the whole search: a wide team's spreads are often beyond any swap
// (people join and leave), and trying every pair would cost more than it finds; a small team's
// moves are cheap and its members notice every holiday
const BUDGET = 4_000
const SMALL_BUDGET = 20_000

interface Move {
  score: Score
  cells: Array<[Cell, string]>
}

/** Refines the assignment in place; returns each member's load above their fair share. */
export function refine(model: Model, opts: SearchOptions): Array<Map<string, number>> {
  const state = new SearchState(model, opts)
  const movable = new Uint8Array(model.cells.length)
  const byHolder = new Map<string, Set<Cell>>()
  let movableCount = 0
  for (const c of model.cells) {
    if (c.fixed || c.swapWhole || c.swaps.length > 0 || c.member === null) continue
    movable[c.id] = 1
    movableCount++
    const key = `${c.rot}|${c.member}`
    const set = byHolder.get(key) ?? new Set<Cell>()
    set.add(c)
    byHolder.set(key, set)
  }
  // covers move load after the search, and the state's targets ignore them: keep a margin
  const bound = Math.max(opts.maxDeviation / 2, opts.maxDeviation - 0.3)
  const excessOf = (d: number): number => Math.max(0, Math.abs(d) - bound)
  const reach = movableCount <= SMALL ? model.slots.length : SWAP_REACH
  // a member whose moves found nothing is skipped until something in their rotation changes
  const stuck = new Set<string>()
  let budget = movableCount <= SMALL ? SMALL_BUDGET : BUDGET

  const eligible = (c: Cell, m: string, leaving: string | null): boolean => {
    const busy = state.busy[c.slot]
    if (!busy || (busy.has(m) && m !== leaving)) return false
    return model.presence(m, c.slot) === 2 && model.investorOk(m, c.slot)
  }

  for (let round = 0; round < movableCount + 50 && budget > 0; round++) {
    let excess = 0
    let sumSq = 0
    let hSpread = 0
    let iSpread = 0
    const ranked: Array<{ rot: number; i: number; abs: number }> = []
    state.tables.forEach((t, rot) => {
      for (let i = 0; i < t.members.length; i++) {
        const d = t.dev[i] ?? 0
        excess += excessOf(d)
        sumSq += d * d
        ranked.push({ rot, i, abs: Math.abs(d) })
      }
      hSpread += spreadExcess(t.holidays, undefined, opts.holidaySpread)
      iSpread += spreadExcess(t.investor, undefined, opts.investorSpread)
    })
    if (hSpread === 0 && iSpread === 0 && state.rest === 0 && state.worked === 0) break
    ranked.sort((a, b) => b.abs - a.abs || a.rot - b.rot || a.i - b.i)
    const score = (ex: number, worked: number, hs: number, is: number, rest: number, churn: number, mx: number, sq: number): Score =>
      [Math.max(0, churn - opts.churnBudget), ex, hs, is, rest, worked, churn, mx, sq]
    const current = score(excess, state.worked, hSpread, iSpread, state.rest, state.churn, ranked[0]?.abs ?? 0, sumSq)

    const evaluate = (rot: number, moves: Array<[Cell, string]>): Score | null => {
      const t = state.tables[rot] as RotationTable
      let ex = excess
      let sq = sumSq
      let mx = 0
      const loads = new Map<number, number>()
      const inv = new Map<number, number>()
      let dChurn = 0
      for (const [c, m] of moves) {
        dChurn += state.churnOf(c, m) - state.churnOf(c, c.member)
        if (!state.counted[c.id]) continue
        const from = t.index.get(c.member as string) as number
        const to = t.index.get(m) as number
        loads.set(from, (loads.get(from) ?? 0) - model.cellLoad(c, c.member as string))
        loads.set(to, (loads.get(to) ?? 0) + model.cellLoad(c, m))
        if ((model.slots[c.slot]?.investorDates.length ?? 0) === 0) continue
        inv.set(from, (inv.get(from) ?? 0) - 1)
        inv.set(to, (inv.get(to) ?? 0) + 1)
      }
      for (const [i, delta] of loads) {
        const before = t.dev[i] ?? 0
        const after = before + delta / t.unit
        ex += excessOf(after) - excessOf(before)
        sq += after * after - before * before
        mx = Math.max(mx, Math.abs(after))
      }
      // what comes first in the order decides alone: a move past the bound or the budget is out
      const churnOver = Math.max(0, state.churn + dChurn - opts.churnBudget)
      if (churnOver > (current[0] ?? 0) || (churnOver === current[0] && ex > excess + 1e-6)) return null
      budget--
      const dRest = restDelta(moves)
      const holidays = state.holidayDelta(moves)
      // polishing loads alone is improve.ts's work; here a move must change holidays, investor or rest
      if (!holidays && inv.size === 0 && dRest === 0 && churnOver === current[0]) return null
      const untouched = ranked.find((r) => !(r.rot === rot && loads.has(r.i)))
      mx = Math.max(mx, untouched?.abs ?? 0)
      let worked = state.worked
      let hs = hSpread
      for (const [table, changes] of holidays ?? []) {
        for (const n of changes.values()) worked += n
        hs += spreadExcess(table.holidays, changes, opts.holidaySpread) - spreadExcess(table.holidays, undefined, opts.holidaySpread)
      }
      let is = iSpread
      if (inv.size > 0) is += spreadExcess(t.investor, inv, opts.investorSpread) - spreadExcess(t.investor, undefined, opts.investorSpread)
      return score(ex, worked, hs, is, state.rest + dRest, state.churn + dChurn, mx, sq)
    }
    // rest clashes before and after, counting each pair from both sides as the state does
    const restDelta = (moves: Array<[Cell, string]>): number => {
      const was = moves.map(([c]) => c.member)
      let before = 0
      for (const [c] of moves) before += c.member ? 2 * state.clashes(c, c.member) : 0
      for (const [c, m] of moves) c.member = m
      let after = 0
      for (const [c, m] of moves) after += 2 * state.clashes(c, m)
      moves.forEach(([c], k) => { c.member = was[k] ?? null })
      return after - before
    }

    let best: Move | null = null
    const consider = (rot: number, moves: Array<[Cell, string]>): void => {
      const s = evaluate(rot, moves)
      if (s && better(s, best?.score ?? current)) best = { score: s, cells: moves }
    }

    // who to look at: the extremes of each spread beyond its bound, then members resting too little
    const focus: Array<{ rot: number; member: string }> = []
    const add = (rot: number, member: string | undefined): void => {
      if (member !== undefined && !focus.some((f) => f.rot === rot && f.member === member) && !stuck.has(`${rot}|${member}`)) focus.push({ rot, member })
    }
    state.tables.forEach((t, rot) => {
      for (const [counts, allowed] of [[t.holidays, opts.holidaySpread], [t.investor, opts.investorSpread]] as const) {
        if (spreadExcess(counts, undefined, allowed) === 0) continue
        const hi = Math.max(...counts)
        const lo = Math.min(...counts)
        counts.forEach((v, i) => { if (v === hi || v === lo) add(rot, t.members[i]) })
      }
    })
    if (state.rest > 0) {
      for (const c of model.cells) if (movable[c.id] && c.member && state.clashes(c, c.member) > 0) add(c.rot, c.member)
    }
    // then anyone still working an own public holiday nobody could cover
    if (state.worked > 0) state.tables.forEach((t, rot) => t.holidays.forEach((n, i) => { if (n > 0) add(rot, t.members[i]) }))

    for (const f of focus) {
      const t = state.tables[f.rot] as RotationTable
      const a = f.member
      for (const c of byHolder.get(`${f.rot}|${a}`) ?? []) {
        for (const b of t.members) if (b !== a && eligible(c, b, a)) consider(f.rot, [[c, b]])
      }
      // swaps both ways: a's shift for another's, and another's shift for a's
      for (const c of byHolder.get(`${f.rot}|${a}`) ?? []) {
        for (let s = Math.max(0, c.slot - reach); s <= Math.min(model.slots.length - 1, c.slot + reach); s++) {
          for (const d of model.cellsBySlot[s] ?? []) {
            if (d.rot !== c.rot || d === c || !movable[d.id] || d.member === a || d.member === null) continue
            const b = d.member
            if (d.slot !== c.slot && (!eligible(d, a, b) || !eligible(c, b, a))) continue
            if (d.slot === c.slot && (model.presence(a, d.slot) !== 2 || model.presence(b, c.slot) !== 2)) continue
            consider(f.rot, [[c, b], [d, a]])
          }
        }
      }
      if (best) break
      stuck.add(`${f.rot}|${f.member}`)
    }
    const chosen = best as Move | null
    if (!chosen) break
    const rot = chosen.cells[0]?.[0].rot ?? 0
    for (const [c, m] of chosen.cells) {
      const from = c.member as string
      byHolder.get(`${c.rot}|${from}`)?.delete(c)
      const set = byHolder.get(`${c.rot}|${m}`) ?? new Set<Cell>()
      set.add(c)
      byHolder.set(`${c.rot}|${m}`, set)
      state.assign(c, m)
    }
    state.retarget(state.tables[rot] as RotationTable)
    for (const key of [...stuck]) if (key.startsWith(`${rot}|`)) stuck.delete(key)
  }
  return state.deficits()
}
