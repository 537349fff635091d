// The rota most teams keep today in a spreadsheet: each role goes round the member list in order,
// and when the person whose turn it is cannot take the week, the next one on the list covers it and
// keeps the extra load. No weights, no capacity, no holidays: the baseline opsplan has to beat.
import type { PlanCalendar } from '../src/core/schedule/calendar.js'
import type { Plan, Role, ScheduledSegment, ShiftSlot } from '../src/core/types.js'
import type { BenchWindow } from './window.js'

function freeThroughout(cal: PlanCalendar, member: string, slot: ShiftSlot): boolean {
  for (let d = slot.startDate; d <= slot.endDate; d = nextDate(d)) if (!cal.isAvailable(member, d)) return false
  return true
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/**
 * Primary goes to member i mod n in shift i, secondary to the next one on the list, so this week's
 * secondary is next week's primary. A cover is the next member on the list who is free for the
 * whole shift and not already on call in it (in this or an earlier rotation); when there is none the
 * role stays empty, as it would on the spreadsheet.
 */
export function roundRobinSchedule(plan: Plan, cal: PlanCalendar, window: BenchWindow): ScheduledSegment[] {
  const segments: ScheduledSegment[] = []
  const busy = window.slots.map(() => new Set<string>())
  for (const rotation of plan.oncall.rotations) {
    const n = rotation.members.length
    window.slots.forEach((slot, i) => {
      rotation.roles.forEach((role: Role, r) => {
        const turn = (i + r) % n
        for (let k = 0; k < n; k++) {
          const member = rotation.members[(turn + k) % n]!
          if (busy[i]!.has(member) || !freeThroughout(cal, member, slot)) continue
          busy[i]!.add(member)
          const scheduled = rotation.members[turn]!
          segments.push({
            rotation: rotation.id,
            role,
            member,
            start: slot.start,
            end: slot.end,
            shiftStart: slot.start,
            shiftMember: scheduled,
            kind: k === 0 ? 'shift' : 'cover',
            ...(k === 0 ? {} : { note: `covers ${scheduled}` })
          })
          break
        }
      })
    })
  }
  return segments.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}
