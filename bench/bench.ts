// npm run bench: the scheduler on seeded synthetic teams, on random overlapping plans against the
// exact oracle, and the whole-process speed of `opsplan check`. Tables on stdout, progress on stderr.
import { performance } from 'node:perf_hooks'
import { parseOptions, USAGE, UsageError, type BenchOptions } from './options.js'
import { runRandom, type RandomRun } from './random-run.js'
import { formatFailures, formatRandom, formatSpeed, formatTargets, formatTeams, teamNotes } from './report.js'
import { BENCH_PACKAGE, stageCli, timeTechflowCheck, type ProcessTiming } from './speed.js'
import { syntheticCases } from './synthetic.js'
import { runTeam, type TeamResult } from './team-run.js'

const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

async function main(options: BenchOptions): Promise<void> {
  const started = performance.now()
  const teams: TeamResult[] = []
  for (const c of syntheticCases({ kinds: options.kinds, sizes: options.sizes, shifts: options.shifts })) {
    log(c.name)
    teams.push(await runTeam(c, log))
  }
  let random: RandomRun | undefined
  if (options.random > 0) {
    log(`random plans, seed ${options.seed}`)
    random = await runRandom(options.random, options.seed, { ...(options.plan !== undefined ? { only: options.plan } : {}), timeLimitSeconds: options.timeLimit }, log)
  }
  let speed: ProcessTiming | undefined
  if (options.speedRuns > 0) {
    log(options.cli ? `timing ${options.cli}` : `bundling the command line into ${BENCH_PACKAGE}`)
    speed = timeTechflowCheck(options.cli ?? (await stageCli()), options.speedRuns)
  }

  const out: string[] = []
  if (teams.length > 0) {
    out.push('## Synthetic teams', formatTeams(teams))
    const notes = teamNotes(teams)
    if (notes.length > 0) out.push(notes.map((n) => `- ${n}`).join('\n'))
  }
  if (random) out.push('## Random overlapping plans against the exact oracle', formatRandom(random), formatFailures(random))
  const speedTable = formatSpeed(speed, teams)
  if (speedTable) out.push('## Speed', speedTable)
  out.push('## Targets', formatTargets({ teams, ...(random ? { random } : {}), ...(speed ? { speed } : {}) }))
  process.stdout.write(`${out.join('\n\n')}\n`)
  log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

let options: BenchOptions | undefined
try {
  options = parseOptions(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  log(`bench: ${error.message}`)
  log(USAGE)
  process.exitCode = 2
}
if (options) await main(options)
