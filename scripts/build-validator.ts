// Compiles schema/opsplan.schema.json into a standalone validator (ajv's standalone code), so a run
// of the CLI or the action does not load ajv and compile the schema each time: that took longer than
// planning TechFlow's whole rota. `--check` fails when the committed file is not what the schema makes.
//   npm run validator          # write src/core/plan/schema-validator.generated.js
//   npm run validator:check    # in CI
import { readFileSync, writeFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import standaloneCode from 'ajv/dist/standalone/index.js'

const SCHEMA = 'schema/opsplan.schema.json'
const OUT = 'src/core/plan/schema-validator.generated.js'

const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as object
// the same options the validator was compiled with at run time before (verbose errors carry the
// schema and data the messages quote)
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true, esm: true, lines: false } })
addFormats.default(ajv, ['email'])
const code = standaloneCode.default(ajv, ajv.compile(schema))
// the one runtime helper the code needs, imported the ES-module way
const helper = 'require("ajv/dist/runtime/ucs2length").default'
if (!code.includes(helper) || /require\(/.test(code.split(helper).join(''))) {
  throw new Error('the standalone validator needs runtime helpers this script does not know: update it')
}
const text = [
  `// Generated from ${SCHEMA} by scripts/build-validator.ts (npm run validator). Do not edit by hand.`,
  '/* eslint-disable */',
  "import ucs2length from 'ajv/dist/runtime/ucs2length.js'",
  code.split(helper).join('ucs2length.default ?? ucs2length'),
  ''
].join('\n')

if (process.argv.includes('--check')) {
  const current = readFileSync(OUT, 'utf8')
  if (current !== text) {
    console.error(`${OUT} is not what ${SCHEMA} compiles to: run npm run validator and commit it.`)
    process.exit(1)
  }
} else {
  writeFileSync(OUT, text)
  console.log(`wrote ${OUT} (${Math.round(text.length / 1024)} kB)`)
}
