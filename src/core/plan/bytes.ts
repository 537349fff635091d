// The first gate: the plan's bytes must be UTF-8 text of a sane size. Problems here carry a
// position where one can be worked out from the bytes.
import type { Problem } from '../types.js'
import { loadError } from './problem.js'

export const MAX_PLAN_BYTES = 1024 * 1024

export type DecodeResult = { text: string; problem?: undefined } | { text?: undefined; problem: Problem }

export function decodePlan(input: string | Uint8Array, file: string): DecodeResult {
  const at = { file, line: 1, column: 1 }
  // UTF-8 never takes fewer bytes than UTF-16 code units, so a long string is too large unencoded
  const size = typeof input === 'string'
    ? (input.length > MAX_PLAN_BYTES ? input.length : new TextEncoder().encode(input).length)
    : input.length
  if (size > MAX_PLAN_BYTES) {
    const mib = (size / MAX_PLAN_BYTES).toFixed(1)
    return { problem: loadError('plan.read',
      `the plan is ${mib} MiB, more than the 1 MiB opsplan reads: keep opsplan.yaml to the plan itself ` +
      '(long notes belong in linked documents)', at) }
  }
  let text: string
  if (typeof input === 'string') {
    text = input.startsWith('\uFEFF') ? input.slice(1) : input
  } else {
    try {
      // the decoder drops a leading byte-order mark itself
      text = new TextDecoder('utf-8', { fatal: true }).decode(input)
    } catch {
      const offset = firstInvalidByte(input)
      const where = offset < 0 ? at : { file, ...positionOfByte(input, offset) }
      const hex = offset < 0 ? '' : ` (byte 0x${(input[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset})`
      return { problem: loadError('plan.read',
        `the plan is not valid UTF-8 text${hex}: save the file as UTF-8 in your editor`, where) }
    }
  }
  return { text }
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] ?? 0
    if (b < 0x80) { i++; continue }
    let need: number
    let low = 0x80
    let high = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) low = 0xa0; if (b === 0xed) high = 0x9f }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) low = 0x90; if (b === 0xf4) high = 0x8f }
    else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined) return i
      const lo = k === 1 ? low : 0x80
      const hi = k === 1 ? high : 0xbf
      if (c < lo || c > hi) return i
    }
    i += need + 1
  }
  return -1
}

/** Line and column (in characters) of a byte offset whose preceding bytes are valid UTF-8. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))
  return { line, column: [...before].length + 1 }
}
