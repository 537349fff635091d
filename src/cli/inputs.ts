// What every command reads the same way: the plan and lock files, the schedule of record by one
// rule, and problems printed as `file:line:col: severity rule: message`.
import { dirname, join } from 'node:path'
import type { PlanSource } from '../core/check.js'
import type { Problem } from '../core/types.js'
import type { System } from './system.js'

/** A mistake on the command line or an unreadable input: one line on stderr, exit 2 (so is a WriteError). */
export class UsageError extends Error {}

export function readSource(path: string, sys: System, what: string): PlanSource {
  try {
    return { text: sys.readFile(path), file: path }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message
    throw new UsageError(`cannot read ${what} '${path}': ${why}`)
  }
}

export const LOCK_FILE = 'opsplan.lock.json'

/**
 * The schedule of record every command plans against, by one rule: `--lock`, else opsplan.lock.json
 * beside the plan, else (render) the one in the output folder. Undefined when there is none.
 */
export function lockPath(plan: string, explicit: string | undefined, sys: System, out?: string): string | undefined {
  if (explicit !== undefined) return explicit
  const beside = join(dirname(plan), LOCK_FILE)
  if (sys.exists(beside)) return beside
  const inOut = out === undefined ? undefined : join(out, LOCK_FILE)
  return inOut !== undefined && sys.exists(inOut) ? inOut : undefined
}

export function readLock(path: string | undefined, sys: System): { text: string; file: string } | undefined {
  if (path === undefined) return undefined
  const source = readSource(path, sys, 'lock')
  return { text: new TextDecoder().decode(source.text as Uint8Array), file: path }
}

/** The end of every summary line: which schedule of record the command planned against. */
export function lockWords(path: string | undefined): string {
  return path === undefined ? `planned without a schedule of record (no ${LOCK_FILE} found)` : `schedule of record ${path}`
}

export function printProblems(problems: Problem[], sys: System): void {
  for (const p of problems) sys.stderr(`${formatProblem(p)}\n`)
}

export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}:${p.line ?? 1}:${p.column ?? 1}: ` : ''
  return `${where}${p.severity} ${p.rule}: ${p.message}`
}
