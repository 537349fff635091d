// The matching every phase of the scheduler leans on (who holds the shifts starting at one instant,
// who covers an hour, which investor stretches go whole to whom), checked against every possible
// assignment on small random cost tables, forbidden pairs and ties included.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { assignMatrix, BIG, finite, matchCandidates, openMatrix, rowsSharingCandidates } from '../../src/core/schedule/assignment.js'

/** The least total cost over every way of giving each row a distinct column (rows ≤ columns). */
function bruteForce(rows: number, columns: number, a: Float64Array): number {
  let best = Number.POSITIVE_INFINITY
  const used = new Array<boolean>(columns).fill(false)
  const walk = (r: number, total: number): void => {
    if (r === rows) {
      best = Math.min(best, total)
      return
    }
    for (let c = 0; c < columns; c++) {
      if (used[c]) continue
      used[c] = true
      walk(r + 1, total + (a[r * columns + c] as number))
      used[c] = false
    }
  }
  walk(0, 0)
  return best
}

/** A table of small whole costs (ties are common) with some pairs forbidden. */
const table = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), extra: fc.integer({ min: 0, max: 3 }) })
  .chain(({ rows, extra }) =>
    fc
      .array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)), { minLength: rows * (rows + extra), maxLength: rows * (rows + extra) })
      .map((costs) => ({ rows, columns: rows + extra, a: Float64Array.from(costs, finite) }))
  )

describe('the assignment of rows to columns', () => {
  it('finds a cheapest assignment, with distinct columns, whatever the table', () => {
    fc.assert(
      fc.property(table, ({ rows, columns, a }) => {
        const chosen = assignMatrix(rows, columns, a)
        const placed = [...chosen].filter((c) => c >= 0)
        expect(new Set(placed).size).toBe(placed.length)
        // a row given no column had only forbidden pairs left: its cost is BIG in the optimum's count
        const total = [...chosen].reduce((sum, c, r) => sum + (c >= 0 ? (a[r * columns + c] as number) : BIG), 0)
        expect(total).toBe(bruteForce(rows, columns, a))
        chosen.forEach((c, r) => {
          if (c >= 0) expect(a[r * columns + c]).toBeLessThan(BIG)
        })
      }),
      { numRuns: 400, seed: 20261128 }
    )
  })

  it('gives the same answer to the same table (ties go to lower columns)', () => {
    const a = Float64Array.from([1, 1, 1, 1, 1, 1])
    expect([...assignMatrix(2, 3, a)]).toEqual([...assignMatrix(2, 3, a)])
    expect([...assignMatrix(2, 3, a)].sort()).toEqual([0, 1])
  })

  it('leaves a row open only when every candidate is forbidden or taken', () => {
    // two shifts, one candidate between them: the second is left open at the open column's cost
    const a = openMatrix(2, 1, 1e12)
    a[0 * 3 + 0] = 5
    a[1 * 3 + 0] = 3
    const chosen = assignMatrix(2, 3, a)
    expect(chosen[1]).toBe(0)
    expect(chosen[0]).toBe(1)
    // and with no open column at all, the row gets no column
    expect([...assignMatrix(1, 2, Float64Array.from([BIG, BIG]))]).toEqual([-1])
  })

  it('matches shifts to their few candidates, leaving open only what nobody can take', () => {
    // two shifts want member 7; the second can also have 3; a third shift has no candidate at all
    const lists: Array<Array<[number, number]>> = [[[7, 1]], [[7, 0], [3, 5]], []]
    expect(matchCandidates(lists, 1e12)).toEqual([7, 3, -1])
    // with equal costs the earlier column wins: in increasing order, or in the order given
    expect(matchCandidates([[[9, 1], [4, 1]]], 1e12)).toEqual([4])
    expect(matchCandidates([[[9, 1], [4, 1]]], 1e12, [9, 4])).toEqual([9])
    // leaving a shift open costs less than a dear candidate when `open` says so
    expect(matchCandidates([[[5, 100]]], 10)).toEqual([-1])
  })

  it('groups rows that share a candidate, even through other rows, and keeps the rest apart', () => {
    // rows 0 and 2 share member 5; row 3 shares 8 with row 2; row 1 shares nobody; row 4 has nobody
    const lists: Array<Array<[number, number]>> = [[[5, 1]], [[6, 1]], [[5, 2], [8, 1]], [[8, 0]], []]
    expect(rowsSharingCandidates(lists)).toEqual([[0, 2, 3], [1], [4]])
  })

  // (where some row gets nobody, both callers fall back to one matching of every row)
  it('gives, matching the groups apart, what one matching of every row gives where every row is matched (ties included)', () => {
    // candidate lists as construct and the atoms build them: a few members each, cheapest first
    const lists = fc.array(
      fc.uniqueArray(fc.record({ m: fc.integer({ min: 0, max: 9 }), cost: fc.integer({ min: 0, max: 4 }) }), { selector: (e) => e.m, minLength: 1, maxLength: 4 })
        .map((list) => list.map((e): [number, number] => [e.m, e.cost]).sort((x, y) => x[1] - y[1] || x[0] - y[0])),
      { minLength: 1, maxLength: 7 })
    fc.assert(fc.property(lists, (rows) => {
      const whole = matchCandidates(rows, BIG)
      const apart = new Array<number>(rows.length).fill(-1)
      for (const group of rowsSharingCandidates(rows)) {
        const chosen = matchCandidates(group.map((r) => rows[r] as Array<[number, number]>), BIG)
        group.forEach((r, k) => { apart[r] = chosen[k] as number })
      }
      if (whole.includes(-1)) expect(apart).toContain(-1)
      else expect(apart).toEqual(whole)
    }), { numRuns: 1000, seed: 20261129 })
  })
})
