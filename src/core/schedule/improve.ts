// Local search after the greedy pass: reassign one shift or swap two, accepting a move only when it
// improves the schedule lexicographically — churn beyond what the change forces, holiday avoidance,
// fairness beyond the rule's bound, churn, rest, then the largest deviation and the sum of squares.
import type { Cell, Model } from './model.js'

export interface ImproveOptions {
  windowFrom: number
  maxDeviation: number
  /** Cells whose lock member became unavailable, plus a little room to rebalance. */
  churnBudget: number
  /** Loads outside the cells (kept history), per rotation and member. */
  history: Array<Map<string, number>>
  holidaySpread?: number
  investorSpread?: number
}

/** Churn beyond the budget, holiday avoidance, excess over the bound, churn, rest, largest deviation, Σ squares. */
type Score = ArrayLike<number>

/** A scored move: `c` goes to `to`; with `d`, a swap, `d` goes to c's member. */
interface Candidate {
  c: Cell
  d: Cell | null
  to: string
  deltas: [number, number, number]
}

// Polishing the deviations by less than this is not worth a round (or a changed shift).
const POLISH = [1e-9, 1e-9, 1e-6, 1e-9, 1e-9, 5e-3, 1e-3]

function better(a: Score, b: Score): boolean {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (Math.abs(d) > (POLISH[i] ?? 1e-9)) return d < 0
  }
  return false
}

interface Fairness {
  load: Map<string, number>
  target: Map<string, number>
  unit: number
}

const SWAP_REACH = 4
const FOCUS = 12
const SETTLED = 0.25

export function improve(model: Model, opts: ImproveOptions): Array<Map<string, number>> {
  const counted = (c: Cell): boolean => (model.slots[c.slot]?.end ?? 0) > opts.windowFrom
  const movable = model.cells.filter((c) => !c.fixed && !c.swapWhole && c.swaps.length === 0 && c.member !== null)
  const isMovable = new Uint8Array(model.cells.length)
  for (const c of movable) isMovable[c.id] = 1
  // swap partners are looked for among a slot's cells of one rotation: index them once, in slot order
  const bySlotRot: Cell[][][] = model.cellsBySlot.map((cells) => {
    const lists: Cell[][] = model.rotations.map(() => [])
    for (const c of cells) lists[c.rot]?.push(c)
    return lists
  })
  // who holds something in each slot, as flags by slot and member place in the team: the search
  // asks this for every candidate
  const teamSize = model.plan.team.length
  const busyFlags = new Uint8Array(model.slots.length * teamSize)
  const markBusy = (slot: number): void => {
    busyFlags.fill(0, slot * teamSize, (slot + 1) * teamSize)
    for (const m of model.busy(slot)) {
      const mi = model.memberNo(m)
      if (mi >= 0) busyFlags[slot * teamSize + mi] = 1
    }
  }
  model.slots.forEach((_, s) => markBusy(s))

  // availability never changes during the search: the target shares are computed once
  const shares = model.rotations.map((rotation) => {
    const share = new Map(rotation.members.map((m) => [m, 0]))
    let sum = 0
    model.slots.forEach((info, s) => {
      if (info.end <= opts.windowFrom) return
      for (const m of rotation.members) {
        const w = model.weightedAvailability(m, s)
        share.set(m, (share.get(m) ?? 0) + w)
        sum += w
      }
    })
    return { share, sum }
  })

  const cellsByRot = model.rotations.map((_, rot) => model.cells.filter((c) => c.rot === rot))
  const fairOf = (rot: number): Fairness => {
      const rotation = model.rotations[rot] as (typeof model.rotations)[number]
      const load = new Map(rotation.members.map((m) => [m, opts.history[rot]?.get(m) ?? 0]))
      let total = [...load.values()].reduce((a, b) => a + b, 0)
      let primary = 0
      let primaryCells = 0
      for (const c of cellsByRot[rot] ?? []) {
        if (!counted(c)) continue
        if (c.member && (c.swaps.length === 0 || c.swapWhole)) {
          // the common case without the pair splitLoad would allocate: this walk runs after every move
          const l = model.cellLoad(c, c.member)
          load.set(c.member, (load.get(c.member) ?? 0) + l)
          total += l
          if (c.role === 'primary') {
            primary += l
            primaryCells++
          }
        } else if (c.member) {
          for (const [m, l] of model.splitLoad(c)) {
            load.set(m, (load.get(m) ?? 0) + l)
            total += l
            if (c.role === 'primary') primary += l
          }
          if (c.role === 'primary') primaryCells++
        }
      }
      const { share, sum: shareSum } = shares[rot] as { share: Map<string, number>; sum: number }
      const target = new Map(rotation.members.map((m) => [m, shareSum > 0 ? (total * (share.get(m) ?? 0)) / shareSum : 0]))
      return { load, target, unit: primaryCells > 0 ? primary / primaryCells : 1 }
  }
  // moves stay inside one rotation, so only that rotation's table changes after a move
  const fair: Fairness[] = model.rotations.map((_, rot) => fairOf(rot))
  const byHolder = new Map<string, Cell[]>()
  for (const c of movable) {
    const key = `${c.rot}|${c.member}`
    const list = byHolder.get(key)
    if (list) list.push(c)
    else byHolder.set(key, [c])
  }
  const rehome = (c: Cell, from: string, to: string): void => {
    const old = byHolder.get(`${c.rot}|${from}`) ?? []
    old.splice(old.indexOf(c), 1)
    const list = byHolder.get(`${c.rot}|${to}`)
    if (list) list.push(c)
    else byHolder.set(`${c.rot}|${to}`, [c])
  }

  const avoidOf = (c: Cell, m: string | null, mi = m === null ? -1 : model.memberNo(m)): number => (model.avoid && m && model.holidayNo(mi, c.slot) ? 1 : 0)
  const churnOf = (c: Cell, m: string | null): number => (c.preferred !== undefined && m !== c.preferred ? 1 : 0)
  let avoid = 0
  let churn = 0
  let rest = 0
  for (const c of model.cells) {
    avoid += avoidOf(c, c.member)
    churn += churnOf(c, c.member)
    if (c.member) rest += model.restClashes(c, c.member)
  }

  // present throughout the shift, hence on each of its investor dates too
  const eligible = (c: Cell, m: string, leaving: string | null, mi = model.memberNo(m)): boolean => {
    if (mi < 0 || c.slot < 0 || c.slot >= model.slots.length) return false
    if (busyFlags[c.slot * teamSize + mi] === 1 && m !== leaving) return false
    return model.presenceNo(mi, c.slot) === 2
  }

  // a member whose moves found nothing is not looked at again until their rotation changes
  const stuck = new Set<string>()
  // deviations by the member's place in the rotation: candidates read them by number, not by id
  const place = model.rotations.map((r) => new Map(r.members.map((m, j) => [m, j])))
  const devsOf = (f: Fairness, rot: number): Float64Array => {
    const members = model.rotations[rot]?.members ?? []
    return Float64Array.from(members, (m) => ((f.load.get(m) ?? 0) - (f.target.get(m) ?? 0)) / f.unit)
  }
  // a move changes one rotation's table: the others' deviations carry over from round to round
  const devs = fair.map(devsOf)
  for (let round = 0; round < movable.length / 2 + 50; round++) {
    const excessOf = (d: number): number => Math.max(0, Math.abs(d) - opts.maxDeviation)
    let excess = 0
    let sumSq = 0
    const ranked: Array<{ rot: number; i: number; member: string; abs: number }> = []
    devs.forEach((row, rot) => {
      const members = model.rotations[rot]?.members ?? []
      for (let i = 0; i < row.length; i++) {
        const d = row[i] as number
        excess += excessOf(d)
        sumSq += d * d
        ranked.push({ rot, i, member: members[i] as string, abs: Math.abs(d) })
      }
    })
    ranked.sort((a, b) => b.abs - a.abs || a.rot - b.rot || (a.member < b.member ? -1 : 1))
    // scores live in two reused arrays: one per candidate would cost more in garbage than in scoring
    const score = (into: Float64Array, av: number, ch: number, ex: number, re: number, mx: number, sq: number): Float64Array => {
      into[0] = Math.max(0, ch - opts.churnBudget)
      into[1] = av
      into[2] = ex
      into[3] = ch
      into[4] = re
      into[5] = mx
      into[6] = sq
      return into
    }
    const current = score(new Float64Array(7), avoid, churn, excess, rest, ranked[0]?.abs ?? 0, sumSq)
    const scratch = new Float64Array(7)
    const bestScore = new Float64Array(7)
    // well inside the bound and nothing forced: polishing further only costs time
    if (excess === 0 && churn <= opts.churnBudget && (ranked[0]?.abs ?? 0) <= SETTLED) break

    // the score after moving load between members of one rotation, targets held still
    // changes come as up to two (member, load delta) pairs, in the order they are applied: a Map per
    // candidate cost more than the scoring itself
    // members come as their places in the rotation, -1 for none
    const evaluate = (rot: number, m1: number, d1: number, m2: number, d2: number, dAvoid: number, dChurn: number, dRest: number): Score => {
      const row = devs[rot] as Float64Array
      const unit = fair[rot]?.unit ?? 1
      let ex = excess
      let sq = sumSq
      let mx = 0
      for (let k = 0; k < 2; k++) {
        const m = k === 0 ? m1 : m2
        if (m < 0) continue
        const before = row[m] ?? 0
        const after = before + (k === 0 ? d1 : d2) / unit
        ex += excessOf(after) - excessOf(before)
        sq += after * after - before * before
        mx = Math.max(mx, Math.abs(after))
      }
      let untouched: (typeof ranked)[number] | undefined
      for (const r of ranked) {
        if (r.rot === rot && (r.i === m1 || r.i === m2)) continue
        untouched = r
        break
      }
      mx = Math.max(mx, untouched?.abs ?? 0)
      return score(scratch, avoid + dAvoid, churn + dChurn, ex, rest + dRest, mx, sq)
    }

    // a move between two members can only even out their loads when they stand apart
    const helps = (rot: number, from: number, to: number): boolean => {
      const row = devs[rot] as Float64Array
      return churn > opts.churnBudget || Math.abs((row[from] ?? 0) - (row[to] ?? 0)) > 0.05
    }

    // handing a whole shift to someone can only even loads out when they stand lower
    const gives = (rot: number, from: number, to: number): boolean => {
      const row = devs[rot] as Float64Array
      return churn > opts.churnBudget || avoid > 0 || (row[from] ?? 0) - (row[to] ?? 0) > 0.05
    }


    // the best move so far, as data: building a closure per candidate costs more than scoring it
    let best: Candidate | null = null
    const consider = (sc: Score, c: Cell, d: Cell | null, to: string, dAvoid: number, dChurn: number, dRest: number): void => {
      if (!better(sc, best ? bestScore : current)) return
      bestScore.set(sc)
      best = { c, d, to, deltas: [dAvoid, dChurn, dRest] }
    }
    const clashes = (c: Cell): number => (c.member ? 2 * model.restClashes(c, c.member) : 0)

    // moves that matter involve the most deviated members; looking further costs more than it finds
    const focusList = []
    for (const r of ranked) {
      if (focusList.length >= FOCUS) break
      if (!stuck.has(`${r.rot}|${r.member}`)) focusList.push(r)
    }
    for (const focus of focusList) {
      const mine = byHolder.get(`${focus.rot}|${focus.member}`) ?? []
      for (const c of mine) {
        const a = c.member as string
        const ai = model.memberNo(a)
        const pa = place[c.rot]?.get(a) ?? -1
        const cCounted = counted(c)
        const la = cCounted ? model.cellLoadNo(c, ai) : 0
        const members = model.rotations[c.rot]?.members ?? []
        const numbers = model.rotationMemberNos[c.rot] ?? []
        // what a's side of a reassignment costs does not depend on who takes the shift
        const restBefore = clashes(c)
        const avoidA = avoidOf(c, a, ai)
        const churnA = churnOf(c, a)
        for (let j = 0; j < members.length; j++) {
          const b = members[j] as string
          const bi = numbers[j] as number
          if (b === a || !eligible(c, b, a, bi) || !gives(c.rot, pa, j)) continue
          const lb = cCounted ? model.cellLoadNo(c, bi) : 0
          c.member = b
          const restAfter = clashes(c)
          c.member = a
          const dAvoid = avoidOf(c, b, bi) - avoidA
          const dChurn = churnOf(c, b) - churnA
          consider(evaluate(c.rot, pa, -la, j, lb, dAvoid, dChurn, restAfter - restBefore), c, null, b, dAvoid, dChurn, restAfter - restBefore)
        }
        for (let s = c.slot - SWAP_REACH; s <= c.slot + SWAP_REACH; s++) {
          for (const d of bySlotRot[s]?.[c.rot] ?? []) {
            if (d.member === a || !isMovable[d.id]) continue
            if (d.slot === c.slot && d.role === c.role) continue
            const b = d.member as string
            const pb = place[c.rot]?.get(b) ?? -1
            if (!helps(c.rot, pa, pb) && !helps(c.rot, pb, pa)) continue
            const bi = model.memberNo(b)
            const sameSlot = d.slot === c.slot
            if (!sameSlot && (!eligible(d, a, b, ai) || !eligible(c, b, a, bi))) continue
            if (sameSlot && (model.presenceNo(ai, d.slot) !== 2 || model.presenceNo(bi, c.slot) !== 2)) continue
            // a's and b's load changes, in the order the member first changes (as the sums add up)
            const dCounted = counted(d)
            let da = 0
            let db = 0
            if (cCounted) {
              da = -model.cellLoadNo(c, ai)
              db = model.cellLoadNo(c, bi)
            }
            if (dCounted) {
              db = (cCounted ? db : 0) - model.cellLoadNo(d, bi)
              da = (cCounted ? da : 0) + model.cellLoadNo(d, ai)
            }
            const swapRestBefore = restBefore + clashes(d)
            c.member = b
            d.member = a
            const restAfter = clashes(c) + clashes(d)
            c.member = a
            d.member = b
            const dAvoid = avoidOf(c, b, bi) + avoidOf(d, a, ai) - avoidOf(c, a, ai) - avoidOf(d, b, bi)
            const dChurn = churnOf(c, b) + churnOf(d, a) - churnOf(c, a) - churnOf(d, b)
            const dRest = restAfter - swapRestBefore
            const sc = cCounted ? evaluate(c.rot, pa, da, pb, db, dAvoid, dChurn, dRest)
              : dCounted ? evaluate(c.rot, pb, db, pa, da, dAvoid, dChurn, dRest)
                : evaluate(c.rot, -1, 0, -1, 0, dAvoid, dChurn, dRest)
            consider(sc, c, d, b, dAvoid, dChurn, dRest)
          }
        }
      }
      if (best) break
      stuck.add(`${focus.rot}|${focus.member}`)
    }
    const chosen = best as Candidate | null
    if (!chosen) break
    const { c, d, to } = chosen
    const from = c.member as string
    rehome(c, from, to)
    c.member = to
    if (d) {
      rehome(d, to, from)
      d.member = from
    }
    for (const x of d ? [c, d] : [c]) markBusy(x.slot)
    fair[c.rot] = fairOf(c.rot)
    devs[c.rot] = devsOf(fair[c.rot] as Fairness, c.rot)
    for (const key of [...stuck]) if (key.startsWith(`${c.rot}|`)) stuck.delete(key)
    // the move's own deltas keep the totals: a walk over every cell per round is what cost most
    avoid += chosen.deltas[0]
    churn += chosen.deltas[1]
    rest += chosen.deltas[2]
  }
  return fair.map((f) => new Map([...f.load].map(([m, l]) => [m, l - (f.target.get(m) ?? 0)])))
}
