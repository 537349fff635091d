// What a workflow author gets for each `with:` block and each event the action is started on.
import { describe, expect, it } from '@jest/globals'
import { notDefaultBranch, readEvent } from '../../src/github/event.js'
import { readSettings } from '../../src/github/inputs.js'
import { todayFor } from '../../src/github/today.js'

const token = { INPUT_TOKEN: 'ghs_x' }

describe('inputs', () => {
  it('puts the generated files beside the plan unless told otherwise', () => {
    expect(readSettings({ ...token, INPUT_PLAN: './ops/opsplan.yaml' })).toEqual({
      plan: 'ops/opsplan.yaml',
      handbook: 'ops/HANDBOOK.md',
      calendars: 'ops/calendars',
      lock: 'ops/opsplan.lock.json',
      token: 'ghs_x',
      failOn: 'error',
      failOnExisting: false,
      comment: true,
      commit: true,
      mention: true
    })
    expect(readSettings({ ...token, INPUT_HANDBOOK: 'docs/ONCALL.md', 'INPUT_FAIL-ON': 'never', INPUT_MENTION: 'false' })).toMatchObject({
      plan: 'opsplan.yaml',
      handbook: 'docs/ONCALL.md',
      calendars: 'calendars',
      failOn: 'never',
      mention: false
    })
    expect(readSettings({ ...token, 'INPUT_FAIL-ON-EXISTING': 'true' }).failOnExisting).toBe(true)
  })

  it.each([
    [{ 'INPUT_FAIL-ON': 'sometimes' }, "Invalid fail-on 'sometimes'. Expected error, warning or never."],
    [{ INPUT_COMMENT: 'perhaps' }, "Invalid comment 'perhaps'. Expected true or false."],
    [{ 'INPUT_FAIL-ON-EXISTING': 'sometimes' }, "Invalid fail-on-existing 'sometimes'. Expected true or false."],
    [{ INPUT_PLAN: '../other/opsplan.yaml' }, "Invalid plan '../other/opsplan.yaml'. Expected a path inside the repository"],
    [{ INPUT_LOCK: '/etc/passwd' }, "Invalid lock '/etc/passwd'. Expected a path inside the repository"],
    [{ INPUT_TOKEN: '' }, 'Missing token.']
  ])('refuses %j with a message that says what to write', (env, message) => {
    expect(() => readSettings({ ...token, ...env })).toThrow(message)
  })
})

describe('events', () => {
  const env = { GITHUB_REPOSITORY: 'techflow/data-ops', GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' }
  const repository = { full_name: 'techflow/data-ops', default_branch: 'main' }

  it('knows a fork pull request, whose token cannot comment', () => {
    const payload = {
      number: 9,
      pull_request: {
        number: 9,
        head: { sha: 'h', repo: { full_name: 'stranger/data-ops' } },
        base: { sha: 'b', repo: { full_name: 'techflow/data-ops' } }
      }
    }
    expect(readEvent({ ...env, GITHUB_EVENT_NAME: 'pull_request' }, payload)).toMatchObject({ kind: 'pull_request', number: 9, fromFork: true })
    const own = { ...payload, pull_request: { ...payload.pull_request, head: { sha: 'h', repo: repository } } }
    expect(readEvent({ ...env, GITHUB_EVENT_NAME: 'pull_request' }, own)).toMatchObject({ fromFork: false, headSha: 'h', baseSha: 'b' })
  })

  it('skips its own commit, other branches and tags, but not a member’s push to main', () => {
    const push = (extra: object) => readEvent({ ...env, GITHUB_EVENT_NAME: 'push' }, { ref: 'refs/heads/main', after: 'abc', repository, ...extra })
    expect(push({ head_commit: { message: 'Ana on leave', author: { username: 'ana-torres' } } })).toMatchObject({ sha: 'abc', branch: 'main' })
    expect(push({ head_commit: { message: 'Ana on leave' } })).not.toHaveProperty('skip')
    expect(push({ head_commit: { message: 'opsplan: regenerate handbook, calendars and lock [opsplan]' } })).toHaveProperty('skip')
    expect(push({ head_commit: { message: 'x', author: { username: 'github-actions[bot]' } } })).toHaveProperty('skip')
    expect(push({ ref: 'refs/heads/feature' })).toMatchObject({ branch: 'feature', defaultBranch: 'main' })
    expect(notDefaultBranch('feature', 'main')).toBe('feature is not the default branch (main)')
    expect(notDefaultBranch('main', 'main')).toBeUndefined()
    expect(push({ ref: 'refs/tags/v1' })).toHaveProperty('skip')
    expect(readEvent({ ...env, GITHUB_EVENT_NAME: 'schedule' }, {})).toEqual({ kind: 'branch', name: 'schedule', owner: 'techflow', repo: 'data-ops', branch: 'main', defaultBranch: undefined })
    // A dispatch started on a feature branch names it; the handler then leaves it alone.
    expect(readEvent({ ...env, GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/feature' }, { repository })).toMatchObject({ branch: 'feature', defaultBranch: 'main' })
    expect(readEvent({ ...env, GITHUB_EVENT_NAME: 'issues' }, {})).toMatchObject({ kind: 'other' })
  })
})

describe('today', () => {
  it('is the date in the plan time zone, not the runner’s', () => {
    const lateEvening = new Date('2026-03-01T04:30:00Z')
    expect(todayFor('timezone: America/New_York\n', lateEvening)).toBe('2026-02-28')
    expect(todayFor('timezone: Asia/Tokyo\n', lateEvening)).toBe('2026-03-01')
    expect(todayFor('timezone: Mars/Olympus\n', lateEvening)).toBe('2026-03-01')
    expect(todayFor(': not yaml [', lateEvening)).toBe('2026-03-01')
  })
})
