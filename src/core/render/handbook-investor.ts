// The monthly investor-report periods: when they fall, who is on call through them, which owners
// stand by, and the checklist the team runs each time.
import type { LocalDate, Plan, Schedule } from '../types.js'
import { addDays, dayRange, durationWords, localDay, memberName, plural, rotationName, shortDateTime, startOfDay } from './handbook-format.js'
import { holderWords, pieces, piecesInWords } from './handbook-holders.js'
import { horizonEnd, onLeaveDuring, rolesHeader, VISIBLE_ROWS } from './handbook-coverage.js'
import { NO_SCHEDULE } from './handbook-rota.js'
import { cell, foldedTable, inline } from './markdown.js'

function standbyOwners(plan: Plan): Map<string, string[]> {
  const owners = new Map<string, string[]>()
  for (const p of plan.pipelines.filter((x) => x.investorFacing)) {
    owners.set(p.owners.primary, [...(owners.get(p.owners.primary) ?? []), p.name])
  }
  return owners
}

function checklist(plan: Plan, owners: Map<string, string[]>): string {
  const investor = plan.pipelines.filter((p) => p.investorFacing)
  const stakeholders = [...new Set(investor.flatMap((p) => p.stakeholders))]
    .map((id) => plan.stakeholders.find((s) => s.id === id)?.name ?? id)
  const sla = investor.map((p) => `${p.name} (${p.sla?.freshness ? durationWords(p.sla.freshness.minutes) : 'no SLA set'})`)
  return [
    'Checklist for each period:',
    '',
    '- [ ] Primary and secondary on call are present for the whole period (no covers inside it).',
    `- [ ] Standby owners are reachable: ${inline([...owners.keys()].map((id) => memberName(plan, id)).join(', ') || 'none')}.`,
    `- [ ] Investor-facing pipelines met their freshness SLA in the week before: ${inline(sla.join(', ') || 'none')}.`,
    '- [ ] Runbooks of investor-facing pipelines were read through since the last period.',
    '- [ ] Non-urgent changes to investor-facing pipelines wait until the period ends.',
    `- [ ] Stakeholders know to contact the on-call primary first: ${inline(stakeholders.join(', ') || 'none')}.`
  ].join('\n')
}

export function investorSection(plan: Plan, schedule: Schedule | undefined, today: LocalDate): string {
  const cfg = plan.oncall.investorPeriods
  const how = cfg.dates
    ? 'Investor-report periods are the dates listed under `oncall.investor-periods.dates`.'
    : `Investor-report periods are the last ${plural(cfg.lastBusinessDays ?? 5, 'business day')} (Monday to ` +
      'Friday, not a company public holiday) of each month.'
  const owners = standbyOwners(plan)
  const standby = [...owners.entries()].map(([id, names]) => `${memberName(plan, id)} (${names.join(', ')})`)
  const parts = [
    `${how} Every shift inside a period is held whole by people present throughout, and the primary owners of ` +
      `investor-facing pipelines stand by: ${inline(standby.join(', ') || 'none')}.`
  ]
  if (!schedule) parts.push(NO_SCHEDULE)
  else {
    const until = horizonEnd(plan, today)
    const periods = schedule.investorPeriods.filter((p) => p.to >= today && p.from <= until)
    const rows = periods.map((p) => {
      const from = startOfDay(p.from, plan.timezone)
      const to = startOfDay(addDays(p.to, 1), plan.timezone)
      const roles = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))].map((role) =>
        cell(plan.oncall.rotations.filter((r) => r.roles.includes(role)).map((r) => {
          const held = pieces(schedule, r.id, role, from, to)
          const names = piecesInWords(held, (p) => holderWords(plan, p.segment), (t) => shortDateTime(t, plan.timezone))
          return plan.oncall.rotations.length > 1 ? `${rotationName(plan, r.id)}: ${names}` : names
        }).join('\n'))
      )
      const standbyCell = [...owners.keys()].map((id) => memberName(plan, id) + (onLeaveDuring(plan, id, from, to) ? ' (on leave)' : ''))
      return [cell(p.label), cell(dayRange(p.from, p.to)), ...roles, cell(standbyCell.join(', ') || '—')]
    })
    const last = periods[periods.length - 1]
    parts.push(
      `Periods from ${inline(today)} to ${inline(until)} (the published schedule), with who is on call through each:`,
      rows.length > 0 && last
        ? foldedTable(['Period', 'Dates', ...rolesHeader(plan), 'Standby owners'], rows, {
            visible: VISIBLE_ROWS,
            summary: (n) => `${plural(n, 'more period')}, to ${localDay(last.to)}`
          })
        : 'No investor-report period falls in this time.'
    )
  }
  parts.push(checklist(plan, owners))
  return parts.join('\n\n')
}

