// The built action (dist/index.js) run as a runner runs it — GITHUB_* and INPUT_* environment, an
// event payload file, summary and output files — against the fake GitHub on 127.0.0.1, on the
// TechFlow example plan. `npm run build` comes first.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import ICAL from 'ical.js'
import { FakeGitHub, badGateway } from '../support/fake-github.js'
import { MARKER, requireBuiltAction, PLAN, mentionsIn, payloadFor, runAction, withLeave, type Run } from './run-action.js'

let gh: FakeGitHub
beforeAll(requireBuiltAction)
beforeEach(async () => {
  gh = await new FakeGitHub().start()
})
afterEach(async () => {
  await gh.stop()
})

/** main holds the plan and what the action committed for it; a PR adds Chen's leave. */
// What the action committed for the example plan, rendered once and reused: each render costs a second.
let settled: Map<string, Buffer> | undefined

async function leavePullRequest(inputs: Record<string, string> = {}, fork = false): Promise<{ eventPath: string; first: Run }> {
  gh.push('main', { 'opsplan.yaml': PLAN, 'README.md': '# data ops\n' })
  if (!settled) {
    const settle = await runAction(gh, 'push', payloadFor(gh, 'push', (p) => {
      p.ref = 'refs/heads/main'
      p.after = gh.head().sha
      p.head_commit.message = 'Add the on-call plan'
    }))
    expect(settle.code).toBe(0)
    settled = gh.head().files
  } else {
    gh.push('main', Object.fromEntries(settled), 'opsplan: regenerate handbook, calendars and lock [opsplan]', 'github-actions[bot]')
  }
  const base = gh.head().sha
  // Chen asks for Tuesday to Friday of a March week the committed rota gives Chen as primary
  const lock = JSON.parse(settled.get('opsplan.lock.json')?.toString() ?? '{"segments":[]}') as { segments: Array<{ member: string; role: string; start: string; covers?: string }> }
  const week = lock.segments.find((s) => s.member === 'chen' && s.role === 'primary' && !s.covers && s.start >= '2027-03-01')
  const monday = new Date(Date.parse(week?.start ?? '2027-03-01T15:00:00Z') - 8 * 3_600_000)
  const day = (n: number) => new Date(monday.getTime() + n * 86_400_000).toISOString().slice(0, 10)
  const head = gh.makeCommit(base, { 'opsplan.yaml': withLeave(PLAN, 'chen', day(1), day(4)) }, 'Chen skiing in March')
  const eventPath = payloadFor(gh, 'pull_request', (p) => {
    p.number = 12
    p.pull_request.number = 12
    p.pull_request.head.sha = head
    p.pull_request.base.sha = base
    p.pull_request.base.ref = 'main'
    p.pull_request.base.repo.full_name = `${gh.owner}/${gh.repo}`
    p.pull_request.head.repo.full_name = fork ? `chen-wei/${gh.repo}` : `${gh.owner}/${gh.repo}`
  })
  gh.requests.length = 0
  const first = await runAction(gh, 'pull_request', eventPath, inputs)
  return { eventPath, first }
}

describe('a leave pull request', () => {
  it('gets exactly one comment; a second run edits nothing or edits it in place', async () => {
    const { eventPath, first } = await leavePullRequest()
    expect(first.stdout).not.toMatch(/at .*dist\/index\.js/)
    expect(gh.comments).toHaveLength(1)
    const comment = gh.comments[0]
    expect(comment?.body.split('\n')[0]).toBe(MARKER)
    expect(comment?.user.login).toBe('github-actions[bot]')
    expect(first.outputs['comment-url']).toContain(`#issuecomment-${comment?.id}`)
    expect(first.outputs.ok).toMatch(/^(true|false)$/)
    expect(first.code).toBe(first.outputs.errors === '0' ? 0 : 1)
    // Chen's March shifts move to someone else: Chen is asked to agree in the review.
    expect(comment?.body).toContain('@chen-wei')
    // Nobody else is pinged: every live mention is the login of a member whose shifts change.
    expect([...new Set(mentionsIn(comment?.body ?? ''))].every((login) => ['chen-wei', 'ana-torres', 'ben-okafor', 'dee-harper'].includes(login))).toBe(true)
    expect(first.summary.length).toBeGreaterThan(0)
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(1)

    comment!.body = `${MARKER}\nan older report`
    gh.requests.length = 0
    const second = await runAction(gh, 'pull_request', eventPath)
    expect(second.code).toBe(first.code)
    expect(gh.comments).toHaveLength(1)
    expect(gh.writes()).toEqual([`PATCH /repos/${gh.owner}/${gh.repo}/issues/comments/${comment?.id}`])
    expect(gh.comments[0]?.body).not.toContain('an older report')
  })

  it('finds its comment on the second page and leaves a forged marker alone', async () => {
    gh.addComment(12, `${MARKER}\nI can write markers too`, { login: 'mallory', type: 'User' })
    for (let i = 0; i < 105; i++) gh.addComment(12, `looks good ${i}`, { login: 'ben-okafor', type: 'User' })
    const ours = gh.addComment(12, `${MARKER}\nstale report`, { login: 'github-actions[bot]', type: 'Bot' })
    await leavePullRequest()
    const pages = gh.requests.filter((r) => r.path.endsWith('/issues/12/comments') && r.method === 'GET').map((r) => r.query.page ?? '1')
    expect(pages).toEqual(['1', '2'])
    expect(gh.writes()).toEqual([`PATCH /repos/${gh.owner}/${gh.repo}/issues/comments/${ours.id}`])
    expect(gh.comments[0]?.body).toBe(`${MARKER}\nI can write markers too`)
  })

  it('from a fork: the 403 falls back to the summary, and the job passes or fails on the plan alone', async () => {
    gh.faults.push({ method: 'POST', path: /comments$/, status: 403, message: 'Resource not accessible by integration', times: 10 })
    const { first } = await leavePullRequest({}, true)
    expect(gh.comments).toHaveLength(0)
    expect(first.stdout).toContain('the token of a pull request from a fork cannot comment; the report is in the job summary')
    expect(first.summary).toContain('opsplan')
    expect(first.code).toBe(first.outputs.errors === '0' ? 0 : 1)

    gh.requests.length = 0
    const sameRepo = await runAction(gh, 'pull_request', payloadFor(gh, 'pull_request', (p) => {
      p.number = 12
      p.pull_request.number = 12
      p.pull_request.head.sha = gh.makeCommit(gh.head().sha, { 'opsplan.yaml': withLeave(PLAN, 'ben') })
      p.pull_request.base.sha = gh.head().sha
      p.pull_request.base.repo.full_name = `${gh.owner}/${gh.repo}`
      p.pull_request.head.repo.full_name = `${gh.owner}/${gh.repo}`
    }))
    expect(sameRepo.stdout).toMatch(/::notice.*No comment: the token cannot comment/)
    expect(gh.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(sameRepo.code).toBe(sameRepo.outputs.errors === '0' ? 0 : 1)
  })

  it('retries a 502 on the first call and still posts once', async () => {
    gh.push('main', { 'opsplan.yaml': PLAN })
    const base = gh.head().sha
    const head = gh.makeCommit(base, { 'opsplan.yaml': withLeave(PLAN) })
    gh.faults.push(badGateway())
    const run = await runAction(gh, 'pull_request', payloadFor(gh, 'pull_request', (p) => {
      p.pull_request.number = 12
      p.number = 12
      p.pull_request.head.sha = head
      p.pull_request.base.sha = base
      p.pull_request.base.repo.full_name = `${gh.owner}/${gh.repo}`
      p.pull_request.head.repo.full_name = `${gh.owner}/${gh.repo}`
    }))
    expect(gh.requests[0]?.status).toBe(502)
    expect(gh.requests[1]?.path).toBe(gh.requests[0]?.path)
    expect(gh.comments).toHaveLength(1)
    expect(gh.writes()).toHaveLength(1)
    expect(run.outputs['comment-url']).not.toBe('')
  })
})

describe('a push to main', () => {
  function pushPayload(message = 'Merge pull request #12'): string {
    return payloadFor(gh, 'push', (p) => {
      p.ref = 'refs/heads/main'
      p.after = gh.head().sha
      p.head_commit.message = message
    })
  }

  it('commits every generated file in one commit, calendars with CRLF, and nothing the second time', async () => {
    const pushed = gh.push('main', { 'opsplan.yaml': PLAN })
    const run = await runAction(gh, 'push', pushPayload())
    expect(run.code).toBe(0)
    const commit = gh.head()
    expect(commit.parent).toBe(pushed)
    expect(commit.message).toBe('opsplan: regenerate handbook, calendars and lock [opsplan]')
    const files = [...commit.files.keys()].sort()
    expect(files).toEqual(expect.arrayContaining(['HANDBOOK.md', 'calendars/team.ics', 'calendars/ana.ics', 'calendars/dee.ics', 'opsplan.lock.json']))
    expect(JSON.parse(run.outputs['changed-files'] as string).sort()).toEqual(files.filter((f) => f !== 'opsplan.yaml'))
    expect(run.outputs['commit-sha']).toBe(commit.sha)
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(1)

    const ics = commit.files.get('calendars/ana.ics')?.toString('utf8') ?? ''
    expect(ics.split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r'))).toBe(true)
    const calendar = new ICAL.Component(ICAL.parse(ics))
    expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0)
    expect(JSON.parse(commit.files.get('opsplan.lock.json')?.toString('utf8') ?? '')).toHaveProperty('segments')

    gh.requests.length = 0
    const again = await runAction(gh, 'push', pushPayload('Fix a typo in the README'))
    expect(again.code).toBe(0)
    expect(gh.head().sha).toBe(commit.sha)
    expect(gh.writes()).toEqual([])
    expect(again.outputs['commit-sha']).toBe('')
  })

  it('skips its own commit', async () => {
    gh.push('main', { 'opsplan.yaml': PLAN }, 'opsplan: regenerate handbook, calendars and lock [opsplan]', 'github-actions[bot]')
    const run = await runAction(gh, 'push', pushPayload('opsplan: regenerate handbook, calendars and lock [opsplan]'))
    expect(run.code).toBe(0)
    expect(gh.requests).toEqual([])
  })

  it('re-reads a branch that moved during the run; the commit reflects the newest plan', async () => {
    gh.push('main', { 'opsplan.yaml': PLAN })
    const payload = pushPayload()
    const newest = withLeave(PLAN, 'ana', '2027-03-01', '2027-03-05')
    gh.after.push({ method: 'GET', path: /\/contents\/opsplan\.yaml$/, run: () => void gh.push('main', { 'opsplan.yaml': newest }, 'Ana: March leave') })
    const run = await runAction(gh, 'push', payload)
    expect(run.code).toBe(0)
    const commit = gh.head()
    expect(commit.message).toContain('[opsplan]')
    expect(gh.commit(commit.parent as string).message).toBe('Ana: March leave')
    expect(run.stdout).toMatch(/main moved from \w+ to \w+; rendering again/)
    expect(commit.files.get('HANDBOOK.md')?.toString('utf8')).toContain('2027-03-01')
    expect(gh.requests.filter((r) => r.path === '/graphql')).toHaveLength(2)
  })
})
