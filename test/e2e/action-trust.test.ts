// The action with the real core, against the fake GitHub: what a pull request may and may not make
// the bot do. A fork that writes a stranger's login into the plan must not get them pinged, and an
// old problem on main must not fail an unrelated leave request (unless the team asks for that).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { checkPlan } from '../../src/core/check.js'
import { renderFiles } from '../../src/core/render-files.js'
import { renderReport } from '../../src/core/render/report.js'
import { run } from '../../src/github/main.js'
import { createOctokit } from '../../src/github/octokit.js'
import type { Runner } from '../../src/github/ports.js'
import { FakeGitHub, TOKEN } from '../support/fake-github.js'
import { mentionsIn, withLeave } from './run-action.js'

const PLAN = readFileSync(new URL('../../examples/techflow/opsplan.yaml', import.meta.url), 'utf8')
const BASE_LOGINS = ['ana-torres', 'ben-okafor', 'chen-wei', 'dee-harper']

let gh: FakeGitHub
beforeEach(async () => {
  gh = await new FakeGitHub().start()
})
afterEach(async () => {
  await gh.stop()
})

function recorder(): Runner & { lines: string[]; failed: string[] } {
  const lines: string[] = []
  const failed: string[] = []
  return {
    lines,
    failed,
    info: (m) => void lines.push(`info ${m}`),
    notice: (m) => void lines.push(`notice ${m}`),
    warning: (m) => void lines.push(`warning ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    setOutput: (n, v) => void lines.push(`output ${n}=${v}`),
    setFailed: (m) => void failed.push(m),
    writeSummary: async () => undefined
  }
}

/** Runs the action on a pull request of `head` onto main, from `from` (a fork when it is not the repository). */
async function review(head: string, opts: { event?: string; from?: string; inputs?: Record<string, string> } = {}) {
  const base = gh.head().sha
  const sha = gh.makeCommit(base, { 'opsplan.yaml': head }, 'a pull request')
  const full = `${gh.owner}/${gh.repo}`
  const payload = {
    number: 7,
    pull_request: {
      number: 7,
      head: { sha, repo: { full_name: opts.from ?? full } },
      base: { sha: base, ref: 'main', repo: { full_name: full } }
    }
  }
  const runner = recorder()
  await run({
    env: {
      GITHUB_EVENT_NAME: opts.event ?? 'pull_request',
      GITHUB_REPOSITORY: full,
      GITHUB_API_URL: gh.url,
      INPUT_TOKEN: TOKEN,
      OPSPLAN_TODAY: '2026-11-23',
      ...Object.fromEntries(Object.entries(opts.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
    },
    now: () => new Date('2026-11-23T12:00:00Z'),
    runner,
    engine: { checkPlan, renderFiles, renderReport },
    octokit: (s) => createOctokit({ ...s, retries: 0, throttle: false }),
    payload
  })
  return runner
}

describe('a pull_request_target from a fork that adds a login', () => {
  // Mallory's fork adds "Eve" with someone else's GitHub login and puts her on the rota.
  const withEve = PLAN
    .replace('  - id: dee\n', '  - id: eve\n    name: Eve Stone\n    github: someone-else\n    timezone: America/New_York\n  - id: dee\n')
    .replace('members: [ana, ben, chen, dee]', 'members: [ana, ben, chen, dee, eve]')

  it('pings no one new: only logins on main are mentioned, the added one is shown in code', async () => {
    gh.push('main', { 'opsplan.yaml': PLAN })
    const runner = await review(withEve, { event: 'pull_request_target', from: 'mallory/data-ops' })
    expect(runner.failed).toEqual([])
    expect(gh.comments).toHaveLength(1)
    const body = gh.comments[0]?.body ?? ''
    expect(body).toContain('please confirm in review')
    const mentioned = mentionsIn(body)
    expect(mentioned.length).toBeGreaterThan(0)
    expect(mentioned.every((login) => BASE_LOGINS.includes(login))).toBe(true)
    expect(body).toContain('Eve Stone (`someone-else`)')
    expect(mentioned).not.toContain('someone-else')
  })

  it('mentions the same login once it is on main', async () => {
    gh.push('main', { 'opsplan.yaml': withEve })
    // Eve asks for the days of a shift the rota on main gives her, past the freeze
    const onMain = checkPlan({ plan: { text: withEve, file: 'opsplan.yaml' }, today: '2026-11-23' })
    const shift = onMain.schedule?.segments.find((s) => s.member === 'eve' && s.kind === 'shift' && s.start > '2026-12-21')
    expect(shift).toBeDefined()
    const day = (iso: string) => iso.slice(0, 10)
    const runner = await review(withLeave(withEve, 'eve', day(shift?.start ?? ''), day(shift?.start ?? '')), { event: 'pull_request_target', from: 'mallory/data-ops' })
    expect(runner.failed).toEqual([])
    const body = gh.comments[0]?.body ?? ''
    expect(mentionsIn(body)).toContain('someone-else')
  })
})

describe('fail-on on a plan whose main branch already has an error', () => {
  // On main, the growth pipeline promises fresher data than its daily run gives, and the team made
  // that rule an error; nobody has fixed it yet. Chen asks for a week of leave.
  /** The plan with the n-th pipeline's (1: profit, 2: growth, 3: engagement) freshness SLA at 12h. */
  const stricter = (text: string, nth: number): string => {
    let seen = 0
    return text.replace(/freshness: 24h/g, (m) => (++seen === nth ? 'freshness: 12h' : m))
  }
  const broken = `${stricter(PLAN, 2)}\nrules:\n  sla.schedule: error\n`
  const leave = withLeave(broken)

  it('judges what the pull request brings: the leave passes', async () => {
    expect(broken).toMatch(/sla\.schedule: error/)
    gh.push('main', { 'opsplan.yaml': broken })
    const runner = await review(leave)
    expect(runner.lines).toContain('output ok=false')
    expect(runner.failed).toEqual([])
    const body = gh.comments[0]?.body ?? ''
    // whatever warnings the leave brings, it brings no error
    expect(body).toMatch(/^### ⚠️ opsplan: `opsplan\.yaml` has errors already on the base branch — adds (no problem|\d+ warnings?);/m)
    expect(body).toContain('<summary>1 problem already on the base branch (1 error)</summary>')
  })

  it('with fail-on-existing: true, fails on the old error as before', async () => {
    gh.push('main', { 'opsplan.yaml': broken })
    const runner = await review(leave, { inputs: { 'fail-on-existing': 'true' } })
    expect(runner.failed).toHaveLength(1)
    expect(runner.failed[0]).toMatch(/^opsplan\.yaml: 1 error( and \d+ warnings?)? \(fail-on: error, fail-on-existing: true\)\. See the annotations and the job summary\.$/)
  })

  it('fails on an error the pull request brings, and names it new', async () => {
    gh.push('main', { 'opsplan.yaml': broken })
    const worse = stricter(leave, 2)
    const runner = await review(worse)
    expect(runner.failed).toHaveLength(1)
    expect(runner.failed[0]).toMatch(/^opsplan\.yaml: 1 new error( and \d+ new warnings?)? \(fail-on: error\)\. See the annotations and the job summary\.$/)
  })
})
