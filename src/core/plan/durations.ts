// Durations in the plan are a whole number and a unit: `30m`, `4h`, `1d`, `2w`.
import type { Duration } from '../types.js'

export const DURATION_PATTERN = /^(\d+)([mhdw])$/

export const MINUTES_PER_DAY = 1440

const MINUTES_PER_UNIT = { m: 1, h: 60, d: MINUTES_PER_DAY, w: 7 * MINUTES_PER_DAY } as const

/** The duration a text names, or undefined when it is not `<number><m|h|d|w>`. */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION_PATTERN.exec(text)
  if (!match) return undefined
  const unit = match[2] as keyof typeof MINUTES_PER_UNIT
  return { text, minutes: Number(match[1]) * MINUTES_PER_UNIT[unit] }
}

/** Whole days in a duration, or undefined when it is not a whole number of days. */
export function wholeDays(duration: Duration): number | undefined {
  return duration.minutes % MINUTES_PER_DAY === 0 ? duration.minutes / MINUTES_PER_DAY : undefined
}

/** Minutes as a plan writes them, in the largest unit that divides them: 1w, 3d, 36h, 90m. */
export function durationText(minutes: number): string {
  for (const unit of ['w', 'd', 'h'] as const) {
    const size = MINUTES_PER_UNIT[unit]
    if (minutes > 0 && minutes % size === 0) return `${minutes / size}${unit}`
  }
  return `${minutes}m`
}
