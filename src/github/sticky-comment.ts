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

/**
 * The action's own comment with the marker. Only comments written by the bot (or by whoever the
 * token acts as) count: a person quoting the marker must not have their comment overwritten.
 */
export async function findStickyComment(api: RepoApi, issue: number, marker: string): Promise<IssueComment | undefined> {
  const marked = (await api.listComments(issue)).filter((c) => c.body.includes(marker))
  const workflowBot = marked.find((c) => c.user?.type === 'Bot' && isBotLogin(c.user.login))
  if (workflowBot) return workflowBot
  const others = marked.filter((c) => c.user !== null)
  if (others.length === 0) return undefined
  // Only asked when needed: a personal token can say who it is, an app's installation token cannot.
  const login = await api.tokenLogin()
  if (login) return others.find((c) => c.user?.login === login)
  // An app's token writes as the app, a Bot; people cannot write as a Bot, so none of them is mistaken.
  return others.find((c) => c.user?.type === 'Bot')
}

function sameBody(a: string, b: string): boolean {
  // GitHub may hand back CRLF line ends for a body written with LF.
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n')
}

async function editIfChanged(api: RepoApi, existing: IssueComment, body: string): Promise<StickyResult> {
  if (sameBody(existing.body, body)) return { action: 'unchanged', url: existing.htmlUrl }
  const updated = await api.updateComment(existing.id, body)
  return { action: 'updated', url: updated.htmlUrl }
}

/**
 * Creates the comment or edits it in place; writes nothing when the body is the same. With
 * `createIfMissing: false` only an existing comment is kept up to date (undefined when none).
 */
export async function upsertStickyComment(
  api: RepoApi,
  issue: number,
  marker: string,
  body: string,
  options: { createIfMissing?: boolean } = {}
): Promise<StickyResult | undefined> {
  const existing = await findStickyComment(api, issue, marker)
  if (existing) return editIfChanged(api, existing, body)
  if (options.createIfMissing === false) return undefined
  try {
    const created = await api.createComment(issue, body)
    return { action: 'created', url: created.htmlUrl }
  } catch (error) {
    if (!isTransient(error)) throw error
    // GitHub may have stored the comment before failing to answer: look before posting again.
    const stored = await findStickyComment(api, issue, marker)
    if (stored) return editIfChanged(api, stored, body)
    const created = await api.createComment(issue, body)
    return { action: 'created', url: created.htmlUrl }
  }
}

/** A 5xx, or no answer at all (@octokit/request reports those as 500). */
function isTransient(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && status >= 500
}
