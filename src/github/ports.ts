// What the GitHub side needs from the outside world, as interfaces, so tests can hand in fakes:
// the core's entry points, the runner's logging/annotation commands and the clock.
import type { CheckReport, LocalDate } from '../core/types.js'

export interface PlanSource {
  text: string | Uint8Array
  file: string
}

export interface Engine {
  checkPlan(input: { plan: PlanSource; base?: PlanSource; lock?: { text: string; file: string }; today: LocalDate }): CheckReport
  renderFiles(input: {
    plan: PlanSource
    lock?: { text: string; file: string }
    today: LocalDate
    paths?: { handbook?: string; calendars?: string; lock?: string }
  }): { report: CheckReport; files: Record<string, string> }
  renderReport(
    report: CheckReport,
    options?: { marker?: string; maxLength?: number; mentions?: boolean; summaryHint?: string }
  ): string
}

export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  startColumn?: number
}

/** The subset of @actions/core the action uses. */
export interface Runner {
  info(message: string): void
  notice(message: string, properties?: AnnotationProperties): void
  warning(message: string, properties?: AnnotationProperties): void
  error(message: string, properties?: AnnotationProperties): void
  setOutput(name: string, value: string): void
  setFailed(message: string): void
  /** Appends Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>
}
