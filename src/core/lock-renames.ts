// Renames carry history. The schedule of record (and a base plan's schedule) speaks of rotations and
// members by the ids they had when it was written; a plan that renames one says so with
// `renamed-from: <old id>`. Before anything compares the record with the plan, the record's ids are
// translated to the plan's, so a renamed rotation keeps its past instead of rewriting it. Segments of
// rotations (or roles) the plan no longer has are *archived*: they stay in the record, untouched, and
// nothing schedules against them, counts them or checks them.
import type { Lock, LockSegment, Plan, Schedule } from './types.js'

/** Old id → new id, for rotations and for members. */
export interface Renames {
  rotations: ReadonlyMap<string, string>
  members: ReadonlyMap<string, string>
}

export function renamesOf(plan: Plan): Renames {
  const rotations = new Map<string, string>()
  const members = new Map<string, string>()
  for (const r of plan.oncall.rotations) if (r.renamedFrom) rotations.set(r.renamedFrom, r.id)
  for (const m of plan.team) if (m.renamedFrom) members.set(m.renamedFrom, m.id)
  return { rotations, members }
}

/** A member id as the plan knows it now. */
export function currentMemberId(plan: Plan, id: string): string {
  return renamesOf(plan).members.get(id) ?? id
}

/** A rotation id as the plan knows it now. */
export function currentRotationId(plan: Plan, id: string): string {
  return renamesOf(plan).rotations.get(id) ?? id
}

function hasRenames(renames: Renames): boolean {
  return renames.rotations.size > 0 || renames.members.size > 0
}

function renameSegment<T extends { rotation: string; member: string; covers?: string }>(s: T, renames: Renames): T {
  const out = { ...s, rotation: renames.rotations.get(s.rotation) ?? s.rotation, member: renames.members.get(s.member) ?? s.member }
  if (s.covers !== undefined) out.covers = renames.members.get(s.covers) ?? s.covers
  return out
}

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start < b.end && b.start < a.end
}

/**
 * The record in the plan's ids. A segment that a rename would lay over time the record already holds
 * under the new id (the two rotations ran side by side once) keeps its old id: the record under the
 * new id is the rotation's own, and the old one is archived rather than merged into it.
 */
export function translateLock(lock: Lock, plan: Plan): Lock {
  const renames = renamesOf(plan)
  if (!hasRenames(renames)) return lock
  const own = (s: LockSegment): boolean => !renames.rotations.has(s.rotation)
  const byRole = new Map<string, LockSegment[]>()
  for (const s of lock.segments.filter(own)) {
    const key = `${s.rotation}|${s.role}`
    byRole.set(key, [...(byRole.get(key) ?? []), s])
  }
  const segments = lock.segments.map((s) => {
    const renamed = renameSegment(s, renames)
    if (own(s)) return renamed
    const clash = (byRole.get(`${renamed.rotation}|${renamed.role}`) ?? []).some((t) => overlaps(t, renamed))
    return clash ? { ...renamed, rotation: s.rotation } : renamed
  })
  return { ...lock, segments }
}

/** Whether a segment is of a rotation and role the plan staffs; the others are archived. */
export function staffedBy(plan: Plan): (s: { rotation: string; role: string }) => boolean {
  const pairs = new Set(plan.oncall.rotations.flatMap((r) => r.roles.map((role) => `${r.id}|${role}`)))
  return (s) => pairs.has(`${s.rotation}|${s.role}`)
}

/** The record without its archived segments (rotations or roles the plan no longer has). */
export function activeLock(lock: Lock, plan: Plan): Lock {
  return { ...lock, segments: lock.segments.filter(staffedBy(plan)) }
}

type Row = Record<string, unknown>

/** `member`, `shiftMember` and `rotation` fields, and the keys of a `rotations` record, in new ids. */
function renameRow<T extends object>(row: T, renames: Renames): T {
  const out: Row = { ...(row as Row) }
  for (const field of ['member', 'shiftMember'] as const) {
    const id = out[field]
    if (typeof id === 'string') out[field] = renames.members.get(id) ?? id
  }
  if (typeof out.rotation === 'string') out.rotation = renames.rotations.get(out.rotation) ?? out.rotation
  const rotations = out.rotations
  if (rotations !== null && typeof rotations === 'object' && !Array.isArray(rotations)) {
    out.rotations = Object.fromEntries(Object.entries(rotations).map(([id, v]) => [renames.rotations.get(id) ?? id, v]))
  }
  return out as T
}

/**
 * A base plan's schedule in the head plan's ids, so that a rename alone shows no shift moving and
 * no one's fairness changing.
 */
export function translateSchedule(schedule: Schedule, plan: Plan): Schedule {
  const renames = renamesOf(plan)
  if (!hasRenames(renames)) return schedule
  return {
    ...schedule,
    shifts: schedule.shifts.map((s) => renameRow(s, renames)),
    segments: schedule.segments.map((s) => renameRow(s, renames)),
    fairness: schedule.fairness.map((r) => renameRow(r, renames)),
    gaps: schedule.gaps.map((g) => renameRow(g, renames)),
    holidays: Object.fromEntries(Object.entries(schedule.holidays).map(([id, list]) => [renames.members.get(id) ?? id, list]))
  }
}
