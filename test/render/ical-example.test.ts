// The TechFlow example end to end, as its members would subscribe to it: the plan loads cleanly, the
// feeds carry the real schedule, and when Dee books leave later on, Dee's moved shift keeps its UID
// in the team feed with a higher SEQUENCE, so calendar clients update it instead of duplicating it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import ICAL from 'ical.js'
import { loadPlan } from '../../src/core/plan/load.js'
import { renderCalendars } from '../../src/core/render/ical.js'
import { renderFiles } from '../../src/core/render-files.js'
import { buildSchedule } from '../../src/core/schedule/index.js'
import { updateLock } from '../../src/core/schedule/lock.js'
import type { Plan } from '../../src/core/types.js'

const TODAY = '2026-10-01'
const text = readFileSync(new URL('../../examples/techflow/opsplan.yaml', import.meta.url))

function events(ics: string | undefined): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(ics ?? '') as unknown[]).getAllSubcomponents('vevent')
}
const value = (e: ICAL.Component, name: string): string => String(e.getFirstPropertyValue(name))

describe('the TechFlow example calendars', () => {
  const loaded = loadPlan(text, 'examples/techflow/opsplan.yaml')
  const plan = loaded.plan as Plan
  const schedule = buildSchedule(plan, { today: TODAY })
  const lock = updateLock(schedule, undefined, TODAY)
  const files = renderCalendars(plan, schedule, lock)

  it('loads without a single problem', () => {
    expect(loaded.problems).toEqual([])
    expect(plan.team.map((m) => m.id)).toEqual(['ana', 'ben', 'chen', 'dee'])
  })

  it('gives each member a feed of their own shifts and leave, and the team all shifts', () => {
    expect(Object.keys(files).sort()).toEqual(['ana.ics', 'ben.ics', 'chen.ics', 'dee.ics', 'team.ics'])
    expect(events(files['team.ics'])).toHaveLength(schedule.segments.length)
    for (const m of plan.team) {
      const mine = events(files[`${m.id}.ics`])
      const onCall = mine.filter((e) => value(e, 'categories') !== 'leave')
      expect(onCall).toHaveLength(schedule.segments.filter((s) => s.member === m.id).length)
      for (const e of onCall) expect(value(e, 'summary')).toContain(`(${m.name}`)
      const leave = mine.filter((e) => value(e, 'categories') === 'leave')
      expect(leave).toHaveLength(plan.leave.filter((l) => l.member === m.id).length)
    }
    const anaLeave = events(files['ana.ics']).find((e) => value(e, 'categories') === 'leave') as ICAL.Component
    expect(value(anaLeave, 'uid')).toBe('leave-ana-20261214-20261223@techflow-solutions.opsplan')
    expect(value(anaLeave, 'dtend')).toBe('2026-12-24')
  })

  it("shows Chen's agreed swap in February in Chen's feed", () => {
    const swap = events(files['chen.ics']).find((e) => value(e, 'summary').includes('swap'))
    expect(swap).toBeDefined()
    expect(value(swap as ICAL.Component, 'dtstart')).toBe('2027-02-09T05:00:00Z') // local midnight, EST
  })

  it('updates a moved shift in place when Dee books leave', () => {
    // a whole shift of Dee's past the freeze (two weeks from today)
    const later = buildSchedule(plan, { today: TODAY }).segments.find(
      (s) => s.member === 'dee' && s.start === s.shiftStart && s.start > '2026-10-20' && s.kind === 'shift'
    )
    expect(later).toBeDefined()
    const shift = later as NonNullable<typeof later>
    const from = shift.start.slice(0, 10)
    const withLeave: Plan = { ...plan, leave: [...plan.leave, { member: 'dee', from, to: from, reason: 'moving house' }] }
    const nextDay = '2026-10-02'
    const moved = buildSchedule(withLeave, { today: nextDay, lock })
    const nextLock = updateLock(moved, lock, nextDay)
    const after = renderCalendars(withLeave, moved, nextLock)

    const uid = `data-platform-${shift.role}-${shift.start.replace(/[-:]/g, '')}@techflow-solutions.opsplan`
    const event = events(after['team.ics']).find((e) => value(e, 'uid') === uid)
    expect(event).toBeDefined()
    expect((event as ICAL.Component).getFirstPropertyValue('sequence')).toBeGreaterThanOrEqual(1)
    expect(value(event as ICAL.Component, 'dtstamp')).toBe('2026-10-02T00:00:00Z')
    expect(value(event as ICAL.Component, 'summary')).not.toContain('(Dee Harper')
    expect(after['dee.ics']).toContain('moving house')
    // nothing else about the feeds depends on when they were rendered
    expect(renderCalendars(withLeave, moved, nextLock)).toEqual(after)
  })
})

describe('the TechFlow feeds, rendered on different days from the same schedule of record', () => {
  const file = 'examples/techflow/opsplan.yaml'
  const feeds = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.ics')))
  const leaveEvents = (ics: string | undefined) => events(ics).filter((e) => value(e, 'categories') === 'leave').map((e) => e.toString())
  // The merge on Tuesday 2026-11-24 writes the lock; later renders read it back.
  const merged = renderFiles({ plan: { text, file }, today: '2026-11-24' })
  const lock = { text: merged.files['opsplan.lock.json'] ?? '', file: 'opsplan.lock.json' }
  const on = (today: string) => renderFiles({ plan: { text, file }, lock, today }).files

  it('changes no byte of any feed on Wednesday or Friday of the same week', () => {
    expect(Object.keys(feeds(merged.files))).toHaveLength(5)
    expect(feeds(on('2026-11-25'))).toEqual(feeds(merged.files))
    expect(feeds(on('2026-11-27'))).toEqual(feeds(merged.files))
  })

  it('keeps each leave event, DTSTAMP included, when a new shift enters the horizon the next week', () => {
    const later = on('2026-12-01')
    // the horizon moved a week on: there is a new shift, stamped the day it was first planned
    expect(events(later['calendars/team.ics']).length).toBeGreaterThan(events(merged.files['calendars/team.ics']).length)
    for (const m of ['ana', 'ben', 'chen', 'dee']) {
      expect(leaveEvents(later[`calendars/${m}.ics`])).toEqual(leaveEvents(merged.files[`calendars/${m}.ics`]))
    }
    const ana = events(later['calendars/ana.ics']).find((e) => value(e, 'categories') === 'leave') as ICAL.Component
    // the last change the record made to the shifts Ana's leave touches: when it was first planned
    expect(value(ana, 'dtstamp')).toBe('2026-11-24T00:00:00Z')
  })
})

