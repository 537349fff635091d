// What a handler gets: the settings, the API, the core and the runner, all handed in.
import type { Settings } from './inputs.js'
import type { Engine, Runner } from './ports.js'
import type { RepoApi } from './repo-api.js'
import type { RunOutputs } from './report-out.js'

export interface RunContext {
  settings: Settings
  api: RepoApi
  engine: Engine
  runner: Runner
  /** `today` for the core, given the plan's text: the run's date in the plan's time zone. */
  today: (planText: string) => string
  /** Link to this workflow run, for "the full report is in the job summary". */
  runUrl?: string
  /** Filled in as the run learns them; set as step outputs however the run ends. */
  outputs: RunOutputs
}

export function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8')
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}
