// Minimum-cost assignment of rows to distinct columns (the Hungarian method with potentials,
// O(rows² · columns)). Hand-written: the matchings here are a few dozen rows, solved thousands of
// times, and no npm package offers a small dense solver without a heavy runtime.

/**
 * The cost of a pair that may not be matched: huge but finite, so the method always completes; a row
 * left with one is given no column.
 */
export const BIG = 1e15

/** A cost as the matrix holds it: an infinite one as BIG. */
export function finite(cost: number): number {
  return Number.isFinite(cost) ? cost : BIG
}

/**
 * The cost matrix of `rows` rows × `columns` candidate columns then one column per row for leaving it
 * open: BIG (forbidden) everywhere but each row's own open column, at `open` (finite, else BIG).
 * Callers write each row's few candidates in at `r * (columns + rows) + c`. Laid out in `buffer` when
 * given (its first rows × (columns + rows) places), else in a new array.
 */
export function openMatrix(rows: number, columns: number, open: number, buffer?: Float64Array): Float64Array {
  const width = columns + rows
  const a = buffer ? buffer.subarray(0, rows * width).fill(BIG) : new Float64Array(rows * width).fill(BIG)
  if (Number.isFinite(open)) for (let r = 0; r < rows; r++) a[r * width + columns + r] = open
  return a
}

/**
 * Assigns each row a distinct column minimising the total cost, from the costs laid out row by row
 * (`a[r * columns + c]`, BIG where forbidden; see openMatrix). Needs rows ≤ columns. Returns the
 * column of each row, or -1 where only forbidden columns were left. Ties break toward lower column
 * numbers, so the answer is deterministic.
 */
export function assignMatrix(rows: number, columns: number, a: Float64Array): Int32Array {
  const result = new Int32Array(rows).fill(-1)
  if (rows === 0) return result
  const n = rows
  const m = columns
  // the working arrays are reused from call to call (tens of thousands of small matchings)
  grow(n + 1, m + 1)
  const u = work.u.fill(0, 0, n + 1)
  const v = work.v.fill(0, 0, m + 1)
  const p = work.p.fill(0, 0, m + 1) // p[j]: row (1-based) matched to column j
  const way = work.way.fill(0, 0, m + 1)
  const minv = work.minv
  const used = work.used
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    minv.fill(Number.POSITIVE_INFINITY, 0, m + 1)
    used.fill(0, 0, m + 1)
    do {
      used[j0] = 1
      const i0 = p[j0] as number
      let delta = Number.POSITIVE_INFINITY
      let j1 = 0
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue
        const cur = (a[(i0 - 1) * m + (j - 1)] as number) - (u[i0] as number) - (v[j] as number)
        if (cur < (minv[j] as number)) {
          minv[j] = cur
          way[j] = j0
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number
          j1 = j
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta
          v[j] = (v[j] as number) - delta
        } else minv[j] = (minv[j] as number) - delta
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0] as number
      p[j0] = p[j1] as number
      j0 = j1
    } while (j0 !== 0)
  }
  for (let j = 1; j <= m; j++) {
    const i = p[j] as number
    if (i > 0 && (a[(i - 1) * m + (j - 1)] as number) < BIG) result[i - 1] = j - 1
  }
  return result
}

/**
 * Items grouped where they share a key, directly or through other items: each group's items in
 * order, groups in the order of their first item. `keysOf(k, add)` calls `add` with each key of item
 * k. (Rows of a matching that share no candidate match apart; rotations that share no member fill
 * apart.)
 */
export function groupsSharing(count: number, keysOf: (k: number, add: (key: number) => void) => void): number[][] {
  const parent = Array.from({ length: count }, (_, k) => k)
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k] as number] as number
    return k
  }
  const owner = new Map<number, number>()
  for (let k = 0; k < count; k++) {
    keysOf(k, (key) => {
      const other = owner.get(key)
      if (other === undefined) owner.set(key, k)
      else parent[find(k)] = find(other)
    })
  }
  const groups = new Map<number, number[]>()
  for (let k = 0; k < count; k++) {
    const root = find(k)
    const items = groups.get(root)
    if (items) items.push(k)
    else groups.set(root, [k])
  }
  return [...groups.values()]
}

/**
 * The rows grouped where they share a candidate (directly or through other rows): matchings of the
 * groups apart give what one matching of all would, where every row is matched.
 */
export function rowsSharingCandidates(lists: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): number[][] {
  return groupsSharing(lists.length, (r, add) => {
    const list = lists[r] as ReadonlyArray<readonly [number, number]>
    for (let k = 0; k < list.length; k++) add((list[k] as readonly [number, number])[0])
  })
}

const work = { u: new Float64Array(64), v: new Float64Array(64), p: new Int32Array(64), way: new Int32Array(64), minv: new Float64Array(64), used: new Uint8Array(64), matrix: new Float64Array(4096) }

function grow(rows: number, columns: number): void {
  if (work.u.length < rows) work.u = new Float64Array(2 * rows)
  if (work.v.length < columns) {
    work.v = new Float64Array(2 * columns)
    work.p = new Int32Array(2 * columns)
    work.way = new Int32Array(2 * columns)
    work.minv = new Float64Array(2 * columns)
    work.used = new Uint8Array(2 * columns)
  }
}

/**
 * Rows matched to distinct members from each row's few candidates (member, cost), every other pair
 * forbidden, with a column per row for leaving it open at `open`: the member each row gets, or -1.
 * The columns are the candidates in increasing order unless `columns` gives their order (ties go to
 * earlier columns).
 */
export function matchCandidates(lists: ReadonlyArray<Iterable<readonly [number, number]>>, open: number, columns?: readonly number[]): number[] {
  // asked tens of thousands of times for a few rows: typed arrays and plain loops, not sets, maps
  // and destructuring iterators (the allocations alone cost more than the matching)
  let cols = columns
  if (!cols) {
    let count = 0
    for (const list of lists) forEachEntry(list, () => { count++ })
    const all = new Float64Array(count)
    let k = 0
    for (const list of lists) forEachEntry(list, (m) => { all[k++] = m })
    all.sort()
    const unique: number[] = []
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) unique.push(all[i] as number)
    cols = unique
  }
  if (cols.length === 0) return lists.map(() => -1)
  const index = columns ? new Map(cols.map((m, j) => [m, j])) : undefined
  const sorted = cols
  const columnOf = (m: number): number => {
    if (index) return index.get(m) as number
    let lo = 0
    let hi = sorted.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((sorted[mid] as number) < m) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const width = cols.length + lists.length
  // in a reused buffer
  if (work.matrix.length < lists.length * width) work.matrix = new Float64Array(2 * lists.length * width)
  const costs = openMatrix(lists.length, cols.length, open, work.matrix)
  for (let r = 0; r < lists.length; r++) {
    forEachEntry(lists[r] as Iterable<readonly [number, number]>, (m, cost) => { costs[r * width + columnOf(m)] = finite(cost) })
  }
  const chosen = assignMatrix(lists.length, width, costs)
  const out = new Array<number>(lists.length)
  for (let r = 0; r < lists.length; r++) {
    const j = chosen[r] as number
    out[r] = j >= 0 && j < cols.length ? (cols[j] as number) : -1
  }
  return out
}

/** Each (member, cost) of a candidate list, in its order: an array's or a map's without iterators. */
function forEachEntry(list: Iterable<readonly [number, number]>, fn: (m: number, cost: number) => void): void {
  if (Array.isArray(list)) {
    for (let k = 0; k < list.length; k++) {
      const e = list[k] as readonly [number, number]
      fn(e[0], e[1])
    }
  } else if (list instanceof Map) (list as Map<number, number>).forEach((cost, m) => fn(m, cost))
  else for (const e of list) fn(e[0], e[1])
}
