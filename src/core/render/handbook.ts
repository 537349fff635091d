// HANDBOOK.md: everything the seed template asks a team to write by hand, generated from the plan
// and the schedule so it stays true. Same plan, schedule and `today` give the same bytes.
import type { LocalDate, Plan, Schedule } from '../types.js'
import { changeSection, communicationSection, escalationSection, kpiSection, subscribeSection } from './handbook-operations.js'
import { holidaySection, vacationSection } from './handbook-coverage.js'
import { investorSection } from './handbook-investor.js'
import { dependencySection, ownershipSection, runbooksSection } from './handbook-pipelines.js'
import { fairnessSection } from './handbook-rota.js'
import { ganttSection, nextHandoff, ownHandoff, rotationSection, swapsSection } from './handbook-shifts.js'
import { localDay, localDateOf, rotationName } from './handbook-format.js'
import { cell, code, headingText, html, inline, table } from './markdown.js'

export interface HandbookOptions {
  today: LocalDate
  /** The plan's path as the team knows it, named in the header and the how-to. */
  planFile: string
  /** How many weeks of shifts to list and draw (default 8). */
  weeks?: number
}

interface Section {
  title: string
  /** GitHub's heading anchor for the title (kept simple: titles are fixed words). */
  anchor: string
  body: string
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')
}

/** Each member's handoff on their own clock, per rotation they belong to. */
function handoffCell(plan: Plan, member: Plan['team'][number], today: LocalDate): string {
  const rotations = plan.oncall.rotations.filter((r) => r.members.includes(member.id))
  if (rotations.length === 0) return '—'
  const many = plan.oncall.rotations.length > 1
  return cell(rotations.map((r) => `${many ? `${rotationName(plan, r.id)}: ` : ''}${ownHandoff(plan, r, member.timezone, today)}`).join('\n'))
}

function teamSection(plan: Plan, today: LocalDate): string {
  const rows = plan.team.map((m) => [
    cell(m.name),
    m.github ? code(m.github, { inTable: true }) : '—',
    cell(m.email ?? '—'),
    cell(m.timezone),
    handoffCell(plan, m, today),
    m.holidayCode ? code(m.holidayCode, { inTable: true }) + (m.holidays ? '' : ' (company)') : 'none',
    m.capacity === 1 ? 'full' : `${Math.round(m.capacity * 100)}%`
  ])
  const dates = plan.team
    .filter((m) => m.joined || m.left)
    .map((m) => `- ${inline(m.name)}: ${[m.joined ? `on call from ${m.joined}` : '', m.left ? `until ${m.left}` : ''].filter(Boolean).join(', ')}`)
  const next = plan.oncall.rotations[0]
  const from = next ? localDay(localDateOf(nextHandoff(plan, next, today), plan.timezone)) : undefined
  return [
    table(['Name', 'GitHub', 'Email', 'Time zone', 'Handoff (own time)', 'Holiday calendar', 'Capacity'], rows),
    'Handoff is when shifts change hands, on each member\'s own 24-hour clock' +
      (from ? ` as of the next handoff (${from}); a daylight-saving change in one zone but not another moves it by an hour for a few weeks. ` : '. ') +
      'Capacity is the share of a full on-call load a member carries (part-time members carry less).',
    ...(dates.length > 0 ? [dates.join('\n')] : [])
  ].join('\n\n')
}

export function renderHandbook(plan: Plan, schedule: Schedule | undefined, opts: HandbookOptions): string {
  const { today, planFile } = opts
  const weeks = opts.weeks ?? 8
  const sections: Array<Omit<Section, 'anchor'>> = [
    { title: 'Team', body: teamSection(plan, today) },
    { title: 'Ownership matrix', body: ownershipSection(plan) },
    { title: 'On-call rotation', body: rotationSection(plan, schedule, today, weeks) },
    { title: 'Coming weeks', body: ganttSection(plan, schedule, today, weeks) },
    { title: 'Holiday coverage', body: holidaySection(plan, schedule, today) },
    { title: 'Vacation coverage', body: vacationSection(plan, schedule, today, planFile) },
    { title: 'Agreed swaps', body: swapsSection(plan, schedule, today, planFile) },
    { title: 'Investor-report periods', body: investorSection(plan, schedule, today) },
    { title: 'Fairness', body: fairnessSection(plan, schedule) },
    { title: 'Runbooks', body: runbooksSection(plan) },
    { title: 'Pipeline dependencies', body: dependencySection(plan) },
    { title: 'Escalation matrix', body: escalationSection(plan, schedule, today) },
    { title: 'Communication protocols', body: communicationSection(plan, schedule, today) },
    { title: 'Success metrics and KPIs', body: kpiSection(plan) },
    { title: 'How to change the plan', body: changeSection(plan, schedule, planFile, today) },
    { title: 'Subscribe to your calendar', body: subscribeSection(plan) }
  ]
  const withAnchors: Section[] = sections.map((s) => ({ ...s, anchor: slug(s.title) }))
  const contents = withAnchors.map((s, i) => `${i + 1}. [${s.title}](#${s.anchor})`).join('\n')
  const status = schedule
    ? `Shifts and coverage below are as of ${inline(today)}; times are on a 24-hour clock, local to ${inline(plan.timezone)} ` +
      'unless they say otherwise (each member\'s own handoff time is in [Team](#team)).'
    : '**The plan has errors, so the schedule could not be computed.** Run `npx opsplan check` to see them.'
  const out = [
    `<!-- Generated by opsplan from ${html(planFile).replace(/--/g, '- -')}. Do not edit by hand: change the plan and re-render. -->`,
    `# ${headingText(plan.organization)} — data operations handbook`,
    `On-call, ownership and runbooks of the data team, generated from ${code(planFile)}. ${status}`,
    '## Contents',
    contents,
    ...withAnchors.flatMap((s) => [`## ${s.title}`, s.body])
  ]
  return out.join('\n\n') + '\n'
}

