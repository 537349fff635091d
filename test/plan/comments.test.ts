// The YAML comment trap, as a member falls into it: `alert: Post to #data-alerts` reads as "Post
// to" and a comment. The plan still loads, and validate says where and what to write instead.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { checkPlan } from '../../src/core/check.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { renderHandbook } from '../../src/core/render/handbook.js'
import { parseGfm, section, tableWithHeader } from '../support/markdown.js'
import { printed } from './fixtures.js'

const FILE = 'examples/techflow/opsplan.yaml'
const techflow = readFileSync(new URL(`../../${FILE}`, import.meta.url), 'utf8')
const ALERT = 'alert: Page on-call primary when below 80% or above 150%'

/** `line:col` of `needle` in `text`, counted independently of the loader. */
function at(text: string, needle: string): string {
  const offset = text.indexOf(needle)
  expect(offset).toBeGreaterThanOrEqual(0)
  const before = text.slice(0, offset).split('\n')
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`
}

function edited(from: string, to: string): string {
  expect(techflow).toContain(from)
  return techflow.replace(from, to)
}

describe('a value that YAML cuts short at a # comment', () => {
  it('warns at the # of `alert: Post to #data-alerts`, says what YAML read and how to quote it, and still loads', () => {
    const text = edited(ALERT, 'alert: Post to #data-alerts')
    const result = loadPlan(text, FILE)
    expect(printed(result)).toEqual([
      `${at(text, '#data-alerts')} plan.comment: YAML reads '#data-alerts' as a comment, so pipelines[0].monitoring[0].alert ` +
        'is just \'Post to\': quote the value if the # belongs to it, as in "Post to #data-alerts"'
    ])
    expect(result.problems[0]?.severity).toBe('warning')
    expect(result.plan?.pipelines[0]?.monitoring[0]?.alert).toBe('Post to')
  })

  it('keeps the warning through check, so the pull-request comment shows it at the same line', () => {
    const text = edited(ALERT, 'alert: Post to #data-alerts')
    const report = checkPlan({ plan: { text, file: FILE }, today: '2026-11-23' })
    const warning = report.problems.find((p) => p.rule === 'plan.comment')
    expect(`${warning?.line}:${warning?.column}`).toBe(at(text, '#data-alerts'))
    expect(report.ok).toBe(true)
  })

  it('catches an issue number and a channel written as the whole value', () => {
    const text = edited('    reason: spring break', '    reason: ticket #123')
      .replace('channel: "#data-team"', 'channel: #data-team')
    expect(printed(loadPlan(text, FILE))).toEqual([
      `${at(text, '#123')} plan.comment: YAML reads '#123' as a comment, so leave[3].reason is just 'ticket': ` +
        'quote the value if the # belongs to it, as in "ticket #123"',
      `${at(text, 'channel: #data-team')} plan.schema: communication[1].channel must be text, not empty`,
      `${at(text, '#data-team')} plan.comment: YAML reads '#data-team' as a comment, so communication[1].channel is empty: ` +
        'quote the value if the # belongs to it, as in "#data-team"'
    ])
  })

  it('leaves real comments, quoted values and a # inside a word alone', () => {
    const text = edited(ALERT, `${ALERT}   # pages the primary`)
      .replace('    reason: spring break', '    reason: "spring break #2"')
      .replace('  - member: ben\n', '  - member: ben # conference\n')
      .replace('    reason: conference (Data Council)', '    reason: see https://example.com/page#agenda, C# meetup')
    expect(loadPlan(text, FILE).problems).toEqual([])
  })

  it('shows what YAML read in the handbook, so the warning explains a visible slip', () => {
    const text = edited(ALERT, 'alert: Post to #data-alerts')
    const result = loadPlan(text, FILE)
    const plan = result.plan
    if (!plan) throw new Error('the plan should load')
    const root = parseGfm(renderHandbook(plan, undefined, { today: '2026-11-23', planFile: 'opsplan.yaml' }))
    expect(tableWithHeader(section(root, 'Runbooks'), 'Check', 'Alert')?.[1]?.[1]).toBe('Post to')
  })
})
