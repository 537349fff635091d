// `check --format json`: exactly the keys of SPEC section 6 (format 2), in a fixed order, for scripts.
// Missing locations are null rather than absent so every problem has the same shape.
import type { CheckReport } from '../types.js'

export interface JsonProblem {
  severity: string
  rule: string
  message: string
  file: string | null
  line: number | null
  column: number | null
  /** Brought by the change under review (absent from the base plan's report); true without a base. */
  new: boolean
}

/** Which shape a script reads: 2 has the counts, `new` on problems and fairness per member. */
export const JSON_FORMAT = 2

/** One member's fairness across their rotations; `before` only when the report has a base plan. */
export interface JsonFairness {
  member: string
  load: number
  target: number
  deviation: number
  before?: { load: number; deviation: number }
  rotations: Record<string, number>
  shifts: number
  holidays: number
  investor: number
}

export interface JsonReport {
  format: typeof JSON_FORMAT
  ok: boolean
  errors: number
  warnings: number
  problems: JsonProblem[]
  schedule: Array<{ rotation: string; role: string; member: string; start: string; end: string }>
  fairness: JsonFairness[]
  changes: Array<{ rotation: string; role: string; start: string; end: string; before: string | null; after: string | null; reason: string }>
}

/** Rounded so scripts see the same figures as the Markdown, and floating-point noise never shows. */
function round(n: number, digits = 2): number {
  const f = 10 ** digits
  const r = Math.round(n * f) / f
  return Object.is(r, -0) ? 0 : r
}

export function reportToJson(report: CheckReport): JsonReport {
  const before = new Map(report.fairness.flatMap((f) => (f.before ? [[f.member, f.before] as const] : [])))
  return {
    format: JSON_FORMAT,
    ok: report.ok,
    errors: report.errors,
    warnings: report.warnings,
    problems: report.problems.map((p) => ({
      severity: p.severity,
      rule: p.rule,
      message: p.message,
      file: p.file ?? null,
      line: p.line ?? null,
      column: p.column ?? null,
      new: p.new !== false
    })),
    schedule: (report.schedule?.segments ?? []).map((s) => ({
      rotation: s.rotation,
      role: s.role,
      member: s.member,
      start: s.start,
      end: s.end
    })),
    fairness: (report.schedule?.fairness ?? []).map((f) => {
      const was = report.base ? before.get(f.member) : undefined
      return {
        member: f.member,
        load: round(f.load),
        target: round(f.target),
        deviation: round(f.deviation),
        ...(was ? { before: { load: round(was.load), deviation: round(was.deviation) } } : {}),
        rotations: Object.fromEntries(Object.entries(f.rotations).map(([id, l]) => [id, round(l)])),
        shifts: f.shifts,
        holidays: f.holidays,
        investor: f.investor
      }
    }),
    changes: report.changes.map((c) => ({
      rotation: c.rotation,
      role: c.role,
      start: c.start,
      end: c.end,
      before: c.before,
      after: c.after,
      reason: c.reason
    }))
  }
}
