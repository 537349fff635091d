// "Who is on call now?" read from segments: a weekly rotation beside a daily one (two grids in one
// schedule), a cover inside a week, and a member's leave given as whole days or as hours.
import { describe, expect, it } from '@jest/globals'
import { holdings, memberOutlook, onCallAt } from '../../src/core/on-call.js'
import { memberText, onCallText } from '../../src/core/render/on-call.js'
import type { Segment } from '../../src/core/types.js'
import { makePlan } from '../support/plan.js'

const plan = makePlan({
  oncall: {
    ...makePlan().oncall,
    rotations: [
      { id: 'main', name: 'Main', members: ['ana', 'ben'], roles: ['primary'], pipelines: [] },
      // a daily rotation, handing over at 09:00 where main hands over at 10:00
      { id: 'ingest', name: 'Ingest', members: ['chen', 'dee'], roles: ['primary'], pipelines: [], shiftDays: 1 }
    ]
  },
  leave: [
    { member: 'ana', from: '2026-03-02', to: '2026-03-04', reason: 'ski trip' },
    { member: 'ana', from: '2026-03-20T13:00', to: '2026-03-20T17:30', reason: 'dentist' },
    { member: 'ana', from: '2026-01-10', to: '2026-01-11', reason: 'long past' }
  ]
})

const seg = (rotation: string, member: string, start: string, end: string): Segment => ({ rotation, role: 'primary', member, start, end })
const segments: Segment[] = [
  // main, weekly from Monday 10:00 New York (15:00 UTC); Ben covers Tuesday of Ana's week
  seg('main', 'ana', '2026-02-23T15:00:00Z', '2026-02-24T05:00:00Z'),
  seg('main', 'ben', '2026-02-24T05:00:00Z', '2026-02-25T05:00:00Z'),
  seg('main', 'ana', '2026-02-25T05:00:00Z', '2026-03-02T15:00:00Z'),
  seg('main', 'ben', '2026-03-02T15:00:00Z', '2026-03-09T14:00:00Z'),
  seg('main', 'ana', '2026-03-09T14:00:00Z', '2026-03-16T14:00:00Z'),
  seg('main', 'ana', '2026-03-16T14:00:00Z', '2026-03-23T14:00:00Z'),
  // ingest, daily from 09:00 New York
  seg('ingest', 'chen', '2026-02-24T14:00:00Z', '2026-02-25T14:00:00Z'),
  seg('ingest', 'dee', '2026-02-25T14:00:00Z', '2026-02-26T14:00:00Z'),
  seg('ingest', 'chen', '2026-02-26T14:00:00Z', '2026-02-27T14:00:00Z')
]

describe('who is on call at an instant', () => {
  it('reads each rotation on its own grid: a week in one, a day in the other', () => {
    // Tuesday 2026-02-24, 12:00 in New York
    const roles = onCallAt(plan, segments, '2026-02-24T17:00:00Z')
    expect(roles.map((r) => [r.rotation, r.holder?.member, r.holder?.end, r.next?.member, r.next?.start])).toEqual([
      ['main', 'ben', '2026-02-25T05:00:00Z', 'ana', '2026-02-25T05:00:00Z'],
      ['ingest', 'chen', '2026-02-25T14:00:00Z', 'dee', '2026-02-25T14:00:00Z']
    ])
  })

  it('joins segments one member holds back to back, and says nobody where nobody is planned', () => {
    expect(holdings(segments, 'main', 'primary').map((h) => [h.member, h.start, h.end]).slice(-1))
      .toEqual([['ana', '2026-03-09T14:00:00Z', '2026-03-23T14:00:00Z']])
    const roles = onCallAt(plan, segments, '2026-03-01T12:00:00Z')
    expect(roles[1]).toEqual({ rotation: 'ingest', role: 'primary', holder: null, next: null })
    expect(onCallText(plan, roles, { at: '2026-03-01T12:00:00Z', planned: true }).split('\n')).toEqual([
      'On call at Sun 2026-03-01 07:00 (America/New_York), planned from the plan (no schedule of record):',
      '',
      'Main',
      '  primary  Ana (ana)  until Mon 2026-03-02 10:00  then Ben (ben) from Mon 2026-03-02 10:00',
      '',
      'Ingest',
      '  primary  nobody  —  then nobody planned yet',
      ''
    ])
  })
})

describe("a member's coming shifts and leave", () => {
  const outlook = memberOutlook(plan, segments, 'ana', '2026-02-26T17:00:00Z')

  it('lists what they hold from now on, the running shift first', () => {
    expect(outlook.shifts.map((h) => [h.rotation, h.start, h.end])).toEqual([
      ['main', '2026-02-25T05:00:00Z', '2026-03-02T15:00:00Z'],
      ['main', '2026-03-09T14:00:00Z', '2026-03-23T14:00:00Z']
    ])
  })

  it('lists leave not yet over, whole days and hours alike, as written', () => {
    expect(outlook.leave.map((l) => l.reason)).toEqual(['ski trip', 'dentist'])
    const text = memberText(plan, outlook, { at: '2026-02-26T17:00:00Z', lock: 'opsplan.lock.json', planned: false })
    expect(text.split('\n')).toEqual([
      'Ana (ana) at Thu 2026-02-26 12:00 (America/New_York), from the schedule of record opsplan.lock.json:',
      '',
      'On call now, then:',
      '  Wed 2026-02-25 00:00 → Mon 2026-03-02 10:00  Main  primary  (now)',
      '  Mon 2026-03-09 10:00 → Mon 2026-03-23 10:00  Main  primary',
      '',
      'Leave:',
      '  2026-03-02 to 2026-03-04              ski trip',
      '  2026-03-20 13:00 to 2026-03-20 17:30  dentist',
      ''
    ])
  })

  it('ends a date-time leave at its hour, not at the end of the day', () => {
    expect(memberOutlook(plan, segments, 'ana', '2026-03-20T21:00:00Z').leave.map((l) => l.reason)).toEqual(['dentist'])
    expect(memberOutlook(plan, segments, 'ana', '2026-03-20T21:30:00Z').leave).toEqual([])
  })
})
