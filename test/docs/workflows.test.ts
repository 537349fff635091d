// The workflows a team copies from the README, and this repository's own, as GitHub would run them:
// their `if:` conditions evaluated by GitHub's own expression library for every event they are
// started on, and the release workflow's shell steps run against a real git repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { codeBlocks, parseGfm } from '../support/markdown.js'

interface Step { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Job { if?: string; env?: Record<string, string>; steps: Step[]; strategy?: { matrix?: Record<string, unknown[]> } }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, Job> }

const readme = parseGfm(readFileSync('README.md', 'utf8'))
const yamlBlocks = codeBlocks(readme, 'yaml').map((text) => parse(text) as Record<string, unknown>)
const workflowFile = (name: string): Workflow => parse(readFileSync(join('.github', 'workflows', name), 'utf8')) as Workflow

/** Evaluates an Actions expression (with or without `${{ }}`) against contexts given as plain objects. */
function evaluate(expression: string, contexts: Record<string, Record<string, string>>): data.ExpressionData {
  const text = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
  const lexed = new Lexer(text).lex()
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), []).parse()
  const context = new data.Dictionary(...Object.entries(contexts).map(([key, values]) => ({
    key,
    value: new data.Dictionary(...Object.entries(values).map(([k, v]) => ({ key: k, value: new data.StringData(v) })))
  })))
  return new Evaluator(parsed, context).evaluate()
}

/** Whether a job runs on an event: its `if:` is true (no `if:` runs always). */
function runs(job: Job, event: string): boolean {
  if (job.if === undefined) return true
  const result = evaluate(String(job.if), { github: { event_name: event } })
  expect(result.kind).toBe(data.Kind.Boolean)
  return result.coerceString() === 'true'
}

/** For every event the workflow is started on, which of review and regenerate run. */
function jobsPerEvent(workflow: Workflow): Record<string, string[]> {
  return Object.fromEntries(Object.keys(workflow.on).map((event) => [
    event,
    Object.entries(workflow.jobs).filter(([, job]) => runs(job, event)).map(([name]) => name)
  ]))
}

const PER_EVENT = { review: ['review'], regenerate: ['regenerate'] }

describe('the workflow in the README', () => {
  const workflow = yamlBlocks.find((b) => 'jobs' in b) as unknown as Workflow
  const variant = yamlBlocks.find((b) => b.on !== null && typeof b.on === 'object' && 'pull_request_target' in (b.on as object)) as unknown as Workflow

  it('reviews pull requests and regenerates on the other events', () => {
    expect(jobsPerEvent(workflow)).toEqual({
      pull_request: PER_EVENT.review,
      push: PER_EVENT.regenerate,
      schedule: PER_EVENT.regenerate,
      workflow_dispatch: PER_EVENT.regenerate
    })
  })

  it('works as written on pull_request_target: only the trigger changes', () => {
    expect(Object.keys(variant)).toEqual(['on'])
    const switched: Workflow = { ...workflow, on: variant.on }
    expect(jobsPerEvent(switched)).toEqual({
      pull_request_target: PER_EVENT.review,
      push: PER_EVENT.regenerate,
      schedule: PER_EVENT.regenerate,
      workflow_dispatch: PER_EVENT.regenerate
    })
    expect(variant.on.pull_request_target).toEqual(workflow.on.pull_request)
  })

  it('never checks out the pull request: no step checks out anything', () => {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)
    expect(steps.map((s) => s.uses)).toEqual(['opsplan/opsplan@v1', 'opsplan/opsplan@v1'])
  })
})

describe("this repository's own opsplan workflow", () => {
  const workflow = workflowFile('opsplan.yml')

  it('runs the same jobs on pull_request and on pull_request_target', () => {
    expect(jobsPerEvent(workflow)).toMatchObject({ pull_request: PER_EVENT.review, push: PER_EVENT.regenerate })
    expect(jobsPerEvent({ ...workflow, on: { pull_request_target: {} } })).toEqual({ pull_request_target: PER_EVENT.review })
  })

  it('checks out only the action itself, at the default ref (the base branch under pull_request_target)', () => {
    const checkouts = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.startsWith('actions/checkout'))
    expect(checkouts.length).toBeGreaterThan(0)
    for (const step of checkouts) expect(step.with).toEqual({ 'sparse-checkout': 'action.yml\ndist\n' })
  })
})

describe('CI', () => {
  it('tests on Node 20, 22 and 24', () => {
    expect(workflowFile('ci.yml').jobs.test?.strategy?.matrix?.node).toEqual([20, 22, 24])
  })
})

describe('the release workflow', () => {
  const workflow = workflowFile('release.yml')
  const job = workflow.jobs.release as Job
  const step = (name: string): Step => {
    const found = job.steps.find((s) => s.name === name)
    if (!found) throw new Error(`no step '${name}' in release.yml`)
    return found
  }
  let repo: string
  let origin: string
  const git = (cwd: string, ...args: string[]): string => {
    const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Release', GIT_AUTHOR_EMAIL: 'release@example.com', GIT_COMMITTER_NAME: 'Release', GIT_COMMITTER_EMAIL: 'release@example.com' } })
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
    return result.stdout.trim()
  }
  /** Runs a step's shell script as the runner would, on a pushed tag. */
  const runStep = (name: string, tag: string) =>
    spawnSync('bash', ['-e', '-c', step(name).run ?? ''], { cwd: repo, encoding: 'utf8', env: { ...process.env, GITHUB_REF_NAME: tag, NODE_OPTIONS: '' } })

  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'opsplan-release-'))
    origin = join(work, 'origin.git')
    repo = join(work, 'clone')
    git(work, 'init', '--quiet', '--bare', origin)
    git(work, 'clone', '--quiet', origin, repo)
    writeFileSync(join(repo, 'package.json'), '{ "name": "opsplan", "version": "1.2.0" }\n')
    git(repo, 'add', 'package.json')
    git(repo, 'commit', '--quiet', '-m', 'Release 1.2.0')
    git(repo, 'tag', '-a', 'v1.2.0', '-m', 'v1.2.0')
    git(repo, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main', 'v1.2.0')
  })
  afterAll(() => {
    rmSync(join(repo, '..'), { recursive: true, force: true })
  })

  it('starts on version tags only, not on the major tag it moves', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } })
  })

  it('refuses a tag that is not package.json\'s version', () => {
    expect(runStep("The tag is package.json's version", 'v1.2.0').status).toBe(0)
    const wrong = runStep("The tag is package.json's version", 'v1.3.0')
    expect(wrong.status).toBe(1)
    expect(wrong.stdout).toContain('::error::Tag v1.3.0 does not match package.json version 1.2.0')
  })

  it('moves the major tag to each release in turn', () => {
    expect(runStep('Move the major tag', 'v1.2.0').status).toBe(0)
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(git(repo, 'rev-parse', 'v1.2.0^{commit}'))
    writeFileSync(join(repo, 'package.json'), '{ "name": "opsplan", "version": "1.3.0" }\n')
    git(repo, 'commit', '--quiet', '-am', 'Release 1.3.0')
    git(repo, 'tag', '-a', 'v1.3.0', '-m', 'v1.3.0')
    expect(runStep('Move the major tag', 'v1.3.0').status).toBe(0)
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(git(repo, 'rev-parse', 'v1.3.0^{commit}'))
    expect(git(origin, 'rev-parse', 'v1^{commit}')).not.toBe(git(repo, 'rev-parse', 'v1.2.0^{commit}'))
  })

  it('publishes to npm only when an NPM_TOKEN secret is set', () => {
    const publish = step('Publish to npm')
    const published = (secret: string): boolean => {
      const hasToken = evaluate(job.env?.HAS_NPM_TOKEN ?? '', { secrets: { NPM_TOKEN: secret } }).coerceString()
      return evaluate(publish.if ?? '', { env: { HAS_NPM_TOKEN: hasToken } }).coerceString() === 'true'
    }
    expect([published(''), published('npm_abc123')]).toEqual([false, true])
    expect(publish.run).toMatch(/^npm publish\b/)
  })

  it('attaches the packed command line to the GitHub release', () => {
    expect(step('Create the GitHub release').run).toMatch(/^gh release create "\$GITHUB_REF_NAME" "\$TARBALL" --verify-tag/)
    expect(step('Pack the command line').run).toContain('npm pack')
  })
})
