// Coverage rules: staffed (coverage-staffed.ts), nobody in two places at once, and rest between
// shifts of the same role.
import type { Plan, PlanPath, Schedule, ScheduledSegment, ShiftSlot } from '../types.js'
import { checkStaffed } from './coverage-staffed.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { isAhead, rotationPath, segmentInterval, swapsDuring, todayStart } from './schedule-view.js'
import { intervalSpan, localTime, ms } from './time.js'

function byMember(segments: readonly ScheduledSegment[]): Map<string, ScheduledSegment[]> {
  const out = new Map<string, ScheduledSegment[]>()
  for (const s of segments) out.set(s.member, [...(out.get(s.member) ?? []), s])
  for (const list of out.values()) list.sort((a, b) => ms(a.start) - ms(b.start))
  return out
}

/** Where to send the reader: the swap that put the member there, else the rotation. */
function pathFor(plan: Plan, segment: ScheduledSegment): PlanPath {
  const swap = swapsDuring(plan, segment.rotation, segment.role, segmentInterval(segment)).find((i) => plan.swaps[i]?.member === segment.member)
  return swap !== undefined ? ['swaps', swap] : rotationPath(plan, segment.rotation)
}

function checkDistinct(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const zone = plan.timezone
  const midnight = todayStart(plan, ctx.today)
  const findings: Finding[] = []
  for (const [member, segments] of byMember(scheduleOf(ctx).segments.filter((s) => isAhead(s, midnight)))) {
    segments.forEach((a, i) => {
      for (const b of segments.slice(i + 1)) {
        const start = Math.max(ms(a.start), ms(b.start))
        const end = Math.min(ms(a.end), ms(b.end))
        if (start >= ms(a.end)) break
        if (start >= end) continue
        findings.push({
          message:
            `${intervalSpan(start, end, zone)}: ${member} holds ${a.rotation} ${a.role} and ${b.rotation} ${b.role} at the same time ` +
            `(${localTime(start, zone)} to ${localTime(end, zone)}); one person cannot answer two pages at once: ` +
            `give one of them to another member with a swap, or run \`opsplan render\` to plan it again`,
          path: b.kind === 'swap' || a.kind !== 'swap' ? pathFor(plan, b) : pathFor(plan, a)
        })
      }
    })
  }
  return findings
}

/** The index of the shift a moment falls in, or -1 outside the schedule. */
function slotOf(slots: readonly ShiftSlot[], at: number): number {
  let lo = 0
  let hi = slots.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const slot = slots[mid] as ShiftSlot
    if (at < ms(slot.start)) hi = mid - 1
    else if (at >= ms(slot.end)) lo = mid + 1
    else return mid
  }
  return -1
}

/** The durations rule parameters take are in minutes (the loader converts `1w`). */
function durationText(minutes: number): string {
  if (minutes % 10080 === 0) return `${minutes / 10080}w`
  if (minutes % 1440 === 0) return `${minutes / 1440}d`
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`
}

/**
 * coverage.rest: per rotation, role and member, a stretch of back-to-back shifts lasts at most
 * max-run (never less than one shift), and stretches are at least min-gap shifts apart. A shift
 * counts as held by whoever holds at least half of it; stretches a swap makes are the team's choice.
 */
function checkRest(ctx: RuleContext): Finding[] {
  const { plan } = ctx
  const schedule: Schedule = scheduleOf(ctx)
  const maxRun = ctx.params['max-run'] ?? 10080
  const minGap = ctx.params['min-gap'] ?? 1
  const midnight = todayStart(plan, ctx.today)
  const findings: Finding[] = []
  for (const rotation of plan.oncall.rotations) {
    const slots = schedule.shifts.filter((s) => s.rotation === rotation.id).sort((a, b) => ms(a.start) - ms(b.start))
    if (slots.length === 0) continue
    const shiftMinutes = (rotation.shiftDays ?? plan.oncall.shiftDays) * 1440
    const runCells = Math.max(1, Math.floor(maxRun / shiftMinutes))
    for (const role of rotation.roles) {
      // who holds each shift (at least half of it), and whether a swap put them there
      const holders = slots.map(() => ({ member: '', hours: 0, swap: false, segment: undefined as ScheduledSegment | undefined }))
      const mine = schedule.segments.filter((s) => s.rotation === rotation.id && s.role === role)
      const perSlot = new Map<number, Map<string, { hours: number; swap: boolean; segment: ScheduledSegment }>>()
      for (const s of mine) {
        for (let k = slotOf(slots, ms(s.start)); k >= 0 && k < slots.length; k++) {
          const span = slots[k] as ShiftSlot
          if (ms(span.start) >= ms(s.end)) break
          const overlap = Math.min(ms(span.end), ms(s.end)) - Math.max(ms(span.start), ms(s.start))
          const byMember = perSlot.get(k) ?? new Map<string, { hours: number; swap: boolean; segment: ScheduledSegment }>()
          const entry = byMember.get(s.member) ?? { hours: 0, swap: false, segment: s }
          entry.hours += overlap
          entry.swap ||= s.kind === 'swap'
          byMember.set(s.member, entry)
          perSlot.set(k, byMember)
        }
      }
      for (const [k, byMember] of perSlot) {
        const slot = slots[k] as ShiftSlot
        for (const [member, entry] of byMember) {
          if (entry.hours * 2 >= ms(slot.end) - ms(slot.start)) holders[k] = { member, ...entry }
        }
      }
      const lastRun = new Map<string, number>()
      for (let k = 0; k < holders.length;) {
        const member = holders[k]?.member ?? ''
        let e = k
        while (e + 1 < holders.length && holders[e + 1]?.member === member) e++
        const run = holders.slice(k, e + 1)
        const swapped = run.some((h) => h.swap)
        // judged only where it can still change: the shifts beyond max-run, or the return, start from today
        const startsAhead = (x: number): boolean => ms((slots[x] as ShiftSlot).start) >= midnight
        if (member !== '' && !swapped) {
          const first = slots[k] as ShiftSlot
          const last = slots[e] as ShiftSlot
          const segment = run[run.length - 1]?.segment as ScheduledSegment
          let beyond = false
          for (let x = k + runCells; x <= e; x++) if (startsAhead(x)) beyond = true
          if (beyond) {
            findings.push({
              message:
                `${member} holds ${rotation.id} ${role} for ${e - k + 1} shifts in a row (the shifts starting ${first.startDate} to ${last.startDate}), ` +
                `longer than max-run ${durationText(Math.max(maxRun, shiftMinutes))}: give one of them to another member with a swap so ${member} can rest`,
              path: pathFor(plan, segment)
            })
          }
          const before = lastRun.get(member)
          if (before !== undefined && k - before - 1 < minGap && startsAhead(k)) {
            findings.push({
              message:
                `${member} holds ${rotation.id} ${role} again in the shift starting ${first.startDate} with ${k - before - 1} shift${k - before - 1 === 1 ? '' : 's'} ` +
                `between, fewer than min-gap ${minGap}: give one of them to another member with a swap so ${member} can rest`,
              path: pathFor(plan, segment)
            })
          }
        }
        if (member !== '') lastRun.set(member, e)
        k = e + 1
      }
    }
  }
  return findings
}

export const coverageRules: RuleDefinition[] = [
  { id: 'coverage.staffed', check: checkStaffed },
  { id: 'coverage.distinct', check: checkDistinct },
  { id: 'coverage.rest', check: checkRest }
]
