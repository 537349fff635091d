// The built action on the cases a workflow meets besides the happy path: a plan that does not parse,
// a pull request that leaves the plan alone, a lock kept elsewhere, GitHub answering badly or
// slowly, and branch events that must leave the branch alone.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeGitHub, badGateway, rateLimited } from '../support/fake-github.js'
import { MARKER, requireBuiltAction, PLAN, payloadFile, payloadFor, pullRequestPayload, runAction, withLeave, type Run } from './run-action.js'

const OUTPUTS = ['ok', 'errors', 'warnings', 'changed-files', 'commit-sha', 'comment-url']

let gh: FakeGitHub
beforeAll(requireBuiltAction)
beforeEach(async () => {
  gh = await new FakeGitHub().start()
})
afterEach(async () => {
  await gh.stop()
})

function expectEveryOutput(run: Run): void {
  expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUTS].sort())
}

describe('a pull request', () => {
  it('whose plan does not parse still gets a comment with the error and its line, and fails', async () => {
    const base = gh.push('main', { 'opsplan.yaml': PLAN })
    const lines = PLAN.split('\n')
    const at = lines.findIndex((l) => l.startsWith('organization:'))
    lines[at] = 'organization: TechFlow: Solutions'
    const head = gh.makeCommit(base, { 'opsplan.yaml': lines.join('\n') }, 'Rename the organisation')
    const run = await runAction(gh, 'pull_request', pullRequestPayload(gh, base, head))
    expect(run.code).toBe(1)
    expect(gh.comments).toHaveLength(1)
    const body = gh.comments[0]?.body ?? ''
    expect(body.split('\n')[0]).toBe(MARKER)
    expect(body).toContain(`opsplan.yaml:${at + 1}`)
    expect(body).toMatch(/YAML syntax error/)
    expect(run.stdout).toContain(`::error title=opsplan plan.yaml,file=opsplan.yaml,line=${at + 1}`)
    expect(run.outputs).toMatchObject({ ok: 'false', errors: '1', 'commit-sha': '' })
    expect(run.outputs['comment-url']).toContain('#issuecomment-')
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })

  it('that leaves the plan alone gets no new comment, keeps an old one current, and does not fail on the plan', async () => {
    const base = gh.push('main', { 'opsplan.yaml': withLeave(PLAN, 'ana', '2026-11-25', '2026-11-26') })
    const head = gh.makeCommit(base, { 'README.md': '# data ops\n' }, 'Docs only')
    const run = await runAction(gh, 'pull_request', pullRequestPayload(gh, base, head), { 'fail-on': 'warning' })
    expect(run.code).toBe(0)
    expect(gh.comments).toHaveLength(0)
    expect(run.stdout).toContain('This pull request does not change opsplan.yaml: nothing to review')
    expectEveryOutput(run)
    expect(run.outputs['comment-url']).toBe('')

    // Once the PR changed the plan and then undid it: the old report must not stand.
    const old = gh.addComment(12, `${MARKER}\nChen's February shifts move`, { login: 'github-actions[bot]', type: 'Bot' })
    gh.requests.length = 0
    const again = await runAction(gh, 'pull_request', pullRequestPayload(gh, base, head), { 'fail-on': 'warning' })
    expect(again.code).toBe(0)
    expect(gh.writes()).toEqual([`PATCH /repos/${gh.owner}/${gh.repo}/issues/comments/${old.id}`])
    expect(gh.comments[0]?.body).not.toContain('February')
  })

  it('reads the base lock from the lock input, and the push writes it there', async () => {
    const lock = 'ops/record.lock.json'
    gh.push('main', { 'opsplan.yaml': PLAN })
    const pushed = await runAction(gh, 'push', payloadFor(gh, 'push', (p) => {
      p.ref = 'refs/heads/main'
      p.after = gh.head().sha
      p.head_commit.message = 'Add the on-call plan'
    }), { lock })
    expect(pushed.code).toBe(0)
    expect(gh.head().files.has(lock)).toBe(true)
    expect(gh.head().files.has('opsplan.lock.json')).toBe(false)
    const base = gh.head().sha
    const head = gh.makeCommit(base, { 'opsplan.yaml': withLeave(PLAN) })
    gh.requests.length = 0
    await runAction(gh, 'pull_request', pullRequestPayload(gh, base, head), { lock })
    const reads = gh.requests.filter((r) => r.path.includes('/contents/')).map((r) => `${r.path.split('/contents/')[1]}@${r.query.ref}`)
    expect(reads).toContain(`${lock}@${base}`)
    expect(reads.some((r) => r.startsWith('opsplan.lock.json'))).toBe(false)
    expect(gh.comments).toHaveLength(1)
  })

  it('does not post twice when GitHub stored the comment but answered 502', async () => {
    const base = gh.push('main', { 'opsplan.yaml': PLAN })
    const head = gh.makeCommit(base, { 'opsplan.yaml': withLeave(PLAN) })
    gh.faults.push(badGateway({ method: 'POST', path: /\/issues\/12\/comments$/, applied: true }))
    const run = await runAction(gh, 'pull_request', pullRequestPayload(gh, base, head))
    expect(gh.comments).toHaveLength(1)
    expect(gh.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(run.outputs['comment-url']).toContain(`#issuecomment-${gh.comments[0]?.id}`)
    expect(run.code).toBe(run.outputs.errors === '0' ? 0 : 1)
  })

  it('waits out a spent rate limit and a secondary one, then carries on', async () => {
    const base = gh.push('main', { 'opsplan.yaml': PLAN })
    const head = gh.makeCommit(base, { 'opsplan.yaml': withLeave(PLAN) })
    gh.faults.push(rateLimited({ method: 'GET', path: /\/contents\/opsplan\.yaml$/ }))
    gh.faults.push({
      method: 'GET',
      path: /\/issues\/12\/comments$/,
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '1' }
    })
    const run = await runAction(gh, 'pull_request', pullRequestPayload(gh, base, head))
    expect(gh.requests.filter((r) => r.status === 403)).toHaveLength(2)
    expect(gh.comments).toHaveLength(1)
    expect(run.stdout).toMatch(/secondary rate limit on GET .*; retrying in 1s/)
    expect(run.code).toBe(run.outputs.errors === '0' ? 0 : 1)
  })
})

describe('branch events', () => {
  it('a push to another branch does nothing, says so, and sets every output', async () => {
    gh.push('feature', { 'opsplan.yaml': PLAN })
    const run = await runAction(gh, 'push', payloadFor(gh, 'push', (p) => {
      p.ref = 'refs/heads/feature'
      p.after = gh.head('feature').sha
    }))
    expect(run.code).toBe(0)
    expect(gh.requests).toEqual([])
    expect(run.stdout).toContain('feature is not the default branch (main)')
    expectEveryOutput(run)
  })

  it('a schedule renders the default branch, asking GitHub which one it is when the payload does not say', async () => {
    gh.defaultBranch = 'trunk'
    const pushed = gh.push('trunk', { 'opsplan.yaml': PLAN })
    const run = await runAction(gh, 'schedule', payloadFile({ schedule: '17 6 * * 1' }), {}, { GITHUB_REF: '', GITHUB_REF_NAME: '' })
    expect(run.code).toBe(0)
    expect(gh.requests[0]?.path).toBe(`/repos/${gh.owner}/${gh.repo}`)
    expect(gh.head('trunk').parent).toBe(pushed)
    expect(run.outputs['commit-sha']).toBe(gh.head('trunk').sha)
  })

  it('a dispatch started on a feature branch leaves both branches alone', async () => {
    gh.push('main', { 'opsplan.yaml': PLAN })
    gh.branches.set('feature', gh.head().sha)
    const repository = { full_name: `${gh.owner}/${gh.repo}`, default_branch: 'main' }
    const run = await runAction(gh, 'workflow_dispatch', payloadFile({ ref: 'refs/heads/feature', repository }), {}, {
      GITHUB_REF: 'refs/heads/feature',
      GITHUB_REF_NAME: 'feature'
    })
    expect(run.code).toBe(0)
    expect(gh.writes()).toEqual([])
    expect(run.stdout).toMatch(/::notice.*feature is not the default branch \(main\)/)
  })
})
