// SPEC section 8: each class of bad input gets one clear error, with the rule, words that say what
// to do, and the exact line and column a member would jump to.
import { describe, expect, it } from '@jest/globals'
import { loadPlan } from '../../src/core/plan/load.js'
import { fixture, loadFixture } from './fixtures.js'

interface Case {
  file: string
  rule: string
  at: [number, number]
  words: RegExp
}

const CASES: Case[] = [
  { file: 'syntax-error.yaml', rule: 'plan.yaml', at: [8, 11], words: /quoted text is never closed: add the closing quote/ },
  { file: 'duplicate-key.yaml', rule: 'plan.yaml', at: [4, 1], words: /the key 'organization' appears twice in this map: keep one/ },
  { file: 'unknown-field.yaml', rule: 'plan.schema', at: [12, 5], words: /^unknown field 'owner' in pipelines\[0\]: did you mean 'owners'\?$/ },
  { file: 'wrong-type.yaml', rule: 'plan.schema', at: [9, 15], words: /^team\[1\]\.capacity must be a number, not 'half'$/ },
  { file: 'impossible-date.yaml', rule: 'plan.value', at: [17, 11], words: /leave\[0\]\.from 2026-02-30 is not a date on the calendar: February 2026 has 28 days/ },
  { file: 'from-after-to.yaml', rule: 'plan.value', at: [18, 9], words: /leave\[0\]: from 2026-03-10 is after to 2026-03-01/ },
  { file: 'unknown-timezone.yaml', rule: 'plan.value', at: [3, 11], words: /'Europe\/Berln' is not an IANA time zone: did you mean 'Europe\/Berlin'\?/ },
  { file: 'unknown-holiday-code.yaml', rule: 'plan.value', at: [7, 15], words: /team\[0\]\.holidays 'US-XX' is not a date-holidays code: US has no state 'XX'/ },
  { file: 'bad-cron.yaml', rule: 'plan.value', at: [13, 15], words: /pipelines\[0\]\.schedule '61 2 \* \* \*' is not a valid cron expression/ },
  { file: 'bad-duration.yaml', rule: 'plan.schema', at: [15, 10], words: /oncall\.shift must be a duration: a whole number and m, h, d or w/ },
  { file: 'dangling-reference.yaml', rule: 'plan.reference', at: [12, 40], words: /^pipelines\[0\]\.owners\.secondary 'zoe' is not a team member \(team: ana, ben\)$/ },
  { file: 'duplicate-id.yaml', rule: 'plan.reference', at: [7, 9], words: /team\[1\]\.id 'ana' is already the id of team\[0\]: give each member its own id/ },
  { file: 'alias-bomb.yaml', rule: 'plan.yaml', at: [3, 8], words: /YAML aliases \(\*a and 71 more\) are not allowed in a plan/ },
  { file: 'proto-key.yaml', rule: 'plan.yaml', at: [12, 5], words: /'__proto__' is not allowed as a key/ },
  { file: 'custom-tag.yaml', rule: 'plan.yaml', at: [12, 10], words: /custom YAML tags such as '!!js\/function' are not allowed/ },
  { file: 'empty.yaml', rule: 'plan.read', at: [1, 1], words: /^the plan is empty: start from examples\/techflow\/opsplan\.yaml$/ },
  { file: 'several-documents.yaml', rule: 'plan.yaml', at: [15, 1], words: /the plan must be one YAML document, but a second one starts here/ },
  { file: 'wrong-version.yaml', rule: 'plan.value', at: [1, 10], words: /version 2 is not supported: opsplan reads format version 1/ },
  { file: 'leave-in-dst-gap.yaml', rule: 'plan.value', at: [17, 11], words: /^leave\[0\]\.from 2026-03-08T02:30 never happens in America\/New_York \(ana's time zone\): clocks there spring forward from 02:00 to 03:00 that night, so write 2026-03-08T03:00$/ },
  { file: 'swap-ends-before-start.yaml', rule: 'plan.value', at: [18, 9], words: /^swaps\[0\]: to 2026-02-02T10:00 is not after from 2026-02-09T10:00: a date-time to is the moment the swap ends, so write a later one, or to: 2026-02-09 to run to the end of that day$/ },
  { file: 'rotation-handoff-weekday.yaml', rule: 'plan.value', at: [19, 16], words: /^oncall\.rotations\[0\]\.handoff names Mon, but the rotation's shifts start on 2026-01-07 \(its start\), a Wed: write "Wed 09:00" or just "09:00", or move its start to a Mon$/ },
  { file: 'investor-none-false.yaml', rule: 'plan.value', at: [16, 11], words: /^oncall\.investor-periods\.none: false asks for nothing: drop it \(without it, the periods are the last 5 business days of each month when a pipeline is investor-facing, and none otherwise\), or write last-business-days or dates to set them$/ },
  { file: 'max-run-zero.yaml', rule: 'plan.value', at: [16, 29], words: /^rules\.coverage\.rest\.max-run 0d is no time at all: write how long a member may hold one role at a stretch, like 1w \(the default\) or 3d$/ }
]

describe('a plan with one mistake', () => {
  it.each(CASES)('$file: one $rule error at the offending text', ({ file, rule, at, words }) => {
    const result = loadFixture('bad', file)
    expect(result.plan).toBeUndefined()
    const first = result.problems[0]
    expect(first).toMatchObject({ severity: 'error', rule, file: `bad/${file}`, line: at[0], column: at[1] })
    expect(first?.message).toMatch(words)
  })

  it.each(['leave-in-dst-gap.yaml', 'swap-ends-before-start.yaml', 'rotation-handoff-weekday.yaml', 'investor-none-false.yaml', 'max-run-zero.yaml'])(
    '%s: that one error and no other', (file) => {
      expect(loadFixture('bad', file).problems).toHaveLength(1)
    })

  it('reports the duplicate id without a cascade of unrelated errors', () => {
    // ben's id became 'ana', so the owner 'ben' really is missing: two true findings, nothing else
    expect(loadFixture('bad', 'duplicate-id.yaml').problems.map((p) => p.rule)).toEqual(['plan.reference', 'plan.reference'])
  })

  it('reads an alias bomb fast and never expands it', () => {
    const started = performance.now()
    const result = loadFixture('bad', 'alias-bomb.yaml')
    expect(performance.now() - started).toBeLessThan(1000)
    expect(result.problems).toHaveLength(1)
  })

  it('never lets a __proto__ key reach Object.prototype', () => {
    loadPlan(fixture('bad', 'proto-key.yaml').replace('__proto__: { polluted: true }', '__proto__: { polluted: true }\n    constructor: 1'), 'p.yaml')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('bytes that are not a plan', () => {
  const valid = fixture('plans', 'minimal.yaml')

  it('refuses a file over 1 MiB before parsing it', () => {
    const huge = valid + `# ${'x'.repeat(1024 * 1024)}\n`
    const result = loadPlan(new TextEncoder().encode(huge), 'opsplan.yaml')
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'plan.read', line: 1, column: 1 })])
    expect(result.problems[0]?.message).toMatch(/the plan is 1\.0 MiB, more than the 1 MiB opsplan reads/)
    expect(loadPlan(huge, 'opsplan.yaml').problems[0]?.rule).toBe('plan.read')
  })

  it('points at the first byte that is not UTF-8', () => {
    const bytes = new TextEncoder().encode('version: 1\norganization: Caf\u00e9 X\n')
    const latin1 = new Uint8Array([...bytes.subarray(0, 28), 0xe9, ...bytes.subarray(30)])
    const result = loadPlan(latin1, 'opsplan.yaml')
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'plan.read', line: 2, column: 18 })])
    expect(result.problems[0]?.message).toBe('the plan is not valid UTF-8 text (byte 0xe9 at offset 28): save the file as UTF-8 in your editor')
  })

  it('reads a plan saved with a UTF-8 byte-order mark, with unchanged columns', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(valid)])
    expect(loadPlan(withBom, 'opsplan.yaml').plan?.organization).toBe('Small Data Co')
    const broken = loadPlan('\uFEFF' + valid.replace('version: 1', 'version: 1\nversion: 1'), 'opsplan.yaml')
    expect(broken.problems[0]).toMatchObject({ rule: 'plan.yaml', line: 4, column: 1 })
  })

  it('calls an empty or blank file empty', () => {
    for (const text of ['', '   \n\n', '---\n', '# only a comment\n']) {
      expect(loadPlan(text, 'opsplan.yaml').problems).toEqual([
        expect.objectContaining({ rule: 'plan.read', message: 'the plan is empty: start from examples/techflow/opsplan.yaml' })
      ])
    }
  })

  it('asks for a map when the file holds a list', () => {
    expect(loadPlan('- ana\n- ben\n', 'opsplan.yaml').problems[0]).toMatchObject({
      rule: 'plan.schema', line: 1, column: 1, message: expect.stringMatching(/^the plan must be a map of fields/)
    })
  })
})
