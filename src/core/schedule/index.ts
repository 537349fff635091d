// The scheduler: prepare (the model and what the record and swaps fix) → construct → search → emit.
// Same plan, lock and today → the same schedule, in any machine zone; planning again with the lock
// just written changes nothing.
import type { LocalDate, Lock, LockSegment, Plan, Problem, Schedule, ScheduledSegment, ShiftSlot } from '../types.js'
import { swapInstants } from '../plan/ranges.js'
import { effectiveRule } from '../rules/catalogue.js'
import { addDays, buildPlanCalendar, fromMillis, localDate, localMidnight, rotationSlots, toMillis } from './calendar.js'
import type { PlanCalendar } from './calendar.js'
import { construct, type Pace } from './construct.js'
import { emit } from './emit.js'
import { fairShares } from './fair-share.js'
import { computeFairness, segmentLoad } from './load.js'
import { Model, modelEdges, type Position } from './model.js'
import { readLockData, updateLock } from './lock.js'
import { readRecord, recordTables, type RecordView } from './record.js'
import { search } from './search.js'
import { BIG_TEAM, PAST, State, SWAP } from './state.js'

export interface BuildOptions {
  today: LocalDate
  lock?: Lock
}

const WEEK_MINUTES = 7 * 1440

/**
 * Plans, then plans again from the record that schedule would write, until the two agree: a
 * heuristic search started from its own answer can still find a better one (it stopped on a budget,
 * or a kick landed elsewhere), and the first render must already be the fixed point. Each pass
 * starts from the last one's record and keeps it unless something is strictly better, so this ends
 * after one confirming pass almost always; a few passes at most.
 */
export function buildSchedule(plan: Plan, opts: BuildOptions): Schedule {
  const shared: Shared = { calendars: new Map() }
  const first = buildOnce(plan, opts, shared)
  let pass = first
  // the record this pass was planned from
  let from = opts.lock
  for (let n = 0; n < FIXED_POINT_PASSES; n++) {
    const written = updateLock(pass.schedule, opts.lock, opts.today)
    // the pass wrote back the record it read: planning from it again is this very pass (a re-render
    // of an unchanged plan with its own lock stops here, after one pass)
    if (from && sameLock(written, from)) break
    // the next pass reads the record as its file would read (without writing out and parsing back
    // tens of thousands of segments: the same checks on the same values)
    const read = readLockData(written, 'opsplan.lock.json').lock
    if (!read) break
    const again = buildOnce(plan, { today: opts.today, lock: read }, shared)
    from = read
    if (sameFields(again.schedule.segments, pass.schedule.segments)) break
    pass = again
  }
  // fairness only for the pass returned (on a large team it costs as much as a search); what reading
  // the plan's own record and swaps found is said of that record, not of the pass's
  return { ...pass.schedule, fairness: pass.fairness(), problems: first.schedule.problems }
}

const FIXED_POINT_PASSES = 4

/** Two locks that serialize to the same bytes: the fields serializeLock writes, compared one by one. */
function sameLock(a: Lock, b: Lock): boolean {
  if (a.notice !== b.notice || a.version !== b.version || a.timezone !== b.timezone || a.segments.length !== b.segments.length) return false
  return a.segments.every((x, i) => {
    const y = b.segments[i] as LockSegment
    return x.rotation === y.rotation && x.role === y.role && x.member === y.member && x.covers === y.covers &&
      x.start === y.start && x.end === y.end && x.sequence === y.sequence && x.stamp === y.stamp
  })
}

/**
 * Two lists of flat records with the same fields in the same order and equal values (what equal
 * JSON text would say, without writing tens of thousands of segments out twice).
 */
function sameFields<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>
    const y = b[i] as Record<string, unknown>
    const keys = Object.keys(x).filter((k) => x[k] !== undefined)
    const others = Object.keys(y).filter((k) => y[k] !== undefined)
    if (keys.length !== others.length) return false
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string
      if (key !== others[k]) return false
      const u = x[key]
      const v = y[key]
      if (u !== v && (typeof u !== 'object' || JSON.stringify(u) !== JSON.stringify(v))) return false
    }
  }
  return true
}

/** One pass: the schedule without its fairness table, and how to compute that table. */
interface Pass {
  schedule: Schedule
  fairness: () => Schedule['fairness']
}

/** What one pass hands the next: the plan's calendar by its date range, and the last pass's model. */
interface Shared {
  calendars: Map<string, PlanCalendar>
  model?: Model
  /** Every rotation's shifts up to the horizon (the same plan and today give the same grids). */
  grids?: ShiftSlot[][]
}

/** One pass. */
function buildOnce(plan: Plan, opts: BuildOptions, shared: Shared): Pass {
  const calendars = shared.calendars
  const { today } = opts
  const zone = plan.timezone
  const todayStart = localMidnight(today, zone)
  const frozenUntil = localMidnight(addDays(today, plan.oncall.freezeDays), zone)
  const horizonEnd = localMidnight(addDays(today, plan.oncall.horizonDays), zone)
  const grids = shared.grids ?? plan.oncall.rotations.map((r) => rotationSlots(plan, r, fromMillis(horizonEnd)))
  shared.grids = grids
  const all = grids.flat()
  const problems: Problem[] = []
  if (all.length === 0) return emptySchedule(plan, today, frozenUntil, problems)

  let firstHandoff = Infinity
  let lastEnd = -Infinity
  for (const s of all) {
    firstHandoff = Math.min(firstHandoff, toMillis(s.start))
    lastEnd = Math.max(lastEnd, toMillis(s.end))
  }
  const lookbackStart = addDays(today, -plan.oncall.fairness.lookbackDays)
  const windowFrom = Math.max(firstHandoff, localMidnight(lookbackStart, zone))
  const window = { from: fromMillis(windowFrom), to: fromMillis(horizonEnd) }

  const record = readRecord(plan, opts.lock, grids, todayStart)
  problems.push(...record.problems)
  const firstDate = [localDate(fromMillis(firstHandoff), zone), lookbackStart, ...record.kept.slice(0, 1).map((s) => localDate(s.start, zone))].sort()[0] as LocalDate
  const calFrom = addDays(firstDate, -1)
  const calTo = addDays(localDate(fromMillis(lastEnd), zone), 1)
  const cal = calendars.get(`${calFrom}/${calTo}`) ?? buildPlanCalendar(plan, calFrom, calTo)
  calendars.set(`${calFrom}/${calTo}`, cal)

  const slots = plan.oncall.rotations.map((r, rot) => {
    const cut = record.cut.get(r.id)
    return (grids[rot] ?? []).filter((s) => cut === undefined || toMillis(s.start) >= cut)
  })
  const cuts = [todayStart, frozenUntil]
  for (const list of record.byPosition.values()) for (const s of list) cuts.push(s.startMs, s.endMs)
  for (const s of plan.swaps) {
    const w = swapInstants(plan, s)
    cuts.push(w.start, w.end)
  }
  if (slots.every((list) => list.length === 0)) {
    // every rotation's grid changed and nothing is left to plan after the cut: the past as recorded
    const past: ScheduledSegment[] = record.kept.map((k) => ({
      rotation: k.rotation, role: k.role, member: k.member, start: k.start, end: k.end, shiftStart: k.start,
      shiftMember: k.covers ?? k.member, kind: k.covers !== undefined ? 'cover' : 'shift'
    }))
    return finish(plan, cal, today, frozenUntil, grids, window, past, [], problems)
  }
  const input = { plan, cal, slots, windowFrom, windowTo: horizonEnd, cuts }
  const edges = modelEdges(input)
  const model = shared.model?.fits(input, edges) ? shared.model : new Model(input, edges)
  shared.model = model

  const rest = effectiveRule(plan, 'coverage.rest').params
  const maxRun = rest['max-run'] ?? WEEK_MINUTES
  const history = historyLoads(plan, cal, record, model, windowFrom, horizonEnd)
  const state = new State(model, {
    todayStart,
    windowFrom,
    windowTo: horizonEnd,
    maxRunCells: Int32Array.from(model.positions, (p) => Math.max(1, Math.floor(maxRun / (p.shiftHours * 60)))),
    minGap: Math.max(1, Math.round(rest['min-gap'] ?? 1)),
    maxDeviation: effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1,
    holidaySpread: effectiveRule(plan, 'fairness.holidays').params['max-spread'] ?? 1,
    investorSpread: effectiveRule(plan, 'fairness.investor').params['max-spread'] ?? 1,
    history: history.byMember,
    historyPrimary: history.primary
  }, opts.lock ? recordTables(model, record) : undefined)

  fixPast(state, record, todayStart)
  const swaps = fixSwaps(state)
  problems.push(...swaps.problems)
  fixHolders(state, record, todayStart, frozenUntil)

  const big = model.n > BIG_TEAM
  construct(state, pace(state, history.byMember, big))
  // a big plan gets a trial budget in proportion to how cheap its trials are; kicks only when
  // planning a small plan afresh (against a record, staying put is the point)
  const small = !big && model.cells.length <= 400 && !opts.lock
  const budget = !big ? 200_000 : Math.max(600, Math.min(12_000, Math.round(3e6 / model.cells.length)))
  search(state, { from: Math.min(windowFrom, todayStart), budget, reach: 28 * 86_400_000, kicks: small ? 60 : 0, kickBudget: 20_000 })
  const out = emit(state, { kept: record.kept, swapNotes: swaps.notes, swapAt: swaps.at })
  return finish(plan, cal, today, frozenUntil, grids, window, out.segments, out.gaps, problems)
}

function finish(
  plan: Plan, cal: PlanCalendar, today: LocalDate, frozenUntil: number, grids: ShiftSlot[][],
  window: { from: string; to: string }, segments: ScheduledSegment[], gaps: Schedule['gaps'], problems: Problem[]
): Pass {
  const zone = plan.timezone
  sortSegments(plan, segments)
  sortSegments(plan, gaps)
  const shifts = grids.flat()
  const from = shifts.reduce((m, s) => (s.start < m ? s.start : m), shifts[0]?.start ?? window.from)
  const to = shifts.reduce((m, s) => (s.end > m ? s.end : m), shifts[0]?.end ?? window.to)
  const fromDate = localDate(from, zone)
  const toDate = localDate(to, zone)
  const within = <T extends { date: LocalDate }>(list: T[]): T[] => list.filter((h) => h.date >= fromDate && h.date <= toDate)
  const schedule: Schedule = {
    from,
    to,
    today,
    timezone: zone,
    frozenUntil: fromMillis(frozenUntil),
    shifts,
    segments,
    fairness: [],
    holidays: Object.fromEntries(plan.team.map((m) => [m.id, within(cal.holidaysByMember[m.id] ?? [])])),
    companyHolidays: within(cal.companyHolidays),
    investorPeriods: cal.investorPeriods.filter((p) => p.to >= fromDate && p.from <= toDate),
    gaps,
    problems
  }
  return { schedule, fairness: () => computeFairness(plan, cal, segments, window, shifts) }
}

function emptySchedule(plan: Plan, today: LocalDate, frozenUntil: number, problems: Problem[]): Pass {
  const at = fromMillis(localMidnight(plan.oncall.start, plan.timezone))
  const schedule: Schedule = { from: at, to: at, today, timezone: plan.timezone, frozenUntil: fromMillis(frozenUntil), shifts: [], segments: [], fairness: [], holidays: Object.fromEntries(plan.team.map((m) => [m.id, []])), companyHolidays: [], investorPeriods: [], gaps: [], problems }
  return { schedule, fairness: () => [] }
}

function sortSegments<T extends { rotation: string; role: string; start: string }>(plan: Plan, list: T[]): T[] {
  const rotOrder = new Map(plan.oncall.rotations.map((r, i) => [r.id, i]))
  return list.sort((a, b) =>
    (rotOrder.get(a.rotation) ?? 1e9) - (rotOrder.get(b.rotation) ?? 1e9) ||
    (a.rotation < b.rotation ? -1 : a.rotation > b.rotation ? 1 : 0) ||
    (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1) ||
    (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}

/** The record's past, as it stands: every atom before today's midnight that the record covers. */
function fixPast(state: State, record: RecordView, todayStart: number): void {
  const model = state.model
  const A = state.A
  if (!state.rec) return
  for (const pos of model.positions) {
    if (record.cut.has(pos.rotation.id)) continue
    for (let a = 0; a < A && (model.times[a + 1] as number) <= todayStart; a++) {
      const i = pos.id * A + a
      if ((model.cellAt[i] as number) < 0) continue
      const r = state.rec[i] as number
      if (r !== -1) state.fix(pos.id, a, r, PAST)
    }
  }
}

/** Pins each swap's member into its role on its dates, except where they cannot be there (reported). */
function fixSwaps(state: State): { problems: Problem[]; notes: string[]; at: Int32Array } {
  const model = state.model
  const plan = model.plan
  const A = state.A
  const n = state.n
  const at = new Int32Array(model.positions.length * A).fill(-1)
  const notes: string[] = []
  const problems: Problem[] = []
  plan.swaps.forEach((swap, index) => {
    notes.push(`swap: ${swap.member}${swap.reason ? ` (${swap.reason})` : ''}`)
    const pos = model.positions.find((p) => p.rotation.id === swap.rotation && p.role === swap.role)
    const m = model.memberNo.get(swap.member)
    if (!pos || m === undefined) return
    const { start, end } = swapInstants(plan, swap)
    const away: string[] = []
    const clash: string[] = []
    const zone = plan.team[m]?.timezone ?? plan.timezone
    for (let a = 0; a < A; a++) {
      const t = model.times[a] as number
      if (t < start || t >= end) continue
      const i = pos.id * A + a
      if ((model.cellAt[i] as number) < 0 || state.fixedKind[i] === PAST) continue
      const date = localDate(fromMillis(t), zone)
      if (model.away[a * n + m] === 1) {
        if (!away.includes(date)) away.push(date)
        continue
      }
      const busy = state.fixedBusy[a * n + m] as number
      if (state.fixedKind[i] === SWAP || (busy >= 0 && busy !== pos.id)) {
        if (!clash.includes(date)) clash.push(date)
        continue
      }
      state.fix(pos.id, a, m, SWAP)
      at[i] = index
    }
    const days = (list: string[]): string => (list.length === 1 ? (list[0] as string) : `${list[0]} and ${list.length - 1} more day(s)`)
    if (away.length > 0) {
      const first = away[0] as string
      const why = model.cal.awayReason(swap.member, first) ?? 'public holiday'
      problems.push({
        severity: 'error',
        rule: 'coverage.staffed',
        planPath: ['swaps', index],
        message: `The swap puts ${swap.member} on ${swap.role} ${swap.from}..${swap.to}, but ${swap.member} cannot be on call on ${days(away)} (${why}); those days are planned without the swap. Change the swap's dates or its member.`
      })
    }
    if (clash.length > 0) {
      problems.push({
        severity: 'error',
        rule: 'coverage.distinct',
        planPath: ['swaps', index],
        message: `The swap puts ${swap.member} on ${swap.rotation} ${swap.role} ${swap.from}..${swap.to}, but another swap already has ${swap.member} or that role on ${days(clash)}; those days are planned without this swap. Change one of the two swaps.`
      })
    }
  })
  return { problems, notes, at }
}

/** Frozen and past shifts keep the record's holder; a swap over a whole shift makes its member the holder. */
function fixHolders(state: State, record: RecordView, todayStart: number, frozenUntil: number): void {
  const model = state.model
  const A = state.A
  for (const cell of model.cells) {
    const p = cell.pos
    let swapMember = -1
    let whole = true
    for (let a = cell.a0; a < cell.a1 && whole; a++) {
      const i = p * A + a
      if (state.fixedKind[i] !== SWAP) whole = false
      else if (swapMember < 0) swapMember = state.fixedMember[i] as number
      else if (swapMember !== state.fixedMember[i]) whole = false
    }
    if (whole && swapMember >= 0) {
      state.holderFixed[cell.id] = 1
      state.setHolder(cell.id, swapMember)
      continue
    }
    const rec = state.recHolder?.[cell.id]
    if (rec === undefined || rec === -1 || record.cut.has(model.positions[p]?.rotation.id ?? '')) continue
    if (cell.start < frozenUntil) {
      state.holderFixed[cell.id] = 1
      if (cell.end > todayStart) state.frozen[cell.id] = 1
      state.setHolder(cell.id, rec >= 0 ? rec : -1)
    }
  }
}

/** Load the kept past of a re-gridded rotation carries in the window (it lies outside the model). */
function historyLoads(plan: Plan, cal: PlanCalendar, record: RecordView, model: Model, windowFrom: number, windowTo: number): { byMember: Float64Array; primary: { load: Float64Array; hours: Float64Array } } {
  const n = model.n
  const R = plan.oncall.rotations.length
  const byMember = new Float64Array(R * n)
  const primary = { load: new Float64Array(R), hours: new Float64Array(R) }
  for (const s of record.kept) {
    const rot = plan.oncall.rotations.findIndex((r) => r.id === s.rotation)
    const m = model.memberNo.get(s.member)
    if (rot < 0 || m === undefined || !record.cut.has(s.rotation)) continue
    if (!plan.oncall.rotations[rot]?.members.includes(s.member)) continue
    const a = Math.max(windowFrom, s.startMs)
    const b = Math.min(windowTo, s.endMs)
    if (b <= a) continue
    const l = segmentLoad(plan, cal, s.member, s.role, fromMillis(a), fromMillis(b))
    byMember[rot * n + m] = (byMember[rot * n + m] as number) + l
    const roles = plan.oncall.rotations[rot]?.roles ?? []
    if (s.role === (roles.includes('primary') ? 'primary' : roles[0])) {
      primary.load[rot] = (primary.load[rot] as number) + l
      primary.hours[rot] = (primary.hours[rot] as number) + (b - a) / 3_600_000
    }
  }
  return { byMember, primary }
}

/**
 * Each member's fair rate per available hour and deviation unit, estimated before anyone is placed;
 * for a big team, also each rotation's share of it (construct.ts). A big team's estimate weighs an
 * hour as its likely holder would carry it; a small plan's, at the date's base weight.
 */
function pace(state: State, history: Float64Array, big: boolean): Pace {
  const model = state.model
  const n = model.n
  const R = model.plan.oncall.rotations.length
  const totals = new Float64Array(R)
  const primaryLoad = new Float64Array(R)
  const primaryHours = new Float64Array(R)
  for (let i = 0; i < R * n; i++) totals[Math.floor(i / n)] = (totals[Math.floor(i / n)] as number) + (history[i] as number)
  const unitRole = new Map<number, number>()
  for (const pos of model.positions) if (!unitRole.has(pos.rot) || pos.role === 'primary') unitRole.set(pos.rot, pos.id)
  for (const cell of model.cells) {
    const pos = model.positions[cell.pos]
    if (!pos) continue
    const holder = big ? (state.holder[cell.id] as number) : -1
    for (let a = cell.a0; a < cell.a1; a++) {
      if (model.inWindow[a] === 0) continue
      const l = holder >= 0 ? model.load(pos.id, a, holder) : ((model.hours[a] as number) * (big ? likelyWeight(model, pos, a) : (model.baseWeight[a] as number)) * pos.factor) / 24
      totals[pos.rot] = (totals[pos.rot] as number) + l
      if (unitRole.get(pos.rot) === pos.id) {
        primaryLoad[pos.rot] = (primaryLoad[pos.rot] as number) + l
        primaryHours[pos.rot] = (primaryHours[pos.rot] as number) + (model.hours[a] as number)
      }
    }
  }
  const members = model.plan.oncall.rotations.map((_, rot) => Array.from(model.positions.find((p) => p.rot === rot)?.members ?? []))
  const { targets, shares } = fairShares(Array.from(totals, (load, rot) => ({ load, members: members[rot] as number[] })), Array.from(state.availability))
  const unitOf = Array.from(primaryLoad, (l, rot) => {
    const pos = model.positions[unitRole.get(rot) ?? -1]
    const h = primaryHours[rot] as number
    return h > 0 && pos ? l / (h / pos.shiftHours) : 0
  })
  const perHour = (x: number, m: number): number => ((state.availability[m] as number) > 0 ? x / (state.availability[m] as number) : 0)
  return {
    rate: Float64Array.from(targets, perHour),
    unit: Float64Array.from(model.ids, (_, m) => Math.max(0, ...members.flatMap((list, rot) => (list.includes(m) ? [unitOf[rot] as number] : [])))),
    ...(big ? { share: shares.map((x, i) => perHour(x, i % n)) } : {})
  }
}

/**
 * The weight an hour of a position likely carries: a holiday's where its holder is likely on their
 * own holiday — under `avoid`, only where every member there is; otherwise as often as they are.
 * (At the base weight alone, a team whose rotations keep different holidays is owed 2% less than it
 * carries, and by the end of two years everyone looks a shift ahead.)
 */
function likelyWeight(model: Model, pos: Position, a: number): number {
  const base = model.baseWeight[a] as number
  const holiday = model.holidayWeight[a] as number
  if (holiday === base) return base
  let there = 0
  let on = 0
  for (const m of pos.members) {
    if (model.isAway(a, m)) continue
    there++
    if (model.onHoliday(a, m)) on++
  }
  if (there === 0) return base
  if (model.avoid) return on === there ? holiday : base
  return base + ((holiday - base) * on) / there
}
