// RFC 5545 content-line mechanics: TEXT escaping, UTC and DATE values, and folding at 75 octets.
// Kept apart from the feed layout so the byte-level rules can be tested on their own.
import { DateTime } from 'luxon'
import type { LocalDate, UtcInstant } from '../types.js'

const CRLF = '\r\n'
const MAX_OCTETS = 75

/** Escapes a TEXT value (RFC 5545 3.3.11); other control characters are not allowed and are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
}

/** `2026-12-07T15:00:00Z` → `20261207T150000Z`; luxon parses, so a malformed instant fails loudly. */
export function utcValue(instant: UtcInstant): string {
  const t = DateTime.fromISO(instant, { zone: 'utc' })
  if (!t.isValid) throw new Error(`not a UTC instant: ${instant}`)
  return t.toFormat("yyyyMMdd'T'HHmmss'Z'")
}

/** A local date as an iCalendar DATE, optionally moved by whole days (DTEND of an all-day event is exclusive). */
export function dateValue(date: LocalDate, plusDays = 0): string {
  const d = DateTime.fromISO(date, { zone: 'utc' })
  if (!d.isValid) throw new Error(`not a local date: ${date}`)
  return d.plus({ days: plusDays }).toFormat('yyyyMMdd')
}

function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/**
 * Folds one content line so no physical line exceeds 75 octets (RFC 5545 3.1). Continuation lines
 * start with a space that counts toward their 75; code points are never split, so every physical
 * line is valid UTF-8 on its own (some clients decode line by line).
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const n = octets(ch.codePointAt(0) ?? 0)
    if (size + n > MAX_OCTETS) {
      parts.push(current)
      current = ' '
      size = 1
    }
    current += ch
    size += n
  }
  parts.push(current)
  return parts.join(CRLF)
}

/** A property line `NAME;PARAMS:value`, folded; `value` must already be escaped where it is TEXT. */
export function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`)
}

/** Joins content lines into a stream where every line, the last included, ends with CRLF. */
export function contentLines(lines: readonly string[]): string {
  return lines.map((l) => l + CRLF).join('')
}
