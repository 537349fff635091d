// A small GitHub on 127.0.0.1 for end-to-end tests: one repository in memory (branches → commits →
// files), the REST calls the action makes, GraphQL createCommitOnBranch, issue comments with
// pagination, programmable faults, and a record of every request.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  status: number
}

export interface FakeUser {
  login: string
  type: 'User' | 'Bot'
}

export interface FakeComment {
  id: number
  issue: number
  body: string
  user: FakeUser
}

export interface FakeCommit {
  sha: string
  parent?: string
  message: string
  author: string
  files: Map<string, Buffer>
}

/** A fault answers one matching request instead of the API (e.g. a 502), `times` times. */
export interface Fault {
  method?: string
  path?: RegExp
  status: number
  message?: string
  times?: number
  /** Response headers, e.g. `retry-after` or the `x-ratelimit-*` of a spent rate limit. */
  headers?: Record<string, string>
  /** GitHub did the work and then failed to answer: the request takes effect, the client sees the fault. */
  applied?: boolean
}

/** A 502 as GitHub's edge sends it; `retry-after: 0` keeps the tests' back-off at zero. */
export function badGateway(extra: Partial<Fault> = {}): Fault {
  return { status: 502, message: 'Bad Gateway', headers: { 'retry-after': '0' }, ...extra }
}

/** A spent primary rate limit whose reset time has already passed. */
export function rateLimited(extra: Partial<Fault> = {}): Fault {
  return {
    status: 403,
    message: 'API rate limit exceeded for installation ID 1.',
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
    ...extra
  }
}

/** Runs after a matching request was answered, once (e.g. move the branch after the first read). */
export interface AfterHook {
  method?: string
  path: RegExp
  run: () => void
}

const BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' }
export const TOKEN = 'ghs_fake_installation_token'

function gitSha(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

export function blobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

export class FakeGitHub {
  readonly owner: string
  readonly repo: string
  defaultBranch = 'main'
  readonly requests: RecordedRequest[] = []
  readonly commits = new Map<string, FakeCommit>()
  readonly branches = new Map<string, string>()
  readonly comments: FakeComment[] = []
  faults: Fault[] = []
  after: AfterHook[] = []
  /** Who the workflow token acts as when it writes; GET /user answers 403 for it, as on GitHub. */
  tokenUser: FakeUser = BOT
  private server?: Server
  private nextCommentId = 1000
  private counter = 0
  url = ''

  constructor(fullName = 'techflow/data-ops') {
    const [owner, repo] = fullName.split('/')
    this.owner = owner as string
    this.repo = repo as string
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  // ---- the repository ---------------------------------------------------------------------

  /** A commit on top of `parent` with some files changed (null deletes); does not move any branch. */
  makeCommit(parent: string | undefined, changes: Record<string, string | Buffer | null>, message = 'change', author = 'ana-torres'): string {
    const files = new Map(parent ? this.commit(parent).files : [])
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) files.delete(path)
      else files.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'))
    }
    const sha = gitSha(`${parent ?? ''}:${message}:${++this.counter}`)
    this.commits.set(sha, { sha, parent, message, author, files })
    return sha
  }

  /** Commits onto a branch (created when new) and moves it; returns the new head. */
  push(branch: string, changes: Record<string, string | Buffer | null>, message = 'change', author = 'ana-torres'): string {
    const sha = this.makeCommit(this.branches.get(branch), changes, message, author)
    this.branches.set(branch, sha)
    return sha
  }

  commit(sha: string): FakeCommit {
    const commit = this.commits.get(sha)
    if (!commit) throw new Error(`no commit ${sha}`)
    return commit
  }

  head(branch = this.defaultBranch): FakeCommit {
    return this.commit(this.branches.get(branch) as string)
  }

  fileAt(sha: string, path: string): string | undefined {
    return this.commit(sha).files.get(path)?.toString('utf8')
  }

  addComment(issue: number, body: string, user: FakeUser): FakeComment {
    const comment = { id: this.nextCommentId++, issue, body, user }
    this.comments.push(comment)
    return comment
  }

  /** Requests other than reads, as `METHOD path`. */
  writes(): string[] {
    return this.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3/, '')
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: raw ? JSON.parse(raw) : undefined,
      status: 0
    }
    this.requests.push(record)

    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(data))
    }

    if (req.headers.authorization !== `token ${TOKEN}`) return send(401, { message: 'Bad credentials' })
    const fault = this.faults.find((f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)) && (f.times ?? 1) > 0)
    if (fault) fault.times = (fault.times ?? 1) - 1
    if (fault && !fault.applied) return send(fault.status, { message: fault.message ?? 'fault injected' }, fault.headers)
    try {
      const [status, data, headers] = this.route(method, path, url.searchParams, record.body as Record<string, unknown>)
      if (fault) send(fault.status, { message: fault.message ?? 'fault injected' }, fault.headers)
      else send(status, data, headers)
    } catch (error) {
      send(500, { message: `fake-github: ${(error as Error).message}` })
    }
    const hook = this.after.find((h) => (!h.method || h.method === method) && h.path.test(path))
    if (hook) {
      this.after = this.after.filter((h) => h !== hook)
      hook.run()
    }
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>
  ): [number, unknown, Record<string, string>?] {
    const notFound: [number, unknown] = [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }]
    if (method === 'POST' && path === '/graphql') return this.graphql(body)
    if (method === 'GET' && path === '/user') {
      if (this.tokenUser.type === 'Bot') return [403, { message: 'Resource not accessible by integration' }]
      return [200, { login: this.tokenUser.login, type: this.tokenUser.type }]
    }
    const prefix = `/repos/${this.owner}/${this.repo}`
    if (method === 'GET' && path === prefix) {
      return [200, { full_name: `${this.owner}/${this.repo}`, name: this.repo, default_branch: this.defaultBranch }]
    }
    if (!path.startsWith(`${prefix}/`)) return notFound
    const rest = path.slice(prefix.length)
    let m: RegExpExecArray | null

    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const ref = query.get('ref') ?? (this.branches.get(this.defaultBranch) as string)
      const commit = this.commits.get(this.branches.get(ref) ?? ref)
      const bytes = commit?.files.get(m[1] as string)
      if (!bytes) return notFound
      const name = (m[1] as string).split('/').pop()
      // GitHub wraps base64 content at 60 characters.
      const content = bytes.toString('base64').replace(/(.{60})/g, '$1\n')
      return [200, { type: 'file', encoding: 'base64', path: m[1], name, size: bytes.length, sha: blobSha(bytes), content }]
    }
    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]+)$/.exec(rest))) {
      const commit = this.commits.get(m[1] as string)
      if (!commit) return notFound
      const tree = [...commit.files].map(([p, b]) => ({ path: p, mode: '100644', type: 'blob', sha: blobSha(b), size: b.length }))
      return [200, { sha: m[1], tree, truncated: false }]
    }
    if (method === 'GET' && (m = /^\/git\/ref\/heads\/(.+)$/.exec(rest))) {
      const sha = this.branches.get(m[1] as string)
      if (!sha) return notFound
      return [200, { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } }]
    }
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const all = this.comments.filter((c) => c.issue === Number(m?.[1]))
      const perPage = Math.min(Number(query.get('per_page') ?? 30), 100)
      const page = Number(query.get('page') ?? 1)
      const last = Math.max(1, Math.ceil(all.length / perPage))
      const links: string[] = []
      const link = (p: number, rel: string): string =>
        `<${this.url}${prefix}/issues/${m?.[1]}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`
      if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
      if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
      const items = all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(c))
      return [200, items, links.length ? { link: links.join(', ') } : {}]
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const comment = this.addComment(Number(m[1]), String(body.body), this.tokenUser)
      return [201, this.commentJson(comment)]
    }
    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.comments.find((c) => c.id === Number(m?.[1]))
      if (!comment) return notFound
      if (comment.user.login !== this.tokenUser.login) return [403, { message: 'Resource not accessible by integration' }]
      comment.body = String(body.body)
      return [200, this.commentJson(comment)]
    }
    return notFound
  }

  private commentJson(c: FakeComment): Record<string, unknown> {
    return {
      id: c.id,
      body: c.body,
      user: { login: c.user.login, type: c.user.type },
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`
    }
  }

  private graphql(body: Record<string, unknown>): [number, unknown] {
    const query = String(body.query ?? '')
    if (!query.includes('createCommitOnBranch')) return [200, { errors: [{ message: 'fake-github: unsupported query' }] }]
    const input = (body.variables as { input: CommitInput }).input
    const branchName = input.branch.branchName
    const head = this.branches.get(branchName)
    if (input.branch.repositoryNameWithOwner !== `${this.owner}/${this.repo}` || !head) {
      return [200, { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a branch '${branchName}'` }] }]
    }
    if (head !== input.expectedHeadOid) {
      return [200, {
        data: { createCommitOnBranch: null },
        errors: [{ type: 'STALE_DATA', message: `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.` }]
      }]
    }
    const changes: Record<string, Buffer | null> = {}
    for (const a of input.fileChanges.additions ?? []) changes[a.path] = Buffer.from(a.contents, 'base64')
    for (const d of input.fileChanges.deletions ?? []) changes[d.path] = null
    const message = [input.message.headline, input.message.body].filter(Boolean).join('\n\n')
    const sha = this.push(branchName, changes, message, this.tokenUser.login)
    return [200, { data: { createCommitOnBranch: { commit: { oid: sha, url: `https://github.com/${this.owner}/${this.repo}/commit/${sha}` } } } }]
  }
}

interface CommitInput {
  branch: { repositoryNameWithOwner: string; branchName: string }
  expectedHeadOid: string
  message: { headline: string; body?: string }
  fileChanges: { additions?: Array<{ path: string; contents: string }>; deletions?: Array<{ path: string }> }
}

export async function startFakeGitHub(fullName?: string): Promise<FakeGitHub> {
  return new FakeGitHub(fullName).start()
}
