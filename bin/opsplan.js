#!/usr/bin/env node
// The command line, bundled by ncc into dist/cli so `npx opsplan` works in a checkout after `npm ci`.
import '../dist/cli/index.js'
