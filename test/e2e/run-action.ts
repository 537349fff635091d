// Runs the built action (dist/index.js) as a runner runs it — GITHUB_* and INPUT_* environment, an
// event payload file, summary and output files — against a fake GitHub, on the TechFlow example.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TOKEN, type FakeGitHub } from '../support/fake-github.js'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// OPSPLAN_ACTION_DIST runs another build of the action, e.g. one made in a scratch folder.
export const DIST = process.env.OPSPLAN_ACTION_DIST ?? join(ROOT, 'dist', 'index.js')

/** The end-to-end suites run the bundle, not the sources: say how to make it when it is missing. */
export function requireBuiltAction(): void {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run `npm run build` before the end-to-end tests.')
}
export const PLAN = readFileSync(join(ROOT, 'examples/techflow/opsplan.yaml'), 'utf8')
export const MARKER = '<!-- opsplan:report plan=opsplan.yaml -->'
export const TODAY = '2026-11-23'

/** The example plan with one more leave entry: Chen skiing in early March. */
/** Leave for Tuesday to Friday of a week the published TechFlow rota gives Chen as primary (2027-03-01). */
export function withLeave(plan: string, member = 'chen', from = '2027-03-02', to = '2027-03-05'): string {
  const entry = `  - member: ${member}\n    from: ${from}\n    to: ${to}\n    reason: ski trip\n`
  return plan.replace(/^leave:\n/m, (line) => line + entry)
}

export interface Run {
  code: number | null
  stdout: string
  outputs: Record<string, string>
  summary: string
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const re = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) outputs[m[1] as string] = m[3] as string
  return outputs
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook payloads are edited freely here
export type Payload = Record<string, any>

export function payloadFor(gh: FakeGitHub, name: 'pull_request' | 'push', patch: (p: Payload) => void = () => undefined): string {
  const payload = JSON.parse(readFileSync(join(ROOT, `test/fixtures/events/${name === 'push' ? 'push' : 'pull_request.opened'}.json`), 'utf8'))
  const full = `${gh.owner}/${gh.repo}`
  payload.repository.full_name = full
  payload.repository.name = gh.repo
  payload.repository.default_branch = 'main'
  payload.repository.master_branch = 'main'
  patch(payload)
  const dir = mkdtempSync(join(tmpdir(), 'opsplan-event-'))
  const file = join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(payload))
  return file
}

export async function runAction(
  gh: FakeGitHub,
  event: string,
  eventPath: string,
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {}
): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'opsplan-run-'))
  const summaryFile = join(dir, 'summary.md')
  const outputFile = join(dir, 'output')
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // An odd zone: nothing may depend on the machine's own.
    TZ: 'Pacific/Chatham',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    OPSPLAN_TODAY: TODAY,
    INPUT_PLAN: 'opsplan.yaml',
    INPUT_TOKEN: TOKEN,
    'INPUT_FAIL-ON': 'error',
    INPUT_COMMENT: 'true',
    INPUT_COMMIT: 'true',
    INPUT_MENTION: 'true'
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  Object.assign(env, extraEnv)
  // Asynchronous on purpose: the fake GitHub answers from this same process.
  const child = spawn(process.execPath, [DIST], { env, cwd: dir })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') }
}


/** A payload file with exactly this content (schedule and dispatch payloads are small). */
export function payloadFile(payload: Payload): string {
  const file = join(mkdtempSync(join(tmpdir(), 'opsplan-event-')), 'event.json')
  writeFileSync(file, JSON.stringify(payload))
  return file
}

/** A pull request event for `head` on top of `base` in the fake repository (not from a fork). */
export function pullRequestPayload(gh: FakeGitHub, base: string, head: string, number = 12): string {
  return payloadFor(gh, 'pull_request', (p) => {
    p.number = number
    p.pull_request.number = number
    p.pull_request.head.sha = head
    p.pull_request.base.sha = base
    p.pull_request.base.ref = 'main'
    p.pull_request.base.repo.full_name = `${gh.owner}/${gh.repo}`
    p.pull_request.head.repo.full_name = `${gh.owner}/${gh.repo}`
  })
}

/** Every @mention GitHub would notify in a Markdown body (a neutralised `@&#8203;x` is not one). */
export function mentionsIn(body: string): string[] {
  return [...body.matchAll(/(?<![A-Za-z0-9`])@([A-Za-z0-9][A-Za-z0-9-]*)/g)].map((m) => m[1] as string)
}
