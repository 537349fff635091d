// User text inside Mermaid diagrams, safe by construction. Mermaid's own escape is the entity code
// `#NNN;`: Mermaid swaps it for a placeholder before its parsers run and back to `&#NNN;` in the
// drawn SVG, so an escaped character can never be read as syntax. Every character that could mean
// something to a Mermaid grammar is escaped that way; letters, digits and plain punctuation stay as
// written, so the Markdown source still reads naturally and names are measured at their true width.

/** Characters that no Mermaid grammar we write gives a meaning to, inside a label or after a keyword. */
const PLAIN = /^[\p{L}\p{M}\p{N} .,'()+\-_/!?]$/u

/** `&` stays plain unless it would start a character reference once the label is drawn as HTML. */
const REFERENCE_AFTER = /^#?[A-Za-z0-9]+;/

function entity(ch: string): string {
  return `#${ch.codePointAt(0) ?? 32};`
}

function shorten(text: string, limit: number): string {
  const chars = Array.from(text)
  return chars.length <= limit ? text : chars.slice(0, limit - 1).join('') + '…'
}

/** One line of text with every character that is not plain replaced by its entity code. */
export function mermaidEscape(text: string, limit = 80): string {
  const flat = shorten(String(text).replace(/\s+/g, ' ').trim(), limit)
  const chars = Array.from(flat === '' ? '-' : flat)
  return chars
    .map((ch, i) => {
      if (ch === '&') return REFERENCE_AFTER.test(chars.slice(i + 1, i + 12).join('')) ? entity(ch) : ch
      return PLAIN.test(ch) ? ch : entity(ch)
    })
    .join('')
}

/**
 * Starts every gantt task name. Task names begin their line, where Mermaid's gantt lexer tries its
 * keywords (`call`, `click`, `section`, `title`, `excludes`, a date, `%%` ...) before it accepts a
 * name. A zero-width space matches none of them, is not whitespace to the lexer (JavaScript's `\s`
 * leaves it out), and draws nothing. An entity code would be safe too, but Mermaid measures a name
 * before decoding it, so `#67;hen Wei` counts five characters wider and is pushed out of its bar.
 */
export const TASK_NAME_GUARD = '\u200B'

/** A gantt task name: the guard, then the escaped name, so no name can start a statement. */
export function ganttTaskName(text: string, limit = 40): string {
  return TASK_NAME_GUARD + mermaidEscape(text, limit)
}

/** A flowchart node label: a quoted string, so punctuation stays, with quotes and markup escaped. */
export function flowchartLabel(text: string, limit = 80): string {
  return `"${mermaidEscape(text, limit)}"`
}

/**
 * YAML front matter for a diagram (Mermaid reads `config` from it, GitHub's renderer included).
 * Values are written as JSON strings, which YAML reads as they are.
 */
export function frontMatter(entries: Record<string, string | Record<string, string | Record<string, string>>>): string[] {
  const lines = ['---']
  const write = (value: string | Record<string, unknown>, key: string, indent: string): void => {
    if (typeof value === 'string') {
      lines.push(`${indent}${key}: ${JSON.stringify(value)}`)
      return
    }
    lines.push(`${indent}${key}:`)
    for (const [k, v] of Object.entries(value)) write(v as string | Record<string, unknown>, k, `${indent}  `)
  }
  for (const [key, value] of Object.entries(entries)) write(value, key, '')
  lines.push('---')
  return lines
}
