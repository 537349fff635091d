// The action's inputs, read and checked in one place. A mistake in the workflow file is reported
// with the input's name, what was given and what is expected.
import { posix } from 'node:path'

export type FailOn = 'error' | 'warning' | 'never'

export interface Settings {
  /** Path of the plan in the repository, e.g. `opsplan.yaml` or `ops/opsplan.yaml`. */
  plan: string
  /** Generated files; default beside the plan. */
  handbook: string
  calendars: string
  lock: string
  token: string
  failOn: FailOn
  /** Judge every problem of the plan, not only those the pull request brings. */
  failOnExisting: boolean
  comment: boolean
  commit: boolean
  mention: boolean
}

/** A mistake in the workflow's `with:` block: reported as a failed step, not as a crash. */
export class InputError extends Error {
  override name = 'InputError'
}

type Env = Record<string, string | undefined>

/** As @actions/core reads inputs: `INPUT_` + the name upper-cased with spaces as `_` (hyphens stay). */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

function booleanInput(env: Env, name: string, fallback: boolean): boolean {
  const value = getInput(env, name)
  if (value === '') return fallback
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  throw new InputError(`Invalid ${name} '${value}'. Expected true or false.`)
}

/** A repository-relative posix path; absolute paths and paths leaving the repository are refused. */
function repoPath(name: string, value: string): string {
  const cleaned = value.replace(/\\/g, '/')
  const normal = posix.normalize(cleaned).replace(/^(\.\/)+/, '').replace(/\/+$/, '')
  if (cleaned.startsWith('/') || /^[A-Za-z]:/.test(cleaned) || normal === '..' || normal.startsWith('../')) {
    throw new InputError(`Invalid ${name} '${value}'. Expected a path inside the repository, such as 'ops/opsplan.yaml'.`)
  }
  if (normal === '' || normal === '.') {
    throw new InputError(`Invalid ${name} '${value}'. Expected a file or folder path inside the repository.`)
  }
  return normal
}

export function readSettings(env: Env): Settings {
  const plan = repoPath('plan', getInput(env, 'plan') || 'opsplan.yaml')
  const folder = posix.dirname(plan)
  const beside = (file: string): string => (folder === '.' ? file : `${folder}/${file}`)
  const pathInput = (name: string, fallback: string): string => {
    const value = getInput(env, name)
    return value === '' ? beside(fallback) : repoPath(name, value)
  }

  const failOn = getInput(env, 'fail-on') || 'error'
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') {
    throw new InputError(`Invalid fail-on '${failOn}'. Expected error, warning or never.`)
  }
  const token = getInput(env, 'token')
  if (token === '') {
    throw new InputError(`Missing token. Pass 'token: \${{ github.token }}' or a token with the permissions the event needs.`)
  }

  const settings: Settings = {
    plan,
    handbook: pathInput('handbook', 'HANDBOOK.md'),
    calendars: pathInput('calendars', 'calendars'),
    lock: pathInput('lock', 'opsplan.lock.json'),
    token,
    failOn,
    failOnExisting: booleanInput(env, 'fail-on-existing', false),
    comment: booleanInput(env, 'comment', true),
    commit: booleanInput(env, 'commit', true),
    mention: booleanInput(env, 'mention', true)
  }
  const generated = [settings.handbook, settings.lock]
  if (generated.includes(plan) || settings.handbook === settings.lock) {
    throw new InputError(`Invalid paths: plan '${plan}', handbook '${settings.handbook}' and lock '${settings.lock}' must all differ.`)
  }
  return settings
}
