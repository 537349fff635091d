// What moved between two schedules, per rotation and role, with the reason in the plan's words.
import type { Change, Plan, Role, Schedule, ScheduledSegment } from '../types.js'
import { addDays, buildPlanCalendar, containing, localDate, toMillis, fromMillis } from './calendar.js'
import type { PlanCalendar } from './calendar.js'

// segments of one rotation and role, in start order
const holderAt = (list: ScheduledSegment[], start: string): ScheduledSegment | undefined => containing(list, start)

function datesOf(plan: Plan, start: string, end: string): string[] {
  const first = localDate(start, plan.timezone)
  const last = localDate(fromMillis(toMillis(end) - 1000), plan.timezone)
  const out: string[] = []
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d)
  return out
}

function reasonFor(plan: Plan, cal: PlanCalendar, change: Change, afterSeg: ScheduledSegment | undefined): string {
  if (afterSeg?.kind === 'swap' && afterSeg.note) return afterSeg.note
  const dates = datesOf(plan, change.start, change.end)
  const before = change.before
  if (before) {
    const rotation = plan.oncall.rotations.find((r) => r.id === change.rotation)
    if (rotation && plan.team.some((t) => t.id === before) && !rotation.members.includes(before)) {
      return `${before} is no longer in ${rotation.name}`
    }
    for (const d of dates) {
      const m = plan.team.find((t) => t.id === before)
      if (!m) return `${before} is no longer on the team`
      if (m.left && d > m.left) return `${before} left ${m.left}`
      if (m.joined && d < m.joined) return `${before} joins ${m.joined}`
      const away = cal.awayReason(before, d)
      if (away) return `${before} on ${away}`
    }
    if (plan.oncall.holidays.policy !== 'work') {
      for (const d of dates) {
        const h = cal.holidayOn(before, d)
        // only a reason where the one taking over does not have the same day off
        if (h && !(change.after && cal.holidayOn(change.after, d))) return `${before}'s public holiday (${h.name})`
      }
    }
  }
  const after = plan.team.find((t) => t.id === change.after)
  if (after?.joined && after.joined <= (dates[dates.length - 1] ?? '')) return `${after.id} joined ${after.joined}`
  if (change.after === null) return 'nobody can hold it'
  return 'rebalanced for fairness'
}

/** The stretches whose member differs, merged where neighbours share before and after. */
export function diffSchedules(before: Schedule, after: Schedule, plan: Plan): Change[] {
  const keys: Array<{ rotation: string; role: Role }> = []
  const seen = new Set<string>()
  const rotOrder = [...plan.oncall.rotations.map((r) => r.id)]
  for (const s of [...before.segments, ...after.segments]) {
    if (!rotOrder.includes(s.rotation)) rotOrder.push(s.rotation)
    const k = `${s.rotation}|${s.role}`
    if (!seen.has(k)) {
      seen.add(k)
      keys.push({ rotation: s.rotation, role: s.role })
    }
  }
  keys.sort((a, b) => rotOrder.indexOf(a.rotation) - rotOrder.indexOf(b.rotation) || (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1))
  const all = [...before.segments, ...after.segments]
  if (all.length === 0) return []
  const from = localDate(all.reduce((m, s) => (s.start < m ? s.start : m), all[0]?.start ?? ''), plan.timezone)
  const to = localDate(all.reduce((m, s) => (s.end > m ? s.end : m), all[0]?.end ?? ''), plan.timezone)
  const cal = buildPlanCalendar(plan, from, addDays(to, 1))
  const changes: Change[] = []
  for (const { rotation, role } of keys) {
    const pick = (s: Schedule): ScheduledSegment[] => s.segments.filter((x) => x.rotation === rotation && x.role === role).sort((a, b) => (a.start < b.start ? -1 : 1))
    const b = pick(before)
    const a = pick(after)
    const edges = [...new Set([...b, ...a].flatMap((s) => [s.start, s.end]))].sort()
    const pieces: Array<{ change: Change; afterSeg: ScheduledSegment | undefined }> = []
    for (let i = 0; i + 1 < edges.length; i++) {
      const start = edges[i] as string
      const end = edges[i + 1] as string
      const was = holderAt(b, start)
      const now = holderAt(a, start)
      const beforeMember = was?.member ?? null
      const afterMember = now?.member ?? null
      if (beforeMember === afterMember) continue
      // a stretch only one of the schedules covers (an older window, a longer horizon) is not a change
      if (!was && start < (b[0]?.start ?? '') || !was && start >= (b[b.length - 1]?.end ?? '')) continue
      if (!now && start < (a[0]?.start ?? '') || !now && start >= (a[a.length - 1]?.end ?? '')) continue
      const last = pieces[pieces.length - 1]
      if (last && last.change.end === start && last.change.before === beforeMember && last.change.after === afterMember) {
        last.change.end = end
        continue
      }
      pieces.push({ change: { rotation, role, start, end, before: beforeMember, after: afterMember, reason: '' }, afterSeg: now })
    }
    for (const p of pieces) {
      p.change.reason = reasonFor(plan, cal, p.change, p.afterSeg)
      changes.push(p.change)
    }
  }
  return changes
}
