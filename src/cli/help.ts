// The text of `opsplan --help` and of each command's `--help`.
export type Command = 'validate' | 'check' | 'render' | 'now'

const LOCK = `The schedule of record is found by one rule: --lock FILE, else opsplan.lock.json beside the
plan, else (render) the one in the output folder; without one the schedule is planned from each
rotation's start. The last line says which it used.
`

const EXIT = `Exit status: 0 clean (warnings allowed), 1 a rule at severity error,
2 the plan cannot be read (missing file, YAML or schema error), an output cannot be
written, or a bad option.
`

export const HELP: Record<Command | 'main', string> = {
  main: `opsplan — on-call, ownership and runbooks as code for data teams

Usage: opsplan <command> [PLAN] [options]

Commands:
  validate [PLAN]   check the plan's YAML, schema and references
  check [PLAN]      validate, schedule, run every rule and print the pull-request report
  render [PLAN]     write HANDBOOK.md, calendars/*.ics and opsplan.lock.json
  now [PLAN]        who is on call now (or at --at), until when, and who is next

PLAN defaults to ./opsplan.yaml. Run 'opsplan <command> --help' for a command's options,
'opsplan --version' for the version.
${EXIT}`,
  validate: `Usage: opsplan validate [PLAN]

Checks the plan's YAML, its schema (schema/opsplan.schema.json) and every reference in it.
Prints each problem as 'file:line:col: severity rule: message'.
${EXIT}`,
  check: `Usage: opsplan check [PLAN] [--base PLAN] [--lock FILE] [--today DATE] [--format markdown|json]

Validates the plan, plans the schedule against the schedule of record, runs every rule and prints
the report a pull request gets.

  --base PLAN      the plan before the change: mark each problem new or already there, report the
                   shifts that move, fairness before -> after and ownership changes
  --lock FILE      the schedule of record (default: opsplan.lock.json beside the plan, when present)
  --today DATE     the date to plan from, YYYY-MM-DD (default: today in the plan's time zone)
  --format FORMAT  markdown (default) or json (format 2: counts, and "new" on each problem)

${LOCK}${EXIT}`,
  render: `Usage: opsplan render [PLAN] [--out DIR] [--lock FILE] [--today DATE]

Writes HANDBOOK.md, calendars/team.ics, calendars/<member>.ics and opsplan.lock.json under DIR.
A run that finds an error writes nothing; files already there stay as they were.

  --out DIR        where to write (default: the plan's folder)
  --lock FILE      the schedule of record (default: opsplan.lock.json beside the plan, else in DIR)
  --today DATE     the date to plan from, YYYY-MM-DD (default: today in the plan's time zone)

${LOCK}${EXIT}`,
  now: `Usage: opsplan now [PLAN] [--at DATE-TIME] [--member ID] [--lock FILE] [--format text|json]

Who holds each role of each rotation now, until when, and who is next. With --member, that
member's shifts from now on and their leave. Read from the schedule of record where it reaches,
else planned from the plan as of that day.

  --at DATE-TIME   a local date-time in the plan's time zone, YYYY-MM-DDTHH:MM (a date alone
                   is its 00:00; default: now)
  --member ID      one member's coming shifts and leave
  --lock FILE      the schedule of record (default: opsplan.lock.json beside the plan, when present)
  --format FORMAT  text (default) or json

Exit status: 0 answered, 2 the plan or lock cannot be read, an unknown member, or a bad option.
`
}
