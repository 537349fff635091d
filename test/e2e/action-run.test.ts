// run() with its dependencies handed in: what a workflow author sees when the workflow is wrong or
// GitHub keeps failing, and the README usage section generated from action.yml.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CheckReport } from '../../src/core/types.js'
import { run } from '../../src/github/main.js'
import { createOctokit } from '../../src/github/octokit.js'
import type { Engine, Runner } from '../../src/github/ports.js'
import { END, START, replaceUsage, usageSection } from '../../scripts/generate-docs.js'
import { FakeGitHub, TOKEN, badGateway } from '../support/fake-github.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

function runner(): Runner & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    notice: (m) => void lines.push(`notice ${m}`),
    warning: (m) => void lines.push(`warning ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    setOutput: (n, v) => void lines.push(`output ${n}=${v}`),
    setFailed: (m) => void lines.push(`failed ${m}`),
    writeSummary: async () => undefined
  }
}

const engine: Engine = {
  checkPlan: () => ({ ok: true, errors: 0, warnings: 0, problems: [] }) as unknown as CheckReport,
  renderFiles: () => ({ report: { ok: true, errors: 0, warnings: 0, problems: [] } as unknown as CheckReport, files: {} }),
  renderReport: () => 'report'
}

let gh: FakeGitHub
beforeEach(async () => {
  gh = await new FakeGitHub().start()
})
afterEach(async () => {
  await gh.stop()
})

const EMPTY_OUTPUTS = ['output ok=false', 'output errors=0', 'output warnings=0', 'output changed-files=[]', 'output commit-sha=', 'output comment-url=']

function deps(env: Record<string, string>, r: Runner, extra: { payload?: Record<string, unknown> } = {}) {
  return {
    env: { INPUT_TOKEN: TOKEN, GITHUB_REPOSITORY: 'techflow/data-ops', GITHUB_API_URL: gh.url, GITHUB_REF: 'refs/heads/main', ...env },
    now: () => new Date('2026-11-23T12:00:00Z'),
    runner: r,
    engine,
    octokit: (s: Parameters<typeof createOctokit>[0]) => createOctokit({ ...s, retries: 1, retryBaseMs: 1, throttle: false }),
    payload: extra.payload ?? {}
  }
}

describe('run', () => {
  it('fails the step with the input at fault, before calling GitHub', async () => {
    const r = runner()
    await run(deps({ 'INPUT_FAIL-ON': 'sometimes', GITHUB_EVENT_NAME: 'push' }, r))
    expect(r.lines.filter((l) => !l.startsWith('output '))).toEqual(["failed Invalid fail-on 'sometimes'. Expected error, warning or never."])
    expect(gh.requests).toEqual([])
    // Later steps still find every output, empty.
    expect(r.lines.filter((l) => l.startsWith('output '))).toEqual(EMPTY_OUTPUTS)
  })

  it('gives up on a GitHub that keeps failing with one line naming the call, and no stack trace', async () => {
    gh.faults.push(badGateway({ times: 10 }))
    const r = runner()
    await run(deps({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_NAME: 'main' }, r, { payload: { repository: { default_branch: 'main' } } }))
    expect(gh.requests).toHaveLength(2)
    const failed = r.lines.filter((l) => l.startsWith('failed '))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatch(/^failed GitHub API request failed with 502 \(GET .*\/git\/ref\/heads%2Fmain\): Bad Gateway$/)
    expect(r.lines.join('\n')).not.toMatch(/\n\s+at /)
    expect(r.lines.filter((l) => l.startsWith('output '))).toEqual(EMPTY_OUTPUTS)
  })

  it('says "could not reach GitHub" when nothing answers', async () => {
    const r = runner()
    const closed = gh.url
    await gh.stop()
    await run(deps({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_API_URL: closed }, r, { payload: { repository: { default_branch: 'main' } } }))
    const failed = r.lines.filter((l) => l.startsWith('failed '))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatch(/^failed Could not reach GitHub \(GET .*\/git\/ref\/heads%2Fmain\)/)
    gh = await new FakeGitHub().start()
  })

  it('reports a bug in one line, with the trace in the log for a bug report', async () => {
    const r = runner()
    const broken: Engine = { ...engine, checkPlan: () => { throw new TypeError('cannot read x of undefined') } }
    gh.push('main', { 'opsplan.yaml': 'version: 1\n' })
    const head = gh.makeCommit(gh.head().sha, { 'opsplan.yaml': 'version: 1\n# changed\n' })
    const payload = { number: 3, pull_request: { number: 3, head: { sha: head, repo: { full_name: 'techflow/data-ops' } }, base: { sha: gh.head().sha, repo: { full_name: 'techflow/data-ops' } } } }
    await run({ ...deps({ GITHUB_EVENT_NAME: 'pull_request' }, r, { payload }), engine: broken })
    expect(r.lines.filter((l) => l.startsWith('failed '))).toEqual(['failed opsplan failed unexpectedly: cannot read x of undefined'])
    expect(r.lines.some((l) => l.startsWith('info opsplan stopped on an unexpected error') && l.includes('TypeError'))).toBe(true)
  })

  it('does nothing, and says so, on an event it does not handle', async () => {
    const r = runner()
    await run(deps({ GITHUB_EVENT_NAME: 'issues' }, r))
    expect(r.lines[0]).toMatch(/^notice opsplan does nothing on 'issues' events/)
    expect(r.lines).toContain('output ok=false')
  })
})

describe('README usage', () => {
  const section = usageSection(readFileSync(join(ROOT, 'action.yml'), 'utf8'))

  it('lists every input with its default and every output', () => {
    expect(section).toContain('| `fail-on` | `error` |')
    expect(section).toContain('| `token` | `${{ github.token }}` |')
    for (const output of ['ok', 'errors', 'warnings', 'changed-files', 'commit-sha', 'comment-url']) expect(section).toContain(`| \`${output}\` |`)
  })

  it('replaces only what stands between the markers', () => {
    const readme = `# opsplan\n\nintro\n\n${START}\nold\n${END}\n\n## Development\n`
    const next = replaceUsage(readme, section)
    expect(next.startsWith('# opsplan\n\nintro\n\n')).toBe(true)
    expect(next.endsWith(`${END}\n\n## Development\n`)).toBe(true)
    expect(next).not.toContain('\nold\n')
    expect(replaceUsage(next, section)).toBe(next)
    expect(() => replaceUsage('# no markers', section)).toThrow('README.md needs the markers')
  })
})
