// history.frozen: what already happened stays as recorded. Past segments of the new schedule must
// match the record, and new leave or swaps must not claim the past was different.
import { currentMemberId, currentRotationId, staffedBy } from '../lock-renames.js'
import type { Leave, Plan, PlanPath, Segment, Swap } from '../types.js'
import { newLeave } from './leave.js'
import type { Finding, RuleContext, RuleDefinition } from './rule.js'
import { scheduleOf } from './rule.js'
import { describeSegment, leaveInterval, segmentInterval, swapInterval, swapRotation, todayStart, type Interval } from './schedule-view.js'
import { intervalSpan, listWords, ms, span } from './time.js'

const MAX_FINDINGS = 10
const UNDO = 'past shifts cannot change: undo the change that rewrites them'

function segmentKey(s: Segment): string {
  return [s.rotation, s.role, s.member, ms(s.start), ms(s.end)].join('\u0000')
}

function swapKey(s: Swap, plan: Plan): string {
  return [swapRotation(plan, s), s.role, s.member, s.from, s.to].join('\u0000')
}

function newSwaps(plan: Plan, base: Plan | undefined): number[] {
  if (!base) return []
  // a base swap of a rotation or member the head plan renamed is the same swap under the new ids
  const before = new Set(base.swaps.map((s) => swapKey({
    ...s,
    rotation: currentRotationId(plan, swapRotation(base, s)),
    member: currentMemberId(plan, s.member)
  }, plan)))
  return plan.swaps.flatMap((swap, i) => (before.has(swapKey(swap, plan)) ? [] : [i]))
}

function touches(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end
}

/** The new leave or swap entry that reaches into an interval of the past, if any. */
function culprit(ctx: RuleContext, during: Interval): PlanPath {
  const { plan } = ctx
  const leave = newLeave(plan, ctx.base?.plan).find((i) => touches(leaveInterval(plan, plan.leave[i] as Leave), during))
  if (leave !== undefined) return ['leave', leave]
  const swap = newSwaps(plan, ctx.base?.plan).find((i) => touches(swapInterval(plan, plan.swaps[i] as Swap), during))
  return swap !== undefined ? ['swaps', swap] : ['oncall']
}

function record(ctx: RuleContext): { segments: readonly Segment[]; name: string } | undefined {
  if (ctx.lock) return { segments: ctx.lock.segments, name: 'the schedule of record' }
  if (ctx.base?.schedule) return { segments: ctx.base.schedule.segments, name: "the base plan's schedule" }
  return undefined
}

/** The record's segments of the same rotation and role give all of `h`'s time to `h`'s member. */
function heldThroughout(h: Segment, record: readonly Segment[]): boolean {
  const parts = record
    .filter((r) => r.rotation === h.rotation && r.role === h.role && r.member === h.member && touches(segmentInterval(r), segmentInterval(h)))
    .map(segmentInterval)
    .sort((a, b) => a.start - b.start)
  let at = ms(h.start)
  for (const p of parts) {
    if (p.start > at) return false
    at = Math.max(at, p.end)
  }
  return at >= ms(h.end)
}

function rewrittenPast(ctx: RuleContext, midnight: number): Finding[] {
  const ref = record(ctx)
  if (!ref) return []
  const head = scheduleOf(ctx)
  const zone = ctx.plan.timezone
  const from = ms(head.from)
  const past = (s: Segment): boolean => ms(s.end) <= midnight && ms(s.end) > from
  const recorded = ref.segments.filter(past)
  if (recorded.length === 0) return []
  // a loop, not Math.min(...list): a big team's record holds more segments than a call takes arguments
  let recordStart = Infinity
  for (const s of recorded) recordStart = Math.min(recordStart, ms(s.start))
  // archived segments (rotations or roles the plan dropped) say how far back the record goes, no more
  const refPast = recorded.filter(staffedBy(ctx.plan))
  const headPast = head.segments.filter((s) => past(s) && ms(s.start) >= recordStart)
  const headKeys = new Set(headPast.map(segmentKey))
  const refKeys = new Set(refPast.map(segmentKey))
  const findings: Finding[] = []
  const hinted = new Set<string>()
  for (const r of refPast) {
    if (headKeys.has(segmentKey(r))) continue
    const now = head.segments.filter((h) => h.rotation === r.rotation && h.role === r.role && touches(segmentInterval(h), segmentInterval(r)))
    const names = [...new Set(now.map((h) => h.member))].sort()
    const was = names.length === 1 && names[0] === r.member ? `${r.member}, now split differently` : `${r.member}, now ${names.length > 0 ? listWords(names) : 'nobody'}`
    findings.push({
      message: `${describeSegment(r, zone)} was ${was} (compared with ${ref.name}); ${UNDO}`,
      path: culprit(ctx, segmentInterval(r))
    })
  }
  for (const h of headPast) {
    if (refKeys.has(segmentKey(h)) || refPast.some((r) => r.rotation === h.rotation && r.role === h.role && touches(segmentInterval(r), segmentInterval(h)))) continue
    // the past part of a shift still running today: the record had the same member throughout
    if (heldThroughout(h, ref.segments)) continue
    // the rename hint goes with the first finding of a rotation only
    const hint = hinted.has(h.rotation) ? '' : renameHint(ctx, h.rotation, ref)
    hinted.add(h.rotation)
    findings.push({
      message: `${describeSegment(h, zone)} is now ${h.member} but is not in ${ref.name}; ${UNDO}${hint}`,
      path: culprit(ctx, segmentInterval(h))
    })
  }
  if (findings.length <= MAX_FINDINGS) return findings
  return [
    ...findings.slice(0, MAX_FINDINGS),
    { message: `${findings.length - MAX_FINDINGS} more past segments differ from ${ref.name}; ${UNDO}`, path: ['oncall'] }
  ]
}

/**
 * A rotation the record knows nothing of, yet with a past: a new id for an old rotation (its past is
 * under the old id), or a new rotation that starts before today.
 */
function renameHint(ctx: RuleContext, rotation: string, ref: { segments: readonly Segment[]; name: string }): string {
  if (ref.segments.some((s) => s.rotation === rotation)) return ''
  if (ctx.plan.oncall.rotations.find((r) => r.id === rotation)?.renamedFrom) return ''
  return ` (rotation ${rotation} has no past in ${ref.name}: if it is a renamed ` +
    `rotation, add renamed-from: <its old id> to it; if it is new, let its shifts start today or later)`
}

/** New leave or swaps dated in the past that say someone else was (or was not) on call then. */
function contradictedPast(ctx: RuleContext, midnight: number): Finding[] {
  const { plan } = ctx
  const zone = plan.timezone
  const segments = (record(ctx)?.segments ?? scheduleOf(ctx).segments).filter(staffedBy(plan))
  const findings: Finding[] = []
  for (const i of newLeave(plan, ctx.base?.plan)) {
    const leave = plan.leave[i]
    if (!leave) continue
    const l = leaveInterval(plan, leave)
    const during = { start: l.start, end: Math.min(l.end, midnight) }
    if (during.start >= during.end) continue
    const held = segments.filter((s) => s.member === leave.member && touches(segmentInterval(s), during))
    if (held.length === 0) continue
    findings.push({
      message:
        `${leave.member}'s new leave ${span(leave.from, leave.to)} reaches into the past, when ${leave.member} was on call ` +
        `(${held.map((s) => describeSegment(s, zone)).join('; ')}); the past cannot change: start the leave today or later`,
      path: ['leave', i]
    })
  }
  for (const i of newSwaps(plan, ctx.base?.plan)) {
    const swap = plan.swaps[i]
    if (!swap) continue
    const w = swapInterval(plan, swap)
    const during = { start: w.start, end: Math.min(w.end, midnight) }
    if (during.start >= during.end) continue
    const rotation = swapRotation(plan, swap)
    const others = segments.filter((s) => s.rotation === rotation && s.role === swap.role && s.member !== swap.member && touches(segmentInterval(s), during))
    if (others.length === 0) continue
    const who = [...new Set(others.map((s) => s.member))].sort()
    findings.push({
      message:
        `new swap ${span(swap.from, swap.to)} (${rotation} ${swap.role} to ${swap.member}) reaches into the past, ` +
        `${intervalSpan(during.start, during.end, zone)}, when ${listWords(who)} held it; the past cannot change: start the swap today or later`,
      path: ['swaps', i]
    })
  }
  return findings
}

export const historyRules: RuleDefinition[] = [
  {
    id: 'history.frozen',
    check: (ctx) => {
      const midnight = todayStart(ctx.plan, ctx.today)
      return [...rewrittenPast(ctx, midnight), ...contradictedPast(ctx, midnight)]
    }
  }
]
