// Writes the action's inputs, outputs and permissions into README.md between the usage markers,
// from action.yml, so the two never disagree. `--check` exits 1 when README.md is stale.
//   npx tsx scripts/generate-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const START = '<!-- start usage -->'
export const END = '<!-- end usage -->'

interface ActionSpec {
  inputs?: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs?: Record<string, { description?: string }>
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|')
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

export function usageSection(actionYml: string): string {
  const spec = parse(actionYml) as ActionSpec
  const inputs = Object.entries(spec.inputs ?? {})
  const outputs = Object.entries(spec.outputs ?? {})
  const lines = [
    '```yaml',
    '- uses: opsplan/opsplan@v1',
    '  with:',
    ...inputs.map(([name, i]) => `    # ${cell(i.description ?? '')}\n    # Default: ${i.default === '' || i.default === undefined ? '(empty)' : i.default}\n    ${name}: ''`),
    '```',
    '',
    '| input | default | description |',
    '|---|---|---|',
    ...inputs.map(([name, i]) => `| ${code(name)} | ${i.default ? code(i.default) : '—'} | ${cell(i.description ?? '')} |`),
    '',
    '| output | description |',
    '|---|---|',
    ...outputs.map(([name, o]) => `| ${code(name)} | ${cell(o.description ?? '')} |`),
    '',
    '| event | does | `permissions:` |',
    '|---|---|---|',
    '| `pull_request`, `pull_request_target` | one sticky comment, annotations, job summary | `contents: read`, `pull-requests: write` |',
    '| `push` to the default branch, `schedule`, `workflow_dispatch` | commits the generated files when they differ | `contents: write` |',
    '',
    'A pull request from a fork gets a read-only token: the report then goes to the job summary and the',
    'annotations only. No `fetch-depth` is needed: the base plan and lock are read through the API.'
  ]
  return lines.join('\n')
}

/** README with the usage section replaced; only the text between the markers changes. */
export function replaceUsage(readme: string, section: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END, start + START.length)
  if (start < 0 || end < 0) throw new Error(`README.md needs the markers ${START} and ${END}, in that order.`)
  return `${readme.slice(0, start + START.length)}\n${section}\n${readme.slice(end)}`
}

function main(argv: string[]): number {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const readmePath = `${root}README.md`
  const readme = readFileSync(readmePath, 'utf8')
  const next = replaceUsage(readme, usageSection(readFileSync(`${root}action.yml`, 'utf8')))
  if (argv.includes('--check')) {
    if (next === readme) return 0
    console.error('README.md is stale: run `npx tsx scripts/generate-docs.ts` and commit README.md.')
    return 1
  }
  if (next !== readme) writeFileSync(readmePath, next)
  console.log(next === readme ? 'README.md is up to date.' : 'README.md updated from action.yml.')
  return 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    console.error((error as Error).message)
    process.exitCode = 1
  }
}
