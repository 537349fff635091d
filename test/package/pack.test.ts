// The package as a team installs it in their own repository: `npm pack` makes the tarball, an empty
// folder installs it with no network (the bundle carries every dependency), and `opsplan check` and
// `opsplan now` run there on the TechFlow plan. The command line is bundled from the sources exactly
// as `npm run build:cli` does, so the tarball is the one a release of this commit publishes (and
// not whatever dist/ happens to hold).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string; files: string[]; scripts: Record<string, string>; dependencies?: object; bin: Record<string, string> }
/** What a team downloads: well under the 5 MB the action bundle alone weighs. */
const MAX_TARBALL_BYTES = 2 * 1024 * 1024

let work: string
let tarball: string
let packed: { size: number; unpackedSize: number; files: Array<{ path: string }> }
let consumer: string

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // an empty npm cache and no NODE_OPTIONS from the test runner: what a fresh machine has
  const env = { ...process.env, NODE_OPTIONS: '', npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' }
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env })
  if (result.error) throw result.error
  return result
}

/** Everything the bundle is made from: the same inputs make the same bundle. */
function buildInputs(): string {
  const hash = createHash('sha256')
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-cli.ts', ...['src', 'schema'].flatMap((dir) =>
    (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => statSync(f).isFile()))].sort()
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0')
  return hash.digest('hex').slice(0, 16)
}

/**
 * The build:cli script, with its output folder moved into the staging copy. A bundle of the same
 * inputs made by an earlier run is reused: bundling takes a quarter of a minute.
 */
function buildCli(into: string): void {
  const [tool, script, out, ...rest] = (pkg.scripts['build:cli'] ?? '').split(' ')
  expect([tool, script, out, rest]).toEqual(['tsx', 'scripts/build-cli.ts', 'dist/cli', []])
  const cached = join(tmpdir(), `opsplan-cli-bundle-${buildInputs()}`)
  if (!existsSync(join(cached, 'index.cjs'))) {
    const fresh = `${cached}.${process.pid}`
    const built = sh(join('node_modules', '.bin', 'tsx'), [script!, fresh], process.cwd())
    expect(built.status).toBe(0)
    try {
      renameSync(fresh, cached)
    } catch {
      // another run made the same bundle meanwhile: use that one
      rmSync(fresh, { recursive: true, force: true })
    }
    // bundles of sources a day old are not coming back
    for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('opsplan-cli-bundle-'))) {
      const path = join(tmpdir(), name)
      if (path !== cached && Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true })
    }
  }
  cpSync(cached, join(into, 'dist', 'cli'), { recursive: true })
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'opsplan-pack-'))
  const staging = join(work, 'package')
  mkdirSync(staging)
  cpSync('package.json', join(staging, 'package.json'))
  for (const entry of pkg.files) if (!entry.startsWith('dist/')) cpSync(entry, join(staging, entry), { recursive: true })
  buildCli(staging)
  const pack = sh('npm', ['pack', '--json', '--pack-destination', work], staging)
  expect(pack.stderr).not.toMatch(/npm (ERR|error)/)
  packed = (JSON.parse(pack.stdout) as Array<typeof packed & { filename: string }>)[0] as typeof packed & { filename: string }
  tarball = join(work, (packed as unknown as { filename: string }).filename)

  consumer = join(work, 'their-repo')
  mkdirSync(consumer)
  cpSync('examples/techflow/opsplan.yaml', join(consumer, 'opsplan.yaml'))
}, 180_000)
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

describe('the packed tarball', () => {
  it('holds the command, its bundle, the schema and the docs, and nothing of the sources or the action', () => {
    const paths = packed.files.map((f) => f.path).sort()
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/opsplan.js', 'dist/cli/index.cjs', 'dist/cli/licenses.txt', 'package.json', 'schema/opsplan.schema.json']))
    expect(paths.filter((p) => /^(src|test|bench|examples)\//.test(p) || p === 'dist/index.js')).toEqual([])
    expect(statSync(tarball).size).toBe(packed.size)
    expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES)
  })

  it('has no runtime dependencies to fetch, and names its command', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    expect(pkg.bin).toEqual({ opsplan: 'bin/opsplan.js' })
  })

  it('installs into an empty folder with no network', () => {
    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], consumer)
    expect(install.stderr).not.toMatch(/EBADENGINE|npm (ERR|error)/)
    expect(install.status).toBe(0)
    expect(JSON.parse(readFileSync(join(consumer, 'node_modules', 'opsplan', 'package.json'), 'utf8')).version).toBe(pkg.version)
  })

  it('runs opsplan check on the TechFlow plan there', () => {
    const check = sh('npx', ['--offline', 'opsplan', 'check', '--today', '2026-11-23'], consumer)
    expect(check.stderr).toBe('opsplan.yaml: 0 errors, 0 warnings; planned without a schedule of record (no opsplan.lock.json found)\n')
    expect(check.status).toBe(0)
    expect(check.stdout).toContain('### ✅ opsplan: `opsplan.yaml` is valid (0 errors, 0 warnings)')
  })

  it('runs opsplan now there, and tells its version from its own package.json', () => {
    const now = sh('npx', ['--offline', 'opsplan', 'now', '--at', '2026-11-23T12:00', '--format', 'json'], consumer)
    expect(now.status).toBe(0)
    const answer = JSON.parse(now.stdout) as { at: string; roles: Array<{ rotation: string; role: string; holder: { member: string } | null }> }
    expect(answer.at).toBe('2026-11-23T17:00:00Z')
    expect(answer.roles.map((r) => [r.rotation, r.role])).toEqual([['data-platform', 'primary'], ['data-platform', 'secondary']])
    expect(answer.roles.every((r) => ['ana', 'ben', 'chen', 'dee'].includes(r.holder?.member ?? ''))).toBe(true)
    expect(sh('npx', ['--offline', 'opsplan', '--version'], consumer).stdout).toBe(`opsplan ${pkg.version}\n`)
  })
})
