// The rota as members read it: how each rotation works (each on its own grid), who holds its coming
// shifts with covers and swaps spelled out, the agreed swaps, and a gantt of the coming weeks.
import { DateTime } from 'luxon'
import { swapInstants } from '../plan/ranges.js'
import { fromMillis, instantAt, rotationGrid } from '../schedule/calendar.js'
import type { LocalDate, Plan, Role, Rotation, Schedule, ShiftSlot, UtcInstant } from '../types.js'
import { renderGantt } from './gantt.js'
import {
  addDays, clock, durationWords, localDateTime, memberName, overlapping, pipelineName, plural, rangeWords,
  rotationName, startOfDay
} from './handbook-format.js'
import { coverReason, swapReason } from './handbook-holders.js'
import { NO_SCHEDULE } from './handbook-rota.js'
import { cell, code, foldedTable, headingText, inline, table } from './markdown.js'

/** Rows of a rotation's table shown before the rest fold away (a daily rotation has 56 in 8 weeks). */
const VISIBLE_SHIFTS = 14

/**
 * A rotation's shifts in the schedule. A schedule planned on one shared grid labels every shift with
 * the first rotation; a rotation on that same grid then shares those shifts.
 */
function shiftsOf(plan: Plan, schedule: Schedule, rotation: Rotation): ShiftSlot[] {
  const own = schedule.shifts.filter((s) => s.rotation === rotation.id)
  if (own.length > 0) return own
  const grid = rotationGrid(plan, rotation)
  const shared = plan.oncall.rotations.find((r) => {
    const g = rotationGrid(plan, r)
    return r.id !== rotation.id && g.start === grid.start && g.shiftDays === grid.shiftDays && g.handoff.hour === grid.handoff.hour &&
      g.handoff.minute === grid.handoff.minute
  })
  return shared ? schedule.shifts.filter((s) => s.rotation === shared.id) : []
}

/**
 * A rotation's coming shifts: the one running as `today` begins, then as many as fill `weeks` weeks
 * of its own shift length (8 weekly shifts for 8 weeks, never a ninth).
 */
export function rotationSlots(plan: Plan, schedule: Schedule, rotation: Rotation, today: LocalDate, weeks: number): ShiftSlot[] {
  const todayStart = startOfDay(today, plan.timezone)
  const count = Math.ceil((weeks * 7) / rotationGrid(plan, rotation).shiftDays)
  return shiftsOf(plan, schedule, rotation).filter((s) => s.end > todayStart).slice(0, count)
}

/** The stretch the coming weeks cover, across every rotation's shifts. */
export function comingWindow(plan: Plan, schedule: Schedule, today: LocalDate, weeks: number): { from: UtcInstant; to: UtcInstant } {
  const slots = plan.oncall.rotations.flatMap((r) => rotationSlots(plan, schedule, r, today, weeks))
  const todayStart = startOfDay(today, plan.timezone)
  const from = slots.reduce((min, s) => (s.start < min ? s.start : min), todayStart)
  const to = slots.reduce<UtcInstant | undefined>((max, s) => (max === undefined || s.end > max ? s.end : max), undefined)
  return { from, to: to ?? startOfDay(addDays(today, weeks * 7), plan.timezone) }
}

function weekdayOf(date: LocalDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-US').toFormat('cccc')
}

function handoffWords(plan: Plan, rotation: Rotation): string {
  const grid = rotationGrid(plan, rotation)
  const weekday = weekdayOf(grid.start)
  const when =
    grid.shiftDays === 1 ? 'every day'
      : grid.shiftDays === 7 ? `every ${weekday}`
        : grid.shiftDays % 7 === 0 ? `every ${grid.shiftDays / 7} weeks on ${weekday}`
          : `every ${grid.shiftDays} days`
  const time = clock(grid.handoff.hour, grid.handoff.minute)
  return `${when} at ${time} (${inline(plan.timezone)}), first on ${inline(grid.start)}; each member's own time is in [Team](#team)`
}

/** The first handoff of a rotation at or after the start of `today`. */
export function nextHandoff(plan: Plan, rotation: Rotation, today: LocalDate): UtcInstant {
  const grid = rotationGrid(plan, rotation)
  const days = DateTime.fromISO(today, { zone: 'utc' }).diff(DateTime.fromISO(grid.start, { zone: 'utc' }), 'days').days
  const date = addDays(grid.start, Math.max(0, Math.ceil(days / grid.shiftDays)) * grid.shiftDays)
  return instantAt(date, plan.timezone, grid.handoff.hour, grid.handoff.minute)
}

/** When a member hands over, on their own clock: `Mon 15:00` for weekly shifts, `15:00` for daily. */
export function ownHandoff(plan: Plan, rotation: Rotation, zone: string, today: LocalDate): string {
  const at = DateTime.fromISO(nextHandoff(plan, rotation, today), { zone: 'utc' }).setZone(zone).setLocale('en-US')
  return rotationGrid(plan, rotation).shiftDays % 7 === 0 ? at.toFormat('ccc HH:mm') : at.toFormat('HH:mm')
}

function roleCell(plan: Plan, schedule: Schedule, rotation: Rotation, role: Role, slot: ShiftSlot): { holder: string; notes: string[] } {
  const segs = overlapping(schedule.segments, slot.start, slot.end).filter((s) => s.rotation === rotation.id && s.role === role)
  const owners = [...new Set(segs.map((s) => s.shiftMember))]
  const notes: string[] = []
  for (const s of segs) {
    const span = `${localDateTime(s.start < slot.start ? slot.start : s.start, plan.timezone)} → ${localDateTime(s.end > slot.end ? slot.end : s.end, plan.timezone)}`
    if (s.kind === 'cover') {
      const why = coverReason(s)
      notes.push(`${memberName(plan, s.member)} covers ${memberName(plan, s.shiftMember)}'s ${role} ${span}${why ? ` (${why})` : ''}`)
    } else if (s.kind === 'swap') {
      const why = swapReason(s)
      notes.push(`${memberName(plan, s.member)} holds ${role} by swap ${span}${why ? ` (${why})` : ''}`)
    }
  }
  for (const g of schedule.gaps.filter((g) => g.rotation === rotation.id && g.role === role && g.start < slot.end && g.end > slot.start)) {
    notes.push(`nobody can hold ${role} ${localDateTime(g.start, plan.timezone)} → ${localDateTime(g.end, plan.timezone)}: ${g.reason}`)
  }
  const holder = owners.length > 0 ? owners.map((id) => memberName(plan, id)).join(' / ') : 'unstaffed'
  return { holder, notes }
}

function rotationDetails(plan: Plan, rotation: Rotation): string {
  const o = plan.oncall
  const grid = rotationGrid(plan, rotation)
  return [
    `- **Members:** ${rotation.members.map((m) => inline(memberName(plan, m))).join(', ')}`,
    `- **Roles:** ${rotation.roles.join(', ')}`,
    `- **Pipelines watched:** ${rotation.pipelines.map((p) => inline(pipelineName(plan, p))).join(', ') || 'none'}`,
    `- **Shift length:** ${grid.shiftDays % 7 === 0 ? durationWords(grid.shiftDays * 1440) : plural(grid.shiftDays, 'day')}, handoff to handoff`,
    `- **Handoff:** ${handoffWords(plan, rotation)}`,
    `- **Published ahead:** ${plural(Math.round(o.horizonDays / 7), 'week')}; shifts starting within ` +
      `${plural(o.freezeDays, 'day')} of today move only when their member becomes unavailable`
  ].join('\n')
}

function cadence(shiftDays: number): string {
  return shiftDays === 7 ? 'Weekly rotation' : shiftDays === 1 ? 'Daily rotation' : 'Rotation'
}

export function rotationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate, weeks: number): string {
  const parts: string[] = []
  for (const rotation of plan.oncall.rotations) {
    parts.push(`### ${headingText(rotation.name)}`, rotationDetails(plan, rotation))
    if (!schedule) {
      parts.push(NO_SCHEDULE)
      continue
    }
    const slots = rotationSlots(plan, schedule, rotation, today, weeks)
    const header = ['Shift', ...rotation.roles.map((r) => r.charAt(0).toUpperCase() + r.slice(1)), 'Notes']
    const rows = slots.map((slot) => {
      const cells = rotation.roles.map((role) => roleCell(plan, schedule, rotation, role, slot))
      return [
        cell(`${localDateTime(slot.start, plan.timezone)} → ${localDateTime(slot.end, plan.timezone)}`),
        ...cells.map((c) => cell(c.holder)),
        cell(cells.flatMap((c) => c.notes).join('\n'))
      ]
    })
    const shifts = plural(rows.length, 'shift')
    parts.push(
      `**${cadence(rotationGrid(plan, rotation).shiftDays)}:** who holds each shift in the next ${plural(weeks, 'week')}, ` +
        `from the one running today (${shifts}; times in ${inline(plan.timezone)}).`,
      rows.length > 0
        ? foldedTable(header, rows, { visible: VISIBLE_SHIFTS, summary: (n) => `${plural(n, 'more shift')} in these weeks` })
        : 'No shifts are scheduled in these weeks.'
    )
  }
  return parts.join('\n\n')
}

export function ganttSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate, weeks: number): string {
  if (!schedule) return NO_SCHEDULE
  const { from, to } = comingWindow(plan, schedule, today, weeks)
  const chart = renderGantt(schedule.segments, plan, {
    from,
    to,
    title: `On call, the next ${plural(weeks, 'week')}`,
    investorPeriods: schedule.investorPeriods
  })
  const periods = schedule.investorPeriods.some((p) => startOfDay(p.from, plan.timezone) < to && startOfDay(addDays(p.to, 1), plan.timezone) > from)
  return [
    `One row per role; bars are local times in ${inline(plan.timezone)}. Highlighted bars are covers` +
      (periods ? ', and the red row marks the investor-report periods.' : '.'),
    chart
  ].join('\n\n')
}

/** The members who held a swapped stretch before the swap, as the scheduler records them. */
function swappedWith(plan: Plan, schedule: Schedule | undefined, swap: Plan['swaps'][number]): string[] {
  if (!schedule) return []
  const { start, end } = swapInstants(plan, swap)
  const ids = overlapping(schedule.segments, fromMillis(start), fromMillis(end))
    .filter((s) => s.rotation === swap.rotation && s.role === swap.role && s.kind === 'swap' && s.member === swap.member &&
      s.shiftMember !== swap.member)
    .map((s) => s.shiftMember)
  return [...new Set(ids)].map((id) => memberName(plan, id))
}

/** Agreed swaps that have not ended by `today`: who holds which role when, instead of whom, and why. */
export function swapsSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate, planFile: string): string {
  const todayStart = Date.parse(startOfDay(today, plan.timezone))
  const upcoming = plan.swaps
    .map((swap) => ({ swap, at: swapInstants(plan, swap) }))
    .filter(({ at }) => at.end > todayStart)
    .sort((a, b) => a.at.start - b.at.start || a.swap.member.localeCompare(b.swap.member))
  const intro =
    `Swaps are agreed between members and written in ${code(planFile)} under \`swaps:\`; the scheduler keeps ` +
    `each as given. Dates are whole days in ${inline(plan.timezone)}, date-times that instant.`
  if (upcoming.length === 0) return `${intro}\n\nNo swap is agreed from ${inline(today)} on.`
  const many = plan.oncall.rotations.length > 1
  const rows = upcoming.map(({ swap }) => [
    ...(many ? [cell(rotationName(plan, swap.rotation))] : []),
    cell(swap.role),
    cell(rangeWords(swap)),
    cell(memberName(plan, swap.member)),
    cell(swappedWith(plan, schedule, swap).join(', ') || '—'),
    cell(swap.reason ?? '—')
  ])
  const header = [...(many ? ['Rotation'] : []), 'Role', 'When', 'Held by', 'Instead of', 'Reason']
  return [intro, table(header, rows)].join('\n\n')
}
