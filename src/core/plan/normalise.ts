// Plain data that passed every check → the typed Plan: camelCase fields, durations parsed and the
// defaults of SPEC section 2 applied, so no later module has to know them.
import type {
  Communication, Duration, EscalationLevel, Handoff, InvestorPeriodsConfig, Kpi, Leave, Member, OncallConfig, Pipeline, Plan, Role,
  Rotation, RuleOverride, RuleSeverity, Stakeholder, Swap, Weights
} from '../types.js'
import { MINUTES_PER_DAY, parseDuration } from './durations.js'
import type { Raw } from './raw.js'

export const DEFAULT_WEIGHTS: Weights = { weekday: 1, weekend: 1.5, holiday: 2, investor: 1.5, secondary: 0.5 }
const DEFAULT_ROLES: Role[] = ['primary', 'secondary']

/** Only for data the schema and the semantic checks accepted. */
export function normalisePlan(data: Raw): Plan {
  const timezone = data.timezone as string
  const oncallRaw = (data.oncall ?? {}) as Raw
  const company = str(obj(oncallRaw.holidays).company)
  const team = arr(data.team).map((m): Member => ({
    id: m.id as string,
    ...opt('renamedFrom', str(m['renamed-from'])),
    name: m.name as string,
    ...opt('github', str(m.github)),
    ...opt('email', str(m.email)),
    timezone: str(m.timezone) ?? timezone,
    ...opt('holidays', str(m.holidays)),
    ...opt('holidayCode', str(m.holidays) ?? company),
    capacity: typeof m.capacity === 'number' ? m.capacity : 1,
    ...opt('joined', str(m.joined)),
    ...opt('left', str(m.left))
  }))
  const pipelines = arr(data.pipelines).map(pipeline)
  const oncall = normaliseOncall(oncallRaw, team.map((m) => m.id), pipelines)
  const onlyRotation = oncall.rotations.length === 1 ? oncall.rotations[0]?.id : undefined
  return {
    version: 1,
    organization: data.organization as string,
    timezone,
    team,
    stakeholders: arr(data.stakeholders).map((s): Stakeholder => ({
      id: s.id as string, name: s.name as string, ...opt('contact', str(s.contact))
    })),
    pipelines,
    oncall,
    leave: arr(data.leave).map((l): Leave => ({
      member: l.member as string, from: l.from as string, to: l.to as string, ...opt('reason', str(l.reason))
    })),
    swaps: arr(data.swaps).map((s): Swap => ({
      rotation: str(s.rotation) ?? (onlyRotation as string),
      role: s.role as Role,
      member: s.member as string,
      from: s.from as string,
      to: s.to as string,
      ...opt('reason', str(s.reason))
    })),
    escalation: arr(data.escalation).map((e): EscalationLevel => ({
      level: e.level as number, name: e.name as string, contacts: strings(e.contacts),
      after: duration(e.after), ...opt('when', str(e.when))
    })),
    communication: arr(data.communication).map((c): Communication => ({
      cadence: c.cadence as Communication['cadence'], what: c.what as string,
      ...opt('channel', str(c.channel)), who: strings(c.who)
    })),
    kpis: arr(data.kpis).map((k): Kpi => ({ area: k.area as Kpi['area'], name: k.name as string, target: k.target as string })),
    rules: normaliseRules(obj(data.rules))
  }
}

function pipeline(p: Raw): Pipeline {
  const owners = obj(p.owners)
  const data = p.data === undefined ? undefined : obj(p.data)
  const sla = p.sla === undefined ? undefined : obj(p.sla)
  return {
    id: p.id as string,
    name: p.name as string,
    ...opt('purpose', str(p.purpose)),
    ...opt('schedule', str(p.schedule)),
    criticality: (str(p.criticality) ?? 'medium') as Pipeline['criticality'],
    investorFacing: p['investor-facing'] === true,
    owners: { primary: owners.primary as string, secondary: owners.secondary as string },
    stakeholders: strings(p.stakeholders),
    dependsOn: strings(p['depends-on']),
    ...(data ? { data: { sources: strings(data.sources), types: strings(data.types), outputs: strings(data.outputs) } } : {}),
    ...(sla ? {
      sla: {
        ...opt('freshness', sla.freshness === undefined ? undefined : duration(sla.freshness)),
        ...opt('resolution', sla.resolution === undefined ? undefined : duration(sla.resolution))
      }
    } : {}),
    monitoring: arr(p.monitoring).map((m) => ({ check: m.check as string, alert: m.alert as string })),
    runbook: arr(p.runbook).map((r) => ({
      issue: r.issue as string,
      ...opt('symptom', str(r.symptom)),
      actions: strings(r.actions),
      ...opt('escalation', str(r.escalation))
    }))
  }
}

function handoff(text: string): Handoff {
  const [hour, minute] = text.replace(/^[A-Z][a-z]{2} /, '').split(':').map(Number) as [number, number]
  return { hour, minute, text }
}

/** The last-business-days default applies only where some pipeline is investor-facing (SPEC section 3). */
function investorPeriods(periods: Raw, pipelines: Pipeline[]): InvestorPeriodsConfig {
  if (periods.none === true) return { none: true }
  if (periods.dates !== undefined) {
    return { dates: arr(periods.dates).map((d) => ({ from: d.from as string, to: d.to as string, ...opt('label', str(d.label)) })) }
  }
  if (typeof periods['last-business-days'] === 'number') return { lastBusinessDays: periods['last-business-days'] }
  return pipelines.some((p) => p.investorFacing) ? { lastBusinessDays: 5 } : { none: true }
}

function normaliseOncall(o: Raw, memberIds: string[], pipelines: Pipeline[]): OncallConfig {
  const pipelineIds = pipelines.map((p) => p.id)
  const shift = duration(o.shift ?? '1w')
  const start = o.start as string
  const defaultHandoff = handoff(str(o.handoff) ?? '10:00')
  // only what the rotation itself sets: the rest follows oncall's (rotationGrid in schedule/calendar.ts)
  const grid = (r: Raw): Pick<Rotation, 'start' | 'shift' | 'shiftDays' | 'handoff'> => ({
    ...opt('start', str(r.start)),
    ...(r.shift === undefined ? {} : { shift: duration(r.shift), shiftDays: days(duration(r.shift)) }),
    ...opt('handoff', r.handoff === undefined ? undefined : handoff(str(r.handoff) as string))
  })
  const rotations = o.rotations === undefined
    ? [{ id: 'main', name: 'Main', members: memberIds, roles: DEFAULT_ROLES, pipelines: pipelineIds, ...grid({}) }]
    : arr(o.rotations).map((r): Rotation => ({
      id: r.id as string,
      ...opt('renamedFrom', str(r['renamed-from'])),
      name: str(r.name) ?? (r.id as string),
      members: r.members === undefined ? memberIds : strings(r.members),
      roles: r.roles === undefined ? DEFAULT_ROLES : (strings(r.roles) as Role[]),
      pipelines: r.pipelines === undefined ? pipelineIds : strings(r.pipelines),
      ...grid(r)
    }))
  const holidays = obj(o.holidays)
  return {
    start,
    shiftDays: days(shift),
    shift,
    handoff: defaultHandoff,
    horizonDays: days(duration(o.horizon ?? '26w')),
    freezeDays: days(duration(o.freeze ?? '2w')),
    rotations,
    weights: { ...DEFAULT_WEIGHTS, ...(obj(o.weights) as Partial<Weights>) },
    holidays: {
      ...opt('company', str(holidays.company)),
      policy: (str(holidays.policy) ?? 'avoid') as OncallConfig['holidays']['policy']
    },
    investorPeriods: investorPeriods(obj(o['investor-periods']), pipelines),
    fairness: { lookbackDays: days(duration(obj(o.fairness).lookback ?? '26w')) }
  }
}

function normaliseRules(rules: Raw): Record<string, RuleOverride> {
  const out: Record<string, RuleOverride> = {}
  for (const [id, value] of Object.entries(rules)) {
    if (typeof value === 'string') {
      out[id] = { severity: value as RuleSeverity, params: {} }
      continue
    }
    const params: Record<string, number> = {}
    let severity: RuleSeverity | undefined
    for (const [name, v] of Object.entries(obj(value))) {
      if (name === 'severity') severity = v as RuleSeverity
      // a duration parameter (`max-run: 1w`) is held in minutes, so every parameter is a number
      else params[name] = typeof v === 'string' ? duration(v).minutes : (v as number)
    }
    out[id] = { ...opt('severity', severity), params }
  }
  return out
}

function obj(value: unknown): Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {}
}

function arr(value: unknown): Raw[] {
  return Array.isArray(value) ? (value as Raw[]) : []
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

function duration(value: unknown): Duration {
  return parseDuration(String(value)) ?? { text: String(value), minutes: 0 }
}

function days(d: Duration): number {
  return Math.round(d.minutes / MINUTES_PER_DAY)
}

/** `{ [key]: value }` when the value is set, so optional fields are absent rather than undefined. */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V })
}
