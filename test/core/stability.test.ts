// The schedule of record over time, as the TechFlow data team lives with it: a weekly re-render with
// the previous lock, a late leave, a member leaving, a swap, and the same bytes on every machine.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { DateTime } from 'luxon'
import { checkPlan } from '../../src/core/check.js'
import { renderFiles } from '../../src/core/render-files.js'
import { addDays } from '../../src/core/schedule/calendar.js'
import type { LockSegment, ScheduledSegment } from '../../src/core/types.js'

const PLAN = readFileSync(new URL('../../examples/techflow/opsplan.yaml', import.meta.url), 'utf8')
const LOCK = 'opsplan.lock.json'
const START = '2026-11-23' // a Monday, handoff day

function render(text: string, today: string, lockText?: string) {
  const out = renderFiles({ plan: { text, file: 'opsplan.yaml' }, today, lock: lockText ? { text: lockText, file: LOCK } : undefined })
  return { ...out, lock: out.files[LOCK] as string, segments: (out.report.schedule?.segments ?? []) as ScheduledSegment[] }
}

function lockSegments(lockText: string): LockSegment[] {
  return (JSON.parse(lockText) as { segments: LockSegment[] }).segments
}

const shape = (s: { rotation: string; role: string; member: string; start: string; end: string }) =>
  `${s.rotation}|${s.role}|${s.member}|${s.start}|${s.end}`

/** Local midnight in New York as a UTC instant (EST all winter; EDT from 14 March). */
const nyMidnight = (date: string) => `${date}T0${date >= '2027-03-14' && date < '2027-11-07' ? 4 : 5}:00:00Z`

/** Shift-roles (rotation|role|shiftStart) whose shift member differs, among shifts both know. */
function changedShiftRoles(before: ScheduledSegment[], after: ScheduledSegment[], from: string): string[] {
  const holder = (list: ScheduledSegment[]) => new Map(list.filter((s) => s.shiftStart >= from).map((s) => [`${s.rotation}|${s.role}|${s.shiftStart}`, s.shiftMember]))
  const a = holder(before)
  const b = holder(after)
  return [...b].filter(([k, m]) => a.has(k) && a.get(k) !== m).map(([k]) => k)
}

const base = render(PLAN, START)

describe('a weekly re-render with the plan unchanged', () => {
  const WEEKS = 8 // 2026-11-30 .. 2027-01-18; see the last test for the ninth, 2027-01-25
  const runs: Array<{ today: string; ok: boolean; lock: string; segments: ScheduledSegment[]; frozenUntil: string }> = []
  let lockText = base.lock
  let previous = base.segments
  const changesPerWeek: number[] = []
  for (let w = 1; w <= WEEKS; w++) {
    const today = addDays(START, 7 * w)
    const run = render(PLAN, today, lockText)
    runs.push({ today, ok: run.report.ok, lock: run.lock, segments: run.segments, frozenUntil: run.report.schedule?.frozenUntil ?? '' })
    if (!run.report.ok) break
    changesPerWeek.push(changedShiftRoles(previous, run.segments, nyMidnight(today)).length)
    lockText = run.lock
    previous = run.segments
  }

  it('renders every week without an error', () => {
    expect(runs.map((r) => [r.today, r.ok])).toEqual(runs.map((r) => [r.today, true]))
    expect(runs).toHaveLength(WEEKS)
  })

  it('never changes a segment that has ended or starts inside the freeze window', () => {
    let prevLock = base.lock
    for (const run of runs) {
      const now = new Set(lockSegments(run.lock).map(shape))
      const settled = lockSegments(prevLock).filter((s) => s.start < run.frozenUntil)
      expect({ today: run.today, missing: settled.filter((s) => !now.has(shape(s))) }).toEqual({ today: run.today, missing: [] })
      prevLock = run.lock
    }
  })

  it('moves at most one published shift-role a week beyond the newly published one', () => {
    // measured: 0,0,0,1,0,0,0,0 — a shift moves only where fairness.load would otherwise break as
    // the lookback window slides (before the search was held to forced changes: 0,0,0,1,1,1,1,1)
    expect(changesPerWeek).toHaveLength(WEEKS)
    expect(Math.max(...changesPerWeek)).toBeLessThanOrEqual(1)
    expect(changesPerWeek.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2)
  })

  it('stamps every changed segment with a render day, and keeps the stamp of an unchanged one', () => {
    const renderDays = new Set([START, ...runs.map((r) => r.today)].map((d) => `${d}T00:00:00Z`))
    const last = runs[runs.length - 1] as { lock: string }
    for (const s of lockSegments(last.lock)) expect(renderDays.has(s.stamp)).toBe(true)
    const first = new Map(lockSegments(base.lock).map((s) => [shape(s), s]))
    const same = lockSegments(last.lock).filter((s) => first.has(shape(s)))
    expect(same.length).toBeGreaterThan(30)
    for (const s of same) expect({ sequence: s.sequence, stamp: s.stamp }).toEqual({ sequence: 0, stamp: `${START}T00:00:00Z` })
  })

  // On 2027-01-25 the search's own load table (past shifts booked whole to their member) and the
  // fairness of the segments as held (covers included) had drifted apart far enough that ana sat at
  // -1.29 and the render failed; the scheduler now re-solves with that drift as an offset.
  it('still renders in week 9 (2027-01-25)', () => {
    const last = runs[WEEKS - 1] as { lock: string }
    const run = render(PLAN, '2027-01-25', last.lock)
    expect(run.report.problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})

describe('a leave added for a member on call inside the freeze window', () => {
  const today = START
  const week = '2026-11-30T15:00:00Z' // the shift starting 2026-11-30 10:00 New York, frozen until 2026-12-07
  const holder = base.segments.find((s) => s.role === 'primary' && s.start === week)?.member as string
  const leave = `  - member: ${holder}\n    from: 2026-12-02\n    to: 2026-12-03\n    reason: family emergency\n`
  const text = PLAN.replace('leave:\n', `leave:\n${leave}`)
  const run = render(text, today, base.lock)

  it('is planned without an error', () => {
    expect(run.report.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('gets a cover for the two days only, the holder\'s own days; the rest of the shift keeps its member', () => {
    const primary = run.segments.filter((s) => s.role === 'primary' && s.shiftStart === week)
    const cover = primary.filter((s) => s.kind === 'cover')
    const zone = { ana: 'America/New_York', ben: 'America/New_York', chen: 'America/Los_Angeles', dee: 'Europe/London' }[holder] as string
    const midnight = (date: string) => DateTime.fromISO(date, { zone }).toUTC().toISO({ suppressMilliseconds: true })
    expect(cover.map((s) => [s.start, s.end])).toEqual([[midnight('2026-12-02'), midnight('2026-12-04')]])
    expect(cover[0]?.member).not.toBe(holder)
    expect(cover[0]?.shiftMember).toBe(holder)
    expect(primary.filter((s) => s.kind !== 'cover').every((s) => s.member === holder)).toBe(true)
    expect(primary[0]?.start).toBe(week)
  })

  it('keeps every other frozen shift with its member', () => {
    const frozenUntil = run.report.schedule?.frozenUntil as string
    const covered = (s: { role: string; start: string }) => s.role === 'primary' && s.start >= week && s.start < '2026-12-07T15:00:00Z'
    const before = lockSegments(base.lock).filter((s) => s.start < frozenUntil && !covered(s)).map(shape)
    const after = new Set(lockSegments(run.lock).map(shape))
    expect(before.filter((s) => !after.has(s))).toEqual([])
  })
})

describe('a member who leaves the team on 2027-01-31', () => {
  const leaving = (member: string) => PLAN.replace(`    email: ${member}@techflow.example\n`, `    email: ${member}@techflow.example\n    left: 2027-01-31\n`)
  const run = render(leaving('dee'), START, base.lock)
  const end = nyMidnight('2027-02-01')

  it('is planned without an error', () => {
    expect(run.report.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('holds no role after their last day', () => {
    expect(run.segments.length).toBeGreaterThan(0)
    expect(run.segments.filter((s) => s.member === 'dee' && s.end > end)).toEqual([])
  })

  it('keeps the history before today untouched', () => {
    const past = (list: LockSegment[]) => list.filter((s) => s.end <= nyMidnight(START)).map(shape)
    expect(past(lockSegments(run.lock))).toEqual(past(lockSegments(base.lock)))
  })

  // When ben leaves, the rest of the year is re-planned within the churn budget; the same drift
  // between the search's accounting and the segments once left ana at -1.07.
  it('can be ben without breaking fairness.load', () => {
    const other = render(leaving('ben'), START, base.lock)
    expect(other.report.problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})

describe('a new member who joins the rotation on 2026-12-01', () => {
  // Eve's share is a fifth of the rota from her first day; everyone else's record gives her none.
  // One extra change could not close that, and the plan used to fail fairness.load for all five.
  const joined = PLAN
    .replace('  - id: dee\n', '  - id: eve\n    name: Eve Stone\n    joined: 2026-12-01\n  - id: dee\n')
    .replace('members: [ana, ben, chen, dee]', 'members: [ana, ben, chen, dee, eve]')
  const run = render(joined, START, base.lock)
  const freezeEnds = run.report.schedule?.frozenUntil ?? ''

  it('is planned without an error, everyone within one shift of their share', () => {
    expect(joined).toContain('members: [ana, ben, chen, dee, eve]')
    expect(run.report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(Math.max(...(run.report.schedule?.fairness ?? []).map((r) => Math.abs(r.deviation)))).toBeLessThanOrEqual(1)
  })

  it('gives eve shifts only after the freeze window, taken from the record', () => {
    const eve = run.segments.filter((s) => s.member === 'eve' && s.kind === 'shift')
    expect(eve.length).toBeGreaterThanOrEqual(8)
    expect(eve.every((s) => s.start >= freezeEnds)).toBe(true)
  })

  it('keeps every shift that starts inside the freeze window as recorded', () => {
    const frozen = (list: LockSegment[]) => list.filter((s) => s.start < freezeEnds).map(shape)
    expect(frozen(lockSegments(run.lock))).toEqual(frozen(lockSegments(base.lock)))
  })
})

describe('a member taken out of the rotation but kept on the team', () => {
  // Ben moves to another team's rota: the record still shows him on this one, today included.
  const without = PLAN.replace('members: [ana, ben, chen, dee]', 'members: [ana, chen, dee]')
  const run = render(without, START, base.lock)
  const today = nyMidnight(START)

  it('is planned without an error, the three left within one shift of their share', () => {
    expect(without).toContain('members: [ana, chen, dee]')
    expect(run.report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(run.report.schedule?.fairness.map((r) => r.member)).toEqual(['ana', 'chen', 'dee'])
    expect(Math.max(...(run.report.schedule?.fairness ?? []).map((r) => Math.abs(r.deviation)))).toBeLessThanOrEqual(1)
  })

  it('gives ben nothing from today on, frozen shifts included, and keeps his past as recorded', () => {
    expect(run.segments.filter((s) => s.member === 'ben' && s.end > today)).toEqual([])
    // the shift running today is cut at midnight: ben keeps its past days, someone covers the rest
    const recordedPast = lockSegments(base.lock).filter((s) => s.end <= today).map(shape)
    const now = new Set(lockSegments(run.lock).map(shape))
    expect(recordedPast.filter((s) => !now.has(s))).toEqual([])
    expect(run.report.problems.filter((p) => p.rule === 'history.frozen')).toEqual([])
  })

  it('says why his shifts moved', () => {
    const review = checkPlan({ plan: { text: without, file: 'opsplan.yaml' }, base: { text: PLAN, file: 'opsplan.yaml' }, lock: { text: base.lock, file: LOCK }, today: START })
    const his = review.changes.filter((c) => c.before === 'ben')
    expect(his.length).toBeGreaterThan(0)
    expect(new Set(his.map((c) => c.reason))).toEqual(new Set(['ben is no longer in Data platform']))
  })
})

describe('a swap agreed beyond the freeze window', () => {
  const swap = '  - rotation: data-platform\n    role: secondary\n    from: 2027-03-01\n    to: 2027-03-07\n    member: ben\n    reason: swap with a colleague\n'
  const text = PLAN.replace('swaps:\n', `swaps:\n${swap}`)
  const run = render(text, START, base.lock)

  it('is kept as given', () => {
    const held = run.segments.filter((s) => s.role === 'secondary' && s.start < nyMidnight('2027-03-08') && s.end > nyMidnight('2027-03-01'))
    const onDates = held.filter((s) => s.start >= nyMidnight('2027-03-01') && s.end <= nyMidnight('2027-03-08'))
    expect(onDates.length).toBeGreaterThan(0)
    expect(onDates.every((s) => s.member === 'ben')).toBe(true)
    // ben holds every instant of the swap's dates
    const hours = onDates.reduce((n, s) => n + (Date.parse(s.end) - Date.parse(s.start)), 0) / 3_600_000
    expect(hours).toBe(7 * 24)
  })

  it('leaves the rest of the year mostly as it was', () => {
    const changed = changedShiftRoles(base.segments, run.segments, nyMidnight(START))
    expect(changed.length).toBeLessThanOrEqual(3)
  })
})

describe('determinism', () => {
  it('gives byte-identical files for the same plan, lock and today', () => {
    const again = render(PLAN, START)
    expect(again.files).toEqual(base.files)
    const next = render(PLAN, '2026-11-30', base.lock)
    expect(render(PLAN, '2026-11-30', base.lock).files).toEqual(next.files)
  })

  it('writes no local-time artefacts: UTC instants end in Z, stamps are a render day at UTC midnight', () => {
    const next = render(PLAN, '2026-11-30', base.lock)
    for (const s of lockSegments(next.lock)) {
      expect(s.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/)
      expect(s.end).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/)
      expect([`${START}T00:00:00Z`, '2026-11-30T00:00:00Z']).toContain(s.stamp)
    }
    for (const [path, content] of Object.entries(next.files).filter(([p]) => p.endsWith('.ics'))) {
      const stamps = content.match(/^(DTSTAMP|DTSTART|DTEND|LAST-MODIFIED)[:;].*$/gm) ?? []
      expect({ path, local: stamps.filter((l) => /:\d{8}T\d{6}$/.test(l)) }).toEqual({ path, local: [] })
    }
  })
})

describe('planning without a record, on any day of the year', () => {
  // Covers of leave and holidays move load after the search; on these days the first solve left a
  // member just beyond ±1 (ana −1.09 on 2026-07-01, ben −1.13 on 2026-08-03) until the scheduler
  // learned to solve again with that drift when no record exists either.
  it.each(['2026-07-01', '2026-08-03'])('keeps fairness.load for the unchanged example checked on %s', (today) => {
    const run = render(PLAN, today)
    expect(run.report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(Math.max(...(run.report.schedule?.fairness ?? []).map((r) => Math.abs(r.deviation)))).toBeLessThanOrEqual(1)
  })
})

describe('rendering again with the record it just wrote', () => {
  // Nothing in the plan changed, so nothing in the schedule may: before, the search spent its one
  // free change on a better score, and a daily rota moved a published shift on the second render.
  it.each([
    ['weekly shifts', PLAN],
    ['daily shifts', PLAN.replace(/^(\s*shift:\s*)1w\b/m, '$11d')]
  ])('changes no byte with %s', (_name, text) => {
    expect(text).toMatch(/^\s*shift:\s*1[wd]\b/m)
    const first = render(text, '2026-03-01')
    const second = render(text, '2026-03-01', first.lock)
    expect(second.report.ok).toBe(true)
    expect(second.files).toEqual(first.files)
  })
})

describe('a shift that is running today, rendered months after the record was made', () => {
  // The record of 2026-01-05 has chen on secondary all week from 15 June (Juneteenth, chen's public
  // holiday, included). On 22 June that week is still running: its past days must stay as recorded,
  // and inside the freeze a holiday alone is no reason to add a cover.
  it('keeps the running shift as recorded and raises no history.frozen error', () => {
    const january = render(PLAN, '2026-01-05')
    const june = render(PLAN, '2026-06-15', january.lock)
    const week = (lock: string) => lockSegments(lock).filter((s) => s.role === 'secondary' && s.start >= '2026-06-15' && s.start < '2026-06-22T14:00:00Z').map(shape)
    // the week of Juneteenth, a holiday in New York and in California (whoever holds it may have a
    // cover for part of their own day): frozen in June, it stays exactly as January recorded it
    expect(week(june.lock).length).toBeGreaterThan(0)
    expect(week(june.lock)).toEqual(week(january.lock))
    expect(week(june.lock)[0]).toMatch(/^data-platform\|secondary\|[a-z]+\|2026-06-15T14:00:00Z\|/)
    const later = render(PLAN, '2026-06-22', june.lock)
    expect(later.report.problems.filter((p) => p.rule === 'history.frozen')).toEqual([])
    expect(later.report.ok).toBe(true)
    expect(week(later.lock)).toEqual(week(june.lock))
  })
})
