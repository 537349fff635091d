#!/usr/bin/env node
// The `opsplan` command: runs the command line that ncc bundles, with every dependency, into
// dist/cli/index.cjs, so the installed package needs nothing else (`npx opsplan`, in a checkout or
// from the packed tarball).
//
// A third of a short run (`opsplan check` on a team of four) is V8 compiling the 4 MB bundle: its
// top level, then each function the first time it is called. So the bundle runs through vm.Script,
// and when a run ends the code V8 compiled during it is written to a cache file; the next run of
// the same command hands it back and skips that work. This is hand-written because v8-compile-cache
// keeps only what V8 compiles before the code runs (it asks for `produceCachedData` at compile
// time), which for a bundle is little more than its top level. The cache is a file per
// installation, command and Node version in a folder of the user's temporary directory that only
// they may write, with a hash of the bundle in front: a new bundle, a cache V8 rejects or one that
// cannot be read is compiled afresh and written again, and a folder that cannot be written to costs
// only the time. NODE_DISABLE_COMPILE_CACHE=1 (as for Node's own cache) turns it off;
// OPSPLAN_COMPILE_CACHE=DIR keeps it in DIR instead.
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { Script } from 'node:vm'

const bundle = fileURLToPath(new URL('../dist/cli/index.cjs', import.meta.url))
const COMMANDS = new Set(['validate', 'check', 'render', 'now'])

/** The cache folder, or undefined when caching is off or the folder is not safely the user's own. */
function cacheFolder() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined
  const uid = process.getuid?.()
  const dir = process.env.OPSPLAN_COMPILE_CACHE || join(tmpdir(), `opsplan-compile-cache${uid === undefined ? '' : `-${uid}`}`)
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const folder = statSync(dir)
    // compiled code is run as it is read: never from a folder someone else could have written
    if (uid !== undefined && (folder.uid !== uid || (folder.mode & 0o022) !== 0)) return undefined
    return dir
  } catch {
    return undefined
  }
}

const source = readFileSync(bundle)
const dir = cacheFolder()
const command = COMMANDS.has(process.argv[2] ?? '') ? process.argv[2] : 'other'
// one file per installation (two copies of opsplan must not keep replacing each other's), command
// and Node; an upgrade in place overwrites its predecessor's
const where = createHash('sha256').update(bundle).digest('hex').slice(0, 12)
const cacheFile = dir && join(dir, `${command}-${where}-${process.version}-${process.arch}.cache`)
const stamp = cacheFile && createHash('sha256').update(source).digest()
let cachedData
if (cacheFile && stamp) {
  try {
    const saved = readFileSync(cacheFile)
    if (saved.subarray(0, stamp.length).equals(stamp)) cachedData = saved.subarray(stamp.length)
  } catch {
    // no cache yet: this run writes it
  }
}

const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, { filename: bundle, cachedData })
if (cacheFile && stamp && (cachedData === undefined || script.cachedDataRejected)) {
  process.once('exit', () => {
    const temp = `${cacheFile}.${process.pid}.tmp`
    try {
      writeFileSync(temp, Buffer.concat([stamp, script.createCachedData()]), { mode: 0o600 })
      renameSync(temp, cacheFile)
    } catch {
      try {
        rmSync(temp, { force: true })
      } catch {
        // a folder that refuses the write may refuse this too: the temporary file is all it can be
      }
    }
  })
}
const module = { exports: {} }
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle))
