// The run's event, from the GITHUB_* environment and the payload file GitHub writes for the step.
import { readFileSync } from 'node:fs'
import { InputError } from './inputs.js'

export interface PullRequestEvent {
  kind: 'pull_request'
  name: 'pull_request' | 'pull_request_target'
  owner: string
  repo: string
  number: number
  headSha: string
  baseSha: string
  /** A pull request from another repository: its `pull_request` token is read-only. */
  fromFork: boolean
}

export interface BranchEvent {
  kind: 'branch'
  name: 'push' | 'schedule' | 'workflow_dispatch'
  owner: string
  repo: string
  /** The branch the run is on; undefined when the environment names none (then: the default branch). */
  branch?: string
  /** From the payload; when it does not say, the handler asks the API. */
  defaultBranch?: string
  /** The commit to render from: the pushed commit; for schedule and dispatch, read from the branch. */
  sha?: string
  /** Why the run should do nothing, e.g. a push of the action's own commit. */
  skip?: string
}

export interface OtherEvent {
  kind: 'other'
  name: string
  owner: string
  repo: string
}

export type ActionEvent = PullRequestEvent | BranchEvent | OtherEvent

/** The marker in the action's own commit message; a push that carries it is not processed again. */
export const COMMIT_MARKER = '[opsplan]'
const BOT_LOGIN = 'github-actions[bot]'

type Env = Record<string, string | undefined>
type Payload = Record<string, unknown>

function readPayload(env: Env): Payload {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Payload
  } catch (error) {
    throw new InputError(`Cannot read the event payload at ${path}: ${(error as Error).message}`)
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const obj = (value: unknown): Payload => (value && typeof value === 'object' ? (value as Payload) : {})

export function readEvent(env: Env, payload: Payload = readPayload(env)): ActionEvent {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? str(obj(payload.repository).full_name)).split('/')
  if (!owner || !repo) throw new InputError('GITHUB_REPOSITORY is not set; the action must run in a GitHub Actions workflow.')

  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = obj(payload.pull_request)
    const head = obj(pr.head)
    const base = obj(pr.base)
    const headRepo = str(obj(head.repo).full_name)
    const baseRepo = str(obj(base.repo).full_name) || `${owner}/${repo}`
    return {
      kind: 'pull_request',
      name,
      owner,
      repo,
      number: Number(pr.number ?? payload.number),
      headSha: str(head.sha),
      baseSha: str(base.sha),
      // A deleted fork leaves head.repo null: treat it as a fork too.
      fromFork: headRepo.toLowerCase() !== baseRepo.toLowerCase()
    }
  }

  const repository = obj(payload.repository)
  const defaultBranch = str(repository.default_branch) || str(repository.master_branch) || undefined

  if (name === 'push') {
    const ref = str(payload.ref) || (env.GITHUB_REF ?? '')
    const branch = ref.replace(/^refs\/heads\//, '')
    const event: BranchEvent = { kind: 'branch', name, owner, repo, branch, defaultBranch, sha: str(payload.after) || env.GITHUB_SHA }
    const headCommit = obj(payload.head_commit)
    const author = obj(headCommit.author)
    const committer = obj(headCommit.committer)
    if (!ref.startsWith('refs/heads/')) event.skip = `${ref} is not a branch`
    else if (payload.deleted === true) event.skip = `the branch ${branch} was deleted`
    else if (str(headCommit.message).includes(COMMIT_MARKER) || [str(author.username), str(committer.username)].includes(BOT_LOGIN)) {
      event.skip = 'the pushed commit is the action’s own'
    }
    return event
  }

  if (name === 'schedule' || name === 'workflow_dispatch') {
    // A schedule always runs on the default branch; a dispatch runs on the branch picked in the UI.
    const ref = env.GITHUB_REF ?? ''
    const event: BranchEvent = { kind: 'branch', name, owner, repo, defaultBranch }
    if (ref.startsWith('refs/heads/')) event.branch = ref.slice('refs/heads/'.length)
    else if (ref !== '') event.skip = `${ref} is not a branch`
    return event
  }

  return { kind: 'other', name, owner, repo }
}

export function isBotLogin(login: string | undefined): boolean {
  return login === BOT_LOGIN
}

/**
 * Why a branch run must leave the branch alone: only the default branch gets generated files, so a
 * feature branch never carries a rota that differs from what the team has agreed.
 */
export function notDefaultBranch(branch: string, defaultBranch: string): string | undefined {
  return branch === defaultBranch ? undefined : `${branch} is not the default branch (${defaultBranch})`
}
