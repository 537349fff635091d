// `opsplan render` when its output cannot be written: a file where a folder should be, a folder where
// a file should be, a folder the user may not write to. Each time the data engineer gets one line
// naming the file and saying what is wrong, exit 2 and no stack trace, and the run writes nothing:
// what was there stays as it was, and no temporary file or half-made folder is left behind.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { whyNotWritten } from '../../src/cli/system.js'

const EXAMPLE = 'examples/techflow/opsplan.yaml'
const TODAY = '2026-11-23'
const bin = 'bin/opsplan.js'
let work: string

const root = process.getuid?.() === 0

/**
 * As root, the read-only folder test runs the command as `nobody`, who may not be able to read this
 * checkout (one in a 0700 folder, or in root's home). It then runs a copy of the command and the
 * example plan, made in a folder anyone can read; undefined (and the test skipped) only where
 * `nobody` cannot run even that, or cannot be switched to at all.
 */
function copyForNobody(): string | undefined {
  if (!root || spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status !== 0) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'opsplan-nobody-'))
  chmodSync(dir, 0o755)
  for (const path of [bin, 'dist/cli/index.cjs', 'package.json', EXAMPLE]) cpSync(path, join(dir, path))
  const probe = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, bin, '--version'], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' } })
  if (probe.status === 0) return dir
  rmSync(dir, { recursive: true, force: true })
  return undefined
}
const nobodysCopy = copyForNobody()

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'opsplan-write-'))
  chmodSync(work, 0o755) // so that another user can reach the folders inside
})
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  if (nobodysCopy) rmSync(nobodysCopy, { recursive: true, force: true })
})

/** Runs the installed command; as `nobody` when `as` is given, from the copy that user can read. */
function opsplan(args: string[], as?: string): { status: number | null; stdout: string; stderr: string } {
  const [command, argv] = as ? ['runuser', ['-u', as, '--', process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]]
  return spawnSync(command, argv, { encoding: 'utf8', cwd: as ? nobodysCopy : undefined, env: { ...process.env, NODE_OPTIONS: '' } })
}

function render(out: string, ...more: string[]) {
  return opsplan(['render', EXAMPLE, '--out', out, '--today', TODAY, ...more])
}

/** Every file and folder under `dir`, with the bytes of each file: to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const seen: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name)
    seen[name] = statSync(path).isDirectory() ? '(folder)' : readFileSync(path, 'utf8')
  }
  return seen
}

/** A folder holding a rendered handbook, so that there is something for a failed run to spoil. */
function rendered(name: string): string {
  const out = join(work, name)
  expect(render(out).status).toBe(0)
  return out
}

describe('opsplan render, when the output cannot be written', () => {
  it('says the --out path is a file, not a folder, and leaves the file alone', () => {
    const out = join(work, 'outfile')
    writeFileSync(out, 'my notes\n')
    const result = render(out)
    expect(result.stderr).toBe(`opsplan: cannot write ${out}/HANDBOOK.md: ${out} is a file, not a folder\n`)
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(readFileSync(out, 'utf8')).toBe('my notes\n')
  })

  it('names the file in the way even a few folders up from --out', () => {
    const file = join(work, 'not-a-folder')
    writeFileSync(file, '')
    const result = render(join(file, 'site', 'oncall'))
    expect(result.stderr).toBe(`opsplan: cannot write ${file}/site/oncall/HANDBOOK.md: ${file} is a file, not a folder\n`)
    expect(result.status).toBe(2)
    expect(readFileSync(file, 'utf8')).toBe('')
  })

  it('says calendars is a file, not a folder — and the handbook written before it is taken back', () => {
    const out = rendered('calendars-file')
    rmSync(join(out, 'calendars'), { recursive: true })
    writeFileSync(join(out, 'calendars'), 'feeds go elsewhere\n')
    writeFileSync(join(out, 'HANDBOOK.md'), 'an older handbook\n')
    const before = snapshot(out)
    const result = render(out)
    expect(result.stderr).toBe(`opsplan: cannot write ${out}/calendars/ana.ics: ${out}/calendars is a file, not a folder\n`)
    expect(result.status).toBe(2)
    expect(snapshot(out)).toEqual(before)
  })

  it('says HANDBOOK.md is a folder, not a file', () => {
    const out = rendered('handbook-folder')
    rmSync(join(out, 'HANDBOOK.md'))
    mkdirSync(join(out, 'HANDBOOK.md'))
    writeFileSync(join(out, 'calendars', 'team.ics'), 'an older feed\n')
    const before = snapshot(out)
    const result = render(out)
    expect(result.stderr).toBe(`opsplan: cannot write ${out}/HANDBOOK.md: it is a folder, not a file\n`)
    expect(result.status).toBe(2)
    expect(snapshot(out)).toEqual(before)
  })

  it('fails on the last file without leaving the temporary files or the calendars folder it made', () => {
    const lock = join(rendered('lock-source'), 'opsplan.lock.json')
    const out = join(work, 'lock-folder')
    mkdirSync(join(out, 'opsplan.lock.json'), { recursive: true })
    const result = render(out, '--lock', lock)
    expect(result.stderr).toBe(`opsplan: cannot write ${out}/opsplan.lock.json: it is a folder, not a file\n`)
    expect(result.status).toBe(2)
    expect(snapshot(out)).toEqual({ 'opsplan.lock.json': '(folder)' })
  })

  ;(!root || nobodysCopy ? it : it.skip)('says permission denied for a read-only folder, and changes nothing in it', () => {
    const out = rendered('read-only')
    writeFileSync(join(out, 'HANDBOOK.md'), 'an older handbook\n')
    const before = snapshot(out)
    chmodSync(out, 0o555)
    try {
      const result = opsplan(['render', EXAMPLE, '--out', out, '--today', TODAY], root ? 'nobody' : undefined)
      expect(result.stderr).toBe(`opsplan: cannot write ${out}/HANDBOOK.md: permission denied\n`)
      expect(result.status).toBe(2)
      expect(snapshot(out)).toEqual(before)
    } finally {
      chmodSync(out, 0o755)
    }
  })

  it('puts the rarer failures in plain words too, and otherwise keeps what the system said', () => {
    const failure = (code: string, message: string) => Object.assign(new Error(message), { code })
    const target = join(work, 'out', 'HANDBOOK.md')
    expect(whyNotWritten(failure('EROFS', "EROFS: read-only file system, open 'x'"), target)).toBe('the file system is read-only')
    expect(whyNotWritten(failure('ENOSPC', 'ENOSPC: no space left on device, write'), target)).toBe('no space left on the device')
    expect(whyNotWritten(failure('EPERM', "EPERM: operation not permitted, rename 'a' -> 'b'"), target)).toBe('permission denied')
    expect(whyNotWritten(failure('EIO', 'EIO: i/o error, write'), target)).toBe('i/o error')
    expect(whyNotWritten(failure('EBUSY', "EBUSY: resource busy or locked, rename 'a' -> 'b'"), target)).toBe('resource busy or locked')
    expect(existsSync(join(work, 'out'))).toBe(false)
  })
})
