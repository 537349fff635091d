// The whole-process speed target: `opsplan check` on the TechFlow example as a user runs it, against
// `node -e 0` timed in the same run (so the machine's speed cancels out), as a ratio of medians.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

export const TECHFLOW_PLAN = 'examples/techflow/opsplan.yaml'
export const TECHFLOW_TODAY = '2026-11-23'
/** Where the bench bundles the command line from the sources (git-ignored; dist/ is left alone). */
export const BENCH_CLI = 'build/bench-cli/index.js'

export interface ProcessTiming {
  cli: string
  /** Median wall time of `node CLI check …`, and of `node -e 0`, milliseconds. */
  checkMs: number
  nodeMs: number
  ratio: number
  checkRuns: number[]
  nodeRuns: number[]
}

/**
 * Bundles src/cli.ts with ncc exactly as `npm run build:cli` does, but into build/bench-cli, so the
 * figure is of the sources in this tree and the committed dist/ stays as it is.
 */
export function bundleCli(out = 'build/bench-cli'): string {
  const built = spawnSync('npx', ['ncc', 'build', 'src/cli.ts', '-o', out, '--target', 'es2022', '-q'], { encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`bundling the command line failed: ${(built.stderr || built.stdout).trim().split('\n').slice(-3).join(' ')}`)
  return `${out}/index.js`
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function timeProcess(args: readonly string[]): { ms: number; status: number | null; stderr: string } {
  const t0 = performance.now()
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' })
  return { ms: performance.now() - t0, status: run.status, stderr: run.stderr }
}

/**
 * Runs `node -e 0` and `node CLI check TechFlow --today …` alternately, `runs` times each after one
 * untimed run of each (disk cache), and compares the medians.
 */
export function timeTechflowCheck(cli: string, runs = 5): ProcessTiming {
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: bundle the command line first`)
  const check = [cli, 'check', TECHFLOW_PLAN, '--today', TECHFLOW_TODAY]
  const warm = timeProcess(check)
  // exit 1 means the plan has errors, which would still be a check; anything else is a failure
  if (warm.status !== 0 && warm.status !== 1) throw new Error(`opsplan check exited with ${warm.status}: ${warm.stderr.trim().split('\n')[0] ?? ''}`)
  timeProcess(['-e', '0'])
  const nodeRuns: number[] = []
  const checkRuns: number[] = []
  for (let i = 0; i < runs; i++) {
    nodeRuns.push(timeProcess(['-e', '0']).ms)
    checkRuns.push(timeProcess(check).ms)
  }
  const checkMs = median(checkRuns)
  const nodeMs = median(nodeRuns)
  return { cli, checkMs, nodeMs, ratio: checkMs / nodeMs, checkRuns, nodeRuns }
}
