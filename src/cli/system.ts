// The command line's only contact with the machine: files, the clock and the terminal. Tests pass
// their own; the real one writes every output to a temporary file first and renames it into place,
// so a failed run never leaves a file half-written, and removes its temporary files and any folder
// it made when a write fails.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface System {
  readFile(path: string): Uint8Array
  exists(path: string): boolean
  /**
   * Writes all files or none: temp files first, then renames. Returns the paths whose bytes changed.
   * Throws a WriteError, whose message names the file and says what is wrong, when one cannot be written.
   */
  writeFiles(dir: string, files: Record<string, string>): string[]
  now(): Date
  /** The version of this opsplan, from its package.json. */
  version(): string
  stdout(text: string): void
  stderr(text: string): void
}

/** An output that cannot be written. The message is one plain line: `cannot write PATH: why`. */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly why: string
  ) {
    super(`cannot write ${path}: ${why}`)
  }
}

export function nodeSystem(): System {
  return {
    readFile: (path) => readFileSync(path),
    exists: (path) => existsSync(path),
    writeFiles: writeAtomically,
    now: () => new Date(),
    version: packageVersion,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
  }
}

/**
 * The `version` of the package.json this code ships in. Read at run time by walking up from this file,
 * because the same code runs as src/cli/ in a checkout and bundled as dist/cli/ in the installed
 * package (whose dist/cli/package.json only marks it as a module).
 */
export function packageVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown }
      if (pkg.name === 'opsplan' && typeof pkg.version === 'string') return pkg.version
    } catch {
      // No package.json here, or not JSON: look one level up.
    }
    if (dirname(dir) === dir) return 'unknown'
  }
}

function writeAtomically(dir: string, files: Record<string, string>): string[] {
  const changed: string[] = []
  const staged: Array<{ temp: string; target: string }> = []
  const madeFolders: string[] = []
  let target = dir
  try {
    for (const [name, content] of Object.entries(files)) {
      target = join(dir, name)
      if (existsSync(target) && readFileSync(target, 'utf8') === content) continue
      const made = mkdirSync(dirname(target), { recursive: true })
      if (made !== undefined) madeFolders.push(made)
      const temp = `${target}.opsplan-tmp-${process.pid}`
      // Listed before writing: a write that fails part-way (a full disk) still leaves a file to remove.
      staged.push({ temp, target })
      writeFileSync(temp, content)
      changed.push(name)
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true })
    // Only this run's temp files were in them, and those are gone: the folders go too.
    for (const folder of madeFolders.reverse()) rmSync(folder, { recursive: true, force: true })
    throw new WriteError(target, whyNotWritten(error, target))
  }
  for (const [i, { temp, target }] of staged.entries()) {
    try {
      renameSync(temp, target)
    } catch (error) {
      for (const rest of staged.slice(i)) rmSync(rest.temp, { force: true })
      throw new WriteError(target, whyNotWritten(error, target))
    }
  }
  return changed
}

/** What went wrong writing `target`, in plain words; the system's own message for the rare cases. */
export function whyNotWritten(error: unknown, target: string): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR': {
      const file = fileInTheWay(dirname(target))
      return file ? `${file} is a file, not a folder` : 'part of the path is a file, not a folder'
    }
    case 'EISDIR':
      return 'it is a folder, not a file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOSPC':
      return 'no space left on the device'
    default: {
      // Node's messages read `CODE: what, syscall 'path'`: keep the what.
      const message = error instanceof Error ? error.message : String(error)
      return message.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+( '.*)?$/s, '')
    }
  }
}

/** The nearest existing folder-to-be of `path` (itself or a parent) that is in fact a file, if any. */
function fileInTheWay(path: string): string | undefined {
  for (let at = path; ; at = dirname(at)) {
    try {
      return statSync(at).isDirectory() ? undefined : at
    } catch {
      // Missing, or under a file: look one level up.
    }
    if (dirname(at) === at) return undefined
  }
}
