// On the default branch (push, schedule, dispatch): render the handbook, calendars and lock from
// the plan at the branch head, and commit whatever differs — all in one commit, or none.
import { createHash } from 'node:crypto'
import type { RunContext } from './context.js'
import { decode, shortSha } from './context.js'
import { COMMIT_MARKER, notDefaultBranch, type BranchEvent } from './event.js'
import { annotate, failPerPolicy } from './report-out.js'
import type { FileChange, RepoApi } from './repo-api.js'

export const COMMIT_MESSAGE = `opsplan: regenerate handbook, calendars and lock ${COMMIT_MARKER}`
/** Attempts when the branch moves between reading it and committing. */
export const MAX_ATTEMPTS = 3
const SUMMARY_MAX = 900_000

/** The sha git gives a blob with these bytes: lets a tree listing stand in for reading every file. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8')
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

// Calendar feeds of members who left the plan are removed — but only files this tool wrote.
const GENERATED = /opsplan/i

async function changesAgainst(api: RepoApi, sha: string, files: Record<string, string>, calendars: string): Promise<FileChange[]> {
  const tree = await api.getTreeShas(sha)
  const changes: FileChange[] = []
  for (const [path, contents] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const current = tree ? tree.get(path) : (await api.getFile(path, sha))?.sha
    if (current !== gitBlobSha(contents)) changes.push({ path, contents })
  }
  if (!tree) return changes
  const stale = [...tree.keys()].filter((p) => p.startsWith(`${calendars}/`) && p.endsWith('.ics') && !(p in files)).sort()
  for (const path of stale) {
    const file = await api.getFile(path, sha)
    if (file && GENERATED.test(decode(file.bytes).slice(0, 2000))) changes.push({ path, contents: null })
  }
  return changes
}

/** The branch to work on, or undefined (and a note saying why) when the run must leave it alone. */
async function targetBranch(ctx: RunContext, event: BranchEvent): Promise<string | undefined> {
  if (event.skip) {
    ctx.runner.info(`Nothing to do: ${event.skip}.`)
    return undefined
  }
  const defaultBranch = event.defaultBranch ?? (await ctx.api.getDefaultBranch())
  const branch = event.branch ?? defaultBranch
  const skip = notDefaultBranch(branch, defaultBranch)
  if (skip) {
    ctx.runner.notice(`Nothing to do: ${skip}. opsplan commits generated files to the default branch only.`, { title: 'opsplan' })
    return undefined
  }
  return branch
}

export async function regenerate(ctx: RunContext, event: BranchEvent): Promise<void> {
  const { api, settings, engine, runner, outputs } = ctx
  const branch = await targetBranch(ctx, event)
  if (branch === undefined) return
  let head = event.sha || (await api.getBranchHead(branch))

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const plan = await api.getFile(settings.plan, head)
    if (!plan) {
      runner.setFailed(`No plan at '${settings.plan}' on ${branch} (${shortSha(head)}). Set the 'plan' input to the plan's path.`)
      return
    }
    const lock = await api.getFile(settings.lock, head)
    const { report, files } = engine.renderFiles({
      plan: { text: plan.bytes, file: settings.plan },
      lock: lock ? { text: decode(lock.bytes), file: settings.lock } : undefined,
      today: ctx.today(decode(plan.bytes)),
      paths: { handbook: settings.handbook, calendars: settings.calendars, lock: settings.lock }
    })
    outputs.report = report
    runner.info(`${settings.plan} at ${shortSha(head)}: ${report.lockFile ? `schedule of record ${report.lockFile}` : 'planned without a schedule of record'}.`)
    if (!report.ok) {
      annotate(runner, report.problems)
      await runner.writeSummary(engine.renderReport(report, { mentions: false, maxLength: SUMMARY_MAX }))
      runner.info('The plan has errors: nothing was generated or committed.')
      failPerPolicy(runner, report, settings.failOn, settings.failOnExisting)
      return
    }

    const changes = await changesAgainst(api, head, files, settings.calendars)
    const changedFiles = changes.map((c) => c.path)
    outputs.changedFiles = changedFiles
    if (changes.length === 0) {
      runner.info(`Generated files on ${branch} are up to date (${shortSha(head)}).`)
      return finish(ctx, 'Generated files are up to date.')
    }
    if (!settings.commit) {
      runner.info(`commit: false — ${changes.length} file(s) would change: ${changedFiles.join(', ')}`)
      return finish(ctx, `${changes.length} generated file(s) differ; not committed (commit: false).`)
    }

    const result = await api.commitFiles(branch, head, COMMIT_MESSAGE, changes)
    if (result.ok) {
      runner.info(`Committed ${changedFiles.join(', ')} as ${result.sha} on ${branch}.`)
      outputs.commitSha = result.sha
      return finish(ctx, `Committed ${changes.length} file(s) in ${shortSha(result.sha)}.`)
    }
    const moved = await api.getBranchHead(branch)
    if (moved === head) {
      runner.setFailed(`GitHub refused the commit to ${branch}: ${result.reason}`)
      return
    }
    runner.info(`${branch} moved from ${shortSha(head)} to ${shortSha(moved)}; rendering again from the new head.`)
    // What the previous attempt would have committed is not committed: only the new head's files count.
    outputs.changedFiles = []
    head = moved
  }
  runner.setFailed(`${branch} kept moving during ${MAX_ATTEMPTS} attempts; nothing was committed. The next run will try again.`)
}

async function finish(ctx: RunContext, headline: string): Promise<void> {
  const { outputs, runner } = ctx
  const list = (outputs.changedFiles ?? []).map((f) => `- \`${f}\``).join('\n')
  const report = outputs.report
  const body = report ? ctx.engine.renderReport(report, { mentions: false, maxLength: SUMMARY_MAX }) : ''
  if (report) annotate(runner, report.problems)
  await runner.writeSummary(`### opsplan\n\n${headline}\n\n${list}${list ? '\n\n' : ''}${body}`)
  if (report) failPerPolicy(runner, report, ctx.settings.failOn, ctx.settings.failOnExisting)
}
