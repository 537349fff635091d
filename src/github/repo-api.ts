// Every call the action makes to GitHub, in one class: file contents at a commit, the tree of a
// commit, issue comments, the branch head and the commit that carries the generated files.
import type { Octokit } from './octokit.js'

export interface RepoRef {
  owner: string
  repo: string
}

export interface RepoFile {
  path: string
  /** Raw bytes: CRLF and any encoding survive as they are in git. */
  bytes: Uint8Array
  /** The git blob sha. */
  sha: string
}

export interface IssueComment {
  id: number
  body: string
  htmlUrl: string
  user: { login: string; type: string } | null
}

export interface FileChange {
  path: string
  /** New contents, or null to delete the file. */
  contents: string | null
}

export type CommitResult = { ok: true; sha: string } | { ok: false; reason: string }

/** Status of a failed API call, or undefined when the failure was not an HTTP response. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

export class RepoApi {
  readonly owner: string
  readonly repo: string

  constructor(
    private readonly octokit: Octokit,
    ref: RepoRef
  ) {
    this.owner = ref.owner
    this.repo = ref.repo
  }

  /** A file at a commit, or undefined when there is none (missing path, or a folder). */
  async getFile(path: string, ref: string): Promise<RepoFile | undefined> {
    let data: unknown
    try {
      const response = await this.octokit.rest.repos.getContent({ owner: this.owner, repo: this.repo, path, ref })
      data = response.data
    } catch (error) {
      if (httpStatus(error) === 404) return undefined
      throw error
    }
    if (Array.isArray(data)) return undefined
    const file = data as { type?: string; sha: string; encoding?: string; content?: string }
    if (file.type !== 'file') return undefined
    // Files over 1 MB come without content; the blob API still has them.
    if (file.encoding === 'base64' && typeof file.content === 'string') {
      return { path, sha: file.sha, bytes: Buffer.from(file.content, 'base64') }
    }
    return { path, sha: file.sha, bytes: await this.getBlob(file.sha) }
  }

  async getBlob(sha: string): Promise<Uint8Array> {
    const { data } = await this.octokit.rest.git.getBlob({ owner: this.owner, repo: this.repo, file_sha: sha })
    return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8')
  }

  /** Blob shas of every file at a commit; undefined when GitHub truncates the listing. */
  async getTreeShas(commitSha: string): Promise<Map<string, string> | undefined> {
    const { data } = await this.octokit.rest.git.getTree({
      owner: this.owner,
      repo: this.repo,
      tree_sha: commitSha,
      recursive: 'true'
    })
    if (data.truncated) return undefined
    const shas = new Map<string, string>()
    for (const entry of data.tree) {
      if (entry.type === 'blob' && entry.path && entry.sha) shas.set(entry.path, entry.sha)
    }
    return shas
  }

  /** Every comment of an issue or pull request, across every page. */
  async listComments(issue: number): Promise<IssueComment[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issue,
      per_page: 100
    })
    return comments.map((c) => ({
      id: c.id,
      body: c.body ?? '',
      htmlUrl: c.html_url,
      user: c.user ? { login: c.user.login, type: c.user.type } : null
    }))
  }

  /**
   * Posts once, never retried here: GitHub may have stored a comment it answered with a 502, so the
   * caller looks for it before posting again.
   */
  async createComment(issue: number, body: string): Promise<IssueComment> {
    const { data } = await this.octokit.rest.issues.createComment({
      owner: this.owner,
      repo: this.repo,
      issue_number: issue,
      body,
      request: { retries: 0 }
    })
    return { id: data.id, body: data.body ?? body, htmlUrl: data.html_url, user: data.user }
  }

  async updateComment(id: number, body: string): Promise<IssueComment> {
    const { data } = await this.octokit.rest.issues.updateComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: id,
      body
    })
    return { id: data.id, body: data.body ?? body, htmlUrl: data.html_url, user: data.user }
  }

  /** The login the token acts as, or undefined when the token cannot say (an app installation token). */
  async tokenLogin(): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.users.getAuthenticated()
      return data.login
    } catch {
      return undefined
    }
  }

  async getDefaultBranch(): Promise<string> {
    const { data } = await this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo })
    return data.default_branch
  }

  async getBranchHead(branch: string): Promise<string> {
    const { data } = await this.octokit.rest.git.getRef({ owner: this.owner, repo: this.repo, ref: `heads/${branch}` })
    return data.object.sha
  }

  /**
   * One commit with every change, on top of `expectedHead`. GitHub refuses it when the branch has
   * moved since; that comes back as `ok: false` so the caller can re-read and try again.
   */
  async commitFiles(branch: string, expectedHead: string, message: string, changes: FileChange[]): Promise<CommitResult> {
    const [headline, ...rest] = message.split('\n')
    const input = {
      branch: { repositoryNameWithOwner: `${this.owner}/${this.repo}`, branchName: branch },
      expectedHeadOid: expectedHead,
      message: { headline: headline ?? message, body: rest.join('\n').trim() || undefined },
      fileChanges: {
        additions: changes
          .filter((c) => c.contents !== null)
          .map((c) => ({ path: c.path, contents: Buffer.from(c.contents as string, 'utf8').toString('base64') })),
        deletions: changes.filter((c) => c.contents === null).map((c) => ({ path: c.path }))
      }
    }
    try {
      const result = await this.octokit.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
        `mutation ($input: CreateCommitOnBranchInput!) {
          createCommitOnBranch(input: $input) { commit { oid url } }
        }`,
        { input }
      )
      return { ok: true, sha: result.createCommitOnBranch.commit.oid }
    } catch (error) {
      const errors = (error as { errors?: Array<{ type?: string; message?: string }> }).errors
      // GraphQL errors arrive with HTTP 200: a stale head among them. Transport errors are real failures.
      if (!Array.isArray(errors)) throw error
      const reason = errors.map((e) => e.message ?? '').join('; ')
      const forbidden = errors.some((e) => e.type === 'FORBIDDEN' || /not accessible|permission/i.test(e.message ?? ''))
      return { ok: false, reason: forbidden ? `${reason}. Grant the job 'permissions: contents: write'.` : reason }
    }
  }
}
