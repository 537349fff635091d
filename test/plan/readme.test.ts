// The README's plan examples are what teams copy into their own plans: each must load as written,
// and the rule table must show each default as a plan writes it (`max-run: 1w`, not minutes).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { loadPlan } from '../../src/core/plan/load.js'
import { paramText, RULE_CATALOGUE } from '../../src/core/rules/catalogue.js'
import { codeBlocks, parseGfm, section, tableWithHeader } from '../support/markdown.js'
import { printed } from './fixtures.js'

const readme = parseGfm(readFileSync(join(process.cwd(), 'README.md'), 'utf8'))
const [excerpt = '', ...fragments] = codeBlocks(section(readme, 'The plan'), 'yaml')

type Data = Record<string, unknown>

/** Maps merge key by key; anything else in the fragment replaces what was there. */
function merged(base: Data, fragment: Data): Data {
  const out: Data = { ...base }
  for (const [key, value] of Object.entries(fragment)) {
    const before = out[key]
    const isMap = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v)
    out[key] = isMap(before) && isMap(value) ? merged(before, value) : value
  }
  return out
}

describe('the plan examples of the README', () => {
  it('start from an excerpt that loads as it is', () => {
    expect(printed(loadPlan(excerpt, 'README.md'))).toEqual([])
  })

  it('show rotation grids, date-time leave and swaps, and max-run in fragments that each load', () => {
    expect(fragments.map((f) => Object.keys(parse(f) as Data))).toEqual([['oncall'], ['leave', 'swaps'], ['rules']])
    // the excerpt's team, joined by the three people the fragments name
    let plan = parse(excerpt) as Data
    plan.team = [...(plan.team as Data[]), ...['chen', 'dee', 'eli'].map((id) => ({ id, name: id }))]
    for (const fragment of fragments) {
      plan = merged(plan, parse(fragment) as Data)
      expect(printed(loadPlan(stringify(plan), 'README.md'))).toEqual([])
    }
    const loaded = loadPlan(stringify(plan), 'README.md').plan
    expect(loaded?.oncall.rotations.map((r) => [r.id, r.shift?.text ?? 'oncall', r.members.join(' ')])).toEqual([
      ['data', 'oncall', 'ana ben chen'],
      ['ml', '1d', 'chen dee eli']
    ])
    expect(loaded?.rules['coverage.rest']?.params).toEqual({ 'max-run': 3 * 24 * 60, 'min-gap': 1 })
  })
})

describe('the rule table of the README', () => {
  const table = tableWithHeader(readme, 'rule', 'default', 'holds when') ?? []

  it('lists every rule of the catalogue, with each parameter default as a plan writes it', () => {
    expect(table.slice(1).map((row) => row[0])).toEqual(RULE_CATALOGUE.map((r) => r.id))
    for (const rule of RULE_CATALOGUE) {
      const shown = table.find((row) => row[0] === rule.id)?.[1] ?? ''
      for (const [name, value] of Object.entries(rule.params)) expect(shown).toContain(`${name}: ${paramText(rule.id, name, value)}`)
    }
    expect(table.find((row) => row[0] === 'coverage.rest')?.[1]).toBe('warning, max-run: 1w, min-gap: 1')
  })
})
