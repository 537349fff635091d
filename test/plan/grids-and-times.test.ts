// Revision 2 of the plan format: a rotation may run on its own grid (a daily rota beside a weekly
// one, members in both), leave and swaps may start and end at a time of day, investor periods may be
// turned off, and coverage.rest takes max-run as a duration. What a team writes, what the loader
// makes of it, and the one line each mistake gets back, at the text a member would fix.
import { describe, expect, it } from '@jest/globals'
import { loadPlan } from '../../src/core/plan/load.js'
import { leaveInstants, swapInstants } from '../../src/core/plan/ranges.js'
import { effectiveRule, paramText } from '../../src/core/rules/catalogue.js'
import { rotationGrid } from '../../src/core/schedule/calendar.js'
import type { LoadResult } from '../../src/core/types.js'
import { fixture, loadFixture } from './fixtures.js'

const twoGrids = fixture('plans', 'two-grids.yaml')
const FILE = 'plans/two-grids.yaml'

let edited = ''

/** Problems as `opsplan validate` prints them: `file:line:col: severity rule: message`. */
function lines(result: LoadResult): string[] {
  return result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule}: ${p.message}`)
}

/** The problems of the two-grids plan after one edit. */
function after(from: string, to: string): string[] {
  expect(twoGrids).toContain(from)
  edited = twoGrids.replace(from, to)
  return lines(loadPlan(edited, FILE))
}

/** `file:line:col` of the first occurrence of `needle` in the last edited plan, counted independently. */
function at(needle: string): string {
  const offset = edited.indexOf(needle)
  expect(offset).toBeGreaterThanOrEqual(0)
  const before = edited.slice(0, offset).split('\n')
  return `${FILE}:${before.length}:${(before.at(-1) ?? '').length + 1}`
}

const utc = (ms: number): string => new Date(ms).toISOString().replace('.000', '')

describe('a daily ML rotation beside the weekly data rotation', () => {
  const { plan, problems } = loadFixture('plans', 'two-grids.yaml')

  it('loads without a problem', () => expect(problems).toEqual([]))

  it('keeps only what each rotation sets itself, and fills the rest of its grid from oncall', () => {
    const [data, ml] = plan?.oncall.rotations ?? []
    expect(data).toEqual({ id: 'data', name: 'Data', members: ['ana', 'ben', 'chen', 'dee'], roles: ['primary', 'secondary'], pipelines: ['orders'] })
    expect(ml).toMatchObject({
      start: '2026-01-07', shift: { text: '1d', minutes: 1440 }, shiftDays: 1, handoff: { hour: 9, minute: 0, text: '09:00' }
    })
    if (!plan) throw new Error('the plan did not load')
    expect(rotationGrid(plan, 'data')).toEqual({
      id: 'data', start: '2026-01-05', shiftDays: 7, shift: { text: '1w', minutes: 10080 }, handoff: { hour: 10, minute: 0, text: 'Mon 10:00' }
    })
    expect(rotationGrid(plan, 'ml')).toEqual({
      id: 'ml', start: '2026-01-07', shiftDays: 1, shift: { text: '1d', minutes: 1440 }, handoff: { hour: 9, minute: 0, text: '09:00' }
    })
  })

  it('lets chen and dee belong to both rotations', () => {
    const both = plan?.oncall.rotations.map((r) => r.members).reduce((a, b) => a.filter((m) => b.includes(m)))
    expect(both).toEqual(['chen', 'dee'])
  })

  it('reads leave in the member\'s own zone and swaps in the plan\'s, from a date-time or a date', () => {
    if (!plan) throw new Error('the plan did not load')
    const [ben, dee] = plan.leave
    expect(ben).toEqual({ member: 'ben', from: '2026-03-02T13:00', to: '2026-03-06', reason: 'dentist, then a long weekend' })
    // ben is in London: from 13:00 his time to the end of Friday his time
    expect(ben && [leaveInstants(plan, ben)].map((r) => [utc(r.start), utc(r.end)])[0]).toEqual(['2026-03-02T13:00:00Z', '2026-03-07T00:00:00Z'])
    // dee is in New York (the plan's zone): from her Monday midnight to 09:00 on Tuesday, the ML handoff
    expect(dee && [leaveInstants(plan, dee)].map((r) => [utc(r.start), utc(r.end)])[0]).toEqual(['2026-03-09T04:00:00Z', '2026-03-10T13:00:00Z'])
    const [handoffToHandoff, weekend] = plan.swaps
    expect(handoffToHandoff && [swapInstants(plan, handoffToHandoff)].map((r) => [utc(r.start), utc(r.end)])[0])
      .toEqual(['2026-03-16T14:00:00Z', '2026-03-23T14:00:00Z'])
    expect(weekend && [swapInstants(plan, weekend)].map((r) => [utc(r.start), utc(r.end)])[0])
      .toEqual(['2026-03-14T04:00:00Z', '2026-03-16T04:00:00Z'])
  })

  it('turns investor periods off with none: true', () => {
    expect(plan?.oncall.investorPeriods).toEqual({ none: true })
  })

  it('holds max-run in minutes, as every rule parameter is a number, and shows it as the plan wrote it', () => {
    expect(plan?.rules['coverage.rest']).toEqual({ params: { 'max-run': 3 * 1440, 'min-gap': 1 } })
    if (!plan) throw new Error('the plan did not load')
    const { params } = effectiveRule(plan, 'coverage.rest')
    expect(params).toEqual({ 'max-run': 4320, 'min-gap': 1 })
    expect(paramText('coverage.rest', 'max-run', params['max-run'] ?? 0)).toBe('3d')
  })
})

describe('investor periods by default', () => {
  const periods = (text: string): unknown => loadPlan(text, FILE).plan?.oncall.investorPeriods
  const withoutSetting = twoGrids.replace('  investor-periods:\n    none: true\n', '')
  const investorFacing = (text: string): string => text.replace('    name: Orders\n', '    name: Orders\n    investor-facing: true\n')

  it('are none when no pipeline is investor-facing', () => {
    expect(withoutSetting).not.toContain('investor-periods')
    expect(periods(withoutSetting)).toEqual({ none: true })
  })

  it('are the last 5 business days of each month once a pipeline is investor-facing', () => {
    expect(periods(investorFacing(withoutSetting))).toEqual({ lastBusinessDays: 5 })
  })

  it('stay off with none: true even then', () => {
    expect(periods(investorFacing(twoGrids))).toEqual({ none: true })
  })
})

describe("a rotation's own grid, checked as oncall's", () => {
  it('keeps its shifts to whole days', () => {
    expect(after('      shift: 1d\n', '      shift: 36h\n')).toEqual([
      `${at('36h')}: error plan.value: oncall.rotations[1].shift 36h is not a whole number of days: use d or w, from 1d to 4w`
    ])
  })

  it('keeps its shifts from 1d to 4w', () => {
    expect(after('      shift: 1d\n', '      shift: 5w\n')).toEqual([
      `${at('5w')}: error plan.value: oncall.rotations[1].shift 5w is out of range: it must be from 1d to 4w`
    ])
  })

  it('wants a real start date', () => {
    expect(after('      start: 2026-01-07\n', '      start: 2026-02-30\n')).toEqual([
      `${at('2026-02-30')}: error plan.value: oncall.rotations[1].start 2026-02-30 is not a date on the calendar: February 2026 has 28 days`
    ])
  })

  it('wants the start written as a date and the handoff as a time', () => {
    expect(after('      handoff: "09:00"\n      start: 2026-01-07\n', '      handoff: "9 am"\n      start: 2026-1-7\n')).toEqual([
      `${at('"9 am"')}: error plan.schema: oncall.rotations[1].handoff must be a local time "HH:MM" like "10:00", or a weekday and time like "Mon 10:00", not '9 am'`,
      `${at('2026-1-7')}: error plan.schema: oncall.rotations[1].start must be a date written YYYY-MM-DD, like 2026-01-05, not '2026-1-7'`
    ])
  })

  it('wants a handoff that names a weekday to name the weekday of its own start', () => {
    expect(after('      handoff: "09:00"\n', '      handoff: "Tue 09:00"\n')).toEqual([
      `${at('"Tue 09:00"')}: error plan.value: oncall.rotations[1].handoff names Tue, but the rotation's shifts start on ` +
        '2026-01-07 (its start), a Wed: write "Wed 09:00" or just "09:00", or move its start to a Tue'
    ])
    expect(after('      handoff: "09:00"\n', '      handoff: "Wed 09:00"\n')).toEqual([])
  })

  it("compares a rotation's handoff with oncall.start when the rotation sets no start", () => {
    expect(after('      handoff: "09:00"\n      start: 2026-01-07\n', '      handoff: "Tue 09:00"\n')).toEqual([
      `${at('"Tue 09:00"')}: error plan.value: oncall.rotations[1].handoff names Tue, but the rotation's shifts start on ` +
        '2026-01-05 (oncall.start: it sets no start of its own), a Mon: write "Mon 09:00" or just "09:00", or give it a start on a Tue'
    ])
  })

  it('reports a start that contradicts the weekday of the handoff it takes from oncall, at the start', () => {
    expect(after('      handoff: "09:00"\n      start: 2026-01-07\n', '      start: 2026-01-07\n')).toEqual([
      `${at('2026-01-07')}: error plan.value: oncall.rotations[1].start 2026-01-07 is a Wed, but the handoff it takes from ` +
        'oncall.handoff, "Mon 10:00", names Mon: give the rotation its own handoff, like handoff: "10:00", or start it on a Mon'
    ])
  })
})

describe('leave and swaps from a date or a local date-time', () => {
  it('wants a real time of day', () => {
    expect(after('    from: 2026-03-02T13:00\n', '    from: 2026-03-02T13:60\n')).toEqual([
      `${at('2026-03-02T13:60')}: error plan.value: leave[0].from 2026-03-02T13:60 is not a time of day: hours run from 00 to 23 ` +
        'and minutes from 00 to 59, like 2026-03-02T13:00'
    ])
  })

  it('says how to write the midnight that ends a day', () => {
    expect(after('    to: 2026-03-06\n', '    to: 2026-03-06T24:00\n')).toEqual([
      `${at('2026-03-06T24:00')}: error plan.value: leave[0].to 2026-03-06T24:00 is not a time of day: hours run from 00 to 23, ` +
        'so write 2026-03-07T00:00 for the midnight at the end of 2026-03-06'
    ])
  })

  it('wants a real date in a date-time', () => {
    expect(after('    from: 2026-03-02T13:00\n', '    from: 2026-02-29T13:00\n')).toEqual([
      `${at('2026-02-29T13:00')}: error plan.value: leave[0].from 2026-02-29T13:00 is not a date on the calendar: February 2026 has 28 days`
    ])
  })

  it('says both forms a value may take', () => {
    expect(after('    to: 2026-03-23T10:00\n', '    to: 2026-03-23 10:00\n')).toEqual([
      `${at('2026-03-23 10:00')}: error plan.schema: swaps[0].to must be a date YYYY-MM-DD, like 2027-01-01, or a local date-time ` +
        "YYYY-MM-DDTHH:MM, like 2027-01-01T13:00, not '2026-03-23 10:00'"
    ])
  })

  it('refuses a date-time range that holds no time, at its to', () => {
    expect(after('    to: 2026-03-23T10:00\n', '    to: 2026-03-16T10:00\n')).toEqual([
      `${at('2026-03-16T10:00\n    member')}: error plan.value: swaps[0]: to 2026-03-16T10:00 is not after from 2026-03-16T10:00: ` +
        'a date-time to is the moment the swap ends, so write a later one, or to: 2026-03-16 to run to the end of that day'
    ])
  })

  it('counts a date from as starting at midnight', () => {
    expect(after('    to: 2026-03-10T09:00\n', '    to: 2026-03-09T00:00\n')).toEqual([
      `${at('2026-03-09T00:00')}: error plan.value: leave[1]: to 2026-03-09T00:00 is not after from 2026-03-09, which starts at ` +
        '00:00 that day: a date-time to is the moment the leave ends, so write a later one, or to: 2026-03-09 to run to the end of that day'
    ])
  })

  it('counts a date to as running to the end of that day', () => {
    expect(after('    to: 2026-03-06\n', '    to: 2026-03-01\n')).toEqual([
      `${at('2026-03-01')}: error plan.value: leave[0]: from 2026-03-02T13:00 is after to 2026-03-01: a date to runs to the end ` +
        'of that day, so write a to on or after 2026-03-02'
    ])
    // the last hours of the from day are still a range
    expect(after('    to: 2026-03-06\n', '    to: 2026-03-02\n')).toEqual([])
  })

  it('keeps the inclusive reading of two dates', () => {
    expect(after('    from: 2026-03-14\n    to: 2026-03-15\n', '    from: 2026-03-14\n    to: 2026-03-13\n')).toEqual([
      `${at('2026-03-13')}: error plan.value: swaps[1]: from 2026-03-14 is after to 2026-03-13: the to date must be on or after ` +
        'the from date (both are inclusive)'
    ])
    expect(after('    from: 2026-03-14\n    to: 2026-03-15\n', '    from: 2026-03-14\n    to: 2026-03-14\n')).toEqual([])
  })
})

describe('a date-time that a daylight-saving change skips', () => {
  it("is refused in the member's own zone for leave, saying which minute to write", () => {
    // ben is in London, where clocks go from 01:00 to 02:00 on 2026-03-29
    expect(after('    from: 2026-03-02T13:00\n    to: 2026-03-06\n', '    from: 2026-03-29T01:30\n    to: 2026-03-30\n')).toEqual([
      `${at('2026-03-29T01:30')}: error plan.value: leave[0].from 2026-03-29T01:30 never happens in Europe/London (ben's time zone): ` +
        'clocks there spring forward from 01:00 to 02:00 that night, so write 2026-03-29T02:00'
    ])
  })

  it("is measured in that member's zone, not the plan's", () => {
    // 02:30 on 2026-03-08 does not exist in New York, but it does in London
    expect(after('    from: 2026-03-02T13:00\n    to: 2026-03-06\n', '    from: 2026-03-08T02:30\n    to: 2026-03-09\n')).toEqual([])
    expect(after('    from: 2026-03-09\n', '    from: 2026-03-08T02:30\n')).toEqual([
      `${at('2026-03-08T02:30')}: error plan.value: leave[1].from 2026-03-08T02:30 never happens in America/New_York (dee's time zone): ` +
        'clocks there spring forward from 02:00 to 03:00 that night, so write 2026-03-08T03:00'
    ])
  })

  it('leaves a date whole where the clocks skip its midnight: the day starts when they resume', () => {
    // Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06
    const santiago = (from: string): LoadResult => {
      edited = twoGrids.replace('    timezone: Europe/London\n', '    timezone: America/Santiago\n')
        .replace('    from: 2026-03-02T13:00\n    to: 2026-03-06\n', `    from: ${from}\n    to: 2026-09-07\n`)
      return loadPlan(edited, FILE)
    }
    const { plan, problems } = santiago('2026-09-06')
    expect(problems).toEqual([])
    const ben = plan?.leave[0]
    expect(plan && ben && utc(leaveInstants(plan, ben).start)).toBe('2026-09-06T04:00:00Z')
    expect(lines(santiago('2026-09-06T00:00'))).toEqual([
      `${at('2026-09-06T00:00')}: error plan.value: leave[0].from 2026-09-06T00:00 never happens in America/Santiago (ben's time zone): ` +
        'clocks there spring forward from 00:00 to 01:00 that night, so write 2026-09-06T01:00'
    ])
  })

  it("is refused in the plan's zone for swaps", () => {
    expect(after('    to: 2026-03-23T10:00\n', '    to: 2026-03-08T02:00\n')[0]).toBe(
      `${at('2026-03-08T02:00')}: error plan.value: swaps[0].to 2026-03-08T02:00 never happens in America/New_York (the plan's time zone): ` +
        'clocks there spring forward from 02:00 to 03:00 that night, so write 2026-03-08T03:00')
  })

  it('takes a time that happens twice, as clocks go back, to mean the first time the clock shows it', () => {
    // 01:30 on 2026-11-01 happens at 05:30Z (summer time) and again at 06:30Z in New York; in London
    // 01:30 on 2026-10-25 happens at 00:30Z and 01:30Z
    const text = twoGrids
      .replace('    to: 2026-03-10T09:00\n', '    to: 2026-11-01T01:30\n')
      .replace('    from: 2026-03-02T13:00\n    to: 2026-03-06\n', '    from: 2026-10-25T01:30\n    to: 2026-10-26\n')
    const { plan, problems } = loadPlan(text, FILE)
    expect(problems).toEqual([])
    const [ben, dee] = plan?.leave ?? []
    expect(plan && ben && utc(leaveInstants(plan, ben).start)).toBe('2026-10-25T00:30:00Z')
    expect(plan && dee && utc(leaveInstants(plan, dee).end)).toBe('2026-11-01T05:30:00Z')
  })
})

describe('investor periods: one way of saying when, at most', () => {
  it('refuses none: false, which asks for nothing', () => {
    expect(after('    none: true\n', '    none: false\n')).toEqual([
      `${at('false')}: error plan.value: oncall.investor-periods.none: false asks for nothing: drop it (without it, the periods are ` +
        'the last 5 business days of each month when a pipeline is investor-facing, and none otherwise), or write ' +
        'last-business-days or dates to set them'
    ])
  })

  it('refuses none beside dates, and names all three when all three are set', () => {
    expect(after('    none: true\n', '    none: true\n    dates: [{ from: 2026-12-23, to: 2026-12-31 }]\n')).toEqual([
      `${at('none: true')}: error plan.value: oncall.investor-periods sets both dates and none: keep one of them`
    ])
    expect(after('    none: true\n', '    last-business-days: 3\n    none: true\n    dates: [{ from: 2026-12-23, to: 2026-12-31 }]\n')).toEqual([
      `${at('last-business-days: 3')}: error plan.value: oncall.investor-periods sets last-business-days, dates and none: keep one of them`
    ])
  })

  it('wants true or false', () => {
    expect(after('    none: true\n', '    none: yes\n')).toEqual([
      `${at('yes')}: error plan.schema: oncall.investor-periods.none must be true or false, not 'yes'`
    ])
  })
})

describe('coverage.rest max-run', () => {
  it('refuses a run of no time at all, at the value', () => {
    expect(after('max-run: 3d', 'max-run: 0d')).toEqual([
      `${at('0d')}: error plan.value: rules.coverage.rest.max-run 0d is no time at all: write how long a member may hold one ` +
        'role at a stretch, like 1w (the default) or 3d'
    ])
  })

  it('wants a duration, not a bare number or a fraction', () => {
    expect(after('max-run: 3d', 'max-run: 7')).toEqual([
      `${at('7,')}: error plan.schema: rules.coverage.rest.max-run must be a duration: a whole number and m, h, d or w, ` +
        'like 30m, 4h, 1d or 2w, not 7'
    ])
    expect(after('max-run: 3d', 'max-run: 1.5w')).toEqual([
      `${at('1.5w')}: error plan.schema: rules.coverage.rest.max-run must be a duration: a whole number and m, h, d or w, ` +
        "like 30m, 4h, 1d or 2w, not '1.5w'"
    ])
  })

  it('takes any length of time, in hours too', () => {
    edited = twoGrids.replace('max-run: 3d', 'max-run: 36h')
    expect(loadPlan(edited, FILE).plan?.rules['coverage.rest']?.params['max-run']).toBe(36 * 60)
  })
})
