// Reading plan fixtures the way the command line does: as bytes, named by their path.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadPlan } from '../../src/core/plan/load.js'
import type { LoadResult } from '../../src/core/types.js'

export const FIXTURES = join(process.cwd(), 'test', 'fixtures')

export function fixture(kind: 'bad' | 'plans', name: string): string {
  return readFileSync(join(FIXTURES, kind, name), 'utf8')
}

export function loadFixture(kind: 'bad' | 'plans', name: string): LoadResult {
  const bytes = readFileSync(join(FIXTURES, kind, name))
  return loadPlan(new Uint8Array(bytes), `${kind}/${name}`)
}

/** Problems as printed by `opsplan validate`: `line:col rule: message`. */
export function printed(result: LoadResult): string[] {
  return result.problems.map((p) => `${p.line}:${p.column} ${p.rule}: ${p.message}`)
}
