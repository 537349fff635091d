// text → Plan: bytes and YAML, then the JSON schema and the semantic checks together (so a plan's
// mistakes are all reported at once), then normalisation when nothing is wrong.
import type { LoadResult } from '../types.js'
import { normalisePlan } from './normalise.js'
import { byPosition } from './problem.js'
import { isRaw } from './raw.js'
import { readPlan } from './read.js'
import { schemaProblems } from './schema.js'
import { semanticProblems } from './semantic.js'

export function loadPlan(input: string | Uint8Array, file: string): LoadResult {
  const read = readPlan(input, file)
  const { locate } = read
  if (read.problems.some((p) => p.severity === 'error') || read.data === undefined) {
    return { problems: read.problems.sort(byPosition), locate, file }
  }
  const problems = [...read.problems, ...schemaProblems(read.data, locate), ...semanticProblems(read.data, locate)].sort(byPosition)
  if (problems.some((p) => p.severity === 'error') || !isRaw(read.data)) return { problems, locate, file }
  return { plan: normalisePlan(read.data), problems, locate, file }
}
