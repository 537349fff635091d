import { describe, expect, it } from '@jest/globals'
import { minMaxLoadBound } from '../../bench/lower-bound.js'
import { FlowNetwork } from '../../bench/max-flow.js'

describe('the max-flow behind the bound', () => {
  it('finds the classic textbook flow of 23', () => {
    // CLRS figure 26.1: s=0, v1..v4 = 1..4, t=5; its maximum flow is 23.
    const net = new FlowNetwork(6)
    const arcs: Array<[number, number, number]> = [
      [0, 1, 16], [0, 2, 13], [2, 1, 4], [1, 3, 12], [3, 2, 9], [2, 4, 14], [4, 3, 7], [3, 5, 20], [4, 5, 4]
    ]
    for (const [u, v, c] of arcs) net.addEdge(u, v, c)
    expect(net.maxFlow(0, 5)).toBeCloseTo(23, 9)
  })

  it('carries fractional capacities and solves again after a reset', () => {
    const net = new FlowNetwork(3)
    const a = net.addEdge(0, 1, 0.75)
    const b = net.addEdge(1, 2, 0.5)
    expect(net.maxFlow(0, 2)).toBeCloseTo(0.5, 12)
    net.setCapacity(a, 0.75)
    net.setCapacity(b, 2.25)
    expect(net.maxFlow(0, 2)).toBeCloseTo(0.75, 12)
    expect(net.flowOn(a)).toBeCloseTo(0.75, 12)
  })
})

describe('the lower bound on the largest load', () => {
  it('is the even split by capacity when everyone can take anything', () => {
    // Three full-timers and one half-timer share 14 units of weight: 14 / 3.5 = 4 each per unit.
    const everyone = [0, 1, 2, 3].map((member) => ({ member, cap: Infinity }))
    const result = minMaxLoadBound({
      capacities: [1, 1, 1, 0.5],
      items: [{ demand: 8, candidates: everyone }, { demand: 6, candidates: everyone }]
    })
    expect(result.bound).toBeCloseTo(4, 9)
    expect(result.uncovered).toBe(0)
  })

  it('rises when leave leaves one person to carry most of the weight', () => {
    // Ana (0) may only take the 2-unit week A; Ben (1) alone can take week B; Ben or half-time
    // Chen (2) take the 8-unit week C. Ben must carry 2 + 8 - 0.5 L <= L, so L = 20/3, well
    // above the even split 12 / 2.5 = 4.8.
    const result = minMaxLoadBound({
      capacities: [1, 1, 0.5],
      items: [
        { demand: 2, candidates: [{ member: 0, cap: Infinity }, { member: 1, cap: Infinity }] },
        { demand: 2, candidates: [{ member: 1, cap: Infinity }] },
        { demand: 8, candidates: [{ member: 1, cap: Infinity }, { member: 2, cap: Infinity }] }
      ]
    })
    expect(result.bound).toBeCloseTo(20 / 3, 3)
    expect(result.bound).toBeLessThanOrEqual(20 / 3)
  })

  it('lets a member away for part of a shift take only the hours they are there', () => {
    // Ana is free for only 1 of the shift's 6 units, so Ben carries at least 5.
    const result = minMaxLoadBound({
      capacities: [1, 1],
      items: [{ demand: 6, candidates: [{ member: 0, cap: 1 }, { member: 1, cap: Infinity }] }]
    })
    expect(result.bound).toBeCloseTo(5, 3)
  })

  it('reports weight nobody can take instead of failing', () => {
    const result = minMaxLoadBound({
      capacities: [1, 1],
      items: [
        { demand: 4, candidates: [{ member: 0, cap: Infinity }, { member: 1, cap: Infinity }] },
        { demand: 3, candidates: [] }
      ]
    })
    expect(result.uncovered).toBeCloseTo(3, 9)
    expect(result.bound).toBeCloseTo(2, 9)
  })
})
