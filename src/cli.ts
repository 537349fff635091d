// The command line's entry: `opsplan validate | check | render | now`. Everything lives in cli/main.ts.
import { main } from './cli/main.js'
import { nodeSystem } from './cli/system.js'

process.exitCode = await main(process.argv.slice(2), nodeSystem())
