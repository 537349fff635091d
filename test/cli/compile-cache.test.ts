// The installed `opsplan` command keeps the code V8 compiled for its bundle from one run to the
// next (bin/opsplan.js). A data engineer never sees it: every run prints the same thing with or
// without it, a cache that does not fit is replaced, and a cache folder that is not safely theirs,
// or cannot be made, is simply not used.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const EXAMPLE = 'examples/techflow/opsplan.yaml'
const bundleHash = createHash('sha256').update(readFileSync('dist/cli/index.cjs')).digest()
let work: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'opsplan-compile-cache-test-'))
})
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

function opsplan(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = process.env
  return spawnSync(process.execPath, ['bin/opsplan.js', ...args], { encoding: 'utf8', env: { ...inherited, NODE_OPTIONS: '', ...env } })
}

const validate = (cache: string, more: Record<string, string> = {}) => opsplan(['validate', EXAMPLE], { OPSPLAN_COMPILE_CACHE: cache, ...more })

/** The cache files in a folder, by command. */
function cacheFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of existsSync(dir) ? readdirSync(dir) : []) files[name.split('-')[0]!] = join(dir, name)
  return files
}

describe('the compile cache of the opsplan command', () => {
  it('is written by the first run of a command and used, unchanged, by the next', () => {
    const dir = join(work, 'fresh')
    const first = validate(dir)
    expect(first.status).toBe(0)
    const file = cacheFiles(dir).validate!
    expect(file).toMatch(new RegExp(`validate-[0-9a-f]{12}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.cache$`))
    const bytes = readFileSync(file)
    // the bundle's hash, then what V8 compiled: far more than the hash
    expect(bytes.subarray(0, 32).equals(bundleHash)).toBe(true)
    expect(bytes.length).toBeGreaterThan(100_000)
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700)
      expect(statSync(file).mode & 0o777).toBe(0o600)
    }
    const written = statSync(file).mtimeMs

    const second = validate(dir)
    expect([second.status, second.stdout, second.stderr]).toEqual([first.status, first.stdout, first.stderr])
    // V8 took the cache: a rejected one would have been written again
    expect(statSync(file).mtimeMs).toBe(written)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('keeps one file per command, so a quick --version does not stand in for a check', () => {
    const dir = join(work, 'commands')
    expect(opsplan(['--version'], { OPSPLAN_COMPILE_CACHE: dir }).status).toBe(0)
    expect(validate(dir).status).toBe(0)
    expect(Object.keys(cacheFiles(dir)).sort()).toEqual(['other', 'validate'])
  })

  it('replaces a cache V8 cannot use, and one made for another bundle, and the run is the same', () => {
    const dir = join(work, 'spoiled')
    const clean = validate(dir)
    const file = cacheFiles(dir).validate!
    const good = readFileSync(file)

    // what V8 compiled, spoiled: V8 rejects it, compiles afresh, and the run writes a good one
    writeFileSync(file, Buffer.concat([bundleHash, Buffer.alloc(good.length - 32, 7)]))
    const spoiled = validate(dir)
    expect([spoiled.status, spoiled.stdout, spoiled.stderr]).toEqual([clean.status, clean.stdout, clean.stderr])
    expect(readFileSync(file).subarray(0, 32).equals(bundleHash)).toBe(true)
    expect(readFileSync(file).subarray(32).equals(Buffer.alloc(good.length - 32, 7))).toBe(false)

    // a cache of another bundle (an upgrade in place) is never handed to V8, and is replaced
    const other = Buffer.from(good)
    other[0] = other[0]! ^ 0xff
    writeFileSync(file, other)
    const upgraded = validate(dir)
    expect([upgraded.status, upgraded.stdout, upgraded.stderr]).toEqual([clean.status, clean.stdout, clean.stderr])
    expect(readFileSync(file).subarray(0, 32).equals(bundleHash)).toBe(true)
  })

  it('is not used when turned off, when its folder could be written by others, or cannot be made', () => {
    const off = join(work, 'off')
    expect(validate(off, { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBe(0)
    expect(existsSync(off)).toBe(false)

    if (process.platform !== 'win32') {
      const shared = join(work, 'shared')
      mkdirSync(shared)
      chmodSync(shared, 0o777)
      expect(validate(shared).status).toBe(0)
      expect(readdirSync(shared)).toEqual([])
    }

    const aFile = join(work, 'not-a-folder')
    writeFileSync(aFile, 'x')
    const blocked = validate(aFile)
    const plain = validate(aFile, { NODE_DISABLE_COMPILE_CACHE: '1' })
    expect([blocked.status, blocked.stdout, blocked.stderr]).toEqual([0, plain.stdout, plain.stderr])
    expect(blocked.stdout).toBe('examples/techflow/opsplan.yaml: valid — 4 members, 5 pipelines, 1 rotation\n')
    expect(readFileSync(aFile, 'utf8')).toBe('x')
  })
})
