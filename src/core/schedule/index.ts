// The scheduler: the shift grid, the schedule of record's past and frozen shifts, a greedy pass, local
// improvement, then covers and gaps. Same plan, lock and today → the same schedule, in any zone.
import type { FairnessRow, Lock, LocalDate, Plan, Problem, Schedule, ScheduledSegment, Segment, ShiftSlot } from '../types.js'
import { effectiveRule } from '../rules/catalogue.js'
import { addDays, buildPlanCalendar, fromMillis, instantAt, localDate, shiftSlots, toMillis } from './calendar.js'
import type { PlanCalendar } from './calendar.js'
import { Ledger, greedyPass } from './greedy.js'
import { improve } from './improve.js'
import { refine } from './refine.js'
import { computeFairness, localMidnight, segmentLoad } from './load.js'
import { Model, majorityHolder } from './model.js'
import { cellSegments } from './segments.js'
import type { CoverContext, Gap } from './segments.js'
import { awayText } from './segments.js'
import { applySwaps, gridFits, usableLockSegments } from './stability.js'

export interface BuildOptions {
  today: LocalDate
  lock?: Lock
}

function emptySchedule(plan: Plan, today: LocalDate, frozenUntil: string, problems: Problem[]): Schedule {
  const at = instantAt(plan.oncall.start, plan.timezone, plan.oncall.handoff.hour, plan.oncall.handoff.minute)
  return { from: at, to: at, today, timezone: plan.timezone, frozenUntil, shifts: [], segments: [], fairness: [], holidays: Object.fromEntries(plan.team.map((m) => [m.id, []])), companyHolidays: [], investorPeriods: [], gaps: [], problems }
}

function sortSegments<T extends Pick<Segment, 'rotation' | 'role' | 'start'>>(plan: Plan, list: T[]): T[] {
  const rotOrder = new Map(plan.oncall.rotations.map((r, i) => [r.id, i]))
  return list.sort((a, b) =>
    (rotOrder.get(a.rotation) ?? 1e9) - (rotOrder.get(b.rotation) ?? 1e9) ||
    (a.rotation < b.rotation ? -1 : a.rotation > b.rotation ? 1 : 0) ||
    (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1) ||
    (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}

/** Lock segments kept as they are, described for reports: the slot they belong to and its member. */
function historySegments(kept: Segment[], slots: ShiftSlot[], cal: PlanCalendar, zone: string): ScheduledSegment[] {
  return kept.map((s) => {
    const slot = slots.find((x) => x.start <= s.start && s.start < x.end)
    const same = slot ? kept.filter((k) => k.rotation === s.rotation && k.role === s.role) : []
    const holder = slot ? majorityHolder(same, toMillis(slot.start), toMillis(slot.end)) ?? s.member : s.member
    const seg: ScheduledSegment = { rotation: s.rotation, role: s.role, member: s.member, start: s.start, end: s.end, shiftStart: slot?.start ?? s.start, shiftMember: holder, kind: holder === s.member ? 'shift' : 'cover' }
    // the past keeps the words it was published with
    if (seg.kind === 'cover') seg.note = `covers ${holder}'s ${awayText(cal, holder, localDate(s.start, zone))}`
    return seg
  })
}

export function buildSchedule(plan: Plan, opts: BuildOptions): Schedule {
  const { today } = opts
  const zone = plan.timezone
  const todayStart = localMidnight(today, zone)
  const frozenUntil = instantAt(addDays(today, plan.oncall.freezeDays), zone, 0, 0)
  const until = instantAt(addDays(today, plan.oncall.horizonDays), zone, 0, 0)
  const grid = shiftSlots(plan, until)
  const problems: Problem[] = []
  const first = grid[0]
  const last = grid[grid.length - 1]
  if (!first || !last) return emptySchedule(plan, today, frozenUntil, problems)

  const lookbackStart = addDays(today, -plan.oncall.fairness.lookbackDays)
  const lockSegments = opts.lock ? usableLockSegments(plan, opts.lock) : []
  const calFrom = [plan.oncall.start, lookbackStart, ...lockSegments.slice(0, 1).map((s) => localDate(s.start, zone))].sort()[0] as LocalDate
  const cal: PlanCalendar = buildPlanCalendar(plan, calFrom, addDays(last.endDate, 1))

  // Where the lock's grid no longer fits, keep its past and plan from the first handoff after today.
  let firstSlot = 0
  let kept: Segment[] = []
  const fits = lockSegments.length > 0 && gridFits(plan, opts.lock as Lock, lockSegments, grid)
  if (lockSegments.length > 0 && !fits) {
    firstSlot = grid.findIndex((s) => toMillis(s.start) >= todayStart)
    if (firstSlot < 0) firstSlot = grid.length
    const cut = grid[firstSlot]?.start ?? last.end
    kept = lockSegments.filter((s) => s.start < cut).map((s) => ({ ...s, end: s.end < cut ? s.end : cut }))
    problems.push({
      severity: 'warning',
      rule: 'history.frozen',
      message: `The schedule of record was made for a different shift grid (start, shift or handoff changed); its segments up to ${cut} are kept and shifts are re-planned from that handoff on the new grid.`
    })
  } else if (fits) {
    kept = lockSegments.filter((s) => toMillis(s.end) <= todayStart)
  }

  const windowFrom = Math.max(toMillis(first.start), localMidnight(lookbackStart, zone))
  const window = { from: fromMillis(windowFrom), to: last.end }

  // One solve of the open cells; `drift` adds load per rotation and member that the model's own
  // accounting does not see (see below).
  let swapsReported = false
  // `room`: shifts the search may change beyond those whose recorded member can no longer hold them
  const solve = (drift?: Array<Map<string, number>>, room = 1): { segments: ScheduledSegment[]; gaps: Gap[]; deficits: Array<Map<string, number>> } => {
    const minGap = effectiveRule(plan, 'coverage.rest').params['min-gap'] ?? 1
    const model = new Model(plan, cal, grid.slice(firstSlot), minGap)
    model.slots.forEach((_, s) => plan.oncall.rotations.forEach((r, rot) => r.roles.forEach((role) => model.addCell(s, rot, role))))
    const swapProblems = applySwaps(model)
    // every solve applies the same swaps: report their problems once
    if (!swapsReported) problems.push(...swapProblems)
    swapsReported = true
    if (fits) markLocked(model, lockSegments, todayStart, toMillis(frozenUntil))

    const ledger = new Ledger(model)
    const history = model.rotations.map((r) => new Map(r.members.map((m) => [m, 0])))
    if (!fits) {
      for (const s of kept) {
        const rot = model.rotations.findIndex((r) => r.id === s.rotation)
        if (rot < 0 || toMillis(s.end) <= windowFrom) continue
        const from = fromMillis(Math.max(windowFrom, toMillis(s.start)))
        const l = segmentLoad(plan, cal, s.member, s.role, from, s.end)
        ledger.addLoad(rot, s.member, l)
        history[rot]?.set(s.member, (history[rot]?.get(s.member) ?? 0) + l)
      }
    }
    drift?.forEach((byMember, rot) => byMember.forEach((load, m) => {
      ledger.addLoad(rot, m, load)
      history[rot]?.set(m, (history[rot]?.get(m) ?? 0) + load)
    }))
    greedyPass(model, ledger, windowFrom)
    // shifts whose recorded member can no longer hold them; any other change counts against the budget
    const forced = model.cells.filter((c) => c.preferred !== undefined && c.member !== c.preferred &&
      (model.presence(c.preferred, c.slot) !== 2 || !model.investorOk(c.preferred, c.slot))).length
    const search = {
      windowFrom,
      maxDeviation: effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1,
      churnBudget: forced + room,
      history,
      holidaySpread: effectiveRule(plan, 'fairness.holidays').params['max-spread'] ?? 1,
      investorSpread: effectiveRule(plan, 'fairness.investor').params['max-spread'] ?? 1
    }
    improve(model, search)
    const deficits = refine(model, search)

    const segments: ScheduledSegment[] = historySegments(kept, grid, cal, zone)
    const gaps: Gap[] = []
    const covers = new Map<number, Array<{ start: number; end: number; member: string }>>()
    const busyCache = new Map<number, Set<string>>()
    const recordedBy = new Map<string, Array<{ start: number; end: number; member: string }>>()
    if (fits) {
      for (const s of lockSegments) {
        const key = `${s.rotation}|${s.role}`
        const list = recordedBy.get(key) ?? []
        list.push({ start: toMillis(s.start), end: toMillis(s.end), member: s.member })
        recordedBy.set(key, list)
      }
    }
    // covers go to whoever is furthest below their fair share, and count toward it
    const coverContext: CoverContext = {
      pastUntil: todayStart,
      deficit: (rot, m) => deficits[rot]?.get(m) ?? 0,
      moveLoad: (rot, from, to, fromLoad, toLoad) => {
        const map = deficits[rot]
        if (!map) return
        if (from !== null && map.has(from)) map.set(from, (map.get(from) ?? 0) - fromLoad)
        map.set(to, (map.get(to) ?? 0) + toLoad)
      },
      recorded: (rot, role, at) => {
        const list = recordedBy.get(`${model.rotations[rot]?.id ?? ''}|${role}`) ?? []
        let lo = 0
        let hi = list.length - 1
        while (lo <= hi) {
          const mid = (lo + hi) >> 1
          const seg = list[mid] as { start: number; end: number; member: string }
          if (at < seg.start) hi = mid - 1
          else if (at >= seg.end) lo = mid + 1
          else return seg.member
        }
        return undefined
      },
      busy: (slot) => {
        let set = busyCache.get(slot)
        if (!set) busyCache.set(slot, (set = model.busy(slot)))
        return set
      }
    }
    for (const cell of model.cells) {
      if (cell.fixed && !cell.frozen) continue
      const out = cellSegments(model, cell, coverContext, covers)
      segments.push(...out.segments)
      gaps.push(...out.gaps)
    }
    return { segments, gaps, deficits }
  }

  const maxDeviation = effectiveRule(plan, 'fairness.load').params['max-deviation'] ?? 1
  const worst = (rows: FairnessRow[]): number => Math.max(0, ...rows.map((r) => Math.abs(r.deviation)))
  // Against a record, change only what the plan forces (a shift whose member is now away) while the
  // fairness rule holds. Where it would not, allow one more change, then as many as it takes (a new
  // member needs shifts from everyone), each change still costing: SPEC section 3's "as few
  // shift-hours as it can while the fairness rule still holds". Otherwise re-rendering an unchanged
  // plan would move a published shift a week, for a better score nobody asked for.
  let room = fits ? 0 : 1
  let solved = solve(undefined, room)
  let fairness = computeFairness(plan, cal, solved.segments, window, undefined, grid)
  for (const more of fits ? [1, Number.POSITIVE_INFINITY] : []) {
    if (worst(fairness) <= maxDeviation) break
    const roomier = solve(undefined, more)
    const fairnessRoomier = computeFairness(plan, cal, roomier.segments, window, undefined, grid)
    if (worst(fairnessRoomier) < worst(fairness)) {
      solved = roomier
      fairness = fairnessRoomier
      room = more
    }
  }
  // The search books each shift to its member, while fairness counts the segments as held: covers
  // of leave and holidays move load after the search, and with a record the past and frozen shifts
  // are booked to their shift's member too. When the real figures miss the bound, solve once more
  // with each member's drift as a load offset, and keep the fairer (rare: only then does the second
  // solve cost time).
  if (worst(fairness) > maxDeviation) {
    const drift = plan.oncall.rotations.map((rotation, rot) => new Map(rotation.members.map((m) => {
      const row = fairness.find((f) => f.rotation === rotation.id && f.member === m)
      return [m, row ? row.load - row.target - (solved.deficits[rot]?.get(m) ?? 0) : 0]
    })))
    const again = solve(drift, Math.max(room, 1))
    const fairnessAgain = computeFairness(plan, cal, again.segments, window, undefined, grid)
    if (worst(fairnessAgain) < worst(fairness)) {
      solved = again
      fairness = fairnessAgain
    }
  }
  const { segments, gaps } = solved
  sortSegments(plan, segments)
  sortSegments(plan, gaps)

  const windowTo = last.end
  const fromDate = first.startDate
  const toDate = last.endDate
  const within = <T extends { date: LocalDate }>(list: T[]): T[] => list.filter((h) => h.date >= fromDate && h.date <= toDate)
  return {
    from: first.start,
    to: windowTo,
    today,
    timezone: zone,
    frozenUntil,
    shifts: grid,
    segments,
    fairness,
    holidays: Object.fromEntries(plan.team.map((m) => [m.id, within(cal.holidaysByMember[m.id] ?? [])])),
    companyHolidays: within(cal.companyHolidays),
    investorPeriods: cal.investorPeriods.filter((p) => p.to >= fromDate && p.from <= toDate),
    gaps,
    problems
  }
}

/**
 * A cover of someone's own public holiday counts as theirs: with daily shifts the holiday's cover
 * holds most of the shift, yet the shift still belongs to the member it was given to.
 */
function holidayCoversToHolder(model: Model, segments: Segment[]): Segment[] {
  if (!model.avoid) return segments
  const members = [...new Set(segments.map((s) => s.member))]
  if (members.length < 2) return segments
  const zone = model.plan.timezone
  return segments.map((s) => {
    // a cover lies on the holiday itself: every date it touches is the covered member's holiday
    const first = localDate(s.start, zone)
    const last = localDate(fromMillis(toMillis(s.end) - 1), zone)
    const dates: string[] = []
    for (let d = first; d <= last && dates.length <= 7; d = addDays(d, 1)) dates.push(d)
    const covered = members.find((m) => m !== s.member &&
      dates.every((d) => model.cal.isHoliday(m, d) && !model.cal.isHoliday(s.member, d)))
    return covered ? { ...s, member: covered } : s
  })
}

/** Past cells take the lock's member; frozen cells keep its pieces; later cells prefer its member. */
function markLocked(model: Model, lockSegments: Segment[], todayStart: number, frozenUntil: number): void {
  const byKey = new Map<string, Segment[]>()
  for (const s of lockSegments) byKey.set(`${s.rotation}|${s.role}`, [...(byKey.get(`${s.rotation}|${s.role}`) ?? []), s])
  for (const cell of model.cells) {
    const info = model.slots[cell.slot]
    const rotation = model.rotations[cell.rot]
    if (!info || !rotation) continue
    const own = (byKey.get(`${rotation.id}|${cell.role}`) ?? []).filter((s) => toMillis(s.start) < info.end && toMillis(s.end) > info.start)
    // the shift's member is whoever held it apart from swaps: swaps are the plan's, not the lock's
    const unswapped = own.filter((s) => !cell.swaps.some((p) => p.start <= toMillis(s.start) && p.end >= toMillis(s.end)))
    const holder = majorityHolder(holidayCoversToHolder(model, unswapped.length > 0 ? unswapped : own), info.start, info.end)
    if (!holder) continue
    if (info.end <= todayStart) {
      cell.fixed = true
      cell.member = holder
      cell.swapWhole = false
    } else if (info.start < frozenUntil) {
      cell.fixed = true
      cell.frozen = true
      cell.member = cell.swapWhole ? cell.member : holder
      cell.emitFrom = Math.max(info.start, ...own.filter((s) => toMillis(s.end) <= todayStart).map((s) => toMillis(s.end)))
      cell.lockPieces = own.filter((s) => toMillis(s.end) > todayStart).map((s) => ({
        start: Math.max(info.start, toMillis(s.start)), end: Math.min(info.end, toMillis(s.end)), member: s.member, kind: 'lock' as const
      }))
    } else if (rotation.members.includes(holder)) {
      // someone no longer in the rotation keeps no claim on its later shifts
      cell.preferred = holder
    }
  }
}
