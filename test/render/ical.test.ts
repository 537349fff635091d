// The calendar feeds as a member's calendar client sees them: parsed by ical.js, not string-matched.
// The story: four weeks of the "main" rotation across the March 2026 daylight-saving change; Chen
// takes two days off mid-week (Dee covers), Chen holds week 3 by a swap, and Ana has a long name.
import { describe, expect, it } from '@jest/globals'
import ICAL from 'ical.js'
import { renderCalendars } from '../../src/core/render/ical.js'
import type { Lock, LockSegment, Plan, Schedule, ScheduledSegment } from '../../src/core/types.js'
import { makePlan, member } from '../support/plan.js'

const LONG_NAME = 'Zoë Ångström 李雷 de la Fuente y Martínez-Østergård 🚀 Ana Torres'
const REASON = 'dentist; then a day off, back \\ soon\nreally'

function plan(): Plan {
  const base = makePlan()
  return {
    ...base,
    team: base.team.map((m) => (m.id === 'ana' ? member('ana', { name: LONG_NAME }) : m)),
    leave: [{ member: 'chen', from: '2026-03-12', to: '2026-03-13', reason: REASON }]
  }
}

function seg(role: 'primary' | 'secondary', memberId: string, start: string, end: string, extra: Partial<ScheduledSegment> = {}): ScheduledSegment {
  return { rotation: 'main', role, member: memberId, start, end, shiftStart: start, shiftMember: memberId, kind: 'shift', ...extra }
}

// Handoffs at 10:00 New York: 15:00Z in EST, 14:00Z once DST starts on 2026-03-08.
const W1 = '2026-03-02T15:00:00Z'
const W2 = '2026-03-09T14:00:00Z'
const W3 = '2026-03-16T14:00:00Z'
const W4 = '2026-03-23T14:00:00Z'
const W5 = '2026-03-30T14:00:00Z'
const LEAVE_START = '2026-03-12T04:00:00Z' // local midnight, EDT
const LEAVE_END = '2026-03-14T04:00:00Z'

function schedule(): Schedule {
  const segments: ScheduledSegment[] = [
    seg('primary', 'ana', W1, W2),
    seg('secondary', 'ben', W1, W2),
    seg('primary', 'ben', W2, W3),
    seg('secondary', 'chen', W2, LEAVE_START),
    seg('secondary', 'dee', LEAVE_START, LEAVE_END, { shiftStart: W2, shiftMember: 'chen', kind: 'cover', note: 'chen on leave' }),
    seg('secondary', 'chen', LEAVE_END, W3, { shiftStart: W2 }),
    seg('primary', 'chen', W3, W4, { kind: 'swap', shiftMember: 'dee', note: 'swap with dee' }),
    seg('secondary', 'dee', W3, W4),
    seg('primary', 'dee', W4, W5),
    seg('secondary', 'ana', W4, W5)
  ]
  return {
    from: W1, to: W5, today: '2026-03-01', frozenUntil: '2026-03-15T05:00:00Z',
    shifts: [], segments: segments.reverse(), fairness: [], holidays: {}, companyHolidays: [],
    investorPeriods: [], gaps: [], problems: []
  }
}

const FIRST_STAMP = '2026-02-20T00:00:00Z'
const COVER_STAMP = '2026-03-01T00:00:00Z'

function lock(s: Schedule = schedule()): Lock {
  const segments: LockSegment[] = s.segments.map(({ rotation, role, member: m, start, end, kind }) => ({
    rotation, role, member: m, start, end,
    sequence: kind === 'cover' ? 1 : kind === 'swap' ? 2 : 0,
    stamp: kind === 'shift' ? FIRST_STAMP : COVER_STAMP
  }))
  return { notice: 'generated', version: 1, timezone: 'America/New_York', segments }
}

function events(text: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent')
}

const value = (e: ICAL.Component, name: string): string => String(e.getFirstPropertyValue(name))
const byUid = (list: ICAL.Component[], uid: string): ICAL.Component => {
  const found = list.find((e) => value(e, 'uid') === uid)
  if (!found) throw new Error(`no event ${uid}`)
  return found
}
const uid = (role: string, start: string): string =>
  `main-${role}-${start.replace(/[-:]/g, '')}@techflow-solutions.opsplan`

describe('the team feed', () => {
  const files = renderCalendars(plan(), schedule(), lock())
  const team = files['team.ics'] ?? ''
  const list = events(team)

  it('is one calendar per team and per member', () => {
    expect(Object.keys(files)).toEqual(['team.ics', 'ana.ics', 'ben.ics', 'chen.ics', 'dee.ics'])
    const cal = new ICAL.Component(ICAL.parse(team) as unknown[])
    expect(cal.getFirstPropertyValue('version')).toBe('2.0')
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//opsplan//opsplan//EN')
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('TechFlow Solutions on-call')
  })

  it('has one event per segment, in time order, with stable UIDs and UTC times across DST', () => {
    expect(list).toHaveLength(10)
    const starts = list.map((e) => value(e, 'dtstart'))
    expect(starts).toEqual([...starts].sort())
    const w2 = byUid(list, uid('primary', W2))
    expect(value(w2, 'dtstart')).toBe('2026-03-09T14:00:00Z')
    expect(value(w2, 'dtend')).toBe('2026-03-16T14:00:00Z')
    expect((w2.getFirstPropertyValue('dtstart') as ICAL.Time).zone).toBe(ICAL.Timezone.utcTimezone)
    expect(value(byUid(list, uid('primary', W1)), 'dtstart')).toBe('2026-03-02T15:00:00Z')
    expect(new Set(list.map((e) => value(e, 'uid'))).size).toBe(10)
  })

  it('tags each event with its role and names who holds it', () => {
    const w1 = byUid(list, uid('secondary', W1))
    expect(value(w1, 'categories')).toBe('secondary')
    expect(value(w1, 'summary')).toBe('On call: secondary — Main (Ben)')
    expect(value(byUid(list, uid('primary', W1)), 'summary')).toBe(`On call: primary — Main (${LONG_NAME})`)
    const cover = byUid(list, uid('secondary', LEAVE_START))
    expect(value(cover, 'summary')).toBe('On call: secondary — Main (Dee, covering for Chen)')
    expect(value(cover, 'description')).toContain('Covering for: Chen')
    expect(value(byUid(list, uid('primary', W3)), 'summary')).toBe('On call: primary — Main (Chen, swap with Dee)')
  })

  it('describes the shift: local handoff times, partner, pipelines and escalation', () => {
    const d = value(byUid(list, uid('primary', W2)), 'description')
    expect(d).toContain('From Mon 2026-03-09 10:00 to Mon 2026-03-16 10:00 (America/New_York)')
    expect(d).toContain('Also on call: secondary: Chen; secondary: Dee')
    expect(d).toContain('Pipelines: Profit, Growth, Engagement, Executive-aggregate, Experiment-aggregate')
    expect(d).toContain('Escalation: 1. On-call engineer (after 0m); 2. Secondary and owner (after 30m)')
  })

  it('takes SEQUENCE and DTSTAMP from the schedule of record, never the clock', () => {
    const shift = byUid(list, uid('primary', W1))
    expect(shift.getFirstPropertyValue('sequence')).toBe(0)
    expect(value(shift, 'dtstamp')).toBe(FIRST_STAMP)
    const cover = byUid(list, uid('secondary', LEAVE_START))
    expect(cover.getFirstPropertyValue('sequence')).toBe(1)
    expect(value(cover, 'dtstamp')).toBe(COVER_STAMP)
    expect(byUid(list, uid('primary', W3)).getFirstPropertyValue('sequence')).toBe(2)
  })
})

describe("a member's feed", () => {
  const files = renderCalendars(plan(), schedule(), lock())

  it("holds only Chen's own segments plus Chen's leave as an all-day event", () => {
    const list = events(files['chen.ics'] ?? '')
    expect(list.map((e) => value(e, 'uid'))).toEqual([
      uid('secondary', W2),
      uid('secondary', LEAVE_END),
      uid('primary', W3),
      'leave-chen-20260312-20260313@techflow-solutions.opsplan'
    ])
    const leave = list[3] as ICAL.Component
    const start = leave.getFirstPropertyValue('dtstart') as ICAL.Time
    expect(start.isDate).toBe(true)
    expect(start.toString()).toBe('2026-03-12')
    expect(value(leave, 'dtend')).toBe('2026-03-14') // exclusive: the day after the last day off
    expect(value(leave, 'categories')).toBe('leave')
    expect(value(leave, 'dtstamp')).toBe(COVER_STAMP) // the last change to the segments the leave touches
    expect(value(leave, 'description')).toContain('secondary covered by Dee from Thu 2026-03-12 00:00 to Sat 2026-03-14 00:00')
    const cal = new ICAL.Component(ICAL.parse(files['chen.ics'] ?? '') as unknown[])
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Chen — on call (TechFlow Solutions)')
  })

  it("shows Dee the days Dee covers for Chen, and nobody else's shifts", () => {
    const list = events(files['dee.ics'] ?? '')
    expect(list.map((e) => value(e, 'summary'))).toEqual([
      'On call: secondary — Main (Dee, covering for Chen)',
      'On call: secondary — Main (Dee)',
      'On call: primary — Main (Dee)'
    ])
  })

  it('round-trips escaped text: semicolons, commas, backslashes and newlines', () => {
    const leave = events(files['chen.ics'] ?? '').find((e) => value(e, 'categories') === 'leave') as ICAL.Component
    expect(value(leave, 'summary')).toBe(`Leave: Chen (${REASON})`)
    expect(value(leave, 'description')).toContain(`Reason: ${REASON}\n`)
    expect(files['chen.ics']).toContain('dentist\\; then a day off\\, back \\\\ soon\\nreally')
  })
})

describe('the bytes on disk', () => {
  const files = renderCalendars(plan(), schedule(), lock())

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    for (const text of Object.values(files)) {
      expect(text.endsWith('\r\n')).toBe(true)
      const lines = text.split('\r\n').slice(0, -1)
      for (const line of lines) {
        expect(line).not.toMatch(/[\r\n]/)
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
      }
      expect(lines[0]).toBe('BEGIN:VCALENDAR')
      expect(lines.at(-1)).toBe('END:VCALENDAR')
    }
  })

  it('folds a long UTF-8 name without splitting a character, and unfolding restores it', () => {
    const text = files['ana.ics'] ?? ''
    const physical = text.split('\r\n')
    expect(physical.some((l) => l.startsWith(' '))).toBe(true)
    for (const line of physical) {
      // each physical line is whole UTF-8 on its own: no lone surrogate halves, no replacement chars
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line)
      expect(line).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/)
    }
    expect(text.replace(/\r\n /g, '')).toContain(`SUMMARY:On call: primary — Main (${LONG_NAME})`)
  })

  it('is the same string on every render, whatever the machine time zone', () => {
    const before = process.env.TZ
    try {
      process.env.TZ = 'Pacific/Chatham'
      const again = renderCalendars(plan(), schedule(), lock())
      expect(again).toEqual(files)
    } finally {
      process.env.TZ = before
    }
  })
})

describe('changes over time', () => {
  it('shows a changed lock sequence as a new SEQUENCE and DTSTAMP on the same UID', () => {
    const s = schedule()
    const l = lock(s)
    const changed: Lock = {
      ...l,
      segments: l.segments.map((x) => (x.start === W4 && x.role === 'primary' ? { ...x, sequence: 3, stamp: '2026-03-10T00:00:00Z' } : x))
    }
    const list = events(renderCalendars(plan(), s, changed)['dee.ics'] ?? '')
    const event = byUid(list, uid('primary', W4))
    expect(event.getFirstPropertyValue('sequence')).toBe(3)
    expect(value(event, 'dtstamp')).toBe('2026-03-10T00:00:00Z')
  })

  it('stamps a segment the lock does not know yet with its newest change, and an empty lock with the first handoff', () => {
    const s = schedule()
    const l = lock(s)
    const partial: Lock = { ...l, segments: l.segments.filter((x) => x.start !== W4) }
    const missing = byUid(events(renderCalendars(plan(), s, partial)['team.ics'] ?? ''), uid('secondary', W4))
    expect(missing.getFirstPropertyValue('sequence')).toBe(0)
    expect(value(missing, 'dtstamp')).toBe(COVER_STAMP)
    const empty = events(renderCalendars(plan(), s, { ...l, segments: [] })['team.ics'] ?? '')
    expect(empty.every((e) => value(e, 'dtstamp') === W1)).toBe(true)
  })

  it('gives a member without shifts an empty but valid feed', () => {
    const s = schedule()
    const p = plan()
    const withNewcomer = { ...p, team: [...p.team, member('eve', { name: 'Eve' })] }
    const text = renderCalendars(withNewcomer, s, lock(s))['eve.ics'] ?? ''
    expect(events(text)).toHaveLength(0)
    expect(new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstPropertyValue('x-wr-calname')).toBe('Eve — on call (TechFlow Solutions)')
  })

  it("keeps the team feed when a member's id is team", () => {
    const s = schedule()
    const p = plan()
    const files = renderCalendars({ ...p, team: [...p.team, member('team', { name: 'Tea M' })] }, s, lock(s))
    expect(files['team.ics']).toContain('X-WR-CALNAME:TechFlow Solutions on-call')
    expect(files['team.member.ics']).toContain('X-WR-CALNAME:Tea M — on call (TechFlow Solutions)')
  })
})

describe('leave and shifts in a member\'s own time', () => {
  it("describes Dee's shifts in Dee's own zone, the handoff on both clocks, while the team feed keeps the plan's", () => {
    const p = plan()
    const london: Plan = { ...p, team: p.team.map((m) => (m.id === 'dee' ? member('dee', { name: 'Dee', timezone: 'Europe/London' }) : m)) }
    const files = renderCalendars(london, schedule(), lock())
    // London keeps GMT until 2026-03-29, New York moved to EDT on 2026-03-08: the handoff is 14:00 there.
    expect(value(byUid(events(files['dee.ics'] ?? ''), uid('primary', W4)), 'description')).toContain(
      'From Mon 2026-03-23 14:00 to Mon 2026-03-30 15:00 (Europe/London); handoff at 14:00 (10:00 America/New_York)'
    )
    expect(value(byUid(events(files['team.ics'] ?? ''), uid('primary', W4)), 'description')).toContain(
      'From Mon 2026-03-23 10:00 to Mon 2026-03-30 10:00 (America/New_York); handoff at 10:00'
    )
  })

  it('writes part-day leave as UTC date-times from the member\'s own clock, stamped by the cover it needs', () => {
    const p: Plan = { ...plan(), leave: [{ member: 'chen', from: '2026-03-12T13:00', to: '2026-03-13T09:00', reason: 'appointments' }] }
    const list = events(renderCalendars(p, schedule(), lock())['chen.ics'] ?? '')
    const leave = byUid(list, 'leave-chen-20260312T1300-20260313T0900@techflow-solutions.opsplan')
    const start = leave.getFirstPropertyValue('dtstart') as ICAL.Time
    expect(start.isDate).toBe(false)
    expect(start.zone?.tzid).toBe('UTC')
    expect(value(leave, 'dtstart')).toBe('2026-03-12T17:00:00Z') // 13:00 EDT
    expect(value(leave, 'dtend')).toBe('2026-03-13T13:00:00Z')
    expect(value(leave, 'dtstamp')).toBe(COVER_STAMP)
    expect(value(leave, 'description')).toContain('Chen is on leave from Thu 2026-03-12 13:00 to Fri 2026-03-13 09:00 (America/New_York).')
  })

  it('stamps leave that touches no recorded segment with the record\'s first change, not its newest', () => {
    const p: Plan = { ...plan(), leave: [{ member: 'chen', from: '2026-06-01', to: '2026-06-05' }] }
    const leave = events(renderCalendars(p, schedule(), lock())['chen.ics'] ?? '').find((e) => value(e, 'categories') === 'leave')
    expect(value(leave as ICAL.Component, 'dtstamp')).toBe(FIRST_STAMP)
  })
})

