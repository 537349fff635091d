// `opsplan validate | check | render | now` (SPEC section 6). Exit status: 0 clean (warnings allowed),
// 1 a rule at severity error, 2 the plan cannot be read, an output cannot be written, or the command
// line is wrong.
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { DateTime } from 'luxon'
import { checkPlan, type PlanSource } from '../core/check.js'
import { loadPlan } from '../core/plan/load.js'
import { isRealDate } from '../core/plan/dates.js'
import { renderFiles } from '../core/render-files.js'
import { JSON_FORMAT, reportToJson, type JsonReport } from '../core/render/json.js'
import { renderReport } from '../core/render/report.js'
import type { CheckReport } from '../core/types.js'
import { HELP, type Command } from './help.js'
import { LOCK_FILE, UsageError, lockPath, lockWords, printProblems, readLock, readSource } from './inputs.js'
import { now } from './now.js'
import { WriteError, type System } from './system.js'

export const EXIT_OK = 0
export const EXIT_ERRORS = 1
export const EXIT_UNREADABLE = 2

export async function main(argv: string[], sys: System): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      sys.stdout(HELP.main)
      return EXIT_OK
    }
    if (command === '--version' || command === '-v') {
      sys.stdout(`opsplan ${sys.version()}\n`)
      return EXIT_OK
    }
    if (!isCommand(command)) {
      throw new UsageError(`unknown command '${command}'. Try: opsplan ${COMMANDS.join(' | ')} (opsplan --help)`)
    }
    const args = parse(command, rest)
    if (args.values.help) {
      sys.stdout(HELP[command])
      return EXIT_OK
    }
    if (command === 'validate') return validate(args.plan, sys)
    if (command === 'check') return check(args, sys)
    if (command === 'now') return now({ plan: args.plan, ...args.values }, sys)
    return render(args, sys)
  } catch (error) {
    if (error instanceof UsageError || error instanceof WriteError) {
      sys.stderr(`opsplan: ${error.message}\n`)
      return EXIT_UNREADABLE
    }
    throw error
  }
}

const COMMANDS: readonly Command[] = ['validate', 'check', 'render', 'now']

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name)
}

interface Args {
  plan: string
  values: { base?: string; lock?: string; today?: string; format?: string; out?: string; at?: string; member?: string; help?: boolean }
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  base: { type: 'string' },
  lock: { type: 'string' },
  today: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  at: { type: 'string' },
  member: { type: 'string' }
} as const

const ALLOWED: Record<Command, ReadonlyArray<keyof typeof OPTIONS>> = {
  validate: ['help'],
  check: ['help', 'base', 'lock', 'today', 'format'],
  render: ['help', 'out', 'lock', 'today'],
  now: ['help', 'at', 'member', 'lock', 'format']
}

function parse(command: Command, argv: string[]): Args {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}. See: opsplan ${command} --help`)
  }
  for (const name of Object.keys(parsed.values)) {
    if (!ALLOWED[command].includes(name as keyof typeof OPTIONS)) {
      throw new UsageError(`'${command}' takes no --${name}. See: opsplan ${command} --help`)
    }
  }
  if (parsed.positionals.length > 1) {
    throw new UsageError(`one plan at a time, got ${parsed.positionals.length}: ${parsed.positionals.join(', ')}`)
  }
  const values = parsed.values as Args['values']
  if (command === 'check' && values.format !== undefined && values.format !== 'markdown' && values.format !== 'json') {
    throw new UsageError(`invalid --format '${values.format}'. Expected markdown or json.`)
  }
  if (values.today !== undefined && !isRealDate(values.today)) {
    throw new UsageError(`invalid --today '${values.today}'. Expected a date such as 2026-12-07.`)
  }
  return { plan: parsed.positionals[0] ?? 'opsplan.yaml', values }
}

/** With a base plan, the problems this change brings come first, then those already there. */
function printReportProblems(report: CheckReport, sys: System): void {
  if (!report.base) return printProblems(report.problems, sys)
  const existing = report.problems.filter((p) => p.new === false)
  printProblems(report.problems.filter((p) => p.new !== false), sys)
  if (existing.length === 0) return
  sys.stderr(`${report.file}: ${existing.length} problem${existing.length === 1 ? ' was' : 's were'} already in the base plan:\n`)
  printProblems(existing, sys)
}

function counted(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** 2 when an input could not be read (the plan, or the lock: rule `plan.*`), else 1 on errors. */
function exitCode(report: CheckReport): number {
  const unreadable = report.problems.some((p) => p.severity === 'error' && p.rule.startsWith('plan.'))
  if (!report.plan || unreadable) return EXIT_UNREADABLE
  return report.ok ? EXIT_OK : EXIT_ERRORS
}

function validate(planPath: string, sys: System): number {
  const result = loadPlan(readSource(planPath, sys, 'plan').text, planPath)
  printProblems(result.problems, sys)
  if (!result.plan) {
    const errors = result.problems.filter((p) => p.severity === 'error').length
    sys.stderr(`${planPath}: ${errors} error${errors === 1 ? '' : 's'}\n`)
    return EXIT_UNREADABLE
  }
  const { team, pipelines, oncall } = result.plan
  sys.stdout(
    `${planPath}: valid — ${team.length} members, ${pipelines.length} pipelines, ` +
      `${oncall.rotations.length} rotation${oncall.rotations.length === 1 ? '' : 's'}\n`
  )
  return EXIT_OK
}

/** `--today`, else the current date in the plan's time zone (UTC when the plan cannot be read). */
function todayFor(source: PlanSource, explicit: string | undefined, sys: System): string {
  if (explicit) return explicit
  const zone = loadPlan(source.text, source.file).plan?.timezone ?? 'UTC'
  return DateTime.fromJSDate(sys.now(), { zone }).toISODate() as string
}

/** The JSON a script gets when an input cannot be read at all: the same keys, one plan.read error. */
function unreadableJson(message: string, file: string): string {
  const report: JsonReport = {
    format: JSON_FORMAT,
    ok: false,
    errors: 1,
    warnings: 0,
    problems: [{ severity: 'error', rule: 'plan.read', message, file, line: null, column: null, new: true }],
    schedule: [],
    fairness: [],
    changes: []
  }
  return `${JSON.stringify(report, null, 2)}\n`
}

function check(args: Args, sys: System): number {
  // scripts parse stdout: with --format json they get the object even when an input cannot be read
  const read = <T>(path: string, fn: () => T): T => {
    try {
      return fn()
    } catch (error) {
      if (error instanceof UsageError && args.values.format === 'json') sys.stdout(unreadableJson(error.message, path))
      throw error
    }
  }
  const basePath = args.values.base
  const plan = read(args.plan, () => readSource(args.plan, sys, 'plan'))
  const base = basePath ? read(basePath, () => readSource(basePath, sys, 'base plan')) : undefined
  const lockFile = lockPath(args.plan, args.values.lock, sys)
  const lock = read(lockFile ?? LOCK_FILE, () => readLock(lockFile, sys))
  const report = checkPlan({ plan, base, lock, today: todayFor(plan, args.values.today, sys) })
  if (report.base && !report.base.plan) {
    // Without a readable base there is nothing to compare: say so, and judge the plan alone.
    sys.stderr(`${args.values.base}: the base plan cannot be read, so no changes are reported:\n`)
    printProblems(report.base.problems, sys)
  }
  printReportProblems(report, sys)
  if (args.values.format === 'json') sys.stdout(`${JSON.stringify(reportToJson(report), null, 2)}\n`)
  else if (report.plan) sys.stdout(`${renderReport(report, { mentions: false, maxLength: Number.MAX_SAFE_INTEGER })}\n`)
  if (report.plan) {
    const added = report.base ? report.problems.filter((p) => p.new !== false).length : undefined
    sys.stderr(
      `${args.plan}: ${counted(report.errors, 'error')}, ${counted(report.warnings, 'warning')}` +
        `${added === undefined ? '' : ` (${added} new)`}; ${lockWords(lockFile)}\n`
    )
  }
  return exitCode(report)
}

function render(args: Args, sys: System): number {
  const plan = readSource(args.plan, sys, 'plan')
  const out = args.values.out ?? dirname(args.plan)
  const lockFile = lockPath(args.plan, args.values.lock, sys, out)
  const lock = readLock(lockFile, sys)
  const { report, files } = renderFiles({ plan, lock, today: todayFor(plan, args.values.today, sys) })
  printProblems(report.problems, sys)
  if (!report.ok) {
    sys.stderr(`${args.plan}: ${report.errors} error${report.errors === 1 ? '' : 's'}; nothing was written\n`)
    return exitCode(report)
  }
  const changed = sys.writeFiles(out, files)
  const names = Object.keys(files)
  const feeds = names.filter((n) => n.endsWith('.ics')).length
  sys.stdout(
    `Rendered ${report.plan?.organization} from ${args.plan} into ${out.replace(/\/+$/, '')}/: HANDBOOK.md, ` +
      `${feeds} calendar feeds, opsplan.lock.json (${changed.length} of ${names.length} files changed); ${lockWords(lockFile)}\n`
  )
  return EXIT_OK
}
