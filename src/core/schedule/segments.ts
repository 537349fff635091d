// From assigned cells to the published segments: swaps overlaid as given, covers for the days a
// shift's member cannot hold, and plain-worded gaps where nobody can.
import type { LocalDate, Role, ScheduledSegment, UtcInstant } from '../types.js'
import { addDays, fromMillis } from './calendar.js'
import type { PlanCalendar } from './calendar.js'
import { dateWeight, localMidnight, roleFactor } from './load.js'
import { HOUR } from './model.js'
import type { Cell, Model } from './model.js'

export interface Gap {
  rotation: string
  role: Role
  start: UtcInstant
  end: UtcInstant
  reason: string
}

interface Piece {
  start: number
  end: number
  date: LocalDate
  member: string | null
  kind: 'shift' | 'cover' | 'swap'
  note?: string
  reason?: string
  /** Held as the schedule of record has it (a frozen shift's lock piece). */
  locked?: boolean
}

/** Why nobody could hold a rotation's role on a date, naming the counts. */
export function gapReason(model: Model, rot: number, date: LocalDate, slot: number): string {
  const rotation = model.rotations[rot]
  if (!rotation) return 'no rotation'
  const n = rotation.members.length
  const away = rotation.members.filter((m) => !model.cal.isAvailable(m, date))
  const onLeave = away.filter((m) => (model.cal.awayReason(m, date) ?? '').startsWith('leave'))
  const roles = rotation.roles.length
  const people = roles === 1 ? '1 person' : `${roles} people`
  const need = `${roles} role${roles === 1 ? '' : 's'} need${roles === 1 ? 's' : ''} ${people}`
  const what = onLeave.length === away.length ? 'on leave' : 'unavailable'
  const busyElsewhere = rotation.members.filter((m) => !away.includes(m) && model.busy(slot).has(m) &&
    (model.cellsBySlot[slot] ?? []).some((c) => c.member === m && c.rot !== rot)).length
  const elsewhere = busyElsewhere > 0 ? `; ${busyElsewhere} on call in another rotation` : ''
  if (away.length === 0 && model.slots[slot]?.investorDates.includes(date)) {
    return `nobody free is present for the whole investor period in this shift${elsewhere}`
  }
  return `${away.length} of ${n} members ${what}; ${need}${elsewhere}`
}

function awayWords(model: Model, member: string, date: LocalDate, rot: number): string {
  const rotation = model.rotations[rot]
  if (rotation && !rotation.members.includes(member)) return `shift (no longer in ${rotation.id})`
  return awayText(model.cal, member, date)
}

/** Why a member was not on their own shift that day, as a cover's note says it. */
export function awayText(cal: PlanCalendar, member: string, date: LocalDate): string {
  const reason = cal.awayReason(member, date)
  if (reason) return reason
  const holiday = cal.holidayOn(member, date)
  return holiday ? `public holiday (${holiday.name})` : 'shift'
}

/** The day pieces of a cell before covers: the shift member, frozen lock pieces, then swaps on top. */
function basePieces(model: Model, cell: Cell): Piece[] {
  const info = model.slots[cell.slot]
  if (!info) return []
  const from = Math.max(info.start, cell.emitFrom ?? info.start)
  const pieces: Piece[] = []
  for (const day of info.days) {
    // lock and swap pieces may start inside a day: cut the day at their edges
    const cuts = new Set([day.start, day.end])
    for (const p of [...cell.lockPieces, ...cell.swaps]) {
      if (p.start > day.start && p.start < day.end) cuts.add(p.start)
      if (p.end > day.start && p.end < day.end) cuts.add(p.end)
    }
    const edges = [...cuts].sort((a, b) => a - b)
    for (let i = 0; i + 1 < edges.length; i++) {
      const start = edges[i] as number
      const end = edges[i + 1] as number
      if (end <= from) continue
      const piece: Piece = { start: Math.max(start, from), end, date: day.date, member: cell.member, kind: cell.swapWhole ? 'swap' : 'shift' }
      const lock = cell.lockPieces.find((p) => p.start <= start && p.end >= end)
      if (lock) {
        piece.member = lock.member
        piece.locked = true
      }
      const swap = cell.swaps.find((p) => p.start <= start && p.end >= end)
      if (swap) {
        piece.member = swap.member
        piece.kind = 'swap'
        if (swap.note) piece.note = swap.note
      }
      pieces.push(piece)
    }
  }
  return pieces
}

export interface CoverContext {
  /** Load above (or below, negative) the member's fair share so far: the lowest covers. */
  deficit(rot: number, member: string): number
  /** A cover moves load from the shift's holder to the cover; later choices see it. */
  moveLoad?(rot: number, from: string | null, to: string, fromLoad: number, toLoad: number): void
  /** Members holding or covering any role in a slot (cached by the caller). */
  busy?(slot: number): Set<string>
  /** Who the schedule of record had in this rotation and role at an instant: covers stay put. */
  recorded?(rot: number, role: Role, at: number): string | undefined
  /** Local midnight of today: the record's pieces before it are the past and never change. */
  pastUntil?: number
}

type CoverBook = Map<number, Array<{ start: number; end: number; member: string }>>

function pieceLoad(model: Model, member: string, role: Role, piece: Piece): number {
  return ((piece.end - piece.start) / HOUR) * dateWeight(model.plan, model.cal, member, piece.date) * roleFactor(model.plan, role) / 24
}

/**
 * Members free for the whole local day of a piece: holding no role in any slot the day touches,
 * covering nothing then, not away and not on their own holiday.
 */
function freeAllDay(model: Model, cell: Cell, piece: Piece, holder: string, ctx: CoverContext, covers: CoverBook): string[] {
  const info = model.slots[cell.slot]
  const day = info?.days.find((d) => d.date === piece.date)
  if (!info || !day) return []
  const dayStart = localMidnight(piece.date, model.plan.timezone)
  const dayEnd = localMidnight(addDays(piece.date, 1), model.plan.timezone)
  const slots = [cell.slot]
  if (dayStart < info.start) slots.push(cell.slot - 1)
  if (dayEnd > info.end) slots.push(cell.slot + 1)
  const busyOf = (s: number): Set<string> => ctx.busy?.(s) ?? model.busy(s)
  return (model.rotations[cell.rot]?.members ?? []).filter((m) =>
    m !== holder && model.cal.isAvailable(m, piece.date) && !model.cal.isHoliday(m, piece.date) &&
    slots.every((s) => !busyOf(s).has(m) && !(covers.get(s) ?? []).some((c) => c.member === m && c.start < dayEnd && c.end > dayStart)))
}

/** Emits a cell's segments and gaps, choosing covers for pieces its holder cannot take. */
export function cellSegments(model: Model, cell: Cell, ctx: CoverContext, covers: CoverBook): { segments: ScheduledSegment[]; gaps: Gap[] } {
  const rotation = model.rotations[cell.rot]
  const info = model.slots[cell.slot]
  if (!rotation || !info) return { segments: [], gaps: [] }
  const busy = ctx.busy?.(cell.slot) ?? model.busy(cell.slot)
  const slotCovers = covers.get(cell.slot) ?? []
  covers.set(cell.slot, slotCovers)
  const pieces = basePieces(model, cell)
  let previousCover: string | null = null
  for (const piece of pieces) {
    if (piece.kind === 'swap') continue
    const holder = piece.member
    // the record's past stands even where its member would now count as away (SPEC: past segments
    // never change); its frozen pieces change only when their member is away, never for a holiday
    const past = piece.locked === true && piece.end <= (ctx.pastUntil ?? Number.NEGATIVE_INFINITY)
    // someone the record has on a shift of a rotation they are no longer in is away from it too
    const inRotation = holder !== null && rotation.members.includes(holder)
    if (holder && (past || (inRotation && model.cal.isAvailable(holder, piece.date)))) {
      // under avoid, someone free all day takes a member's own public holiday; never inside an
      // investor period, where whoever holds the shift stays for all of it
      if (!piece.locked && model.avoid && model.cal.isHoliday(holder, piece.date) && !model.cal.isInvestorDate(piece.date)) {
        const free = freeAllDay(model, cell, piece, holder, ctx, covers)
        const kept = ctx.recorded?.(cell.rot, cell.role, piece.start)
        free.sort((a, b) => Number(b === kept) - Number(a === kept) || Number(b === previousCover) - Number(a === previousCover) ||
          ctx.deficit(cell.rot, a) - ctx.deficit(cell.rot, b) || (a < b ? -1 : 1))
        const chosen = free[0]
        if (chosen) {
          ctx.moveLoad?.(cell.rot, holder, chosen, pieceLoad(model, holder, cell.role, piece), pieceLoad(model, chosen, cell.role, piece))
          slotCovers.push({ start: piece.start, end: piece.end, member: chosen })
          piece.member = chosen
          piece.kind = 'cover'
          piece.note = `covers ${holder}'s ${awayWords(model, holder, piece.date, cell.rot)}`
          previousCover = chosen
          continue
        }
      }
      if (cell.member && holder !== cell.member) {
        piece.kind = 'cover'
        piece.note = `covers ${cell.member}'s ${awayWords(model, cell.member, piece.date, cell.rot)}`
      }
      continue
    }
    const candidates = rotation.members.filter((m) =>
      !busy.has(m) && model.cal.isAvailable(m, piece.date) &&
      !slotCovers.some((c) => c.member === m && c.start < piece.end && c.end > piece.start))
    const kept = ctx.recorded?.(cell.rot, cell.role, piece.start)
    candidates.sort((a, b) =>
      Number(b === kept) - Number(a === kept) ||
      Number(b === previousCover) - Number(a === previousCover) ||
      Number(model.avoid && model.cal.isHoliday(a, piece.date)) - Number(model.avoid && model.cal.isHoliday(b, piece.date)) ||
      ctx.deficit(cell.rot, a) - ctx.deficit(cell.rot, b) || (a < b ? -1 : 1))
    const chosen = candidates[0]
    const shiftMember = cell.member ?? holder
    if (chosen) {
      ctx.moveLoad?.(cell.rot, holder, chosen, holder ? pieceLoad(model, holder, cell.role, piece) : 0, pieceLoad(model, chosen, cell.role, piece))
      slotCovers.push({ start: piece.start, end: piece.end, member: chosen })
      piece.member = chosen
      piece.kind = shiftMember ? 'cover' : 'shift'
      if (shiftMember) piece.note = `covers ${shiftMember}'s ${awayWords(model, shiftMember, piece.date, cell.rot)}`
      previousCover = chosen
    } else {
      piece.member = null
      piece.reason = gapReason(model, cell.rot, piece.date, cell.slot)
    }
  }
  const segments: ScheduledSegment[] = []
  const gaps: Gap[] = []
  for (const p of pieces) {
    if (p.member === null) {
      const last = gaps[gaps.length - 1]
      if (last && last.end === fromMillis(p.start) && last.reason === p.reason) last.end = fromMillis(p.end)
      else gaps.push({ rotation: rotation.id, role: cell.role, start: fromMillis(p.start), end: fromMillis(p.end), reason: p.reason ?? '' })
      continue
    }
    const last = segments[segments.length - 1]
    if (last && last.end === fromMillis(p.start) && last.member === p.member && last.kind === p.kind && last.note === p.note) {
      last.end = fromMillis(p.end)
      continue
    }
    const seg: ScheduledSegment = {
      rotation: rotation.id,
      role: cell.role,
      member: p.member,
      start: fromMillis(p.start),
      end: fromMillis(p.end),
      shiftStart: info.slot.start,
      shiftMember: cell.member ?? p.member,
      kind: p.kind
    }
    if (p.note) seg.note = p.note
    segments.push(seg)
  }
  return { segments, gaps }
}
