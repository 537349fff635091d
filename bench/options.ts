// The bench's command line, read and checked in one place: a wrong option is one line and the usage.
import { parseArgs } from 'node:util'
import { SHIFT_KINDS, TEAM_KINDS, TEAM_SIZES, type ShiftKind, type TeamKind } from './synthetic.js'

export const USAGE = [
  'usage: npm run bench -- [--teams steady,moves,dense,hub,mixed|none] [--sizes 4,10,50,200] [--shifts weekly,daily,mixed]',
  '                        [--random N] [--seed S] [--plan K] [--time-limit SECONDS] [--speed-runs N] [--cli FILE]'
].join('\n')

export const DEFAULT_RANDOM = 200
export const DEFAULT_SEED = 20261201
export const DEFAULT_SPEED_RUNS = 5

export interface BenchOptions {
  kinds: TeamKind[]
  sizes: number[]
  shifts: ShiftKind[]
  /** Random plans against the oracle (0: none). */
  random: number
  seed: number
  /** Only this plan (1-based) of the seed's random plans, to reproduce one. */
  plan?: number
  /** Seconds per MILP solve of the oracle. */
  timeLimit: number
  /** Runs of each process for the TechFlow timing (0: none). */
  speedRuns: number
  /** A bundled command line to time instead of bundling the sources. */
  cli?: string
}

/** A command line the bench cannot run: said in one line with the usage, never as a stack. */
export class UsageError extends Error {}

function list<T extends string | number>(name: string, value: string | undefined, allowed: readonly T[], parse: (s: string) => T, none = false): T[] {
  if (value === undefined) return [...allowed]
  if (none && value.trim() === 'none') return []
  const picked = value.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (picked.length === 0 || picked.some((s) => !allowed.includes(parse(s)))) {
    throw new UsageError(`--${name}: expected some of ${allowed.join(', ')}${none ? ' (or none)' : ''}, got '${value}'`)
  }
  return allowed.filter((a) => picked.map(parse).includes(a))
}

function count(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name}: expected a whole number of at least ${min}, got '${value}'`)
  return n
}

export function parseOptions(args: readonly string[]): BenchOptions {
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args: [...args],
      options: {
        teams: { type: 'string' }, sizes: { type: 'string' }, shifts: { type: 'string' },
        random: { type: 'string' }, seed: { type: 'string' }, plan: { type: 'string' }, 'time-limit': { type: 'string' },
        'speed-runs': { type: 'string' }, cli: { type: 'string' }
      },
      strict: true,
      allowPositionals: false
    }).values as Record<string, string | undefined>
  } catch (error) {
    // node's own message, first sentence ("Unknown option '--fast'"); it may come from another realm
    const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error)
    throw new UsageError(message.split('. ')[0]!)
  }
  const timeLimit = values['time-limit'] === undefined ? 10 : Number(values['time-limit'])
  if (!(timeLimit > 0) || !Number.isFinite(timeLimit)) throw new UsageError(`--time-limit: expected seconds above 0, got '${values['time-limit']}'`)
  const plan = values.plan === undefined ? undefined : count('plan', values.plan, 1, 1)
  const random = count('random', values.random, plan ?? DEFAULT_RANDOM, 0)
  if (plan !== undefined && plan > random) throw new UsageError(`--plan ${plan}: the seed's random plans are numbered 1 to ${random}`)
  if (values.cli === '') throw new UsageError('--cli: expected the path of the command to time, e.g. bin/opsplan.js')
  return {
    kinds: list('teams', values.teams, TEAM_KINDS, (s) => s as TeamKind, true),
    sizes: list('sizes', values.sizes, TEAM_SIZES, Number),
    shifts: list('shifts', values.shifts, SHIFT_KINDS, (s) => s as ShiftKind),
    random,
    seed: count('seed', values.seed, DEFAULT_SEED, 0),
    ...(plan !== undefined ? { plan } : {}),
    timeLimit,
    speedRuns: count('speed-runs', values['speed-runs'], DEFAULT_SPEED_RUNS, 0),
    ...(values.cli !== undefined ? { cli: values.cli } : {})
  }
}
