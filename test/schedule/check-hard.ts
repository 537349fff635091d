// Checks the hard constraints of SPEC section 3 on a built schedule, for the schedule tests.
import { buildPlanCalendar, localDate } from '../../src/core/schedule/calendar.js'
import { splitAtMidnights } from '../../src/core/schedule/load.js'
import type { Plan, Schedule } from '../../src/core/types.js'

export function hardViolations(plan: Plan, schedule: Schedule): string[] {
  const out: string[] = []
  if (schedule.segments.length === 0 && schedule.gaps.length === 0) return out
  const cal = buildPlanCalendar(plan, localDate(schedule.from, plan.timezone), localDate(schedule.to, plan.timezone))
  for (const rot of plan.oncall.rotations) {
    for (const role of rot.roles) {
      const parts = [...schedule.segments, ...schedule.gaps]
        .filter((s) => s.rotation === rot.id && s.role === role)
        .sort((a, b) => (a.start < b.start ? -1 : 1))
      let at = schedule.from
      for (const p of parts) {
        if (p.start !== at) out.push(`${rot.id}/${role}: ${at}..${p.start} neither staffed nor reported`)
        at = p.end
      }
      if (at !== schedule.to) out.push(`${rot.id}/${role}: ends at ${at}, not ${schedule.to}`)
    }
  }
  for (const s of schedule.segments) {
    for (const d of splitAtMidnights(Date.parse(s.start), Date.parse(s.end), plan.timezone)) {
      if (!cal.isAvailable(s.member, d.date)) out.push(`${s.member} on call on ${d.date} while unavailable`)
    }
  }
  const byMember = new Map<string, Array<[string, string]>>()
  for (const s of schedule.segments) byMember.set(s.member, [...(byMember.get(s.member) ?? []), [s.start, s.end]])
  for (const [m, list] of byMember) {
    list.sort((a, b) => (a[0] < b[0] ? -1 : 1))
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as [string, string])[0] < (list[i - 1] as [string, string])[1]) out.push(`${m} double booked at ${(list[i] as [string, string])[0]}`)
    }
  }
  return out
}
