// A GFM parser for tests: read generated Markdown as GitHub would, then ask about headings, tables,
// code blocks and text instead of matching strings.
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import type { Code, Heading, Nodes, Root, Table } from 'mdast'

export function parseGfm(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

/** Every node of the tree, depth first. */
export function walk(node: Nodes): Nodes[] {
  const children = 'children' in node ? (node.children as Nodes[]) : []
  return [node, ...children.flatMap((c) => walk(c))]
}

/** The text a reader sees: text, inline code and line breaks (`<br>` as a newline). */
export function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value
  if (node.type === 'break') return '\n'
  if (node.type === 'html') return node.value === '<br>' ? '\n' : node.value
  if ('children' in node) return (node.children as Nodes[]).map((c) => textOf(c)).join('')
  return ''
}

export function headings(root: Root, depth?: number): string[] {
  return walk(root)
    .filter((n): n is Heading => n.type === 'heading' && (depth === undefined || n.depth === depth))
    .map((h) => textOf(h))
}

/** Tables as rows of cell texts, header row first. */
export function tables(root: Root): string[][][] {
  return walk(root)
    .filter((n): n is Table => n.type === 'table')
    .map((t) => t.children.map((row) => row.children.map((c) => textOf(c))))
}

/** The table whose header starts with these cells. */
export function tableWithHeader(root: Root, ...header: string[]): string[][] | undefined {
  return tables(root).find((t) => header.every((h, i) => t[0]?.[i] === h))
}

export function codeBlocks(root: Root, lang?: string): string[] {
  return walk(root)
    .filter((n): n is Code => n.type === 'code' && (lang === undefined || n.lang === lang))
    .map((c) => c.value)
}

/** Raw HTML nodes (comments, `<details>`, ...). */
export function htmlNodes(root: Root): string[] {
  return walk(root).filter((n) => n.type === 'html').map((n) => (n as { value: string }).value)
}

/** Sections between `##` headings: heading text → the Markdown nodes under it. */
export function section(root: Root, title: string): Root {
  const start = root.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && textOf(n) === title)
  if (start < 0) return { type: 'root', children: [] }
  const rest = root.children.slice(start + 1)
  const end = rest.findIndex((n) => n.type === 'heading' && n.depth === 2)
  return { type: 'root', children: end < 0 ? rest : rest.slice(0, end) }
}
