// The rota half of the handbook: how each rotation works, who holds the coming shifts (with covers
// and swaps spelled out), a gantt of the coming weeks, and the fairness table with its model.
import { DateTime } from 'luxon'
import { effectiveRule } from '../rules/catalogue.js'
import type { LocalDate, Plan, Role, Rotation, Schedule, ShiftSlot, UtcInstant } from '../types.js'
import { renderGantt } from './gantt.js'
import {
  addDays, durationWords, localDateTime, memberName, num, overlapping, pipelineName, plural, rotationName, signed, startOfDay
} from './handbook-format.js'
import { coverReason, swapReason } from './handbook-holders.js'
import { cell, code, headingText, inline, table } from './markdown.js'

export const NO_SCHEDULE =
  '**The schedule could not be computed** because the plan has errors (run `npx opsplan check` to see them). ' +
  'This section will be filled in once the plan is valid.'

/** The window "the coming weeks" covers: from the start of the shift running today, `weeks` long. */
export function comingWindow(plan: Plan, schedule: Schedule, today: LocalDate, weeks: number): { from: UtcInstant; to: UtcInstant; slots: ShiftSlot[] } {
  const todayStart = startOfDay(today, plan.timezone)
  const until = startOfDay(addDays(today, weeks * 7), plan.timezone)
  const slots = schedule.shifts.filter((s) => s.end > todayStart && s.start < until)
  const from = slots[0]?.start ?? todayStart
  return { from: from < todayStart ? from : todayStart, to: slots[slots.length - 1]?.end ?? until, slots }
}

function handoffWords(plan: Plan): string {
  const o = plan.oncall
  const weekday = DateTime.fromISO(o.start, { zone: 'utc' }).setLocale('en-US').toFormat('cccc')
  const when =
    o.shiftDays === 1 ? 'every day'
      : o.shiftDays === 7 ? `every ${weekday}`
        : o.shiftDays % 7 === 0 ? `every ${o.shiftDays / 7} weeks on ${weekday}`
          : `every ${o.shiftDays} days`
  return `${when} at ${inline(o.handoff.text)} (${inline(plan.timezone)}), first on ${inline(o.start)}`
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
  return [
    `- **Members:** ${rotation.members.map((m) => inline(memberName(plan, m))).join(', ')}`,
    `- **Roles:** ${rotation.roles.join(', ')}`,
    `- **Pipelines watched:** ${rotation.pipelines.map((p) => inline(pipelineName(plan, p))).join(', ') || 'none'}`,
    `- **Shift length:** ${durationWords(o.shiftDays * 1440)}, handoff to handoff`,
    `- **Handoff:** ${handoffWords(plan)}`,
    `- **Published ahead:** ${plural(Math.round(o.horizonDays / 7), 'week')}; shifts starting within ` +
      `${plural(o.freezeDays, 'day')} of today move only when their member becomes unavailable`
  ].join('\n')
}

export function rotationSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate, weeks: number): string {
  const parts: string[] = []
  for (const rotation of plan.oncall.rotations) {
    parts.push(`### ${headingText(rotation.name)}`, rotationDetails(plan, rotation))
    if (!schedule) {
      parts.push(NO_SCHEDULE)
      continue
    }
    const { slots } = comingWindow(plan, schedule, today, weeks)
    const header = ['Shift', ...rotation.roles.map((r) => r.charAt(0).toUpperCase() + r.slice(1)), 'Notes']
    const rows = slots.map((slot) => {
      const cells = rotation.roles.map((role) => roleCell(plan, schedule, rotation, role, slot))
      const notes = cells.flatMap((c) => c.notes)
      return [
        cell(`${localDateTime(slot.start, plan.timezone)} → ${localDateTime(slot.end, plan.timezone)}`),
        ...cells.map((c) => cell(c.holder)),
        cell(notes.join('\n'))
      ]
    })
    const cadence = plan.oncall.shiftDays === 7 ? 'Weekly rotation' : plan.oncall.shiftDays === 1 ? 'Daily rotation' : 'Rotation'
    parts.push(
      `**${cadence}:** who holds each shift in the next ${plural(weeks, 'week')} (times in ${inline(plan.timezone)}).`,
      rows.length > 0 ? table(header, rows) : 'No shifts are scheduled in these weeks.'
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
    title: `On call, the next ${weeks} weeks`,
    investorPeriods: schedule.investorPeriods
  })
  return [`Bars are local times in ${inline(plan.timezone)}; highlighted bars are covers.`, chart].join('\n\n')
}

function fairnessModel(plan: Plan, schedule: Schedule): string {
  const w = plan.oncall.weights
  const { params } = effectiveRule(plan, 'fairness.load')
  const lookback = plural(Math.round(plan.oncall.fairness.lookbackDays / 7), 'week')
  return [
    'How fairness is measured:',
    '',
    `- **Weights.** Each hour on call counts by its local date for whoever holds it: a weekday ×${w.weekday}, ` +
      `Saturday or Sunday ×${w.weekend}, the member's own public holiday ×${w.holiday}; inside an investor-report ` +
      `period ×${w.investor} on top; the secondary role counts ×${w.secondary}.`,
    '- **Load** is the weighted hours ÷ 24, so one plain weekday on call as primary is a load of 1.',
    '- **Target.** Each member\'s fair share of the load, across every rotation they belong to: the hours ' +
      'they are available (not on leave, between joining and leaving) times their capacity, with each ' +
      'rotation\'s load shared only among its own members and as evenly per available hour as that allows. ' +
      'Someone in two rotations is owed one share, not two.',
    '- **Deviation** is (load − target) ÷ the mean load of one primary shift of the member\'s heaviest rotation: ' +
      `+1.00 means one shift more than a fair share. The rule ${code('fairness.load')} allows ±${params['max-deviation'] ?? 1}.`,
    `- **Window.** From ${inline(plan.oncall.start)} or ${lookback} before today (${inline(schedule.today)}), ` +
      'whichever is later, to the end of the published schedule.'
  ].join('\n')
}

export function fairnessSection(plan: Plan, schedule: Schedule | undefined): string {
  if (!schedule) return NO_SCHEDULE
  const several = plan.oncall.rotations.length > 1
  const rows = schedule.fairness.map((f) => [
    cell(memberName(plan, f.member)),
    ...(several ? [cell(Object.entries(f.rotations).map(([id, l]) => `${rotationName(plan, id)} ${num(l, 1)}`).join(', '))] : []),
    num(f.load, 1),
    num(f.target, 1),
    signed(f.deviation, 2),
    String(f.shifts),
    String(f.holidays),
    String(f.investor)
  ])
  const header = ['Member', ...(several ? ['Load by rotation'] : []), 'Load', 'Target', 'Deviation', 'Shifts', 'Holiday days', 'Investor shifts']
  return [
    fairnessModel(plan, schedule),
    rows.length > 0
      ? table(header, rows, { align: ['l', ...(several ? ['l' as const] : []), 'r', 'r', 'r', 'r', 'r', 'r'] })
      : 'No fairness figures yet.'
  ].join('\n\n')
}
