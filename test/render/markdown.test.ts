// Escaping, checked by what a GFM parser makes of the result: the reader sees the original text,
// and nothing the user typed becomes structure, a comment or a mention.
import { describe, expect, it } from '@jest/globals'
import { cell, code, html, inline, mention, table } from '../../src/core/render/markdown.js'
import { htmlNodes, parseGfm, tables, textOf, walk } from '../support/markdown.js'

function readCell(text: string): string[][] {
  const [t] = tables(parseGfm(table(['A', 'B'], [[cell(text), 'x']])))
  return t ?? []
}

describe('table cells', () => {
  it.each([
    ['a pipe', 'Ana | Torres'],
    ['a newline', 'Profit\nDaily'],
    ['backslashes', 'C:\\data\\in | out\\'],
    ['emphasis and links', '*bold* _it_ [x](y) `code` ~~s~~'],
    ['HTML', '<b>hi</b> & <!-- x'],
    ['a leading heading mark', '# not a heading'],
    ['a channel and a leading dash', '#data-oncall - then -1'],
    ['entities typed as text', 'Growth & Marketing &amp; &#64; &#x40; &copy;'],
    ['snake_case and _emphasis_', 'warehouse.profit_daily and _not emphasis_ nor __strong__']
  ])('keep %s as one cell with the original text', (_what, text) => {
    const t = readCell(text)
    expect(t[1]).toEqual([text, 'x'])
  })

  it('never carries an HTML node except line breaks', () => {
    const root = parseGfm(table(['A'], [[cell('<!-- x\n<script>y</script>')]]))
    expect(htmlNodes(root)).toEqual(['<br>'])
  })
})

describe('the raw file reads naturally', () => {
  it('keeps a plain ampersand, an intraword underscore and an exclamation mark as typed', () => {
    expect(inline('Growth & Marketing')).toBe('Growth & Marketing')
    expect(inline('America/New_York')).toBe('America/New_York')
    expect(inline('Done!')).toBe('Done!')
    expect(cell('#data-oncall')).toBe('#data-oncall')
  })

  it('escapes an ampersand only where it would start an entity', () => {
    expect(inline('R&D &amp; &#64; &x')).toBe('R&D &amp;amp; &amp;#64; &x')
    expect(textOf(parseGfm(inline('R&D &amp; &#64; &x')))).toBe('R&D &amp; &#64; &x')
  })

  it('still turns < and > into entities, so no tag or comment can open', () => {
    expect(inline('<b> >= 99%')).toBe('&lt;b&gt; &gt;= 99%')
    const root = parseGfm(`${inline('a <!-- b & <script>')}\n`)
    expect(htmlNodes(root)).toEqual([])
    expect(textOf(root)).toBe('a <!-- b & <script>')
  })

  it('escapes an image opener through its bracket', () => {
    const root = parseGfm(`${inline('![x](http://y/z.png)')}\n`)
    expect(walk(root).some((n) => n.type === 'image')).toBe(false)
    expect(textOf(root)).toContain('![x]')
  })
})

describe('inline text', () => {
  it.each(['# Title', '- item', '+ item', '1. first', '> quote', '***', '=== '])('"%s" stays a paragraph', (text) => {
    const root = parseGfm(`${inline(text)}\n`)
    expect(root.children.map((n) => n.type)).toEqual(['paragraph'])
    expect(textOf(root)).toBe(text.trim())
  })

  it('neutralises mentions but keeps e-mail addresses', () => {
    const out = inline('Ask @everyone or @org/team, mail ana@techflow.example')
    expect(out).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]/)
    expect(out).toContain('ana@techflow.example')
    expect(textOf(parseGfm(out))).toBe('Ask @\u200beveryone or @\u200borg/team, mail ana@techflow.example')
  })

  it('cannot open an HTML comment', () => {
    const root = parseGfm(`${inline('before <!-- hidden')}\n\nafter\n`)
    expect(htmlNodes(root)).toEqual([])
    expect(textOf(root)).toContain('after')
  })

  it('shortens a runaway string', () => {
    expect(Array.from(textOf(parseGfm(inline('x'.repeat(5000), 100))))).toHaveLength(100)
  })
})

describe('code spans, HTML and mentions', () => {
  it('fences around backticks', () => {
    const root = parseGfm(`${code('a `b` c')}\n`)
    const node = walk(root).find((n) => n.type === 'inlineCode')
    expect(node && textOf(node)).toBe('a `b` c')
  })

  it('falls back to text when code would carry a comment or a mention', () => {
    expect(code('<!-- x')).not.toContain('<!--')
    expect(textOf(parseGfm(code('<!-- x')))).toBe('<!-- x')
    expect(code('@everyone')).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9]/)
  })

  it('escapes pipes in a code span inside a table', () => {
    const [t] = tables(parseGfm(table(['A', 'B'], [[code('a|b', { inTable: true }), 'x']])))
    expect(t?.[1]).toEqual(['a|b', 'x'])
  })

  it('escapes HTML text', () => {
    expect(html('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;')
  })

  it('mentions only well-formed logins', () => {
    expect(mention('ana-torres')).toBe('@ana-torres')
    expect(mention('@ben')).toBe('@ben')
    expect(mention('bad login!')).toBe('bad login!')
    expect(mention('-x')).not.toMatch(/^@/)
  })
})
