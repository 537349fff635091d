// emit: from the state to the published segments. Consecutive atoms of a shift with the same member
// and the same reason become one segment; a cover says whose shift it holds and why; an atom nobody
// can hold becomes a gap with its reason in plain words. The record's past is published as written.
import type { ScheduleGap, ScheduledSegment } from '../types.js'
import { fromMillis } from './calendar.js'
import type { Cell, Model, Position } from './model.js'
import type { RecordSegment } from './record.js'
import { GAP, OUTSIDER, SWAP, type State } from './state.js'

export type Gap = ScheduleGap

export interface EmitInput {
  /** The record's segments published as written, and from where each position's own segments start. */
  kept: RecordSegment[]
  /** The note of each swap, by swap index; and which swap fixed each position × atom (-1 none). */
  swapNotes: string[]
  swapAt: Int32Array
}

export function emit(state: State, input: EmitInput): { segments: ScheduledSegment[]; gaps: Gap[] } {
  const model = state.model
  const A = state.A
  const segments: ScheduledSegment[] = []
  const gaps: Gap[] = []
  for (const pos of model.positions) {
    const own = input.kept.filter((s) => s.rotation === pos.rotation.id && s.role === pos.role)
    let emitFrom = Number.NEGATIVE_INFINITY
    for (const s of own) {
      const a = s.startMs >= (model.times[0] as number) && s.startMs < (model.times[A] as number) ? model.atomAt(s.startMs) : -1
      const c = a >= 0 ? (model.cellAt[pos.id * A + a] as number) : -1
      const cell = c >= 0 ? (model.cells[c] as Cell) : undefined
      const holder = c >= 0 ? (state.holder[c] as number) : -1
      const member = model.memberNo.get(s.member) ?? OUTSIDER
      const piece = describe(state, input, pos, a, member, holder)
      const seg: ScheduledSegment = {
        rotation: s.rotation, role: pos.role, member: s.member, start: s.start, end: s.end,
        shiftStart: cell?.slot.start ?? s.start,
        shiftMember: holder >= 0 ? (model.ids[holder] as string) : s.member,
        kind: piece.kind
      }
      if (piece.note) seg.note = piece.note
      segments.push(seg)
      emitFrom = Math.max(emitFrom, s.endMs)
    }
    for (const c of pos.cells) {
      const cell = model.cells[c] as Cell
      if (cell.end <= emitFrom) continue
      const holder = state.holder[c] as number
      const from = Math.max(cell.a0, emitFrom > cell.start ? model.atomAt(emitFrom) : cell.a0)
      let open: ScheduledSegment | undefined
      let openGap: Gap | undefined
      for (let a = from; a < cell.a1; a++) {
        const m = state.assign[pos.id * A + a] as number
        const start = fromMillis(model.times[a] as number)
        const end = fromMillis(model.times[a + 1] as number)
        if (m === GAP || m === OUTSIDER) {
          open = undefined
          const reason = gapReason(state, pos, a)
          if (openGap && openGap.reason === reason) openGap.end = end
          else gaps.push((openGap = { rotation: pos.rotation.id, role: pos.role, start, end, reason }))
          continue
        }
        openGap = undefined
        const piece = describe(state, input, pos, a, m, holder)
        const id = model.ids[m] as string
        if (open && open.member === id && open.kind === piece.kind && open.note === piece.note) {
          open.end = end
          continue
        }
        open = {
          rotation: pos.rotation.id, role: pos.role, member: id, start, end,
          shiftStart: cell.slot.start,
          shiftMember: holder >= 0 ? (model.ids[holder] as string) : id,
          kind: piece.kind
        }
        if (piece.note) open.note = piece.note
        segments.push(open)
      }
    }
  }
  return { segments, gaps }
}

/** What a piece is: the swap's, the shift's own member, or a cover with whose shift and why. */
function describe(state: State, input: EmitInput, pos: Position, a: number, m: number, holder: number): { kind: ScheduledSegment['kind']; note?: string } {
  const model = state.model
  const i = pos.id * state.A + a
  if (a >= 0 && state.fixedKind[i] === SWAP) {
    const note = input.swapNotes[input.swapAt[i] as number]
    return note ? { kind: 'swap', note } : { kind: 'swap' }
  }
  if (holder < 0 || m === holder || a < 0) return { kind: 'shift' }
  return { kind: 'cover', note: coverNote(model, state, pos, a, holder) }
}

/** `covers ana's leave (vacation)`: whose shift, and why they are not on it then. */
export function coverNote(model: Model, state: State, pos: Position, a: number, holder: number): string {
  const id = model.ids[holder] as string
  const at = model.times[a] as number
  if (pos.isMember[holder] !== 1) return `covers ${id}'s shift (no longer in ${pos.rotation.id})`
  const away = model.cal.awayAt(id, at)
  if (away) return `covers ${id}'s ${away}`
  const holiday = model.cal.holidayAt(id, at)
  if (holiday) return `covers ${id}'s public holiday (${holiday.name})`
  const busy = state.busy[a * model.n + holder] as number
  if (busy >= 0 && busy !== pos.id) {
    const other = model.positions[busy] as Position
    return `covers ${id}'s shift (${id} holds ${other.rotation.id} ${other.role} then)`
  }
  return `covers ${id}'s shift`
}

/** Why nobody could hold a rotation's role in an atom, naming the counts. */
export function gapReason(state: State, pos: Position, a: number): string {
  const model = state.model
  const n = model.n
  const members = Array.from(pos.members)
  const total = pos.rotation.members.length
  const away = members.filter((m) => model.away[a * n + m] === 1)
  const outside = total - members.length
  const onLeave = away.filter((m) => (model.cal.awayAt(model.ids[m] as string, model.times[a] as number) ?? '').startsWith('leave'))
  const roles = pos.rotation.roles.length
  const need = `${roles} role${roles === 1 ? '' : 's'} need${roles === 1 ? 's' : ''} ${roles === 1 ? '1 person' : `${roles} people`}`
  const what = onLeave.length === away.length ? 'on leave' : 'unavailable'
  const elsewhere = members.filter((m) => model.away[a * n + m] === 0 && (state.busy[a * n + m] as number) >= 0 &&
    (model.positions[state.busy[a * n + m] as number] as Position).rot !== pos.rot).length
  const busyText = elsewhere > 0 ? `; ${elsewhere} on call in another rotation` : ''
  if (away.length + outside === 0 && (model.blockOf[a] as number) >= 0) {
    return `nobody free is present for the whole investor period in this shift${busyText}`
  }
  return `${away.length + outside} of ${total} members ${what}; ${need}${busyText}`
}
