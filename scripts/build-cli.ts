// Bundles the command line (src/cli.ts) with ncc, every dependency included, into one CommonJS file,
// OUT/index.cjs, beside OUT/licenses.txt: `tsx scripts/build-cli.ts OUT` (npm run build:cli writes
// dist/cli). CommonJS rather than the ES module `ncc build` makes in a "type": "module" package,
// because bin/opsplan.js runs the bundle through vm.Script so that V8 can keep the code it compiles
// from one run to the next, and vm.Script runs scripts, not modules. ncc's command line takes the
// module kind from package.json; its API lets the caller choose.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

interface NccAsset { source: string | Uint8Array }
interface NccResult { code: string; assets: Record<string, NccAsset> }
type Ncc = (entry: string, options: Record<string, unknown>) => Promise<NccResult>

export const CLI_ENTRY = 'src/cli.ts'
export const CLI_BUNDLE = 'index.cjs'

/** Bundles the command line into `out` (emptied first); returns the path of the bundle. */
export async function buildCli(out: string): Promise<string> {
  const ncc = createRequire(import.meta.url)('@vercel/ncc') as Ncc
  const { code, assets } = await ncc(resolve(CLI_ENTRY), { esm: false, target: 'es2022', license: 'licenses.txt', quiet: true })
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, CLI_BUNDLE), code)
  for (const [name, asset] of Object.entries(assets)) writeFileSync(join(out, name), asset.source)
  return join(out, CLI_BUNDLE)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2]
  if (!out || process.argv.length > 3) {
    process.stderr.write('usage: tsx scripts/build-cli.ts OUT-FOLDER\n')
    process.exitCode = 2
  } else {
    buildCli(out).catch((error: unknown) => {
      process.stderr.write(`bundling the command line failed: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    })
  }
}
