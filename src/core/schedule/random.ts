// A small fast deterministic generator: the search's kicks and the bench's synthetic teams draw from
// it with fixed seeds, so the same seed gives the same numbers on every machine. Never for secrets.

/** Mulberry32: a 32-bit state, a float in [0, 1) per call. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
