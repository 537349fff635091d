// The max-min fair targets of SPEC section 3. Each rotation's load may go only to its members; the
// targets split those loads so that load ÷ availability is as equal as possible, lexicographically
// from the largest ratio down ("water-filling"). Written by hand because no npm package computes a
// lexicographically optimal bipartite split: the largest ratio is found by Dinkelbach's method over
// a small max-flow (Dinic), its tight set of members is fixed at that ratio, and the rest repeats.
import { groupsSharing } from './assignment.js'

/** One rotation's load and the places (in the member list) of the members who may carry it. */
export interface RotationLoad {
  load: number
  members: readonly number[]
}

const EPS = 1e-9

interface Edge {
  to: number
  cap: number
  rev: number
}

/** Dinic's max-flow on a few hundred nodes: enough for rotations × members. */
class FlowNetwork {
  readonly adj: Edge[][]
  private level: Int32Array
  private next: Int32Array

  constructor(readonly size: number) {
    this.adj = Array.from({ length: size }, () => [])
    this.level = new Int32Array(size)
    this.next = new Int32Array(size)
  }

  add(from: number, to: number, cap: number): void {
    this.edge(from, to, cap)
  }

  /** Adds an edge and returns it: its `cap` is what it has left (what it carries: cap − that). */
  edge(from: number, to: number, cap: number): Edge {
    const a = this.adj[from] as Edge[]
    const b = this.adj[to] as Edge[]
    const e = { to, cap, rev: b.length }
    a.push(e)
    b.push({ to: from, cap: 0, rev: a.length - 1 })
    return e
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1)
    const queue = [s]
    this.level[s] = 0
    for (let qi = 0; qi < queue.length; qi++) {
      const v = queue[qi] as number
      for (const e of this.adj[v] as Edge[]) {
        if (e.cap > EPS && (this.level[e.to] as number) < 0) {
          this.level[e.to] = (this.level[v] as number) + 1
          queue.push(e.to)
        }
      }
    }
    return (this.level[t] as number) >= 0
  }

  private dfs(v: number, t: number, f: number): number {
    if (v === t) return f
    const edges = this.adj[v] as Edge[]
    for (; (this.next[v] as number) < edges.length; this.next[v] = (this.next[v] as number) + 1) {
      const e = edges[this.next[v] as number] as Edge
      if (e.cap <= EPS || (this.level[e.to] as number) !== (this.level[v] as number) + 1) continue
      const pushed = this.dfs(e.to, t, Math.min(f, e.cap))
      if (pushed > EPS) {
        e.cap -= pushed
        ;((this.adj[e.to] as Edge[])[e.rev] as Edge).cap += pushed
        return pushed
      }
    }
    return 0
  }

  maxFlow(s: number, t: number): number {
    let flow = 0
    while (this.bfs(s, t)) {
      this.next.fill(0)
      for (let f = this.dfs(s, t, Number.POSITIVE_INFINITY); f > EPS; f = this.dfs(s, t, Number.POSITIVE_INFINITY)) flow += f
    }
    return flow
  }

  /** Nodes still reachable from s in the residual network: the source side of a minimum cut. */
  reachable(s: number): boolean[] {
    const seen = new Array<boolean>(this.size).fill(false)
    const stack = [s]
    seen[s] = true
    while (stack.length > 0) {
      const v = stack.pop() as number
      for (const e of this.adj[v] as Edge[]) {
        if (e.cap > EPS && !seen[e.to]) {
          seen[e.to] = true
          stack.push(e.to)
        }
      }
    }
    return seen
  }
}

/**
 * Targets per member (by place in `availability`): the max-min fair split of the rotations' loads.
 * A member with no availability gets 0; a rotation none of whose members is available counts nowhere.
 */
export function fairTargets(rotations: readonly RotationLoad[], availability: readonly number[]): number[] {
  const targets = availability.map(() => 0)
  for (const level of waterLevels(rotations, availability)) {
    for (const i of level.members) targets[i] = level.ratio * (availability[i] as number)
  }
  return targets
}

/** One level of the water-filling: rotations whose load goes wholly to these members at this ratio. */
interface Level {
  rotations: number[]
  members: number[]
  ratio: number
}

function waterLevels(rotations: readonly RotationLoad[], availability: readonly number[]): Level[] {
  const levels: Level[] = []
  const rotLeft = rotations.map((_, r) => r).filter((r) => (rotations[r] as RotationLoad).load > EPS)
  const memLeft = new Set(availability.flatMap((a, i) => (a > EPS ? [i] : [])))
  const membersOf = (r: number): number[] => (rotations[r] as RotationLoad).members.filter((i) => memLeft.has(i))
  // rotations that share nobody fill apart: a team of many blocks solves many small flows, not one
  // large flow per level
  const staffed = rotLeft.filter((r) => membersOf(r).length > 0)
  const parts = groupsSharing(staffed.length, (k, add) => { for (const i of membersOf(staffed[k] as number)) add(i) })
  for (let part of parts.map((group) => group.map((k) => staffed[k] as number))) {
    while (part.length > 0) {
      const { set, ratio } = densest(rotations, availability, part, membersOf)
      const tight = [...new Set(set.flatMap(membersOf))]
      levels.push({ rotations: set, members: tight, ratio })
      for (const i of tight) memLeft.delete(i)
      const done = new Set(set)
      part = part.filter((r) => !done.has(r) && membersOf(r).length > 0)
    }
  }
  return levels
}

/** Rounds of proportional fitting that split a level's loads among its members. */
const FIT_ROUNDS = 60

/**
 * The targets, and how much of each rotation's load each member's target stands for
 * (`shares[r * n + i]`). Within each level of the water-filling any split that gives each rotation its
 * load and each member their target is as fair; this one is close to proportional (each rotation's load
 * by its members' availability, fitted in turns to the loads and the targets), then made exact by a
 * max-flow that first routes along the fitted split and sends only the rest elsewhere. Where a member
 * belongs to several rotations, it says which of them their share is owed from: a member of one
 * crowded rotation and three quiet ones owes it to the crowded one (where the fitting alone would
 * still be settling, a tie of levels leaving it a little in the others).
 */
export function fairShares(rotations: readonly RotationLoad[], availability: readonly number[]): { targets: number[]; shares: Float64Array } {
  const n = availability.length
  const targets = availability.map(() => 0)
  const shares = new Float64Array(rotations.length * n)
  for (const level of waterLevels(rotations, availability)) {
    const inLevel = new Set(level.members)
    const edges: Array<[r: number, i: number]> = []
    for (const r of level.rotations) for (const i of (rotations[r] as RotationLoad).members) if (inLevel.has(i)) edges.push([r, i])
    for (const i of level.members) targets[i] = level.ratio * (availability[i] as number)
    const fit = new Float64Array(rotations.length * n)
    for (const [r, i] of edges) fit[r * n + i] = availability[i] as number
    const rowSum = new Float64Array(rotations.length)
    const colSum = new Float64Array(n)
    for (let round = 0; round < FIT_ROUNDS; round++) {
      rowSum.fill(0)
      for (const [r, i] of edges) rowSum[r] = (rowSum[r] as number) + (fit[r * n + i] as number)
      for (const [r, i] of edges) fit[r * n + i] = (fit[r * n + i] as number) * ((rotations[r] as RotationLoad).load / (rowSum[r] as number))
      colSum.fill(0)
      for (const [r, i] of edges) colSum[i] = (colSum[i] as number) + (fit[r * n + i] as number)
      for (const [r, i] of edges) fit[r * n + i] = (fit[r * n + i] as number) * ((targets[i] as number) / (colSum[i] as number))
    }
    // exact: the flow along the fitted split first, then through any edge for what is left
    const rotNode = new Map(level.rotations.map((r, k) => [r, 1 + k]))
    const memNode = new Map(level.members.map((i, k) => [i, 1 + level.rotations.length + k]))
    const sink = 1 + level.rotations.length + level.members.length
    const net = new FlowNetwork(sink + 1)
    let total = 0
    for (const r of level.rotations) {
      total += (rotations[r] as RotationLoad).load
      net.add(0, rotNode.get(r) as number, (rotations[r] as RotationLoad).load)
    }
    for (const i of level.members) net.add(memNode.get(i) as number, sink, targets[i] as number)
    const along = edges.map(([r, i]) => net.edge(rotNode.get(r) as number, memNode.get(i) as number, fit[r * n + i] as number))
    net.maxFlow(0, sink)
    const rest = edges.map(([r, i]) => net.edge(rotNode.get(r) as number, memNode.get(i) as number, total))
    net.maxFlow(0, sink)
    edges.forEach(([r, i], k) => {
      const a = along[k] as Edge
      const b = rest[k] as Edge
      shares[r * n + i] = Math.max(0, (fit[r * n + i] as number) - a.cap) + Math.max(0, total - b.cap)
    })
  }
  return { targets, shares }
}

/** The set of rotations with the largest load per unit of their members' availability (Dinkelbach). */
function densest(
  rotations: readonly RotationLoad[],
  availability: readonly number[],
  candidates: number[],
  membersOf: (r: number) => number[]
): { set: number[]; ratio: number } {
  const ratioOf = (set: number[]): number => {
    const members = new Set(set.flatMap(membersOf))
    let a = 0
    for (const i of members) a += availability[i] as number
    let l = 0
    for (const r of set) l += (rotations[r] as RotationLoad).load
    return l / a
  }
  let set = candidates
  let ratio = ratioOf(set)
  const memberNodes = [...new Set(candidates.flatMap(membersOf))].sort((a, b) => a - b)
  const nodeOf = new Map(memberNodes.map((m, k) => [m, candidates.length + 1 + k]))
  const sink = candidates.length + memberNodes.length + 1
  for (let round = 0; round < 100; round++) {
    const net = new FlowNetwork(sink + 1)
    let total = 0
    candidates.forEach((r, k) => {
      const load = (rotations[r] as RotationLoad).load
      total += load
      net.add(0, k + 1, load)
      for (const i of membersOf(r)) net.add(k + 1, nodeOf.get(i) as number, Number.POSITIVE_INFINITY)
    })
    for (const i of memberNodes) net.add(nodeOf.get(i) as number, sink, ratio * (availability[i] as number))
    const flow = net.maxFlow(0, sink)
    if (flow >= total - EPS * Math.max(1, total)) return { set, ratio }
    const side = net.reachable(0)
    const next = candidates.filter((_, k) => side[k + 1])
    const nextRatio = next.length > 0 ? ratioOf(next) : ratio
    if (!(nextRatio > ratio * (1 + 1e-12))) return { set, ratio }
    set = next
    ratio = nextRatio
  }
  return { set, ratio }
}
