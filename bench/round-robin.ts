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
 * secondary is next week's primary. Everyone whose turn it is and who is free keeps their turn; a
 * role whose member is not free goes to the next member on the list who is free for the whole shift
 * and not already on call in it (in this or an earlier rotation). When there is none the role stays
 * empty, as it would on the spreadsheet.
 */
export function roundRobinSchedule(plan: Plan, cal: PlanCalendar, window: BenchWindow): ScheduledSegment[] {
  const segments: ScheduledSegment[] = []
  const busy = window.slots.map(() => new Set<string>())
  for (const rotation of plan.oncall.rotations) {
    const n = rotation.members.length
    window.slots.forEach((slot, i) => {
      const free = (member: string): boolean => !busy[i]!.has(member) && freeThroughout(cal, member, slot)
      const turns = rotation.roles.map((role: Role, r) => ({ role, turn: (i + r) % n, holder: undefined as number | undefined }))
      for (const t of turns) {
        if (!free(rotation.members[t.turn]!)) continue
        t.holder = t.turn
        busy[i]!.add(rotation.members[t.turn]!)
      }
      for (const t of turns) {
        for (let k = 1; k < n && t.holder === undefined; k++) {
          const at = (t.turn + k) % n
          if (!free(rotation.members[at]!)) continue
          t.holder = at
          busy[i]!.add(rotation.members[at]!)
        }
      }
      for (const t of turns) {
        if (t.holder === undefined) continue
        const scheduled = rotation.members[t.turn]!
        const cover = t.holder !== t.turn
        segments.push({
          rotation: rotation.id,
          role: t.role,
          member: rotation.members[t.holder]!,
          start: slot.start,
          end: slot.end,
          shiftStart: slot.start,
          shiftMember: scheduled,
          kind: cover ? 'cover' : 'shift',
          ...(cover ? { note: `covers ${scheduled}` } : {})
        })
      }
    })
  }
  return segments.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}
