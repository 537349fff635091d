// Where a member's fair share is owed from. The water-filling targets say how much load each member
// should carry; construct also needs to know from which rotation, or a member of four rotations takes
// their share from the three quiet ones while the crowded fourth runs its own people beyond the bound.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { fairShares, fairTargets, type RotationLoad } from '../../src/core/schedule/fair-share.js'

const rowSums = (rotations: readonly RotationLoad[], shares: Float64Array, n: number): number[] =>
  rotations.map((_, r) => Array.from({ length: n }, (_, i) => shares[r * n + i] as number).reduce((a, b) => a + b, 0))
const colSums = (rotations: readonly RotationLoad[], shares: Float64Array, n: number): number[] =>
  Array.from({ length: n }, (_, i) => rotations.reduce((sum, _, r) => sum + (shares[r * n + i] as number), 0))

describe('a hub in four rotations, one of them a member short', () => {
  // (All four together are as crowded as the short one alone, a tie of levels: the proportional
  // fitting alone still leaves the hub 1.5 of its 10 in the quiet three after sixty rounds.)
  // member 0 stands in all four; members 1–9 in rotation 0 (nine of them), 10–19, 20–29 and 30–39 in
  // rotations 1, 2 and 3 (ten each). Every rotation carries 100, everyone is as available.
  const n = 40
  const rotations: RotationLoad[] = [
    { load: 100, members: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
    { load: 100, members: [0, ...Array.from({ length: 10 }, (_, k) => 10 + k)] },
    { load: 100, members: [0, ...Array.from({ length: 10 }, (_, k) => 20 + k)] },
    { load: 100, members: [0, ...Array.from({ length: 10 }, (_, k) => 30 + k)] }
  ]
  const availability = Array.from({ length: n }, () => 1)
  const { targets, shares } = fairShares(rotations, availability)

  it('keeps the water-filling targets: the crowded rotation shares 100 among its ten, the others among their ten', () => {
    expect(targets).toEqual(fairTargets(rotations, availability))
    expect(targets[0]).toBeCloseTo(10, 9)
    expect(targets[1]).toBeCloseTo(10, 9)
    expect(targets[10]).toBeCloseTo(10, 9)
  })

  it('owes the hub all of its share from the crowded rotation, none from the quiet three', () => {
    expect(shares[0 * n + 0]).toBeCloseTo(10, 6)
    for (const r of [1, 2, 3]) expect(shares[r * n + 0]).toBeCloseTo(0, 9)
  })

  it('adds up: each member\'s shares to their target, each rotation\'s to its load', () => {
    colSums(rotations, shares, n).forEach((sum, i) => expect(sum).toBeCloseTo(targets[i] as number, 9))
    rowSums(rotations, shares, n).forEach((sum, r) => expect(sum).toBeCloseTo((rotations[r] as RotationLoad).load, 6))
  })
})

describe('two rotations bridged by one member, equally crowded', () => {
  it('splits the bridge member\'s share between them in proportion, as any split would be as fair', () => {
    const rotations: RotationLoad[] = [{ load: 30, members: [0, 1, 2] }, { load: 30, members: [2, 3, 4] }]
    const { targets, shares } = fairShares(rotations, [1, 1, 1, 1, 1])
    targets.forEach((t) => expect(t).toBeCloseTo(12, 9))
    expect(shares[0 * 5 + 2]).toBeCloseTo(6, 6)
    expect(shares[1 * 5 + 2]).toBeCloseTo(6, 6)
  })
})

describe('on random rotations, members and availability', () => {
  const instance = fc.integer({ min: 2, max: 12 }).chain((n) =>
    fc.record({
      availability: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 2, noNaN: true })), { minLength: n, maxLength: n }),
      rotations: fc.array(
        fc.record({
          load: fc.double({ min: 0, max: 50, noNaN: true }),
          members: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n })
        }),
        { minLength: 1, maxLength: 5 }
      )
    }))

  it('owes shares only from a member\'s own rotations, never less than 0, adding up to their target', () => {
    fc.assert(fc.property(instance, ({ availability, rotations }) => {
      const n = availability.length
      const { targets, shares } = fairShares(rotations, availability)
      expect(targets).toEqual(fairTargets(rotations, availability))
      rotations.forEach((rot, r) => {
        for (let i = 0; i < n; i++) {
          const x = shares[r * n + i] as number
          expect(x).toBeGreaterThanOrEqual(0)
          if (!rot.members.includes(i) || (availability[i] as number) === 0) expect(x).toBe(0)
        }
      })
      colSums(rotations, shares, n).forEach((sum, i) => expect(Math.abs(sum - (targets[i] as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, targets[i] as number)))
    }), { numRuns: 300, seed: 20261129 })
  })

  it('gives each rotation with someone available all of its load', () => {
    fc.assert(fc.property(instance, ({ availability, rotations }) => {
      const n = availability.length
      const { shares } = fairShares(rotations, availability)
      rowSums(rotations, shares, n).forEach((sum, r) => {
        const rot = rotations[r] as RotationLoad
        const staffed = rot.members.some((i) => (availability[i] as number) > 0)
        expect(Math.abs(sum - (staffed ? rot.load : 0))).toBeLessThanOrEqual(1e-6 * Math.max(1, rot.load))
      })
    }), { numRuns: 300, seed: 20261129 })
  })
})
