// The model cuts time at every instant anything changes: handoffs, midnights, leave, holidays and
// every edge of the schedule of record. A big team's record over two years has tens of thousands of
// edges, and a bigger one more than a JavaScript call takes as arguments: the model must take them
// all without spreading them into one call.
import { describe, expect, it } from '@jest/globals'
import { buildPlanCalendar, rotationSlots } from '../../src/core/schedule/calendar.js'
import { Model, modelEdges } from '../../src/core/schedule/model.js'
import { makePlan } from '../support/plan.js'

describe('the model of a plan', () => {
  it('takes a record with more edges than a call takes arguments', () => {
    const plan = makePlan()
    const slots = plan.oncall.rotations.map((r) => rotationSlots(plan, r, '2026-06-01T00:00:00Z'))
    const first = Date.parse(slots[0]![0]!.start)
    const last = Date.parse(slots[0]![slots[0]!.length - 1]!.end)
    // an edge every minute from the first handoff: 200,000 of them
    const cuts = Array.from({ length: 200_000 }, (_, i) => first + i * 60_000)
    const cal = buildPlanCalendar(plan, '2025-12-01', '2026-06-30')
    const model = new Model({ plan, cal, slots, windowFrom: first, windowTo: last, cuts })
    expect(model.atoms).toBeGreaterThanOrEqual(200_000 - 1)
    // every edge once, in order
    const times = Array.from(model.times)
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true)
    expect(times[0]).toBe(first)
    expect(times[times.length - 1]).toBe(last)
  })

  it('is taken as it is by a pass whose plan, calendar, shifts, window and cuts make the same edges', () => {
    const plan = makePlan()
    const slots = plan.oncall.rotations.map((r) => rotationSlots(plan, r, '2026-06-01T00:00:00Z'))
    const first = Date.parse(slots[0]![0]!.start)
    const last = Date.parse(slots[0]![slots[0]!.length - 1]!.end)
    const cal = buildPlanCalendar(plan, '2025-12-01', '2026-06-30')
    const input = { plan, cal, slots, windowFrom: first, windowTo: last, cuts: [first + 86_400_000] }
    const model = new Model(input, modelEdges(input))
    // a cut at an edge it already has (as the record of a pass planned on it) changes nothing
    const again = { ...input, slots: plan.oncall.rotations.map((r) => rotationSlots(plan, r, '2026-06-01T00:00:00Z')), cuts: [first + 86_400_000, first] }
    expect(model.fits(again, modelEdges(again))).toBe(true)
    // a new edge, another window, a calendar or shifts of their own do
    const cut = { ...input, cuts: [first + 3_600_000] }
    expect(model.fits(cut, modelEdges(cut))).toBe(false)
    const window = { ...input, windowFrom: first + 86_400_000 }
    expect(model.fits(window, modelEdges(window))).toBe(false)
    const calendar = { ...input, cal: buildPlanCalendar(plan, '2025-12-01', '2026-06-30') }
    expect(model.fits(calendar, modelEdges(calendar))).toBe(false)
    const fewer = { ...input, slots: slots.map((list) => list.slice(0, -1)) }
    expect(model.fits(fewer, modelEdges(fewer))).toBe(false)
  })
})
