/** Block nodes of tldraw's rich text (TipTap JSON) that end a line of plain text. */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'])

/** How deep a rich-text tree is read; the board's JSON bounds already keep real ones shallower. */
const MAX_DEPTH = 32

/**
 * A shape's rich-text label (tldraw's TipTap JSON, as in a geo shape's `richText`) as plain text:
 * text nodes joined, one line per paragraph, hard breaks as newlines, outer blank lines dropped.
 * Forgiving: anything that is not rich text reads as the empty string. For places that show a
 * label without an editor (the report); the canvas renders rich text itself.
 */
export function richTextToPlain(richText: unknown): string {
  const lines: string[] = []
  let line = ''
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown }
    if (type === 'text' && typeof text === 'string') line += text
    else if (type === 'hardBreak') line += '\n'
    if (Array.isArray(content)) for (const child of content) walk(child, depth + 1)
    if (typeof type === 'string' && BLOCKS.has(type) && line !== '') {
      lines.push(line)
      line = ''
    }
  }
  walk(richText, 0)
  if (line !== '') lines.push(line)
  return lines.join('\n').trim()
}
