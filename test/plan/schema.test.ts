// The JSON schema is what editors show while a member types: every field explained with an example,
// unknown fields refused, and the rule overrides in step with the rule catalogue.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { paramText, RULE_CATALOGUE } from '../../src/core/rules/catalogue.js'

type Node = Record<string, unknown>
const schema = JSON.parse(readFileSync(join(process.cwd(), 'schema', 'opsplan.schema.json'), 'utf8')) as Node

/** Every field schema, by its path: properties, array items and oneOf branches. */
function fields(node: Node, path: string, out: Array<[string, Node]>): Array<[string, Node]> {
  out.push([path, node])
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) fields(child, `${path}.${name}`, out)
  if (node.items) fields(node.items as Node, `${path}[]`, out)
  if (typeof node.additionalProperties === 'object') fields(node.additionalProperties as Node, `${path}.*`, out)
  for (const [i, branch] of ((node.oneOf ?? []) as Node[]).entries()) fields(branch, `${path}|${i}`, out)
  return out
}

const all = fields(schema, '', [])

describe('the plan schema', () => {
  it('is draft-07 and names format version 1', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(schema.title).toMatch(/version 1/)
  })

  it('explains every field with a description and an example', () => {
    const bare = all.filter(([, node]) => typeof node.description !== 'string' || !Array.isArray(node.examples) || (node.examples as unknown[]).length === 0)
    expect(bare.map(([path]) => path)).toEqual([])
    expect(all.length).toBeGreaterThan(100)
  })

  it('refuses unknown fields in every map except the rule overrides', () => {
    const open = all.filter(([, node]) => node.type === 'object' && node.additionalProperties !== false).map(([path]) => path)
    // rules: unknown ids and parameters are reported against the catalogue, with a suggestion
    expect(open.every((path) => path.startsWith('.rules'))).toBe(true)
    expect(open).toContain('.rules')
  })

  it('lists every rule of the catalogue with its parameters', () => {
    const rules = (schema.properties as Record<string, Node>).rules as Node
    const props = rules.properties as Record<string, Node>
    expect(Object.keys(props)).toEqual(RULE_CATALOGUE.map((r) => r.id))
    const fairness = ((props['fairness.load']?.oneOf as Node[])[1]?.properties ?? {}) as Record<string, Node>
    expect(Object.keys(fairness)).toEqual(['severity', 'max-deviation'])
  })

  it('bounds every rule parameter, and each default lies within its bounds', () => {
    const props = ((schema.properties as Record<string, Node>).rules as Node).properties as Record<string, Node>
    const bounds = RULE_CATALOGUE.flatMap((rule) => Object.entries(rule.params).map(([name, value]) => {
      const param = ((props[rule.id]?.oneOf as Node[])[1]?.properties as Record<string, Node>)[name] as Node
      if (rule.durations?.includes(name)) {
        // written as a duration, held in minutes: the default must read back as one the pattern takes
        const text = paramText(rule.id, name, value)
        return `${rule.id} ${name}: duration ${new RegExp(String(param.pattern)).test(text) ? text : `(default ${text} outside)`}`
      }
      const fits = typeof param.minimum === 'number' && value >= param.minimum && (param.type !== 'integer' || Number.isInteger(value))
      return `${rule.id} ${name}: ${String(param.type)} >= ${String(param.minimum)}${fits ? '' : ` (default ${value} outside)`}`
    }))
    expect(bounds).toEqual([
      'coverage.rest max-run: duration 1w',
      'coverage.rest min-gap: integer >= 0',
      'fairness.load max-deviation: number >= 0',
      'fairness.holidays max-spread: number >= 0',
      'fairness.investor max-spread: number >= 0',
      'leave.notice min-days: integer >= 0',
      'leave.concurrent max: integer >= 1'
    ])
  })

  it('requires what SPEC section 2 requires', () => {
    const props = schema.properties as Record<string, Node>
    expect(schema.required).toEqual(['version', 'organization', 'timezone', 'team', 'pipelines', 'oncall'])
    expect((props.team?.items as Node).required).toEqual(['id', 'name'])
    expect((props.pipelines?.items as Node).required).toEqual(['id', 'name', 'owners'])
    expect(props.oncall?.required).toEqual(['start'])
  })
})
