// Escaping for every user string where it lands in Markdown that GitHub renders: table cells, inline
// text, code spans, HTML and @mentions. Plans are written by many people and the comment is posted by
// a bot, so a name must never break a table, open an HTML comment (the action finds its sticky
// comment by a hidden marker, which must stay unique) or ping anyone.
import { markdownTable } from 'markdown-table'

/**
 * A zero-width space after `@` stops GitHub from linking and notifying, yet reads as the same text.
 * An entity for `@` itself is not enough: it is decoded before GitHub looks for mentions.
 */
const MENTION_BREAK = '&#8203;'

/** GitHub logins: alphanumerics and single hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/

/** Cells and inline text longer than this are shortened so one runaway string cannot swamp a report. */
export const MAX_TEXT = 2000

function shorten(text: string, limit: number): string {
  const chars = Array.from(text)
  return chars.length <= limit ? text : chars.slice(0, limit - 1).join('') + '…'
}

/** `@word` that GitHub would turn into a mention (not the `@` inside an e-mail address). */
function neutraliseMentions(escaped: string): string {
  return escaped.replace(/(^|[^A-Za-z0-9])@(?=[A-Za-z0-9])/g, `$1@${MENTION_BREAK}`)
}

/** `&` that would start a character reference (`&amp;`, `&#38;`, `&#x26;`); any other `&` is plain text. */
const ENTITY_START = /&(?=#?[A-Za-z0-9]+;)/g

const ALNUM = /[A-Za-z0-9]/

/**
 * Backslash-escapes what would start emphasis, links, code, strike-through or a table column.
 * `_` between two letters or digits cannot open or close emphasis in GFM (`New_York`), so it stays
 * bare and the raw file reads naturally; `!` needs no escape because the `[` after it always has one.
 */
function escapePunctuation(text: string): string {
  return text.replace(/[\\`*_[\]~|]/g, (c, at: number) => {
    if (c === '_' && ALNUM.test(text.charAt(at - 1)) && ALNUM.test(text.charAt(at + 1))) return c
    return '\\' + c
  })
}

function escapeText(text: string, limit: number, atLineStart: boolean): string {
  let out = escapePunctuation(shorten(String(text), limit).replace(/\r\n?|\n/g, ' '))
    .replace(ENTITY_START, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
  if (atLineStart) out = out.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
  return neutraliseMentions(out)
}

/**
 * Plain text for inline Markdown: `<` and `>` become entities (so `<!--` cannot open a comment), an
 * `&` only where it would start an entity, punctuation that would start emphasis, links, code or
 * strike-through is backslash-escaped, a leading block marker (`#`, `-`, `+`, `1.`) is neutralised,
 * line breaks become spaces, and @mentions are neutralised.
 */
export function inline(text: string, limit = MAX_TEXT): string {
  return escapeText(text, limit, true)
}

/**
 * Text for one GFM table cell: like `inline`, with `|` escaped and line breaks kept as `<br>`. A cell
 * holds inline content only, so a leading `#` or `-` (a channel, a negative number) stays as written.
 */
export function cell(text: string | number | null | undefined, limit = MAX_TEXT): string {
  if (text === null || text === undefined) return ''
  const lines = shorten(String(text), limit).split(/\r\n?|\n/)
  return lines.map((line) => escapeText(line.trim(), limit, false)).join('<br>')
}

/** Escapes for HTML text and attribute values (used in `<summary>` and similar). */
export function html(text: string): string {
  return neutraliseMentions(
    String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  )
}

/**
 * A code span for identifiers, cron expressions and file names. Falls back to escaped inline text
 * when the code would carry `<!--`, an `@word` or a line break, which a code span cannot neutralise.
 * Inside a table cell, pass `inTable` so `|` is escaped as GFM requires.
 */
export function code(text: string, options: { inTable?: boolean } = {}): string {
  const value = shorten(String(text), MAX_TEXT)
  if (value === '' || /<!--|@[A-Za-z0-9]|[\r\n]|-->/.test(value)) return inline(value)
  const longest = Math.max(0, ...Array.from(value.matchAll(/`+/g), (m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = value.startsWith('`') || value.endsWith('`') || /^ .* $/.test(value) ? ' ' : ''
  const body = options.inTable ? value.replace(/\|/g, '\\|') : value
  return `${fence}${pad}${body}${pad}${fence}`
}

/** A real @mention, only for a well-formed GitHub login; anything else comes back as escaped text. */
export function mention(login: string): string {
  const bare = login.startsWith('@') ? login.slice(1) : login
  return LOGIN.test(bare) ? `@${bare}` : inline(login)
}

/** A heading's text: inline escaping, and never empty. */
export function headingText(text: string): string {
  const out = inline(text, 200)
  return out.trim() === '' ? '(unnamed)' : out
}

/**
 * A GFM table from cells that are already escaped (use `cell()` on user strings). Every row gets as
 * many cells as the header, so a short row cannot shift columns.
 */
export function table(
  header: string[],
  rows: string[][],
  options: { align?: Array<'l' | 'r' | 'c'>; compact?: boolean } = {}
): string {
  const width = header.length
  const fitted = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''))
  return markdownTable([header, ...fitted], {
    align: options.align ?? null,
    alignDelimiters: !options.compact
  })
}

/** A `<details>` block that GitHub folds; the body is Markdown and needs blank lines around it. */
export function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`
}

/**
 * A table whose first `visible` rows show and whose rest fold into `<details>` (a second table with
 * the same header), so the nearest rows stay on screen and the page stays short.
 */
export function foldedTable(
  header: string[],
  rows: string[][],
  options: { visible: number; summary: (hidden: number) => string; align?: Array<'l' | 'r' | 'c'> }
): string {
  // folding one or two rows saves nothing
  if (rows.length <= options.visible + 2) return table(header, rows, { align: options.align })
  const shown = rows.slice(0, options.visible)
  const rest = rows.slice(options.visible)
  return [
    table(header, shown, { align: options.align }),
    details(html(options.summary(rest.length)), table(header, rest, { align: options.align }))
  ].join('\n\n')
}
