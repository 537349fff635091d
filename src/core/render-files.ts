// What a merge commits: the handbook, the calendar feeds and the schedule of record, as path →
// content. Nothing is produced when the plan has an error: a failing run writes nothing.
import { reviewPlan, type PlanSource } from './check.js'
import { renderHandbook } from './render/handbook.js'
import { renderCalendars } from './render/ical.js'
import { serializeLock, updateLock } from './schedule/lock.js'
import type { CheckReport, LocalDate } from './types.js'

export interface OutputPaths {
  handbook: string
  calendars: string
  lock: string
}

export const DEFAULT_PATHS: OutputPaths = {
  handbook: 'HANDBOOK.md',
  calendars: 'calendars',
  lock: 'opsplan.lock.json'
}

export interface RenderInput {
  plan: PlanSource
  lock?: { text: string; file: string }
  today: LocalDate
  paths?: Partial<OutputPaths>
}

export interface RenderOutput {
  report: CheckReport
  /** Path (as given in `paths`, joined with '/') → content; empty when the report is not ok. */
  files: Record<string, string>
}

export function renderFiles(input: RenderInput): RenderOutput {
  const paths = { ...DEFAULT_PATHS, ...input.paths }
  const { report, lock } = reviewPlan({ plan: input.plan, lock: input.lock, today: input.today })
  const { plan, schedule } = report
  if (!report.ok || !plan || !schedule) return { report, files: {} }

  const planFile = baseName(input.plan.file)
  const record = updateLock(schedule, lock, input.today, planFile)
  const files: Record<string, string> = {}
  files[paths.handbook] = renderHandbook(plan, schedule, { today: input.today, planFile })
  const calendars = renderCalendars(plan, schedule, record, planFile)
  for (const name of Object.keys(calendars).sort()) {
    files[joinPath(paths.calendars, name)] = calendars[name] as string
  }
  files[paths.lock] = serializeLock(record)
  return { report, files }
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file
}

function joinPath(folder: string, name: string): string {
  const trimmed = folder.replace(/\/+$/, '')
  return trimmed === '' || trimmed === '.' ? name : `${trimmed}/${name}`
}
