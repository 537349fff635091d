// One comment per plan per pull request, found again by a hidden marker and edited in place.
import { isBotLogin } from './event.js'
import type { IssueComment, RepoApi } from './repo-api.js'

/** The hidden first line of the comment; the plan path tells comments of two plans apart. */
export function commentMarker(planPath: string): string {
  // `--` cannot appear inside an HTML comment; a path with it is still told apart by the rest.
  return `<!-- opsplan:report plan=${planPath.replace(/--+/g, '-')} -->`
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged'
  url: string
}

function carriesMarker(comment: IssueComment, marker: string): boolean {
  return comment.body.includes(marker)
}

/**
 * The action's own comment with the marker. Only comments written by the bot (or by whoever the
 * token acts as) count: a person quoting the marker must not have their comment overwritten.
 */
export async function findStickyComment(api: RepoApi, issue: number, marker: string): Promise<IssueComment | undefined> {
  const marked = (await api.listComments(issue)).filter((c) => carriesMarker(c, marker))
  const bots = marked.filter((c) => c.user?.type === 'Bot' && isBotLogin(c.user.login))
  if (bots.length > 0) return bots[0]
  const others = marked.filter((c) => c.user !== null)
  if (others.length === 0) return undefined
  // Only asked when needed: an installation token cannot say who it is, a personal token can.
  const login = await api.tokenLogin()
  return login ? others.find((c) => c.user?.login === login) : undefined
}

export async function upsertStickyComment(api: RepoApi, issue: number, marker: string, body: string): Promise<StickyResult> {
  const existing = await findStickyComment(api, issue, marker)
  if (!existing) {
    const created = await api.createComment(issue, body)
    return { action: 'created', url: created.htmlUrl }
  }
  // GitHub may hand back CRLF line ends for a body written with LF.
  if (existing.body.replace(/\r\n/g, '\n') === body.replace(/\r\n/g, '\n')) {
    return { action: 'unchanged', url: existing.htmlUrl }
  }
  const updated = await api.updateComment(existing.id, body)
  return { action: 'updated', url: updated.htmlUrl }
}
