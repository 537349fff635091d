// Who holds a role over a stretch of time, in the few words a reader needs: one name when one
// person holds it throughout, else each holder with the part they hold, and covers named as covers
// ("Ben Okafor covers Ana Torres") rather than as bare segments.
import type { Plan, Role, Schedule, ScheduledSegment, UtcInstant } from '../types.js'
import { memberName, overlapping } from './handbook-format.js'

/** A stretch of one role held by one member, clipped to the window asked about. */
export interface Piece {
  segment: ScheduledSegment
  start: UtcInstant
  end: UtcInstant
}

/** The pieces of a role in `[from, to)`, neighbours with the same holder and kind joined. */
export function pieces(schedule: Schedule, rotation: string, role: Role, from: UtcInstant, to: UtcInstant): Piece[] {
  const out: Piece[] = []
  for (const s of overlapping(schedule.segments, from, to).filter((x) => x.rotation === rotation && x.role === role)) {
    const start = s.start < from ? from : s.start
    const end = s.end > to ? to : s.end
    const last = out[out.length - 1]
    if (last && last.end === start && last.segment.member === s.member && last.segment.kind === s.kind &&
      last.segment.shiftMember === s.shiftMember) last.end = end
    else out.push({ segment: s, start, end })
  }
  return out
}

/** Why a cover exists, from the scheduler's note, as `on leave: vacation` or `public holiday: Christmas Day`. */
export function coverReason(segment: ScheduledSegment): string | undefined {
  if (!segment.note) return undefined
  const prefix = `covers ${segment.shiftMember}'s `
  const tail = segment.note.startsWith(prefix) ? segment.note.slice(prefix.length) : segment.note
  const leave = /^leave(?: \((.*)\))?$/.exec(tail)
  if (leave) return leave[1] ? `on leave: ${leave[1]}` : 'on leave'
  const holiday = /^public holiday \((.*)\)$/.exec(tail)
  if (holiday) return `public holiday: ${holiday[1]}`
  return tail
}

/** Why a swap exists, from its note `swap: chen (swap with dee)`: the reason as the plan gives it. */
export function swapReason(segment: ScheduledSegment): string | undefined {
  if (!segment.note) return undefined
  const m = /^swap: \S+(?: \((.*)\))?$/.exec(segment.note)
  return m ? m[1] : segment.note
}

/** `Ben Okafor`, `Ben Okafor covers Ana Torres`, `Chen Wei by swap`. */
export function holderWords(plan: Plan, segment: ScheduledSegment): string {
  const name = memberName(plan, segment.member)
  if (segment.kind === 'cover' && segment.shiftMember !== segment.member) {
    return `${name} covers ${memberName(plan, segment.shiftMember)}`
  }
  if (segment.kind === 'swap') return `${name} by swap`
  return name
}

/**
 * Holders in order, each with its part when there are several: `A to 10:00, B from 10:00`, or
 * `A to Mon 11-23 10:00, B Mon 11-23 10:00 → Mon 11-30 10:00, C from Mon 11-30 10:00`.
 */
export function piecesInWords(pieces: Piece[], describe: (p: Piece) => string, time: (instant: UtcInstant) => string): string {
  if (pieces.length === 0) return 'unstaffed'
  const only = pieces[0]
  if (pieces.length === 1 && only) return describe(only)
  return pieces
    .map((p, i) => {
      if (i === 0) return `${describe(p)} to ${time(p.end)}`
      if (i === pieces.length - 1) return `${describe(p)} from ${time(p.start)}`
      return `${describe(p)} ${time(p.start)} → ${time(p.end)}`
    })
    .join(', ')
}
