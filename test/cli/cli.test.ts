// The command line as a data engineer uses it: validate a plan, check a leave request against the
// base plan, render the handbook and calendars — and get one clear line, not a stack trace, when
// something is wrong.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { nodeSystem, type System } from '../../src/cli/system.js'

const EXAMPLE = 'examples/techflow/opsplan.yaml'
const TODAY = '2026-11-23'
let work: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'opsplan-cli-'))
})
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

/** Runs the CLI in-process with the real file system and captured output. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const sys: System = {
    ...nodeSystem(),
    now: () => new Date('2026-11-23T12:00:00Z'),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t)
  }
  const code = await main(argv, sys)
  return { code, stdout, stderr }
}

function withLeave(text: string, entry: string): string {
  // The example's `leave:` list is a block sequence; a new entry goes right under the key.
  return text.replace(/^leave:\n/m, `leave:\n${entry}`)
}

describe('opsplan validate', () => {
  it('accepts the TechFlow example and sums it up', async () => {
    const { code, stdout, stderr } = await run('validate', EXAMPLE)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/valid — 4 members, 5 pipelines, 1 rotation/)
  })

  it('names the file, line and column of a dangling owner and exits 2', async () => {
    const plan = join(work, 'dangling.yaml')
    const text = readFileSync(EXAMPLE, 'utf8').replace(/primary: ana\b/, 'primary: zoe')
    writeFileSync(plan, text)
    const line = text.split('\n').findIndex((l) => l.includes('primary: zoe')) + 1
    const column = text.split('\n')[line - 1]!.indexOf('zoe') + 1
    const { code, stderr } = await run('validate', plan)
    expect(code).toBe(2)
    expect(stderr).toContain(`${plan}:${line}:${column}: error plan.reference:`)
    expect(stderr).toContain("'zoe'")
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  it('says plainly when the plan file is missing', async () => {
    const { code, stderr } = await run('validate', join(work, 'nope.yaml'))
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/cannot read plan '.*nope\.yaml': no such file/)
  })
})

describe('opsplan check', () => {
  it('explains a new leave: which shifts move, to whom and why', async () => {
    const base = join(work, 'base.yaml')
    const head = join(work, 'head.yaml')
    const text = readFileSync(EXAMPLE, 'utf8')
    writeFileSync(base, text)
    writeFileSync(head, withLeave(text, '  - { member: chen, from: 2027-02-15, to: 2027-02-26, reason: ski trip }\n'))
    const { code, stdout } = await run('check', head, '--base', base, '--today', TODAY, '--format', 'json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(Object.keys(report)).toEqual(['format', 'ok', 'errors', 'warnings', 'problems', 'schedule', 'fairness', 'changes'])
    expect(report.format).toBe(2)
    expect(report.changes.length).toBeGreaterThan(0)
    for (const change of report.changes) {
      expect(change.before === 'chen' || change.after === 'chen' || change.reason.length > 0).toBe(true)
    }
    expect(report.changes.some((c: { before: string; reason: string }) => c.before === 'chen' && /chen on leave \(ski trip\)/.test(c.reason))).toBe(true)
    expect(report.schedule.every((s: { member: string; start: string; end: string }) =>
      // leave is whole days in chen's own zone, Los Angeles
      s.member !== 'chen' || s.end <= '2027-02-15T08:00:00Z' || s.start >= '2027-02-27T08:00:00Z')).toBe(true)
  })

  it('prints the Markdown report by default', async () => {
    const { code, stdout } = await run('check', EXAMPLE, '--today', TODAY)
    expect(code).toBe(0)
    expect(stdout).toMatch(/✅/)
  })

  it('judges the plan alone, and says so, when the base plan cannot be read', async () => {
    const base = join(work, 'broken-base.yaml')
    writeFileSync(base, Buffer.from([0x76, 0x65, 0x72, 0xff, 0x0a]))
    const { code, stderr } = await run('check', EXAMPLE, '--base', base, '--today', TODAY, '--format', 'json')
    expect(code).toBe(0)
    expect(stderr).toContain(`${base}: the base plan cannot be read, so no changes are reported:`)
    expect(stderr).toMatch(/error plan\.read: the plan is not valid UTF-8/)
  })

  it('still prints the JSON object, with one plan.read error, when a file is missing under --format json', async () => {
    const missing = join(work, 'no-such-plan.yaml')
    const plan = await run('check', missing, '--today', TODAY, '--format', 'json')
    expect(plan.code).toBe(2)
    expect(plan.stderr).toBe(`opsplan: cannot read plan '${missing}': no such file\n`)
    expect(JSON.parse(plan.stdout)).toEqual({
      format: 2,
      ok: false,
      errors: 1,
      warnings: 0,
      problems: [{ severity: 'error', rule: 'plan.read', message: `cannot read plan '${missing}': no such file`, file: missing, line: null, column: null, new: true }],
      schedule: [],
      fairness: [],
      changes: []
    })
    const lock = await run('check', EXAMPLE, '--lock', join(work, 'no-such.lock.json'), '--today', TODAY, '--format', 'json')
    expect(lock.code).toBe(2)
    expect(JSON.parse(lock.stdout).problems[0].message).toBe(`cannot read lock '${join(work, 'no-such.lock.json')}': no such file`)
    // the Markdown report has no such fallback: stdout stays empty, the line on stderr says it all
    expect((await run('check', missing, '--today', TODAY)).stdout).toBe('')
  })

  it('exits 2 when the schedule of record is not JSON', async () => {
    const lock = join(work, 'bad.lock.json')
    writeFileSync(lock, '{ "segments": [')
    const { code, stderr } = await run('check', EXAMPLE, '--lock', lock, '--today', TODAY)
    expect(code).toBe(2)
    expect(stderr).toContain(`${lock}:1:1: error plan.read: `)
  })

  it('rejects a bad --today and an unknown --format with exit 2', async () => {
    expect((await run('check', EXAMPLE, '--today', '2026-02-30')).code).toBe(2)
    const bad = await run('check', EXAMPLE, '--format', 'xml')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/invalid --format 'xml'\. Expected markdown or json\./)
  })
})

describe('opsplan render', () => {
  it('writes the handbook, a feed per member plus the team feed, and the lock — and again changes nothing', async () => {
    const out = join(work, 'render')
    const first = await run('render', EXAMPLE, '--out', out, '--today', TODAY)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/Rendered TechFlow Solutions .* 5 calendar feeds/)
    expect(readdirSync(join(out, 'calendars')).sort()).toEqual(['ana.ics', 'ben.ics', 'chen.ics', 'dee.ics', 'team.ics'].sort())
    expect(readFileSync(join(out, 'HANDBOOK.md'), 'utf8').split('\n')[0]).toMatch(/generated/i)
    const lock = JSON.parse(readFileSync(join(out, 'opsplan.lock.json'), 'utf8'))
    expect(lock.segments.length).toBeGreaterThan(0)

    const second = await run('render', EXAMPLE, '--out', out, '--today', TODAY)
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/\(0 of 7 files changed\)/)
  })

  it('writes nothing when the plan has an error, and leaves what was there alone', async () => {
    const out = join(work, 'untouched')
    await run('render', EXAMPLE, '--out', out, '--today', TODAY)
    const before = readFileSync(join(out, 'HANDBOOK.md'), 'utf8')
    const broken = join(work, 'broken.yaml')
    writeFileSync(broken, readFileSync(EXAMPLE, 'utf8').replace(/timezone: America\/New_York/, 'timezone: Mars/Olympus'))
    const result = await run('render', broken, '--out', out, '--today', TODAY)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/nothing was written/)
    expect(readFileSync(join(out, 'HANDBOOK.md'), 'utf8')).toBe(before)
    expect(readdirSync(out).filter((f) => f.includes('opsplan-tmp'))).toEqual([])
  })
})

describe('the schedule of record, found by one rule', () => {
  // A team keeps opsplan.lock.json beside its plan and renders the handbook into site/.
  const copy = (name: string): string => {
    const dir = join(work, name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'opsplan.yaml'), readFileSync(EXAMPLE))
    return dir
  }

  it('plans without one, and says so, when there is none', async () => {
    const dir = copy('lock-none')
    const checked = await run('check', join(dir, 'opsplan.yaml'), '--today', TODAY)
    expect(checked.stderr).toBe(`${join(dir, 'opsplan.yaml')}: 0 errors, 0 warnings; planned without a schedule of record (no opsplan.lock.json found)\n`)
    expect(checked.stdout).toContain('Planned without a schedule of record.')
    const rendered = await run('render', join(dir, 'opsplan.yaml'), '--out', join(dir, 'site'), '--today', TODAY)
    expect(rendered.stdout).toMatch(/; planned without a schedule of record \(no opsplan\.lock\.json found\)\n$/)
  })

  it('reads the one beside the plan before the one in --out, in render and check alike', async () => {
    const dir = copy('lock-beside')
    const plan = join(dir, 'opsplan.yaml')
    const site = join(dir, 'site')
    // the record beside the plan is the real one; site/ holds something that is not a record at all
    await run('render', plan, '--today', TODAY)
    mkdirSync(site, { recursive: true })
    writeFileSync(join(site, 'opsplan.lock.json'), '{ "not": "a record" }')
    const rendered = await run('render', plan, '--out', site, '--today', TODAY)
    expect(rendered.code).toBe(0)
    expect(rendered.stdout).toMatch(new RegExp(`; schedule of record ${join(dir, 'opsplan.lock.json').replace(/[.]/g, '\\.')}\n$`))
    expect(readFileSync(join(site, 'opsplan.lock.json'), 'utf8')).toBe(readFileSync(join(dir, 'opsplan.lock.json'), 'utf8'))
    const checked = await run('check', plan, '--today', TODAY)
    expect(checked.stderr).toBe(`${plan}: 0 errors, 0 warnings; schedule of record ${join(dir, 'opsplan.lock.json')}\n`)
    expect(checked.stdout).toContain(`Planned against the schedule of record \`${join(dir, 'opsplan.lock.json')}\`.`)
  })

  it('falls back to the one in --out when none is beside the plan', async () => {
    const dir = copy('lock-out')
    const plan = join(dir, 'opsplan.yaml')
    const site = join(dir, 'site')
    await run('render', plan, '--out', site, '--today', TODAY)
    const again = await run('render', plan, '--out', site, '--today', TODAY)
    expect(again.stdout).toMatch(new RegExp(`\\(0 of 7 files changed\\); schedule of record ${join(site, 'opsplan.lock.json').replace(/[.]/g, '\\.')}\n$`))
  })

  it('takes --lock over both', async () => {
    const dir = copy('lock-explicit')
    const plan = join(dir, 'opsplan.yaml')
    writeFileSync(join(dir, 'opsplan.lock.json'), 'not json at all')
    const elsewhere = join(dir, 'records')
    await run('render', plan, '--out', elsewhere, '--lock', join(work, 'lock-none', 'site', 'opsplan.lock.json'), '--today', TODAY)
    const checked = await run('check', plan, '--lock', join(elsewhere, 'opsplan.lock.json'), '--today', TODAY)
    expect(checked.code).toBe(0)
    expect(checked.stderr).toBe(`${plan}: 0 errors, 0 warnings; schedule of record ${join(elsewhere, 'opsplan.lock.json')}\n`)
  })
})

describe('opsplan check against a base plan with old warnings', () => {
  it('prints the new problems first, then those already in the base plan, then the summary', async () => {
    let seen = 0
    const main = readFileSync(EXAMPLE, 'utf8').replace(/freshness: 24h/g, (m) => (++seen >= 2 ? 'freshness: 12h' : m))
    const base = join(work, 'warned-base.yaml')
    const head = join(work, 'warned-head.yaml')
    writeFileSync(base, main)
    writeFileSync(head, withLeave(main, '  - { member: chen, from: 2026-11-30, to: 2026-12-02, reason: family }\n'))
    const { code, stderr } = await run('check', head, '--base', base, '--today', TODAY)
    expect(code).toBe(0)
    const lines = stderr.trimEnd().split('\n')
    expect(lines.map((l) => l.replace(/^.*?: (warning|error) ([a-z.-]+): .*$/, '$1 $2'))).toEqual([
      'warning investor.owner-leave',
      'warning leave.notice',
      `${head}: 2 problems were already in the base plan:`,
      'warning sla.schedule',
      'warning sla.schedule',
      `${head}: 0 errors, 4 warnings (2 new); planned without a schedule of record (no opsplan.lock.json found)`
    ])
  })
})

describe('opsplan now', () => {
  // 2026-11-23 12:00 in New York: Dee is primary and Ana secondary until the Monday handoff.
  let record: string
  beforeAll(async () => {
    record = join(work, 'now-record')
    mkdirSync(record, { recursive: true })
    writeFileSync(join(record, 'opsplan.yaml'), readFileSync(EXAMPLE))
    await run('render', join(record, 'opsplan.yaml'), '--today', TODAY)
  })

  it('tells who holds each role, until when and who is next, from the schedule of record', async () => {
    const { code, stdout, stderr } = await run('now', join(record, 'opsplan.yaml'))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lock = JSON.parse(readFileSync(join(record, 'opsplan.lock.json'), 'utf8')) as { segments: Array<{ role: string; member: string; start: string; end: string }> }
    const at = '2026-11-23T12:00:00Z'
    const holder = (role: string) => lock.segments.find((s) => s.role === role && s.start <= at && at < s.end)
    const primary = holder('primary')
    expect(stdout.split('\n')[0]).toBe(`On call at Mon 2026-11-23 07:00 (America/New_York), from the schedule of record ${join(record, 'opsplan.lock.json')}:`)
    expect(stdout).toMatch(new RegExp(`\n  primary +\\S.* \\(${primary?.member}\\) +until Mon 2026-11-23 10:00 +then .* from Mon 2026-11-23 10:00\n`))
  })

  it('answers in JSON at a given local time, with the holder and the next one', async () => {
    const { code, stdout } = await run('now', join(record, 'opsplan.yaml'), '--at', '2026-12-25T20:30', '--format', 'json')
    expect(code).toBe(0)
    const answer = JSON.parse(stdout)
    expect(answer).toMatchObject({ at: '2026-12-26T01:30:00Z', timezone: 'America/New_York', lock: join(record, 'opsplan.lock.json') })
    const lock = JSON.parse(readFileSync(join(record, 'opsplan.lock.json'), 'utf8')) as { segments: Array<{ role: string; member: string; start: string; end: string }> }
    for (const role of answer.roles as Array<{ role: string; holder: { member: string; start: string; end: string }; next: { member: string; start: string } }>) {
      const held = lock.segments.filter((s) => s.role === role.role && s.member === role.holder.member)
      expect(held.some((s) => s.start <= answer.at && answer.at < s.end)).toBe(true)
      expect(role.holder.end <= role.next.start).toBe(true)
      expect(role.next.member).not.toBe(role.holder.member)
    }
  })

  it("lists one member's coming shifts and their leave, in their own days", async () => {
    const { code, stdout } = await run('now', join(record, 'opsplan.yaml'), '--member', 'ana', '--at', '2026-12-15T09:00', '--format', 'json')
    expect(code).toBe(0)
    const answer = JSON.parse(stdout)
    expect(answer.member).toBe('ana')
    expect(answer.leave).toEqual([{ from: '2026-12-14', to: '2026-12-23', reason: 'winter vacation' }])
    expect(answer.shifts.length).toBeGreaterThan(0)
    expect(answer.shifts.every((s: { end: string }) => s.end > answer.at)).toBe(true)
    // nobody is on call on their own leave
    expect(answer.shifts.every((s: { start: string; end: string }) => s.end <= '2026-12-14T05:00:00Z' || s.start >= '2026-12-24T05:00:00Z')).toBe(true)
    const text = await run('now', join(record, 'opsplan.yaml'), '--member', 'ana', '--at', '2026-12-15T09:00')
    expect(text.stdout).toContain('Not on call now. Coming shifts:')
    expect(text.stdout).toMatch(/\n {2}2026-12-14 to 2026-12-23 +winter vacation +\(now\)\n/)
  })

  it('plans from the plan beyond the end of the schedule of record', async () => {
    const { code, stdout } = await run('now', join(record, 'opsplan.yaml'), '--at', '2027-09-01T12:00')
    expect(code).toBe(0)
    expect(stdout.split('\n')[0]).toContain(`planned from the plan: the schedule of record ${join(record, 'opsplan.lock.json')} does not hold every role at this time`)
  })

  it('plans a rotation added since the record was written, with the rest', async () => {
    const plan = join(record, 'opsplan.yaml')
    const text = readFileSync(EXAMPLE, 'utf8')
    writeFileSync(plan, text.replace('      pipelines: [profit, growth, engagement, executive-aggregate, experiment-aggregate]\n',
      '      pipelines: [profit, growth, engagement, executive-aggregate, experiment-aggregate]\n' +
        '    - id: analytics\n      name: Analytics\n      roles: [primary]\n      pipelines: [growth]\n'))
    try {
      const { code, stdout } = await run('now', plan, '--at', '2026-12-02T12:00', '--format', 'json')
      expect(code).toBe(0)
      const answer = JSON.parse(stdout)
      expect(answer.lock).toBeNull()
      expect(answer.roles.map((r: { rotation: string; holder: { member: string } | null }) => [r.rotation, r.holder !== null]))
        .toEqual([['data-platform', true], ['data-platform', true], ['analytics', true]])
    } finally {
      writeFileSync(plan, text)
    }
  })

  it('says in one line, exit 2, what is wrong with --at, --member or --format', async () => {
    for (const [args, message] of [
      [['--at', '2026-12-32T10:00'], "opsplan: invalid --at '2026-12-32T10:00'. Expected a local date-time in the plan's time zone (America/New_York) such as 2026-12-07T09:30, or a date.\n"],
      [['--at', 'tomorrow'], "opsplan: invalid --at 'tomorrow'. Expected a local date-time in the plan's time zone (America/New_York) such as 2026-12-07T09:30, or a date.\n"],
      [['--member', 'anna'], `opsplan: unknown member 'anna' in ${EXAMPLE} (team: ana, ben, chen, dee): did you mean 'ana'?\n`],
      [['--format', 'markdown'], "opsplan: invalid --format 'markdown'. Expected text or json.\n"],
      [['--base', 'x.yaml'], "opsplan: 'now' takes no --base. See: opsplan now --help\n"]
    ] as Array<[string[], string]>) {
      const result = await run('now', EXAMPLE, ...args)
      expect([result.code, result.stderr, result.stdout]).toEqual([2, message, ''])
    }
  })

  it('explains itself with --help', async () => {
    const { code, stdout } = await run('now', '--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Usage: opsplan now \[PLAN\] \[--at DATE-TIME\] \[--member ID\]/)
  })
})

describe('opsplan --version', () => {
  it("prints the version in package.json, wherever the code runs from", async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect((await run('--version')).stdout).toBe(`opsplan ${pkg.version}\n`)
  })
})

describe('the installed command', () => {
  const bin = 'bin/opsplan.js'
  const spawn = (args: string[], tz: string) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz, NODE_OPTIONS: '' } })

  it('renders the same bytes whatever the machine time zone', () => {
    const outputs = ['Pacific/Kiritimati', 'America/Los_Angeles'].map((tz) => {
      const out = join(work, `tz-${tz.replace('/', '-')}`)
      const result = spawn(['render', EXAMPLE, '--out', out, '--today', TODAY], tz)
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      return ['HANDBOOK.md', 'opsplan.lock.json', 'calendars/team.ics'].map((f) => readFileSync(join(out, f), 'utf8'))
    })
    expect(outputs[0]).toEqual(outputs[1])
  })

  it('exits 2 with one line and no stack trace for an unknown command, and 0 for --help', async () => {
    expect((await run('deploy')).stderr).toBe("opsplan: unknown command 'deploy'. Try: opsplan validate | check | render | now (opsplan --help)\n")
    const bad = spawn(['deploy'], 'UTC')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/^opsplan: unknown command 'deploy'\. Try: opsplan validate \| [^\n]*\(opsplan --help\)\n$/)
    const help = spawn(['render', '--help'], 'UTC')
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/Usage: opsplan render/)
    expect(existsSync(bin)).toBe(true)
  })
})
