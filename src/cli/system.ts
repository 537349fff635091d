// The command line's only contact with the machine: files, the clock and the terminal. Tests pass
// their own; the real one writes every output to a temporary file first and renames it into place,
// so a failed run never leaves a file half-written.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface System {
  readFile(path: string): Uint8Array
  exists(path: string): boolean
  /** Writes all files or none: temp files first, then renames. Returns the paths whose bytes changed. */
  writeFiles(dir: string, files: Record<string, string>): string[]
  now(): Date
  stdout(text: string): void
  stderr(text: string): void
}

export function nodeSystem(): System {
  return {
    readFile: (path) => readFileSync(path),
    exists: (path) => existsSync(path),
    writeFiles: writeAtomically,
    now: () => new Date(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
  }
}

function writeAtomically(dir: string, files: Record<string, string>): string[] {
  const changed: string[] = []
  const staged: Array<{ temp: string; target: string }> = []
  try {
    for (const [name, content] of Object.entries(files)) {
      const target = join(dir, name)
      if (existsSync(target) && readFileSync(target, 'utf8') === content) continue
      mkdirSync(dirname(target), { recursive: true })
      const temp = `${target}.opsplan-tmp-${process.pid}`
      writeFileSync(temp, content)
      staged.push({ temp, target })
      changed.push(name)
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true })
    throw error
  }
  for (const { temp, target } of staged) renameSync(temp, target)
  return changed
}
