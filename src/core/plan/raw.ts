// Reading plain plan data that the schema may have rejected: every accessor tolerates the wrong
// shape, so checks after the schema still run (and report) on whatever is well-formed.
import type { Locator, PlanPath, Problem } from '../types.js'
import { loadError, type LoadRule } from './problem.js'

export type Raw = Record<string, unknown>

export function isRaw(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function field(value: unknown, name: string): unknown {
  return isRaw(value) && Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Collects problems found in the data, each placed by its path. */
export class Findings {
  readonly problems: Problem[] = []
  constructor(readonly locate: Locator) {}

  add(rule: LoadRule, message: string, path: PlanPath, options?: { key?: boolean }): void {
    this.problems.push(loadError(rule, message, this.locate(path, options)))
  }
}

/** `ana, ben, chen, dee` — the valid choices, for messages. */
export function listing(ids: Iterable<string>): string {
  const all = [...ids]
  if (all.length === 0) return 'none defined'
  return all.length > 12 ? `${all.slice(0, 12).join(', ')}, ...` : all.join(', ')
}
