// The action: read the inputs and the event, then review a pull request or regenerate the files on
// the default branch. Everything from outside comes in through `deps`, so tests can hand in fakes.
import * as core from '@actions/core'
import { checkPlan } from '../core/check.js'
import { renderFiles } from '../core/render-files.js'
import { renderReport } from '../core/render/report.js'
import type { RunContext } from './context.js'
import { readEvent, type ActionEvent } from './event.js'
import { InputError, readSettings } from './inputs.js'
import { createOctokit, type Octokit, type OctokitSettings } from './octokit.js'
import type { Engine, Runner } from './ports.js'
import { reviewPullRequest } from './pull-request.js'
import { regenerate } from './regenerate.js'
import { setOutputs, type RunOutputs } from './report-out.js'
import { RepoApi, httpStatus } from './repo-api.js'
import { todayFor } from './today.js'

export interface Deps {
  env: Record<string, string | undefined>
  now: () => Date
  runner: Runner
  engine: Engine
  octokit: (settings: OctokitSettings) => Octokit
  /** The event payload; read from GITHUB_EVENT_PATH when not given. */
  payload?: Record<string, unknown>
}

export function actionsRunner(): Runner {
  return {
    info: (m) => core.info(m),
    notice: (m, p) => core.notice(m, p),
    warning: (m, p) => core.warning(m, p),
    error: (m, p) => core.error(m, p),
    setOutput: (n, v) => core.setOutput(n, v),
    setFailed: (m) => core.setFailed(m),
    writeSummary: async (markdown) => {
      try {
        await core.summary.addRaw(markdown, true).write()
      } catch (error) {
        core.info(`No job summary written: ${(error as Error).message}`)
      }
    }
  }
}

export function defaultDeps(): Deps {
  return {
    env: process.env,
    now: () => new Date(),
    runner: actionsRunner(),
    engine: { checkPlan, renderFiles, renderReport },
    octokit: createOctokit
  }
}

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  const { env, runner } = deps
  const outputs: RunOutputs = {}
  try {
    const settings = readSettings(env)
    const event: ActionEvent = readEvent(env, deps.payload)
    if (event.kind === 'other') {
      runner.notice(`opsplan does nothing on '${event.name}' events: run it on pull_request, push, schedule or workflow_dispatch.`)
      return
    }
    const fixedToday = env.OPSPLAN_TODAY || undefined
    if (fixedToday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixedToday)) {
      throw new InputError(`Invalid OPSPLAN_TODAY '${fixedToday}'. Expected a date such as 2026-11-23.`)
    }
    const octokit = deps.octokit({
      token: settings.token,
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
      log: runner
    })
    const now = deps.now()
    const ctx: RunContext = {
      settings,
      api: new RepoApi(octokit, event),
      engine: deps.engine,
      runner,
      // OPSPLAN_TODAY replays a run as of a given date (as `--today` does on the command line).
      today: (planText) => fixedToday ?? todayFor(planText, now),
      runUrl:
        env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID
          ? `${env.GITHUB_SERVER_URL}/${event.owner}/${event.repo}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
      outputs
    }
    if (event.kind === 'pull_request') await reviewPullRequest(ctx, event)
    else await regenerate(ctx, event)
  } catch (error) {
    if (isBug(error)) runner.info(`opsplan stopped on an unexpected error; please report it with this trace:\n${(error as Error).stack}`)
    runner.setFailed(failureMessage(error))
  } finally {
    // Later steps read the outputs whatever happened: empty where they do not apply.
    setOutputs(runner, outputs)
  }
}

function isBug(error: unknown): boolean {
  return !(error instanceof InputError) && httpStatus(error) === undefined && error instanceof Error && error.stack !== undefined
}

/** One line that says what failed; GitHub's own words, never a stack trace. */
export function failureMessage(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  if (error instanceof InputError) return message
  const status = httpStatus(error)
  if (status !== undefined) {
    const failed = error as { request?: { method?: string; url?: string }; response?: unknown }
    const call = failed.request ? ` (${failed.request.method ?? ''} ${failed.request.url ?? ''})` : ''
    // Octokit reports a request that got no answer at all as a 500 without a response.
    if (failed.response === undefined && status === 500) return `Could not reach GitHub${call}: ${message}`
    return `GitHub API request failed with ${status}${call}: ${message}`
  }
  return `opsplan failed unexpectedly: ${message}`
}
