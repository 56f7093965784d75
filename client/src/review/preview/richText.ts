/**
 * Rich-text labels for the preview renderer, as plain paragraphs: TipTap/ProseMirror JSON (what
 * tldraw stores in `richText`) to paragraphs, headings and list items. Laying them out is text.ts.
 */

/** One block of a label: a paragraph, heading or list item, as plain text. */
export interface Paragraph {
  /** The text; a hard break inside the block is a '\n'. */
  readonly text: string
  /** The list marker ('•', '3.') on a list item's first block, or ''. */
  readonly marker: string
  /** How many lists deep the block is (0 outside lists). */
  readonly depth: number
  /** The heading level 1-6, or 0 for body text. */
  readonly heading: number
}

/** A label's paragraphs and a string that identifies them, for caching their layout. */
export interface LabelText {
  readonly paragraphs: readonly Paragraph[]
  readonly key: string
}

interface RichNode {
  type?: unknown
  text?: unknown
  attrs?: unknown
  content?: unknown
}

function asNode(value: unknown): RichNode | null {
  return typeof value === 'object' && value !== null ? (value as RichNode) : null
}

function childrenOf(node: RichNode): RichNode[] {
  if (!Array.isArray(node.content)) return []
  const out: RichNode[] = []
  for (const child of node.content) {
    const n = asNode(child)
    if (n) out.push(n)
  }
  return out
}

function attr(node: RichNode, name: string): unknown {
  const attrs = asNode(node.attrs) as Record<string, unknown> | null
  return attrs ? attrs[name] : undefined
}

/** Whether tldraw treats the rich text as empty (no label drawn): its isEmptyRichText. */
export function isEmptyRichText(richText: unknown): boolean {
  const doc = asNode(richText)
  if (!doc) return true
  if (typeof doc.text === 'string') return doc.text.length === 0
  const blocks = childrenOf(doc)
  if (blocks.length === 0) return true
  if (blocks.length === 1) {
    const only = blocks[0] as RichNode
    return !Array.isArray(only.content) || only.content.length === 0
  }
  return false
}

/** The plain text of inline content: text nodes joined, hard breaks as '\n'. */
function inlineText(node: RichNode): string {
  if (typeof node.text === 'string') return node.text
  if (node.type === 'hardBreak') return '\n'
  let text = ''
  for (const child of childrenOf(node)) text += inlineText(child)
  return text
}

interface ListContext {
  readonly depth: number
  /** The marker still to put on the next block (a list item's first). */
  marker: string
}

function pushBlock(out: Paragraph[], list: ListContext, text: string, heading: number): void {
  out.push({ text, marker: list.marker, depth: list.depth, heading })
  list.marker = ''
}

function walkList(node: RichNode, ordered: boolean, depth: number, out: Paragraph[]): void {
  const start = Number(attr(node, 'start'))
  let number = Number.isFinite(start) ? start : 1
  for (const item of childrenOf(node)) {
    const list: ListContext = { depth: depth + 1, marker: ordered ? `${number}.` : '•' }
    number++
    for (const child of childrenOf(item)) walkBlock(child, list, out)
    // An empty list item still shows its marker on a line of its own.
    if (list.marker) pushBlock(out, list, '', 0)
  }
}

function walkBlock(node: RichNode, list: ListContext, out: Paragraph[]): void {
  switch (node.type) {
    case 'paragraph':
    case 'codeBlock':
      pushBlock(out, list, inlineText(node), 0)
      return
    case 'heading': {
      const level = Number(attr(node, 'level'))
      pushBlock(out, list, inlineText(node), level >= 1 && level <= 6 ? level : 1)
      return
    }
    case 'bulletList':
      walkList(node, false, list.depth, out)
      return
    case 'orderedList':
      walkList(node, true, list.depth, out)
      return
    case 'horizontalRule':
      pushBlock(out, list, '', 0)
      return
    default:
      if (typeof node.text === 'string' || node.type === 'hardBreak') {
        pushBlock(out, list, inlineText(node), 0)
        return
      }
      // doc, blockquote, listItem and anything unknown: their blocks.
      for (const child of childrenOf(node)) walkBlock(child, list, out)
  }
}

/**
 * The paragraphs of a tldraw rich text (TipTap JSON: doc → paragraph / heading / bulletList /
 * orderedList → text). Marks (bold, links…) are dropped: the preview draws plain text. A plain
 * string is taken as text with '\n' between paragraphs (older records).
 */
export function richTextToParagraphs(richText: unknown): Paragraph[] {
  if (typeof richText === 'string') {
    return richText.split('\n').map((text) => ({ text, marker: '', depth: 0, heading: 0 }))
  }
  if (isEmptyRichText(richText)) return []
  const out: Paragraph[] = []
  walkBlock(asNode(richText) as RichNode, { depth: 0, marker: '' }, out)
  return out
}

const labelTextCache = new WeakMap<object, LabelText>()

function keyOf(paragraphs: readonly Paragraph[]): string {
  let key = ''
  for (const p of paragraphs) key += `${p.heading}.${p.depth}.${p.marker}\u0001${p.text}\u0002`
  return key
}

/**
 * The label text of a rich text, or null when tldraw would draw no label. Cached per rich-text
 * object: a board re-read at another moment mostly holds the same records.
 */
export function labelText(richText: unknown): LabelText | null {
  const cacheable = typeof richText === 'object' && richText !== null
  if (cacheable) {
    const hit = labelTextCache.get(richText)
    if (hit) return hit.paragraphs.length ? hit : null
  }
  const paragraphs = richTextToParagraphs(richText)
  const text: LabelText = { paragraphs, key: keyOf(paragraphs) }
  if (cacheable) labelTextCache.set(richText, text)
  return paragraphs.length ? text : null
}
