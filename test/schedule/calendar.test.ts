import { describe, expect, it } from '@jest/globals'
import { Settings } from 'luxon'
import { localInstant } from '../../src/core/plan/ranges.js'
import Holidays from 'date-holidays'
import { addDays, buildPlanCalendar, instantAt, localDate, publicHolidays, shiftSlots } from '../../src/core/schedule/calendar.js'
import { makePlan, member } from '../support/plan.js'

const hours = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 3_600_000

function weeklyIn(timezone: string, start: string) {
  return makePlan({ timezone, oncall: { ...makePlan().oncall, start } })
}

describe('the shift grid keeps handoffs at local wall-clock time', () => {
  it('starts the TechFlow rota on Monday 2026-01-05 at 10:00 New York time', () => {
    const slots = shiftSlots(makePlan(), '2026-01-20T00:00:00Z')
    expect(slots.map((s) => s.start)).toEqual(['2026-01-05T15:00:00Z', '2026-01-12T15:00:00Z', '2026-01-19T15:00:00Z'])
    expect(slots[0]).toMatchObject({ index: 0, end: '2026-01-12T15:00:00Z', startDate: '2026-01-05', endDate: '2026-01-12' })
  })

  it('gives New York a 167-hour week in March and a 169-hour week in November', () => {
    const slots = shiftSlots(makePlan(), '2026-11-10T00:00:00Z')
    const march = slots.find((s) => s.startDate === '2026-03-02')!
    const november = slots.find((s) => s.startDate === '2026-10-26')!
    expect([march.start, march.end, hours(march.start, march.end)]).toEqual(['2026-03-02T15:00:00Z', '2026-03-09T14:00:00Z', 167])
    expect([november.start, november.end, hours(november.start, november.end)]).toEqual(['2026-10-26T14:00:00Z', '2026-11-02T15:00:00Z', 169])
    expect(slots.filter((s) => hours(s.start, s.end) === 168)).toHaveLength(slots.length - 2)
  })

  it('follows Berlin across its March and October changes', () => {
    const slots = shiftSlots(weeklyIn('Europe/Berlin', '2026-01-05'), '2026-11-01T00:00:00Z')
    const march = slots.find((s) => s.startDate === '2026-03-23')!
    const october = slots.find((s) => s.startDate === '2026-10-19')!
    expect([march.start, march.end]).toEqual(['2026-03-23T09:00:00Z', '2026-03-30T08:00:00Z'])
    expect([october.start, october.end]).toEqual(['2026-10-19T08:00:00Z', '2026-10-26T09:00:00Z'])
  })

  it('follows Sydney, whose clocks go back in April and forward in October', () => {
    const slots = shiftSlots(weeklyIn('Australia/Sydney', '2026-01-05'), '2026-10-20T00:00:00Z')
    const april = slots.find((s) => s.startDate === '2026-03-30')!
    const october = slots.find((s) => s.startDate === '2026-09-28')!
    expect(hours(april.start, april.end)).toBe(169)
    expect(hours(october.start, october.end)).toBe(167)
    expect(localDate(october.end, 'Australia/Sydney')).toBe('2026-10-05')
  })

  it('runs daily shifts through a DST night as a 23-hour day', () => {
    const plan = makePlan({ oncall: { ...makePlan().oncall, start: '2026-03-06', shiftDays: 1 } })
    const slots = shiftSlots(plan, '2026-03-10T00:00:00Z')
    expect(slots.map((s) => hours(s.start, s.end))).toEqual([24, 23, 24, 24])
  })

  it('puts a handoff the clocks show twice at its first reading, whatever the month it is planned in', () => {
    // 01:30 on 1 November 2026 happens twice in New York and Chicago (EDT, then EST an hour later):
    // the rota must not move by an hour between a render in July and one in December
    const july = Date.UTC(2026, 6, 1)
    const december = Date.UTC(2026, 11, 1)
    const was = Settings.now
    try {
      Settings.now = () => july
      expect(instantAt('2026-11-01', 'America/New_York', 1, 30)).toBe('2026-11-01T05:30:00Z')
      expect(localInstant('2026-11-01T01:30', 'America/Chicago')).toBe(Date.parse('2026-11-01T06:30:00Z'))
      Settings.now = () => december
      expect(instantAt('2026-11-01', 'America/Denver', 1, 30)).toBe('2026-11-01T07:30:00Z')
      expect(localInstant('2026-11-01T01:30', 'America/Los_Angeles')).toBe(Date.parse('2026-11-01T08:30:00Z'))
      // a time the clocks skip moves forward by the change, in any month: 02:30 on 8 March is 03:30 EDT
      expect(instantAt('2026-03-08', 'America/New_York', 2, 30)).toBe('2026-03-08T07:30:00Z')
      Settings.now = () => july
      expect(instantAt('2026-03-08', 'America/Chicago', 2, 30)).toBe('2026-03-08T08:30:00Z')
    } finally {
      Settings.now = was
    }
  })

  it('has date helpers that never look at the machine zone', () => {
    expect(instantAt('2026-07-01', 'America/New_York', 0, 0)).toBe('2026-07-01T04:00:00Z')
    expect(localDate('2026-07-01T03:59:59Z', 'America/New_York')).toBe('2026-06-30')
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
})

describe('the plan calendar', () => {
  it('lists New York public holidays and the last five business days of each month', () => {
    const cal = buildPlanCalendar(makePlan(), '2026-11-01', '2026-12-31')
    expect(cal.companyHolidays.map((h) => h.date)).toEqual(['2026-11-03', '2026-11-11', '2026-11-26', '2026-12-25'])
    expect(cal.isHoliday('ana', '2026-11-26')).toBe(true)
    expect(cal.holidayOn('ana', '2026-11-26')?.name).toBe('Thanksgiving Day')
    // December: 31 Thu, 30, 29, 28, then 25 is Christmas so 24 is the fifth
    expect(cal.investorPeriods).toEqual([
      { from: '2026-11-23', to: '2026-11-30', label: '2026-11 investor report' },
      { from: '2026-12-24', to: '2026-12-31', label: '2026-12 investor report' }
    ])
    expect(cal.isInvestorDate('2026-12-24')).toBe(true)
    expect(cal.isInvestorDate('2026-12-23')).toBe(false)
  })

  it('takes explicit investor dates with their labels', () => {
    const plan = makePlan()
    plan.oncall.investorPeriods = { dates: [{ from: '2026-12-23', to: '2026-12-31', label: 'Q4 close' }, { from: '2026-03-25', to: '2026-03-31' }] }
    const cal = buildPlanCalendar(plan, '2026-01-01', '2026-12-31')
    expect(cal.investorPeriods.map((p) => p.label)).toEqual(['2026-03 investor report', 'Q4 close'])
  })

  it('knows who is away: leave, before joining, after leaving', () => {
    const plan = makePlan({
      team: [member('ana', { joined: '2026-02-01' }), member('ben', { left: '2026-06-30' }), member('chen', { holidayCode: 'DE-BE' })],
      leave: [{ member: 'chen', from: '2026-03-01', to: '2026-03-07', reason: 'vacation' }]
    })
    const cal = buildPlanCalendar(plan, '2026-01-01', '2026-12-31')
    expect(cal.isAway('ana', '2026-01-31')).toBe(true)
    expect(cal.isAway('ana', '2026-02-01')).toBe(false)
    expect(cal.isAway('ben', '2026-07-01')).toBe(true)
    expect(cal.awayReason('chen', '2026-03-07')).toBe('leave (vacation)')
    expect(cal.isAway('chen', '2026-03-08')).toBe(false)
    expect(cal.isHoliday('chen', '2026-10-03')).toBe(true)
    expect(cal.isHoliday('chen', '2026-11-26')).toBe(false)
    expect(cal.isAvailable('chen', '2026-10-03')).toBe(true)
    plan.oncall.holidays.policy = 'off'
    expect(buildPlanCalendar(plan, '2026-01-01', '2026-12-31').isAvailable('chen', '2026-10-03')).toBe(false)
  })
})

describe('public holidays', () => {
  // The calendar asks date-holidays for local dates only, so it skips the time zone conversion of
  // each holiday's start and end; the list must be the one date-holidays gives in the country's zone.
  it('are the dates and names date-holidays gives in each country\'s own time zone, for every country', () => {
    const countries = Object.keys(new Holidays().getCountries())
    expect(countries.length).toBeGreaterThan(150)
    const codes = [...countries, 'US-NY', 'US-CA', 'GB-ENG', 'DE-BY', 'AU-NSW', 'CH-ZH']
    for (const code of codes) {
      for (const year of [2026, 2027]) {
        const zoned = new Holidays(...(code.split('-') as [string, string])).getHolidays(year)
        const seen = new Set<string>()
        const expected = zoned.filter((h) => h.type === 'public' && !seen.has(h.date.slice(0, 10)) && seen.add(h.date.slice(0, 10)))
          .map((h) => `${h.date.slice(0, 10)} ${h.name}`).sort()
        expect([code, year, publicHolidays(code, year).map((h) => `${h.date} ${h.name}`)]).toEqual([code, year, expected])
      }
    }
  })
})
