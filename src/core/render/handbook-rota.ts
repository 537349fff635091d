// The fairness half of the rota: the fairness table with its model, and the note every schedule
// section shows when the schedule could not be computed. (The shifts themselves: handbook-shifts.ts.)
import { effectiveRule } from '../rules/catalogue.js'
import type { Plan, Schedule } from '../types.js'
import { memberName, num, plural, rotationName, signed } from './handbook-format.js'
import { cell, code, inline, table } from './markdown.js'

export const NO_SCHEDULE =
  '**The schedule could not be computed** because the plan has errors (run `npx opsplan check` to see them). ' +
  'This section will be filled in once the plan is valid.'

function fairnessModel(plan: Plan, schedule: Schedule): string {
  const w = plan.oncall.weights
  const { params } = effectiveRule(plan, 'fairness.load')
  const lookback = plural(Math.round(plan.oncall.fairness.lookbackDays / 7), 'week')
  return [
    'How fairness is measured:',
    '',
    `- **Weights.** Each hour on call counts by its local date for whoever holds it: a weekday ×${w.weekday}, ` +
      `Saturday or Sunday ×${w.weekend}, the member's own public holiday ×${w.holiday}; inside an investor-report ` +
      `period ×${w.investor} on top; the secondary role counts ×${w.secondary}.`,
    '- **Load** is the weighted hours ÷ 24, so one plain weekday on call as primary is a load of 1.',
    '- **Target.** Each member\'s fair share of the load, across every rotation they belong to: the hours ' +
      'they are available (not on leave, between joining and leaving) times their capacity, with each ' +
      'rotation\'s load shared only among its own members and as evenly per available hour as that allows. ' +
      'Someone in two rotations is owed one share, not two.',
    '- **Deviation** is (load − target) ÷ the mean load of one primary shift of the member\'s heaviest rotation: ' +
      `+1.00 means one shift more than a fair share. The rule ${code('fairness.load')} allows ±${params['max-deviation'] ?? 1}.`,
    `- **Window.** From ${inline(plan.oncall.start)} or ${lookback} before today (${inline(schedule.today)}), ` +
      'whichever is later, to the end of the published schedule.'
  ].join('\n')
}

export function fairnessSection(plan: Plan, schedule: Schedule | undefined): string {
  if (!schedule) return NO_SCHEDULE
  const several = plan.oncall.rotations.length > 1
  const rows = schedule.fairness.map((f) => [
    cell(memberName(plan, f.member)),
    ...(several ? [cell(Object.entries(f.rotations).map(([id, l]) => `${rotationName(plan, id)} ${num(l, 1)}`).join(', '))] : []),
    num(f.load, 1),
    num(f.target, 1),
    signed(f.deviation, 2),
    String(f.shifts),
    String(f.holidays),
    String(f.investor)
  ])
  const header = ['Member', ...(several ? ['Load by rotation'] : []), 'Load', 'Target', 'Deviation', 'Shifts', 'Holiday days', 'Investor shifts']
  return [
    fairnessModel(plan, schedule),
    rows.length > 0
      ? table(header, rows, { align: ['l', ...(several ? ['l' as const] : []), 'r', 'r', 'r', 'r', 'r', 'r'] })
      : 'No fairness figures yet.'
  ].join('\n\n')
}
