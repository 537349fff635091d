// Hand-built schedules and a locator that remembers paths, so rule tests need neither the solver
// nor the YAML loader.
import { DateTime } from 'luxon'
import { runRules, type RuleInput } from '../../src/core/rules/engine.js'
import type { Locator, Plan, Problem, Role, Schedule, ScheduledSegment, ShiftSlot } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'

/**
 * A locator that gives every distinct path its own line, in the order asked, so a test can read back
 * which part of the plan a problem points at.
 */
export function pathLocator(file = 'opsplan.yaml'): { locate: Locator; pathOf(problem: Problem): string | undefined } {
  const lines = new Map<string, number>()
  const paths: string[] = []
  const locate: Locator = (path) => {
    const key = path.join('.')
    let line = lines.get(key)
    if (line === undefined) {
      paths.push(key)
      line = paths.length
      lines.set(key, line)
    }
    return { file, line, column: path.length + 1 }
  }
  return { locate, pathOf: (problem) => (problem.line === undefined ? undefined : paths[problem.line - 1]) }
}

function utc(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) as string
}

/** The instant of a local date and time in the plan's zone, as the schedule writes it. */
export function at(plan: Plan, date: string, time = '10:00'): string {
  return utc(DateTime.fromISO(`${date}T${time}`, { zone: plan.timezone }))
}

export interface WeeklyOptions {
  weeks?: number
  today?: string
  /** Who holds [primary, secondary] in week i; default a round robin over the rotation. */
  rota?: (week: number) => [string, string]
}

/**
 * Weekly shifts from `oncall.start` at the handoff time, one segment per shift and role, for the
 * plan's first rotation. A round robin puts member i on primary and member i+1 on secondary.
 */
export function weeklySchedule(plan: Plan, options: WeeklyOptions = {}): Schedule {
  const weeks = options.weeks ?? 26
  const rotation = plan.oncall.rotations[0]
  if (!rotation) throw new Error('test plan has no rotation')
  const members = rotation.members
  const rota = options.rota ?? ((w: number) => [members[w % members.length], members[(w + 1) % members.length]] as [string, string])
  const first = DateTime.fromISO(`${plan.oncall.start}T${plan.oncall.handoff.text}`, { zone: plan.timezone })
  const shifts: ShiftSlot[] = []
  const segments: ScheduledSegment[] = []
  for (let w = 0; w < weeks; w++) {
    const start = first.plus({ weeks: w })
    const end = first.plus({ weeks: w + 1 })
    shifts.push({ rotation: rotation.id, index: w, start: utc(start), end: utc(end), startDate: start.toISODate() as string, endDate: end.toISODate() as string })
    const holders = rota(w)
    ;(['primary', 'secondary'] as Role[]).forEach((role, r) => {
      const member = holders[r] as string
      segments.push({ rotation: rotation.id, role, member, start: utc(start), end: utc(end), shiftStart: utc(start), shiftMember: member, kind: 'shift' })
    })
  }
  const from = shifts[0]?.start as string
  const to = shifts[shifts.length - 1]?.end as string
  return {
    from,
    to,
    today: options.today ?? plan.oncall.start,
    frozenUntil: from,
    shifts,
    segments,
    fairness: [],
    holidays: {},
    companyHolidays: [],
    investorPeriods: [],
    gaps: [],
    problems: []
  }
}

/** Hand part of a shift to someone else: the segment splits at `date time` and `member` covers the rest. */
export function cover(schedule: Schedule, plan: Plan, role: Role, week: number, fromDate: string, toDate: string, member: string): Schedule {
  const shift = schedule.shifts[week] as ShiftSlot
  const coverStart = at(plan, fromDate, '00:00')
  const coverEnd = at(plan, toDate, '00:00')
  const segments = schedule.segments.flatMap((s) => {
    if (s.role !== role || s.start !== shift.start) return [s]
    const parts: ScheduledSegment[] = []
    if (coverStart > s.start) parts.push({ ...s, end: coverStart })
    parts.push({ ...s, member, start: coverStart > s.start ? coverStart : s.start, end: coverEnd < s.end ? coverEnd : s.end, kind: 'cover' })
    if (coverEnd < s.end) parts.push({ ...s, start: coverEnd })
    return parts
  })
  return { ...schedule, segments }
}

/** Give a whole shift in one role to someone else. */
export function reassign(schedule: Schedule, role: Role, week: number, member: string): Schedule {
  const shift = schedule.shifts[week] as ShiftSlot
  return {
    ...schedule,
    segments: schedule.segments.map((s) => (s.role === role && s.start === shift.start ? { ...s, member } : s))
  }
}

/** Run the engine and keep one rule's problems, with the path each points at. */
export function check(rule: string, input: Partial<RuleInput> & { plan?: Plan } = {}): Array<Problem & { path?: string }> {
  const { locate, pathOf } = pathLocator()
  const plan = input.plan ?? makePlan()
  const problems = runRules({ file: 'opsplan.yaml', today: '2026-03-02', ...input, plan, locate })
  return problems.filter((p) => p.rule === rule).map((p) => ({ ...p, path: pathOf(p) }))
}
