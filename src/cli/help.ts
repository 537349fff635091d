// The text of `opsplan --help` and of each command's `--help`.
export type Command = 'validate' | 'check' | 'render'

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

PLAN defaults to ./opsplan.yaml. Run 'opsplan <command> --help' for a command's options.
${EXIT}`,
  validate: `Usage: opsplan validate [PLAN]

Checks the plan's YAML, its schema (schema/opsplan.schema.json) and every reference in it.
Prints each problem as 'file:line:col: severity rule: message'.
${EXIT}`,
  check: `Usage: opsplan check [PLAN] [--base PLAN] [--lock FILE] [--today DATE] [--format markdown|json]

Validates the plan, plans the schedule against the schedule of record, runs every rule and prints
the report a pull request gets.

  --base PLAN      the plan before the change: report the shifts that move, fairness before -> after
                   and ownership changes
  --lock FILE      the schedule of record (default: opsplan.lock.json beside the plan, when present)
  --today DATE     the date to plan from, YYYY-MM-DD (default: today in the plan's time zone)
  --format FORMAT  markdown (default) or json
${EXIT}`,
  render: `Usage: opsplan render [PLAN] [--out DIR] [--lock FILE] [--today DATE]

Writes HANDBOOK.md, calendars/team.ics, calendars/<member>.ics and opsplan.lock.json under DIR.
A run that finds an error writes nothing; files already there stay as they were.

  --out DIR        where to write (default: the plan's folder)
  --lock FILE      the schedule of record (default: opsplan.lock.json in DIR, when present)
  --today DATE     the date to plan from, YYYY-MM-DD (default: today in the plan's time zone)
${EXIT}`
}
