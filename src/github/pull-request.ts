// A pull request that may change the plan: check the head plan against the base plan and the base
// schedule of record, and tell the reviewers — one sticky comment, annotations, the job summary.
import type { RunContext } from './context.js'
import { decode, shortSha } from './context.js'
import type { PullRequestEvent } from './event.js'
import { annotate, failPerPolicy, setOutputs, type RunOutputs } from './report-out.js'
import { httpStatus } from './repo-api.js'
import { commentMarker, upsertStickyComment } from './sticky-comment.js'

/** Summaries may hold up to 1 MiB; the comment is kept shorter by the report renderer itself. */
const SUMMARY_MAX = 900_000

export async function reviewPullRequest(ctx: RunContext, event: PullRequestEvent): Promise<RunOutputs> {
  const { api, settings, engine, runner } = ctx
  const head = await api.getFile(settings.plan, event.headSha)
  if (!head) {
    runner.setFailed(
      `No plan at '${settings.plan}' in the pull request's head commit ${shortSha(event.headSha)}. ` +
        `Set the 'plan' input to the plan's path, or limit the workflow to pull requests that touch it.`
    )
    return {}
  }
  // A new plan has no base: everything it schedules is new, which is fine.
  const [base, baseLock] = await Promise.all([
    api.getFile(settings.plan, event.baseSha),
    api.getFile(settings.lock, event.baseSha)
  ])

  const headText = decode(head.bytes)
  const report = engine.checkPlan({
    plan: { text: head.bytes, file: settings.plan },
    base: base ? { text: base.bytes, file: settings.plan } : undefined,
    lock: baseLock ? { text: decode(baseLock.bytes), file: settings.lock } : undefined,
    today: ctx.today(headText)
  })
  runner.info(`${settings.plan}: ${report.errors} error(s), ${report.warnings} warning(s), ${report.changes.length} shift change(s).`)

  annotate(runner, report.problems)
  await runner.writeSummary(engine.renderReport(report, { maxLength: SUMMARY_MAX, mentions: false }))

  const outputs: RunOutputs = { report }
  outputs.commentUrl = await comment(ctx, event, report)
  setOutputs(runner, outputs)
  failPerPolicy(runner, report, settings.failOn)
  return outputs
}

async function comment(ctx: RunContext, event: PullRequestEvent, report: Parameters<RunContext['engine']['renderReport']>[0]): Promise<string | undefined> {
  const { api, settings, engine, runner } = ctx
  if (!settings.comment) {
    runner.info('comment: false — the report is in the job summary.')
    return undefined
  }
  const noComment = 'the report is in the job summary and the annotations'
  if (event.fromFork && event.name === 'pull_request') {
    runner.notice(`No comment: the token of a pull request from a fork cannot comment; ${noComment}.`, { title: 'opsplan' })
    return undefined
  }
  const marker = commentMarker(settings.plan)
  const body = engine.renderReport(report, {
    marker,
    mentions: settings.mention,
    summaryHint: ctx.runUrl ? `see the [job summary](${ctx.runUrl})` : 'see the job summary'
  })
  try {
    const result = await upsertStickyComment(api, event.number, marker, body)
    runner.info(`Comment ${result.action}: ${result.url}`)
    return result.url
  } catch (error) {
    if (httpStatus(error) !== 403) throw error
    const why = (error as Error).message.split('\n')[0]
    runner.notice(`No comment: the token cannot comment on this pull request (${why}); ${noComment}. ` +
      `Grant 'pull-requests: write' to comment.`, { title: 'opsplan' })
    return undefined
  }
}
