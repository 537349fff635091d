// Dinic's maximum flow on float capacities. Hand-written because no maintained npm max-flow
// library fits: the few on the registry are unmaintained, integer-only or build an object per edge,
// and the bound needs a few thousand nodes re-solved twenty times in well under a second.

const EPS = 1e-9

export class FlowNetwork {
  private head: Int32Array
  private next: number[] = []
  private to: number[] = []
  private cap: number[] = []
  private level: Int32Array
  private iter: Int32Array

  constructor(readonly nodes: number) {
    this.head = new Int32Array(nodes).fill(-1)
    this.level = new Int32Array(nodes)
    this.iter = new Int32Array(nodes)
  }

  /** Adds u → v with capacity `cap`; returns the edge's id, for {@link setCapacity} and {@link flowOn}. */
  addEdge(u: number, v: number, cap: number): number {
    const id = this.to.length
    this.to.push(v, u)
    this.cap.push(cap, 0)
    this.next.push(this.head[u]!, this.head[v]!)
    this.head[u] = id
    this.head[v] = id + 1
    return id
  }

  /** Resets the edge to an unused state with a new capacity (flow on it is forgotten). */
  setCapacity(edge: number, cap: number): void {
    this.cap[edge] = cap
    this.cap[edge + 1] = 0
  }

  /** The flow on an edge after {@link maxFlow}, given the capacity it was set to. */
  flowOn(edge: number): number {
    return this.cap[edge + 1]!
  }

  maxFlow(source: number, sink: number): number {
    let total = 0
    while (this.buildLevels(source, sink)) {
      this.iter.set(this.head)
      for (;;) {
        const pushed = this.augment(source, sink, Infinity)
        if (pushed <= EPS) break
        total += pushed
      }
    }
    return total
  }

  private buildLevels(source: number, sink: number): boolean {
    this.level.fill(-1)
    const queue = new Int32Array(this.nodes)
    let readAt = 0
    let writeAt = 0
    queue[writeAt++] = source
    this.level[source] = 0
    while (readAt < writeAt) {
      const u = queue[readAt++]!
      for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
        const v = this.to[e]!
        if (this.cap[e]! > EPS && this.level[v] === -1) {
          this.level[v] = this.level[u]! + 1
          queue[writeAt++] = v
        }
      }
    }
    return this.level[sink] !== -1
  }

  private augment(u: number, sink: number, limit: number): number {
    if (u === sink) return limit
    for (let e = this.iter[u]!; e !== -1; e = this.next[e]!, this.iter[u] = e) {
      const v = this.to[e]!
      if (this.cap[e]! <= EPS || this.level[v] !== this.level[u]! + 1) continue
      const pushed = this.augment(v, sink, Math.min(limit, this.cap[e]!))
      if (pushed > EPS) {
        this.cap[e] = this.cap[e]! - pushed
        this.cap[e ^ 1] = this.cap[e ^ 1]! + pushed
        return pushed
      }
    }
    this.iter[u] = -1
    return 0
  }
}
