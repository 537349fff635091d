// The typed shapes shared by the pure core: the plan after loading, problems, the schedule, the
// schedule of record and the reports. Nothing here does I/O.

/** A local calendar date in the plan's time zone, `YYYY-MM-DD`. */
export type LocalDate = string
/** An instant in UTC, ISO 8601 without milliseconds: `2026-12-07T15:00:00Z` (sorts as text). */
export type UtcInstant = string
/**
 * A local date `YYYY-MM-DD` (a whole day) or a local date-time `YYYY-MM-DDTHH:MM` (that instant), as
 * leave and swaps may be written: a date `to` is inclusive (to the end of that day), a date-time `to`
 * is the instant the range ends.
 */
export type LocalDateOrTime = string

export type Role = 'primary' | 'secondary'
export type ProblemSeverity = 'error' | 'warning'
export type RuleSeverity = 'off' | ProblemSeverity

/** A place in a plan file, 1-based line and column. */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

/** One problem, as printed `file:line:col: severity rule: message` and as SPEC section 6 JSON. */
export interface Problem {
  severity: ProblemSeverity
  rule: string
  message: string
  file?: string
  line?: number
  column?: number
  /** Where in the plan, for problems found without the source at hand (the scheduler's): the caller locates it. */
  planPath?: PlanPath
  /** Brought by the change under review: absent from the base plan's report (always true without a base). */
  new?: boolean
}

/** A path into the plan document, as YAML keys and sequence indexes: ['pipelines', 0, 'owners']. */
export type PlanPath = ReadonlyArray<string | number>

/** A duration such as `30m`, `4h`, `1d`, `2w`, kept with its text for messages. */
export interface Duration {
  text: string
  minutes: number
}

export interface Member {
  id: string
  /** The id the member had before (`renamed-from`): the schedule of record's past under it is theirs. */
  renamedFrom?: string
  name: string
  github?: string
  email?: string
  /** IANA zone; defaults to the plan timezone. */
  timezone: string
  /** The member's own date-holidays code, as written. */
  holidays?: string
  /** The code that applies: the member's own, else `oncall.holidays.company`, else none. */
  holidayCode?: string
  /** 0 < capacity <= 1, default 1. */
  capacity: number
  joined?: LocalDate
  left?: LocalDate
}

export interface Stakeholder {
  id: string
  name: string
  contact?: string
}

export type Criticality = 'critical' | 'high' | 'medium' | 'low'

export interface MonitoringCheck {
  check: string
  alert: string
}

export interface RunbookIssue {
  issue: string
  symptom?: string
  actions: string[]
  escalation?: string
}

export interface Pipeline {
  id: string
  name: string
  purpose?: string
  /** Five-field cron in the plan timezone. */
  schedule?: string
  criticality: Criticality
  investorFacing: boolean
  owners: { primary: string; secondary: string }
  stakeholders: string[]
  dependsOn: string[]
  data?: { sources: string[]; types: string[]; outputs: string[] }
  sla?: { freshness?: Duration; resolution?: Duration }
  monitoring: MonitoringCheck[]
  runbook: RunbookIssue[]
}

/** A local wall-clock time of day, as written (`10:00`, `Mon 10:00`) and parsed. */
export interface Handoff {
  hour: number
  minute: number
  text: string
}

export interface Rotation {
  id: string
  /** The id the rotation had before (`renamed-from`): the schedule of record's past under it is its own. */
  renamedFrom?: string
  name: string
  members: string[]
  roles: Role[]
  pipelines: string[]
  /**
   * The rotation's own grid where the plan gives it: first handoff date, shift length (whole days,
   * 1..28), handoff time. Each unset one is `oncall`'s: ask `rotationGrid` (schedule/calendar.ts).
   */
  start?: LocalDate
  shiftDays?: number
  shift?: Duration
  handoff?: Handoff
}

/** A rotation's grid with `oncall`'s defaults filled in. */
export interface RotationGrid {
  id: string
  start: LocalDate
  shiftDays: number
  shift: Duration
  handoff: Handoff
}

export interface Weights {
  weekday: number
  weekend: number
  holiday: number
  investor: number
  secondary: number
}

export type HolidayPolicy = 'avoid' | 'off' | 'work'

export interface DateRange {
  from: LocalDate
  to: LocalDate
}

export interface InvestorPeriodsConfig {
  /** Last N business days of each month (default 5 when a pipeline is investor-facing) ... */
  lastBusinessDays?: number
  /** ... or explicit ranges ... */
  dates?: Array<DateRange & { label?: string }>
  /** ... or none (`none: true`, and the default without investor-facing pipelines). One is set after loading. */
  none?: boolean
}

/** `oncall` after loading. `start`, `shift` and `handoff` are the defaults of each rotation's own grid. */
export interface OncallConfig {
  start: LocalDate
  /** Shift length in whole days (1..28). */
  shiftDays: number
  shift: Duration
  /** Local wall-clock time of each handoff. */
  handoff: Handoff
  horizonDays: number
  freezeDays: number
  rotations: Rotation[]
  weights: Weights
  holidays: { company?: string; policy: HolidayPolicy }
  investorPeriods: InvestorPeriodsConfig
  fairness: { lookbackDays: number }
}

/** Leave and swaps: dates (whole days) or local date-times; see {@link LocalDateOrTime}. */
export interface TimeRange {
  from: LocalDateOrTime
  to: LocalDateOrTime
}

/** Leave: whole days (or date-times) in the member's own time zone. */
export interface Leave extends TimeRange {
  member: string
  reason?: string
}

/** A swap: dates (or date-times) in the plan's time zone. */
export interface Swap extends TimeRange {
  rotation: string
  role: Role
  member: string
  reason?: string
}

export interface EscalationLevel {
  level: number
  name: string
  /** member ids, stakeholder ids, oncall:primary|secondary, owner:primary|secondary */
  contacts: string[]
  after: Duration
  when?: string
}

export type Cadence = 'daily' | 'weekly' | 'monthly' | 'per-incident'

export interface Communication {
  cadence: Cadence
  what: string
  channel?: string
  who: string[]
}

export type KpiArea = 'reliability' | 'data-quality' | 'team'

export interface Kpi {
  area: KpiArea
  name: string
  target: string
}

/** A rule override from `rules:`; params are the remaining keys (e.g. `max-deviation`). */
export interface RuleOverride {
  severity?: RuleSeverity
  params: Record<string, number>
}

/** The plan after loading: defaults applied, durations parsed, ids resolved (see SPEC section 2). */
export interface Plan {
  version: 1
  organization: string
  timezone: string
  team: Member[]
  stakeholders: Stakeholder[]
  pipelines: Pipeline[]
  oncall: OncallConfig
  leave: Leave[]
  swaps: Swap[]
  escalation: EscalationLevel[]
  communication: Communication[]
  kpis: Kpi[]
  rules: Record<string, RuleOverride>
}

/**
 * Maps a path in the plan document to where it stands in the file: the value's node, or with
 * `{ key: true }` the key of the last map entry. A path that does not exist maps to its nearest
 * existing ancestor; an empty path, or a file with no document, to 1:1.
 */
export type Locator = (path: PlanPath, options?: { key?: boolean }) => SourceLocation

/** What loading a plan gives: the plan when it could be read, every problem found, and a locator. */
export interface LoadResult {
  plan?: Plan
  problems: Problem[]
  locate: Locator
  file: string
}

// ---------------------------------------------------------------------------------------------
// The schedule

/** One stretch of one role held by one member. A shift its member holds throughout is one segment. */
export interface Segment {
  rotation: string
  role: Role
  member: string
  start: UtcInstant
  end: UtcInstant
}

/** A segment with what the scheduler knows about it, for reports, calendars and the lock. */
export interface ScheduledSegment extends Segment {
  /** Start of the shift this segment belongs to (the UID anchor of calendar events). */
  shiftStart: UtcInstant
  /** The member the shift was given to; differs from `member` when this segment is a cover. */
  shiftMember: string
  /** Why the segment is held by this member: a swap, a cover for leave, ... (plain words). */
  note?: string
  kind: 'shift' | 'cover' | 'swap'
}

/** One shift of one rotation: the period between two of its handoffs. */
export interface ShiftSlot {
  rotation: string
  index: number
  start: UtcInstant
  end: UtcInstant
  /** Local dates the shift touches, first to last. */
  startDate: LocalDate
  endDate: LocalDate
}

/**
 * One member's fairness across every rotation they belong to (SPEC section 3): load against a max-min
 * fair target, the deviation in shifts of their heaviest rotation, and the counts behind the spreads.
 */
export interface FairnessRow {
  member: string
  load: number
  target: number
  deviation: number
  /** Load carried in each rotation the member belongs to, by rotation id. */
  rotations: Record<string, number>
  /** Shifts held (at least half of each), across rotations. */
  shifts: number
  /** Own public holidays on call (12 hours or more of the day). */
  holidays: number
  /** Shifts held that touch an investor period. */
  investor: number
}

export interface Change {
  rotation: string
  role: Role
  start: UtcInstant
  end: UtcInstant
  before: string | null
  after: string | null
  reason: string
}

/** A public holiday of one calendar. */
export interface Holiday {
  date: LocalDate
  name: string
  /** The date-holidays code it belongs to. */
  code: string
}

export interface InvestorPeriod extends DateRange {
  label: string
}

/** Everything the scheduler worked out, for rules, reports, the handbook and calendars. */
/** A stretch of one role left unstaffed, with the reason in plain words (see `Schedule.gaps`). */
export interface ScheduleGap {
  rotation: string
  role: Role
  start: UtcInstant
  end: UtcInstant
  reason: string
}

export interface Schedule {
  /** The window scheduled: first handoff to end of horizon. */
  from: UtcInstant
  to: UtcInstant
  /** `today` as given, and the freeze boundary `today + freeze` as an instant. */
  today: LocalDate
  /** The plan's time zone, recorded in the schedule of record (set by buildSchedule). */
  timezone?: string
  frozenUntil: UtcInstant
  /** Every rotation's shifts, rotation by rotation in plan order, each in time order. */
  shifts: ShiftSlot[]
  segments: ScheduledSegment[]
  fairness: FairnessRow[]
  /** Public holidays per member id, within the window. */
  holidays: Record<string, Holiday[]>
  /** Public holidays of the company calendar within the window (listed in the handbook). */
  companyHolidays: Holiday[]
  investorPeriods: InvestorPeriod[]
  /**
   * Stretches where a role could not be staffed without breaking a hard constraint: left unassigned,
   * never filled silently. `reason` is plain words, e.g. "2 of 3 members on leave; 2 roles need 2 people".
   */
  gaps: ScheduleGap[]
  /** Other problems found while scheduling (a lock that does not fit the plan, ...). */
  problems: Problem[]
}

// ---------------------------------------------------------------------------------------------
// The schedule of record

export interface LockSegment extends Segment {
  /** On a cover: the member whose shift this segment stands in for (the shift's member). */
  covers?: string
  /** iCalendar SEQUENCE: grows by one each time this segment changes. */
  sequence: number
  /** The `today` (as UTC midnight of that date) on which this segment was last changed: DTSTAMP. */
  stamp: UtcInstant
}

export interface Lock {
  notice: string
  version: 1
  timezone: string
  segments: LockSegment[]
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface OwnershipChange {
  pipeline: string
  field: 'primary' | 'secondary' | 'added' | 'removed'
  before: string | null
  after: string | null
}

export interface FairnessComparison {
  member: string
  before: FairnessRow | null
  after: FairnessRow | null
}

/** What `opsplan check` produces, and what the action turns into a comment. */
export interface CheckReport {
  ok: boolean
  file: string
  today: LocalDate
  problems: Problem[]
  errors: number
  warnings: number
  /** Present when the plan could be read. */
  plan?: Plan
  schedule?: Schedule
  /**
   * Against the base plan, when one was given: its plan, its schedule in the head plan's ids (see
   * lock-renames.ts) and the problems met loading it.
   */
  base?: { plan?: Plan; schedule?: Schedule; problems: Problem[] }
  /** The base plan's problems the head plan no longer has (with a base plan). */
  resolved?: Problem[]
  /** The schedule of record the schedule was planned against; undefined when planned without one. */
  lockFile?: string
  changes: Change[]
  fairness: FairnessComparison[]
  ownership: OwnershipChange[]
  /** Members (ids) whose segments change between base and head. */
  affectedMembers: string[]
}
