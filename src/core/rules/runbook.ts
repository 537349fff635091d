// runbook.complete: everything the on-call engineer needs at 3 a.m. is written down for each pipeline.
import type { Pipeline, PlanPath } from '../types.js'
import type { Finding, RuleDefinition } from './rule.js'
import { listWords } from './time.js'

const MIN_ISSUES = 2

interface Missing {
  what: string
  path: PlanPath
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === ''
}

function missingParts(p: Pipeline, at: PlanPath): Missing[] {
  const missing: Missing[] = []
  const need = (cond: boolean, what: string, path: PlanPath): void => {
    if (cond) missing.push({ what, path })
  }
  need(blank(p.purpose), 'purpose', [...at, 'purpose'])
  need(blank(p.schedule), 'schedule', [...at, 'schedule'])
  need(blank(p.criticality), 'criticality', [...at, 'criticality'])
  for (const key of ['sources', 'types', 'outputs'] as const) {
    need(!p.data || p.data[key].length === 0, `data.${key}`, [...at, 'data', key])
  }
  need(!p.sla?.freshness, 'sla.freshness', [...at, 'sla', 'freshness'])
  need(!p.sla?.resolution, 'sla.resolution', [...at, 'sla', 'resolution'])
  need(p.monitoring.length === 0, 'a monitoring check', [...at, 'monitoring'])
  p.runbook.forEach((issue, i) => {
    const name = `runbook[${i}] '${issue.issue}'`
    need(blank(issue.symptom), `${name} symptom`, [...at, 'runbook', i, 'symptom'])
    need(issue.actions.length === 0, `${name} actions`, [...at, 'runbook', i, 'actions'])
    need(blank(issue.escalation), `${name} escalation`, [...at, 'runbook', i, 'escalation'])
  })
  if (p.runbook.length < MIN_ISSUES) {
    const short = MIN_ISSUES - p.runbook.length
    need(true, `${short} more runbook issue${short > 1 ? 's' : ''} (has ${p.runbook.length} of ${MIN_ISSUES})`, [...at, 'runbook'])
  }
  return missing
}

export const runbookRules: RuleDefinition[] = [
  {
    id: 'runbook.complete',
    check: (ctx) => {
      const findings: Finding[] = []
      ctx.plan.pipelines.forEach((p, i) => {
        const missing = missingParts(p, ['pipelines', i])
        if (missing.length === 0) return
        const kind = p.investorFacing ? ' (investor-facing)' : ''
        findings.push({
          message:
            `pipelines[${i}] ${p.id}${kind}: runbook is incomplete, missing ${listWords(missing.map((m) => m.what))}; ` +
            `fill them in so whoever is on call can act without its owners`,
          path: missing[0]?.path,
          severity: p.investorFacing ? 'error' : 'warning'
        })
      })
      return findings
    }
  }
]
