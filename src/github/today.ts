// `today` for the core: the current date in the plan's time zone, worked out here at the edge so
// the core never looks at the clock.
import { DateTime, IANAZone } from 'luxon'
import { parseDocument } from 'yaml'

/** The plan's `timezone`, when the text has a valid one; the core reports anything wrong with it. */
export function planTimezone(text: string): string | undefined {
  // Past this size the core refuses the plan anyway; no need to parse it here.
  if (text.length > 2_000_000) return undefined
  try {
    const zone = parseDocument(text).get('timezone')
    return typeof zone === 'string' && IANAZone.isValidZone(zone) ? zone : undefined
  } catch {
    return undefined
  }
}

/** The local date at `now` in the plan's zone (UTC when the plan names none that is valid). */
export function todayFor(planText: string, now: Date): string {
  const zone = planTimezone(planText) ?? 'UTC'
  return DateTime.fromJSDate(now, { zone }).toISODate() as string
}
