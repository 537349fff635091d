// The fixed point (SPEC section 3): planning again with the lock just written, the same plan and
// the same today, changes no byte. Checked on the schedule (the serialized lock and the segments) and,
// where the plan renders, on every file a merge would commit.
import { renderFiles } from '../src/core/render-files.js'
import { RULE_CATALOGUE } from '../src/core/rules/catalogue.js'
import { buildSchedule } from '../src/core/schedule/index.js'
import { parseLock, serializeLock, updateLock } from '../src/core/schedule/lock.js'
import type { LocalDate, Lock, Plan, RuleOverride, Schedule, Segment } from '../src/core/types.js'
import { planToYaml } from './oracle/random-plans.js'

/** One run's outputs as bytes: the lock as written and the segments. */
export interface RunBytes {
  lock: string
  segments: string
}

export function runBytes(schedule: Schedule, lock: Lock): RunBytes {
  return { lock: serializeLock(lock), segments: JSON.stringify(schedule.segments) }
}

/** What differs between two runs, in words (the first differing segment or lock line), or undefined. */
export function firstDifference(first: RunBytes, second: RunBytes): string | undefined {
  if (first.segments !== second.segments) {
    const a = JSON.parse(first.segments) as Segment[]
    const b = JSON.parse(second.segments) as Segment[]
    const i = a.findIndex((s, k) => JSON.stringify(s) !== JSON.stringify(b[k]))
    const at = i < 0 ? a.length : i
    const x = a[at]
    const y = b[at]
    if (!x || !y) return `segment ${at + 1}: ${x ? 'dropped' : 'added'}`
    const where = `segment ${at + 1} (${x.rotation} ${x.role} ${x.start}..${x.end})`
    const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])] as Array<keyof Segment>
    const changes = fields.filter((f) => x[f] !== y[f]).map((f) => `${f} ${JSON.stringify(x[f]) ?? 'unset'} → ${JSON.stringify(y[f]) ?? 'unset'}`)
    return `${where}: ${changes.join(', ')}`
  }
  if (first.lock !== second.lock) {
    const a = first.lock.split('\n')
    const b = second.lock.split('\n')
    const i = a.findIndex((line, k) => line !== b[k])
    const at = i < 0 ? a.length : i
    return `lock line ${at + 1}: ${(a[at] ?? '').trim() || 'end'} became ${(b[at] ?? '').trim() || 'end'}`
  }
  return undefined
}

export interface FixedPoint {
  identical: boolean
  /** The first difference, when the second run differs. */
  difference?: string
  /** The lock the first run wrote, as read back from its bytes: for planning changes against it. */
  lock: Lock
}

/**
 * Plans again from the record the first schedule writes (read back from its bytes, as a repository
 * would), with the same plan and today, and compares the two runs' bytes.
 */
export function scheduleFixedPoint(plan: Plan, today: LocalDate, first: Schedule = buildSchedule(plan, { today })): FixedPoint {
  const lock = updateLock(first, undefined, today)
  const written = serializeLock(lock)
  const read = parseLock(written, 'opsplan.lock.json').lock
  if (!read) throw new Error('the lock the scheduler wrote does not read back')
  const second = buildSchedule(plan, { today, lock: read })
  const again = updateLock(second, read, today)
  const difference = firstDifference({ lock: written, segments: JSON.stringify(first.segments) }, runBytes(second, again))
  return { identical: difference === undefined, ...(difference ? { difference } : {}), lock: read }
}

/**
 * The plan with every rule that does not read the schedule turned off (runbooks, escalation,
 * ownership, SLAs): those decide nothing about the rota, and a random plan without runbooks would
 * otherwise never render. Only schedule problems can then stop a render.
 */
export function scheduleRulesOnly(plan: Plan): Plan {
  const off: Record<string, RuleOverride> = Object.fromEntries(RULE_CATALOGUE.filter((r) => !r.needsSchedule).map((r) => [r.id, { severity: 'off', params: {} }]))
  return { ...plan, rules: { ...plan.rules, ...off } }
}

export interface RenderFixedPoint {
  /** False when the first render wrote nothing (the plan has an error): nothing to compare. */
  rendered: boolean
  identical: boolean
  /** Files whose bytes differ on the second render. */
  differing: string[]
}

/** Renders a plan's files, then renders again with the lock the first wrote, and compares every file. */
export function renderFixedPoint(plan: Plan, today: LocalDate): RenderFixedPoint {
  const text = planToYaml(plan)
  const file = 'opsplan.yaml'
  const first = renderFiles({ plan: { text, file }, today })
  const lockText = first.files['opsplan.lock.json']
  if (lockText === undefined) return { rendered: false, identical: true, differing: [] }
  const second = renderFiles({ plan: { text, file }, lock: { text: lockText, file: 'opsplan.lock.json' }, today })
  const names = [...new Set([...Object.keys(first.files), ...Object.keys(second.files)])].sort()
  const differing = names.filter((name) => first.files[name] !== second.files[name])
  return { rendered: true, identical: differing.length === 0, differing }
}
