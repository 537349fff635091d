// The whole-process speed target: `opsplan check` on the TechFlow example as a user runs it, through
// bin/opsplan.js, against `node -e 0` timed in the same run (so the machine's speed cancels out), as
// a ratio of medians. The command keeps the code V8 compiles between runs (see bin/opsplan.js); the
// target is judged on runs after the first, as a team editing its plan runs it, and the first run
// (an empty cache, as after installing or upgrading) is timed and reported beside it.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildCli } from '../scripts/build-cli.js'

export const TECHFLOW_PLAN = 'examples/techflow/opsplan.yaml'
export const TECHFLOW_TODAY = '2026-11-23'
/** Where the bench stages the package, the command line bundled from the sources (git-ignored). */
export const BENCH_PACKAGE = 'build/bench-cli'

export interface ProcessTiming {
  /** The command timed: bin/opsplan.js of a package. */
  cli: string
  /** Median wall time of `node CLI check …` with the compile cache of earlier runs, milliseconds. */
  checkMs: number
  /** The same with an empty compile cache: a first run. */
  firstMs: number
  /** Median wall time of `node -e 0`. */
  nodeMs: number
  ratio: number
  firstRatio: number
  checkRuns: number[]
  firstRuns: number[]
  nodeRuns: number[]
}

/**
 * Stages the package as npm installs it (bin/opsplan.js, package.json and dist/cli bundled from the
 * sources by scripts/build-cli.ts, as `npm run build:cli` does) in build/bench-cli, so the figure is
 * of the sources in this tree and the committed dist/ stays as it is. Returns its bin/opsplan.js.
 */
export async function stageCli(out = BENCH_PACKAGE): Promise<string> {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(join(out, 'bin'), { recursive: true })
  copyFileSync('package.json', join(out, 'package.json'))
  copyFileSync('bin/opsplan.js', join(out, 'bin', 'opsplan.js'))
  await buildCli(join(out, 'dist', 'cli'))
  return join(out, 'bin', 'opsplan.js')
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function timeProcess(args: readonly string[], cache?: string): { ms: number; status: number | null; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' }
  if (cache !== undefined) env.OPSPLAN_COMPILE_CACHE = cache
  const t0 = performance.now()
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', env })
  return { ms: performance.now() - t0, status: run.status, stderr: run.stderr }
}

/**
 * Runs `node -e 0`, a first `node CLI check TechFlow --today …` (an empty compile cache) and a later
 * one (the cache the runs before it wrote) in turn, `runs` times each after one untimed run of each
 * (disk cache), and compares the medians. The caches live in a temporary folder, removed after.
 */
export function timeTechflowCheck(cli: string, runs = 5): ProcessTiming {
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: stage the command line first`)
  const check = [cli, 'check', TECHFLOW_PLAN, '--today', TECHFLOW_TODAY]
  const caches = mkdtempSync(join(tmpdir(), 'opsplan-bench-cache-'))
  try {
    const kept = join(caches, 'kept')
    const warm = timeProcess(check, kept)
    // exit 1 means the plan has errors, which would still be a check; anything else is a failure
    if (warm.status !== 0 && warm.status !== 1) throw new Error(`opsplan check exited with ${warm.status}: ${warm.stderr.trim().split('\n')[0] ?? ''}`)
    timeProcess(['-e', '0'])
    const nodeRuns: number[] = []
    const firstRuns: number[] = []
    const checkRuns: number[] = []
    for (let i = 0; i < runs; i++) {
      nodeRuns.push(timeProcess(['-e', '0']).ms)
      firstRuns.push(timeProcess(check, join(caches, `empty-${i}`)).ms)
      checkRuns.push(timeProcess(check, kept).ms)
    }
    const checkMs = median(checkRuns)
    const firstMs = median(firstRuns)
    const nodeMs = median(nodeRuns)
    return { cli, checkMs, firstMs, nodeMs, ratio: checkMs / nodeMs, firstRatio: firstMs / nodeMs, checkRuns, firstRuns, nodeRuns }
  } finally {
    rmSync(caches, { recursive: true, force: true })
  }
}
