// The byte rules of RFC 5545 content lines, checked on the values that break naive implementations.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { dateValue, escapeText, foldLine, utcValue } from '../../src/core/render/ical-text.js'

const unfold = (folded: string): string => folded.replace(/\r\n /g, '')

describe('folding', () => {
  it('leaves a 75-octet line alone and folds the 76th octet onto a space-led line', () => {
    const exact = 'X'.repeat(75)
    expect(foldLine(exact)).toBe(exact)
    expect(foldLine(exact + 'Y')).toBe(`${exact}\r\n Y`)
  })

  it('moves a multi-byte character whole to the next line rather than splitting its bytes', () => {
    const line = 'A'.repeat(74) + 'ë' // 74 + 2 octets: the ë does not fit on line one
    expect(foldLine(line)).toBe(`${'A'.repeat(74)}\r\n ë`)
    const rocket = 'B'.repeat(73) + '🚀' // a 4-octet astral character, two UTF-16 units
    expect(foldLine(rocket)).toBe(`${'B'.repeat(73)}\r\n 🚀`)
  })

  it('keeps every physical line within 75 octets and unfolds back to the input, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `SUMMARY:${text.replace(/[\r\n]/g, '')}`
        const folded = foldLine(line)
        for (const physical of folded.split('\r\n')) {
          expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75)
          expect(physical).toBe(Buffer.from(physical, 'utf8').toString('utf8'))
        }
        expect(unfold(folded)).toBe(line)
      })
    )
  })
})

describe('escaping', () => {
  it('escapes backslash first, then semicolon, comma and every kind of newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng')
  })

  it('drops control characters that a content line may not carry, but keeps tabs', () => {
    expect(escapeText('on\u0000call\u0007\tnow')).toBe('oncall\tnow')
  })
})

describe('values', () => {
  it('writes instants in UTC basic format and all-day dates with an exclusive end', () => {
    expect(utcValue('2026-12-07T15:00:00Z')).toBe('20261207T150000Z')
    expect(dateValue('2026-12-31', 1)).toBe('20270101')
    expect(() => utcValue('next tuesday')).toThrow()
  })
})
