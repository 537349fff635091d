// A pull request that may change the plan: check the head plan against the base plan and the base
// schedule of record, and tell the reviewers — one sticky comment, annotations, the job summary.
import type { CheckReport } from '../core/types.js'
import type { RunContext } from './context.js'
import { decode, shortSha } from './context.js'
import type { PullRequestEvent } from './event.js'
import { annotate, failPerPolicy } from './report-out.js'
import { httpStatus } from './repo-api.js'
import { commentMarker, upsertStickyComment } from './sticky-comment.js'

/** Summaries may hold up to 1 MiB; the comment is kept shorter by the report renderer itself. */
const SUMMARY_MAX = 900_000
/** GitHub refuses comments over 65,536 characters; the margin leaves room for its own counting. */
export const COMMENT_MAX = 65_000

export async function reviewPullRequest(ctx: RunContext, event: PullRequestEvent): Promise<void> {
  const { api, settings, engine, runner, outputs } = ctx
  // Everything comes through the API at the two commits: no checkout, no fetch-depth.
  const [head, base, baseLock] = await Promise.all([
    api.getFile(settings.plan, event.headSha),
    api.getFile(settings.plan, event.baseSha),
    api.getFile(settings.lock, event.baseSha)
  ])
  if (!head) {
    const why = base ? 'The pull request deletes the plan' : `No plan at '${settings.plan}' in the pull request`
    runner.setFailed(
      `${why} (head ${shortSha(event.headSha)}). Set the 'plan' input to the plan's path, ` +
        `or limit the workflow to pull requests that touch it with 'paths:'.`
    )
    return
  }

  // A new plan has no base: everything it schedules is new, which is fine.
  const report = engine.checkPlan({
    plan: { text: head.bytes, file: settings.plan },
    base: base ? { text: base.bytes, file: settings.plan } : undefined,
    lock: baseLock ? { text: decode(baseLock.bytes), file: settings.lock } : undefined,
    today: ctx.today(decode(head.bytes))
  })
  outputs.report = report
  const added = report.problems.filter((p) => p.new !== false).length
  const record = report.lockFile ? `schedule of record ${report.lockFile} at the base` : 'planned without a schedule of record'
  runner.info(`${settings.plan}: ${report.errors} error(s), ${report.warnings} warning(s) (${added} new), ` +
    `${report.changes.length} shift change(s); ${record}.`)
  await runner.writeSummary(engine.renderReport(report, { maxLength: SUMMARY_MAX, mentions: false }))

  if (base && base.sha === head.sha) {
    // Nothing here for reviewers of this change: its problems, if any, are already on the base branch.
    runner.info(`This pull request does not change ${settings.plan}: nothing to review, and the job does not fail on it.`)
    outputs.commentUrl = await comment(ctx, event, report, { onlyUpdate: true })
    return
  }
  annotate(runner, report.problems)
  outputs.commentUrl = await comment(ctx, event, report, { onlyUpdate: false })
  failPerPolicy(runner, report, settings.failOn, settings.failOnExisting)
}

const NO_COMMENT = 'the report is in the job summary and the annotations'

async function comment(ctx: RunContext, event: PullRequestEvent, report: CheckReport, opts: { onlyUpdate: boolean }): Promise<string | undefined> {
  const { api, settings, engine, runner } = ctx
  if (!settings.comment) {
    runner.info('comment: false — the report is in the job summary.')
    return undefined
  }
  if (event.fromFork && event.name === 'pull_request') {
    runner.notice(`No comment: the token of a pull request from a fork cannot comment; ${NO_COMMENT}.`, { title: 'opsplan' })
    return undefined
  }
  const marker = commentMarker(settings.plan)
  const body = engine.renderReport(report, {
    marker,
    maxLength: COMMENT_MAX,
    mentions: settings.mention && !opts.onlyUpdate,
    summaryHint: ctx.runUrl ? `see the [job summary](${ctx.runUrl})` : 'see the job summary'
  })
  try {
    const result = await upsertStickyComment(api, event.number, marker, body, { createIfMissing: !opts.onlyUpdate })
    if (!result) return undefined
    runner.info(`Comment ${result.action}: ${result.url}`)
    return result.url
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? ''
    // A secondary rate limit is a 403 too, but one that passes; only a refusal means "no permission".
    if (httpStatus(error) !== 403 || /rate limit/i.test(message)) throw error
    runner.notice(`No comment: the token cannot comment on this pull request (${message}); ${NO_COMMENT}. ` +
      `Grant 'pull-requests: write' to comment.`, { title: 'opsplan' })
    return undefined
  }
}
