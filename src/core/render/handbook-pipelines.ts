// The pipeline half of the handbook: who owns what, a runbook per pipeline (investor-facing first,
// as the seed template asks) and a flowchart of dependencies.
import cronstrue from 'cronstrue'
import type { Pipeline, Plan } from '../types.js'
import { durationWords, memberName, pipelineName } from './handbook-format.js'
import { cell, code, headingText, inline, table } from './markdown.js'
import { flowchartLabel } from './mermaid.js'

function stakeholderName(plan: Plan, id: string): string {
  return plan.stakeholders.find((s) => s.id === id)?.name ?? memberName(plan, id)
}

function joinOr(items: string[], none: string): string {
  return items.length > 0 ? items.join(', ') : none
}

/** The cron in words on a 24-hour clock, or undefined when cronstrue cannot read it (the loader reports the error). */
export function cronInWords(expression: string): string | undefined {
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false, locale: 'en' })
  } catch {
    return undefined
  }
}

export function ownershipSection(plan: Plan): string {
  const rows = plan.pipelines.map((p) => [
    cell(p.name),
    cell(memberName(plan, p.owners.primary)),
    cell(memberName(plan, p.owners.secondary)),
    cell(joinOr(p.stakeholders.map((s) => stakeholderName(plan, s)), '—')),
    cell(p.criticality),
    p.investorFacing ? 'yes' : 'no'
  ])
  const matrix = table(
    ['Pipeline', 'Primary owner', 'Secondary owner', 'Business stakeholders', 'Criticality', 'Investor-facing'],
    rows
  )
  const load = plan.team.map((m) => {
    const primary = plan.pipelines.filter((p) => p.owners.primary === m.id).map((p) => p.name)
    const secondary = plan.pipelines.filter((p) => p.owners.secondary === m.id).map((p) => p.name)
    return [cell(m.name), cell(joinOr(primary, '—')), cell(joinOr(secondary, '—'))]
  })
  return [
    'The primary owner keeps the pipeline healthy and answers for it; the secondary owner knows it well ' +
      'enough to take over. Business stakeholders use its output.',
    matrix,
    'Ownership per member:',
    table(['Member', 'Primary owner of', 'Secondary owner of'], load)
  ].join('\n\n')
}

function list(items: string[], none: string, asCode = false): string {
  if (items.length === 0) return `- ${none}`
  return items.map((item) => `- ${asCode ? code(item) : inline(item)}`).join('\n')
}

function details(plan: Plan, p: Pipeline): string {
  const words = p.schedule ? cronInWords(p.schedule) : undefined
  const schedule = p.schedule
    ? `${code(p.schedule)}${words ? ` — ${inline(words)}` : ''} (${inline(plan.timezone)})`
    : 'not set — add `schedule:` with a cron expression'
  const deps = p.dependsOn.map((d) => inline(pipelineName(plan, d)))
  return [
    '**Pipeline details**',
    '',
    `- **Name:** ${inline(p.name)} (${code(p.id)})`,
    `- **Purpose:** ${p.purpose ? inline(p.purpose) : 'not written yet'}`,
    `- **Schedule:** ${schedule}`,
    `- **Criticality:** ${inline(p.criticality)}`,
    `- **Investor-facing:** ${p.investorFacing ? 'yes' : 'no'}`,
    `- **Owners:** ${inline(memberName(plan, p.owners.primary))} (primary), ` +
      `${inline(memberName(plan, p.owners.secondary))} (secondary)`,
    `- **Stakeholders:** ${joinOr(p.stakeholders.map((s) => inline(stakeholderName(plan, s))), 'none')}`,
    `- **Depends on:** ${joinOr(deps, 'nothing upstream')}`
  ].join('\n')
}

function data(p: Pipeline): string {
  const none = 'not listed yet'
  return [
    '**Data types and sources**',
    '',
    '*Data types*',
    '',
    list(p.data?.types ?? [], none),
    '',
    '*Sources*',
    '',
    list(p.data?.sources ?? [], none, true),
    '',
    '*Outputs*',
    '',
    list(p.data?.outputs ?? [], none, true)
  ].join('\n')
}

function issues(p: Pipeline): string {
  if (p.runbook.length === 0) return '**Common issues**\n\nNone written yet — add entries under `runbook:`.'
  const items = p.runbook.map((issue, i) => {
    const actions = issue.actions.length > 0
      ? issue.actions.map((a, j) => `      ${j + 1}. ${inline(a)}`).join('\n')
      : '      1. not written yet'
    return [
      `${i + 1}. **${inline(issue.issue)}**`,
      `   - **Symptom:** ${issue.symptom ? inline(issue.symptom) : 'not written yet'}`,
      '   - **Actions:**',
      '',
      actions,
      '',
      `   - **Escalation:** ${issue.escalation ? inline(issue.escalation) : 'follow the escalation matrix'}`
    ].join('\n')
  })
  return ['**Common issues**', '', items.join('\n\n')].join('\n')
}

function sla(p: Pipeline): string {
  return [
    '**SLA requirements**',
    '',
    `- **Data freshness:** ${p.sla?.freshness ? durationWords(p.sla.freshness.minutes) : 'not set'}`,
    `- **Issue resolution:** ${p.sla?.resolution ? durationWords(p.sla.resolution.minutes) : 'not set'}`
  ].join('\n')
}

function monitoring(p: Pipeline): string {
  if (p.monitoring.length === 0) return '**Monitoring & alerts**\n\nNone listed yet — add entries under `monitoring:`.'
  const rows = p.monitoring.map((m) => [cell(m.check), cell(m.alert)])
  return ['**Monitoring & alerts**', '', table(['Check', 'Alert'], rows)].join('\n')
}

/** The anchor of a pipeline's runbook: an explicit one, so the index links whatever the name is. */
export function runbookAnchor(p: Pipeline): string {
  return `runbook-${p.id}`
}

/** Investor-facing pipelines first (the template's priority), then the rest, each in plan order. */
export function runbooksSection(plan: Plan): string {
  if (plan.pipelines.length === 0) return 'The plan lists no pipelines yet.'
  const ordered = [...plan.pipelines.filter((p) => p.investorFacing), ...plan.pipelines.filter((p) => !p.investorFacing)]
  const index = ordered.map((p) => `- [${inline(p.name)}](#${runbookAnchor(p)})${p.investorFacing ? ' (investor-facing)' : ''}`)
  const books = ordered.map((p) =>
    [
      `<a id="${runbookAnchor(p)}"></a>`,
      `### ${headingText(p.name)} runbook`,
      p.investorFacing ? '> Investor-facing: its numbers reach investors. Treat every failure as urgent.' : '',
      details(plan, p),
      data(p),
      issues(p),
      sla(p),
      monitoring(p)
    ]
      .filter((part) => part !== '')
      .join('\n\n')
  )
  return [index.join('\n'), ...books].join('\n\n')
}

/**
 * Node fills with dark text, set explicitly so a node reads the same on GitHub's light and dark
 * themes (a theme's own text colour on a fixed light fill vanishes in dark mode).
 */
const NODE_STYLES = {
  pipeline: 'fill:#dbeafe,stroke:#1d4ed8,stroke-width:1px,color:#1f2328',
  investor: 'fill:#fde68a,stroke:#b45309,stroke-width:2px,color:#1f2328'
}

/** Generated node ids (`p1`, `p2`, ... in plan order): no pipeline id or name ever reaches Mermaid's syntax. */
export function dependencyFlowchart(plan: Plan): string {
  const ids = new Map(plan.pipelines.map((p, i) => [p.id, `p${i + 1}`]))
  const lines = ['flowchart LR']
  for (const p of plan.pipelines) lines.push(`  ${ids.get(p.id)}[${flowchartLabel(p.name)}]`)
  for (const p of plan.pipelines) {
    for (const dep of p.dependsOn) {
      const from = ids.get(dep)
      if (from) lines.push(`  ${from} --> ${ids.get(p.id)}`)
    }
  }
  const of = (investor: boolean) => plan.pipelines.filter((p) => p.investorFacing === investor).map((p) => ids.get(p.id))
  for (const [name, style] of Object.entries(NODE_STYLES)) lines.push(`  classDef ${name} ${style}`)
  if (of(false).length > 0) lines.push(`  class ${of(false).join(',')} pipeline`)
  if (of(true).length > 0) lines.push(`  class ${of(true).join(',')} investor`)
  return lines.join('\n')
}

export function dependencySection(plan: Plan): string {
  if (plan.pipelines.length === 0) return 'The plan lists no pipelines yet.'
  return [
    'Arrows point from a pipeline to the pipelines that read its output. Investor-facing pipelines are highlighted.',
    ['```mermaid', dependencyFlowchart(plan), '```'].join('\n')
  ].join('\n\n')
}
