// Minimum-cost assignment of rows to distinct columns (the Hungarian method with potentials,
// O(rows² · columns)). Hand-written: the matchings here are a few dozen rows, solved thousands of
// times, and no npm package offers a small dense solver without a heavy runtime.

/** Cost of a pair that may not be matched; any solution using one is infeasible. */
export const FORBIDDEN = Number.POSITIVE_INFINITY

/**
 * Assigns each row a distinct column minimising the total cost; `cost(r, c)` may be FORBIDDEN.
 * Needs rows ≤ columns. Returns the column of each row, or -1 where only forbidden columns were left.
 * Ties break toward lower column numbers, so the answer is deterministic.
 */
export function assign(rows: number, columns: number, cost: (r: number, c: number) => number): Int32Array {
  if (rows === 0) return new Int32Array(0)
  const a = new Float64Array(rows * columns)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const x = cost(r, c)
      a[r * columns + c] = Number.isFinite(x) ? x : BIG
    }
  }
  return assignMatrix(rows, columns, a)
}

/** Forbidden pairs become this huge finite cost so the method always completes; they are undone after. */
export const BIG = 1e15

/**
 * The same, from the costs already laid out row by row (`a[r * columns + c]`, BIG where forbidden):
 * a sparse caller fills only its few pairs instead of being asked for every one.
 */
export function assignMatrix(rows: number, columns: number, a: Float64Array): Int32Array {
  const result = new Int32Array(rows).fill(-1)
  if (rows === 0) return result
  const n = rows
  const m = columns
  const u = new Float64Array(n + 1)
  const v = new Float64Array(m + 1)
  const p = new Int32Array(m + 1) // p[j]: row (1-based) matched to column j
  const way = new Int32Array(m + 1)
  const minv = new Float64Array(m + 1)
  const used = new Uint8Array(m + 1)
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    minv.fill(Number.POSITIVE_INFINITY)
    used.fill(0)
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
