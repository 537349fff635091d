#!/usr/bin/env node
// The `opsplan` command: the command line bundled by ncc into dist/cli with every dependency, so the
// installed package needs nothing else (`npx opsplan`, in a checkout or from the packed tarball).
import '../dist/cli/index.js'
