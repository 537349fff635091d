// The real Mermaid parser for tests (npm `mermaid` 11, the major version GitHub renders with), run
// under jsdom: Mermaid needs a `window` for DOMPurify even when it only parses. A diagram is read
// back as Mermaid itself understands it — the bars of a gantt with their rows, the nodes, edges and
// classes of a flowchart — so a test compares what a reader would see with what was meant.
import { JSDOM } from 'jsdom'

type MermaidModule = typeof import('mermaid')['default']

let loading: Promise<MermaidModule> | undefined

/** Mermaid, loaded once per test file with a jsdom window as its global. */
export function loadMermaid(): Promise<MermaidModule> {
  if (!loading) {
    const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
    const g = globalThis as unknown as Record<string, unknown>
    g.window = dom.window
    g.document = dom.window.document
    loading = import('mermaid').then((m) => m.default)
  }
  return loading
}

/**
 * Text as a reader sees it once drawn: Mermaid swaps `#NNN;` for a placeholder before parsing and
 * turns it into `&#NNN;` in the SVG, which the browser then shows as the character; a zero-width
 * space shows as nothing.
 */
export function drawnText(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\uFB02\u00B0(\w+)\u00B6\u00DF/g, (_, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00A0' } as Record<string, string>)[name] ?? `&${name};`)
    .trim()
}

export interface GanttBar {
  name: string
  row: string
  start: Date
  end: Date
  kind: 'cover' | 'investor' | 'milestone' | 'shift'
}

export interface ParsedGantt {
  type: 'gantt'
  config: Record<string, unknown>
  title: string
  bars: GanttBar[]
}

export interface ParsedFlowchart {
  type: 'flowchart'
  config: Record<string, unknown>
  nodes: Array<{ id: string; label: string; classes: string[] }>
  edges: Array<{ from: string; to: string }>
  classes: Record<string, string[]>
}

interface GanttTask {
  task: string
  section: string
  startTime: Date
  endTime: Date
  active?: boolean
  crit?: boolean
  milestone?: boolean
}

interface GanttDb {
  getTasks(): GanttTask[]
  getDiagramTitle(): string
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; classes: string[] }>
  getEdges(): Array<{ start: string; end: string }>
  getClasses(): Map<string, { styles: string[] }>
}

/** Parses one diagram with Mermaid; throws Mermaid's own error when the text does not parse. */
export async function parseMermaid(text: string): Promise<ParsedGantt | ParsedFlowchart> {
  const mermaid = await loadMermaid()
  const parsed = await mermaid.parse(text)
  if (!parsed) throw new Error('Mermaid could not parse the diagram')
  const config = (parsed.config ?? {}) as Record<string, unknown>
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text)
  if (parsed.diagramType === 'gantt') {
    const db = diagram.db as unknown as GanttDb
    return {
      type: 'gantt',
      config,
      title: drawnText(db.getDiagramTitle()),
      bars: db.getTasks().map((t) => ({
        name: drawnText(t.task),
        row: drawnText(t.section),
        start: t.startTime,
        end: t.endTime,
        kind: t.milestone ? 'milestone' : t.active ? 'cover' : t.crit ? 'investor' : 'shift'
      }))
    }
  }
  if (parsed.diagramType.startsWith('flowchart')) {
    const db = diagram.db as unknown as FlowDb
    return {
      type: 'flowchart',
      config,
      nodes: [...db.getVertices().values()].map((v) => ({ id: v.id, label: drawnText(v.text ?? v.id), classes: v.classes })),
      edges: db.getEdges().map((e) => ({ from: e.start, to: e.end })),
      classes: Object.fromEntries([...db.getClasses()].map(([name, c]) => [name, c.styles]))
    }
  }
  throw new Error(`unexpected diagram type ${parsed.diagramType}`)
}
