// The stretch of time the benchmark scores, and the local days a stretch of time touches. Both
// the scheduler and the baseline are scored on this one window, so neither gains by publishing less.
import { DateTime } from 'luxon'
import { addDays, instantAt, shiftSlots } from '../src/core/schedule/calendar.js'
import type { LocalDate, Plan, ShiftSlot, UtcInstant } from '../src/core/types.js'

export interface BenchWindow {
  from: UtcInstant
  /** today + horizon at the handoff time: every role must be held until here. */
  to: UtcInstant
  slots: ShiftSlot[]
}

export function benchWindow(plan: Plan, today: LocalDate): BenchWindow {
  const { handoff, horizonDays } = plan.oncall
  const to = instantAt(addDays(today, horizonDays), plan.timezone, handoff.hour, handoff.minute)
  const slots = shiftSlots(plan, to).filter((s) => s.start < to)
  return { from: slots[0]?.start ?? to, to, slots }
}

/** A stretch of time cut at local midnights: each piece lies within one local date. */
export interface DayPiece {
  date: LocalDate
  /** Length in days (hours / 24), the unit loads are counted in. */
  days: number
}

// Every rotation shares the shift grid, so the same stretches come back thousands of times.
const pieceCache = new Map<string, DayPiece[]>()

export function dayPieces(start: UtcInstant, end: UtcInstant, zone: string): DayPiece[] {
  const key = `${zone}|${start}|${end}`
  const cached = pieceCache.get(key)
  if (cached) return cached
  const pieces: DayPiece[] = []
  const stop = DateTime.fromISO(end, { zone: 'utc' })
  let at = DateTime.fromISO(start, { zone: 'utc' }).setZone(zone)
  while (at < stop) {
    const midnight = at.startOf('day').plus({ days: 1 })
    const until = midnight < stop ? midnight : stop
    pieces.push({ date: at.toISODate() as LocalDate, days: until.diff(at, 'hours').hours / 24 })
    at = until.setZone(zone)
  }
  pieceCache.set(key, pieces)
  return pieces
}
