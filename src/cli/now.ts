// `opsplan now [PLAN] [--at DATE-TIME] [--member ID] [--lock FILE] [--format text|json]`: who is on
// call at an instant, read from the schedule of record where it reaches that far, else planned.
import { DateTime } from 'luxon'
import { renamesOf, translateLock, activeLock } from '../core/lock-renames.js'
import { memberOutlook, onCallAt } from '../core/on-call.js'
import { isRealDate } from '../core/plan/dates.js'
import { loadPlan } from '../core/plan/load.js'
import { didYouMean } from '../core/plan/problem.js'
import { localInstant } from '../core/plan/ranges.js'
import { memberJson, memberText, onCallJson, onCallText, type OnCallSource } from '../core/render/on-call.js'
import { buildSchedule } from '../core/schedule/index.js'
import { parseLock } from '../core/schedule/lock.js'
import type { Plan, Segment, UtcInstant } from '../core/types.js'
import { UsageError, lockPath, printProblems, readLock, readSource } from './inputs.js'
import type { System } from './system.js'

export interface NowArgs {
  plan: string
  at?: string
  member?: string
  lock?: string
  format?: string
}

const AT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/

/** `--at` as an instant: a local date-time in the plan's zone (a date alone is its 00:00). */
export function parseAt(text: string, zone: string): UtcInstant {
  const m = AT.exec(text)
  const [hour, minute] = [Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)]
  if (!m || !isRealDate(m[1] as string) || hour > 23 || minute > 59) {
    throw new UsageError(`invalid --at '${text}'. Expected a local date-time in the plan's time zone (${zone}) such as 2026-12-07T09:30, or a date.`)
  }
  return utc(localInstant(text, zone))
}

function utc(ms: number): UtcInstant {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")
}

function checkMember(plan: Plan, id: string, file: string): void {
  if (plan.team.some((m) => m.id === id)) return
  const renamed = renamesOf(plan).members.get(id)
  const hint = renamed ? `: it was renamed to '${renamed}'` : didYouMean(id, plan.team.map((m) => m.id))
  throw new UsageError(`unknown member '${id}' in ${file} (team: ${plan.team.map((m) => m.id).join(', ')})${hint}`)
}

/** The segments to read at `at`: the record where it reaches, else a schedule planned as of that day. */
function segmentsAt(plan: Plan, at: UtcInstant, lock: { text: string; file: string } | undefined, sys: System): { segments: Segment[]; source: OnCallSource } | undefined {
  let record
  if (lock) {
    const parsed = parseLock(lock.text, lock.file)
    if (!parsed.lock) {
      printProblems(parsed.problems, sys)
      return undefined
    }
    record = translateLock(parsed.lock, plan)
    const active = activeLock(record, plan).segments
    // every role of every rotation must be in the record at `at`: a rotation added since the last
    // render is not, and is planned with the rest
    const reaches = plan.oncall.rotations.every((r) => r.roles.every((role) =>
      active.some((s) => s.rotation === r.id && s.role === role && s.start <= at && at < s.end)))
    if (reaches) return { segments: active, source: { at, lock: lock.file, planned: false } }
  }
  const today = DateTime.fromISO(at, { zone: plan.timezone }).toISODate() as string
  const schedule = buildSchedule(plan, { today, lock: record })
  return { segments: schedule.segments, source: { at, lock: lock?.file, planned: true } }
}

export function now(args: NowArgs, sys: System): number {
  if (args.format !== undefined && args.format !== 'text' && args.format !== 'json') {
    throw new UsageError(`invalid --format '${args.format}'. Expected text or json.`)
  }
  const source = readSource(args.plan, sys, 'plan')
  const loaded = loadPlan(source.text, source.file)
  const plan = loaded.plan
  if (!plan) {
    printProblems(loaded.problems, sys)
    const errors = loaded.problems.filter((p) => p.severity === 'error').length
    sys.stderr(`${args.plan}: ${errors} error${errors === 1 ? '' : 's'}; cannot tell who is on call\n`)
    return 2
  }
  const at = args.at === undefined ? utc(sys.now().getTime()) : parseAt(args.at, plan.timezone)
  if (args.member !== undefined) checkMember(plan, args.member, args.plan)
  const found = segmentsAt(plan, at, readLock(lockPath(args.plan, args.lock, sys), sys), sys)
  if (!found) return 2
  const { segments, source: from } = found
  const json = args.format === 'json'
  if (args.member !== undefined) {
    const outlook = memberOutlook(plan, segments, args.member, at)
    sys.stdout(json ? `${JSON.stringify(memberJson(plan, outlook, from), null, 2)}\n` : memberText(plan, outlook, from))
  } else {
    const roles = onCallAt(plan, segments, at)
    sys.stdout(json ? `${JSON.stringify(onCallJson(plan, roles, from), null, 2)}\n` : onCallText(plan, roles, from))
  }
  return 0
}
