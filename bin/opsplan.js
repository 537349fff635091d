#!/usr/bin/env node
// The `opsplan` command: the command line bundled by ncc into dist/cli with every dependency, so the
// installed package needs nothing else (`npx opsplan`, in a checkout or from the packed tarball).
import module from 'node:module'

// On Node 22.1 and later, keep V8's compiled code for the 4 MB bundle in Node's own cache folder, so
// every run after the first skips most of its parse (as tsc does); Node 20 has no such cache and
// simply compiles it each time.
module.enableCompileCache?.()

await import('../dist/cli/index.js')
