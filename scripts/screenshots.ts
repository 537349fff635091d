// Screenshots of the TechFlow handbook for the README: its top, the gantt of the coming weeks and the
// pipeline dependencies, in GitHub's light and dark themes. The handbook is rendered as a merge on
// 2026-11-23 would commit it (the golden copy's date), turned into HTML with a GFM renderer, styled
// with GitHub's Markdown CSS, and its diagrams drawn by Mermaid in headless Chromium.
//   npm run screenshots            (needs Chromium: apt-get install -y chromium, or CHROMIUM_PATH)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { micromark } from 'micromark'
import { chromium, type Page } from 'playwright-core'
import { renderFiles } from '../src/core/render-files.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PLAN = 'examples/techflow/opsplan.yaml'
const TODAY = '2026-11-23'
const OUT = join(ROOT, 'docs', 'screenshots')
const require = createRequire(import.meta.url)

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'
]

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  const found = candidates.find((p): p is string => !!p && existsSync(p))
  if (found) return found
  console.error(
    'Chromium is needed to draw the screenshots, and none was found.\n' +
      '  Debian or Ubuntu:  sudo apt-get install -y chromium\n' +
      '  Elsewhere:         install Chrome or Chromium and set CHROMIUM_PATH=/path/to/the/binary'
  )
  process.exit(1)
}

function handbookMarkdown(): string {
  const text = readFileSync(join(ROOT, PLAN))
  const { report, files } = renderFiles({ plan: { text, file: PLAN }, today: TODAY })
  const handbook = files['HANDBOOK.md']
  if (!report.ok || !handbook) {
    console.error(`${PLAN} has errors; fix them before taking screenshots:`)
    for (const p of report.problems.filter((x) => x.severity === 'error')) console.error(`  ${p.line}:${p.column} ${p.rule}: ${p.message}`)
    process.exit(1)
  }
  return handbook
}

/** The handbook as GitHub shows it: GFM with its HTML kept, Mermaid blocks handed to Mermaid. */
function page(markdown: string, theme: 'light' | 'dark'): string {
  const body = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
    .replace(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g, '<pre class="mermaid">$1</pre>')
  const css = readFileSync(require.resolve(`github-markdown-css/github-markdown-${theme}.css`), 'utf8')
  const mermaid = pathToFileURL(require.resolve('mermaid/dist/mermaid.min.js')).href
  const background = theme === 'dark' ? '#0d1117' : '#ffffff'
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>HANDBOOK.md</title>
<style>${css}
body { margin: 0; background: ${background}; }
.markdown-body { box-sizing: border-box; max-width: 1216px; margin: 0 auto; padding: 32px; }
.markdown-body pre.mermaid { background: transparent; text-align: center; }
</style></head>
<body><article class="markdown-body">${body}</article>
<script src="${mermaid}"></script>
<script>
  mermaid.initialize({ startOnLoad: false, theme: '${theme === 'dark' ? 'dark' : 'default'}' })
  mermaid.run({ querySelector: 'pre.mermaid' }).then(() => { window.drawn = true }, (e) => { window.failed = String(e) })
</script>
</body></html>`
}

/** The parts of the handbook to photograph: its top (title, contents, team) and two sections. */
function parts(markdown: string): Array<{ name: string; markdown: string }> {
  const sections = markdown.split(/\n(?=## )/)
  const titled = (title: string) => {
    const found = sections.find((s) => s.startsWith(`## ${title}\n`))
    if (!found) throw new Error(`the handbook has no section "${title}"`)
    return found
  }
  const team = sections.findIndex((s) => s.startsWith('## Team\n'))
  return [
    { name: 'handbook-top', markdown: sections.slice(0, team + 1).join('\n') },
    { name: 'coming-weeks', markdown: titled('Coming weeks') },
    { name: 'pipeline-dependencies', markdown: titled('Pipeline dependencies') }
  ]
}

/** One part drawn in a fresh page (a short page keeps Chromium's compositing simple), photographed whole. */
async function shoot(browserPage: Page, file: string, target: string): Promise<void> {
  await browserPage.goto(pathToFileURL(file).href)
  await browserPage.waitForFunction('window.drawn === true || window.failed !== undefined')
  const failed = await browserPage.evaluate('window.failed')
  if (failed) throw new Error(`Mermaid could not draw the handbook's diagrams: ${String(failed)}`)
  await browserPage.locator('article.markdown-body').screenshot({ path: target })
}

async function main(): Promise<void> {
  const executablePath = chromiumPath()
  const markdown = handbookMarkdown()
  const profile = mkdtempSync(join(tmpdir(), 'opsplan-screenshots-'))
  mkdirSync(OUT, { recursive: true })
  const browser = await chromium.launchPersistentContext(join(profile, 'user-data'), {
    executablePath,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 2
  })
  try {
    for (const theme of ['light', 'dark'] as const) {
      for (const part of parts(markdown)) {
        const file = join(profile, `${part.name}-${theme}.html`)
        writeFileSync(file, page(part.markdown, theme))
        const browserPage = await browser.newPage()
        await browserPage.emulateMedia({ colorScheme: theme })
        // Mermaid draws a line at the viewer's today: pin it to the day the handbook was rendered
        await browserPage.clock.setFixedTime(new Date(`${TODAY}T12:00:00`))
        const target = join(OUT, `${part.name}${theme === 'dark' ? '-dark' : ''}.png`)
        await shoot(browserPage, file, target)
        await browserPage.close()
        console.log(`wrote ${target.slice(ROOT.length)}`)
      }
    }
  } finally {
    await browser.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
