/**
 * Rich-text labels for the preview renderer: TipTap/ProseMirror JSON to paragraphs, and paragraphs
 * to wrapped, positioned lines. Pure: text is measured through a function passed in, so this runs
 * (and is tested) without a canvas.
 */
import {
  HEADING_MARGIN_BOTTOM,
  HEADING_MARGIN_TOP,
  HEADING_SCALES,
  LINE_HEIGHT,
  LIST_INDENT_CH,
  lineHeightPx,
} from './style'

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

/** Measures the advance width of `text` set in the CSS font `font`. */
export type Measure = (text: string, font: string) => number

/** How lines sit in their block: CSS text-align. */
export type TextAlign = 'start' | 'center' | 'end'

/** The font a label is set in. */
export interface TextStyle {
  /** CSS font family list. */
  readonly family: string
  /** Font size in px (the label's own units). */
  readonly size: number
}

/** One laid-out line. Coordinates are relative to the text block's top-left. */
export interface LaidLine {
  readonly text: string
  readonly font: string
  readonly x: number
  /** The top of the line box. */
  readonly y: number
  readonly height: number
  readonly width: number
  /** A list marker ('' for none), drawn right-aligned, a space before markerX (where the item's text starts). */
  readonly marker: string
  readonly markerX: number
}

/** A laid-out label: its lines and the size of the block they fill. */
export interface TextLayout {
  readonly lines: readonly LaidLine[]
  readonly width: number
  readonly height: number
}

/** The CSS font of body text. */
export function bodyFont(style: TextStyle): string {
  return `${style.size}px ${style.family}`
}

function headingFont(style: TextStyle, level: number): string {
  return `bold ${style.size * (HEADING_SCALES[level] ?? 1)}px ${style.family}`
}

const WORD_OR_SPACE = /\s+|\S+/g
const HYPHENATED_PART = /-*[^-]+-*|-+/g

/** Splits a word too wide for `maxWidth` into pieces that fit (CSS overflow-wrap: break-word). */
function breakWord(word: string, font: string, maxWidth: number, measure: Measure): string[] {
  const chars = Array.from(word)
  const pieces: string[] = []
  let start = 0
  while (start < chars.length) {
    // Binary search for the longest prefix that fits; always take at least one character.
    let lo = start + 1
    let hi = chars.length
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (measure(chars.slice(start, mid).join(''), font) <= maxWidth) lo = mid
      else hi = mid - 1
    }
    pieces.push(chars.slice(start, lo).join(''))
    start = lo
  }
  return pieces
}

interface WrappedLine {
  text: string
  width: number
}

/**
 * Wraps one line of text (no '\n') to `maxWidth` like the browser does with white-space:
 * pre-wrap and overflow-wrap: break-word: greedy at spaces, spaces at a break hang past the
 * edge, and a word wider than the line is broken between characters. `maxWidth` null: no wrapping.
 */
export function wrapLine(
  text: string,
  font: string,
  maxWidth: number | null,
  measure: Measure,
): WrappedLine[] {
  const tokens = text.match(WORD_OR_SPACE)
  if (!tokens) return [{ text: '', width: 0 }]
  const lines: WrappedLine[] = []
  let line = ''
  let width = 0
  let space = ''
  let spaceWidth = 0
  const limit = maxWidth ?? Number.POSITIVE_INFINITY
  const placeAtLineStart = (word: string, wordWidth: number) => {
    if (wordWidth <= limit) {
      line = word
      width = wordWidth
      return
    }
    const pieces = breakWord(word, font, limit, measure)
    for (let i = 0; i < pieces.length - 1; i++) {
      const piece = pieces[i] as string
      lines.push({ text: piece, width: measure(piece, font) })
    }
    line = pieces[pieces.length - 1] ?? ''
    width = measure(line, font)
  }
  for (const token of tokens) {
    if (token.trim() === '') {
      space += token
      spaceWidth += measure(token.replace(/\t/g, '  '), font)
      continue
    }
    // A line may also break after a hyphen inside a word ("arrow-" / "right").
    for (const part of token.match(HYPHENATED_PART) ?? [token]) {
      const partWidth = measure(part, font)
      if (line === '' && lines.length === 0) {
        // Leading spaces of a paragraph are kept (pre-wrap).
        placeAtLineStart(space + part, spaceWidth + partWidth)
      } else if (width + spaceWidth + partWidth <= limit) {
        line += space + part
        width += spaceWidth + partWidth
      } else {
        lines.push({ text: line, width })
        placeAtLineStart(part, partWidth)
      }
      space = ''
      spaceWidth = 0
    }
  }
  if (line === '' && lines.length === 0) line = space
  lines.push({ text: line, width })
  return lines
}

function alignOffset(align: TextAlign, free: number): number {
  if (align === 'center') return free / 2
  if (align === 'end') return free
  return 0
}

interface PendingLine {
  text: string
  font: string
  indent: number
  y: number
  height: number
  width: number
  marker: string
  isList: boolean
}

/**
 * Lays paragraphs out in a block: wraps them to `maxWidth` (null: no wrapping), stacks their line
 * boxes (body lines round(size × 1.35) high, headings larger and bold with margins), indents list
 * items, and aligns the lines in the block. The block is as wide as its widest line, or as wide as
 * `maxWidth` when a line had to wrap (CSS fit-content); list items are always left-aligned, as in
 * tldraw's stylesheet.
 */
export function layoutParagraphs(
  paragraphs: readonly Paragraph[],
  style: TextStyle,
  maxWidth: number | null,
  align: TextAlign,
  measure: Measure,
): TextLayout {
  const body = bodyFont(style)
  const indentStep = paragraphs.some((p) => p.depth > 0) ? measure('0', body) * LIST_INDENT_CH : 0
  const pending: PendingLine[] = []
  let y = 0
  let widest = 0
  let wrapped = false
  for (const p of paragraphs) {
    const font = p.heading ? headingFont(style, p.heading) : body
    const height = p.heading
      ? style.size * (HEADING_SCALES[p.heading] ?? 1) * LINE_HEIGHT
      : lineHeightPx(style.size)
    const indent = p.depth * indentStep
    const available = maxWidth === null ? null : Math.max(1, maxWidth - indent)
    if (p.heading) y += HEADING_MARGIN_TOP
    let marker = p.marker
    for (const segment of p.text.split('\n')) {
      const lines = wrapLine(segment, font, available, measure)
      if (lines.length > 1) wrapped = true
      for (const line of lines) {
        pending.push({
          text: line.text,
          font,
          indent,
          y,
          height,
          width: line.width,
          marker,
          isList: p.depth > 0,
        })
        marker = ''
        widest = Math.max(widest, indent + line.width)
        y += height
      }
    }
    if (p.heading) y += HEADING_MARGIN_BOTTOM
  }
  const blockWidth = wrapped && maxWidth !== null ? maxWidth : widest
  const lines: LaidLine[] = pending.map((l) => ({
    text: l.text,
    font: l.font,
    x: l.isList ? l.indent : alignOffset(align, blockWidth - l.width),
    y: l.y,
    height: l.height,
    width: l.width,
    marker: l.marker,
    markerX: l.indent,
  }))
  return { lines, width: blockWidth, height: y }
}

/** Layouts are dropped when the cache grows past this many labels (a long review keeps scrubbing). */
const MAX_CACHED_LAYOUTS = 20_000

const layoutCache = new Map<string, TextLayout>()

/** The cache key of a label's layout: everything the layout depends on. */
export function layoutKey(
  text: LabelText,
  style: TextStyle,
  maxWidth: number | null,
  align: TextAlign,
): string {
  return `${style.size}|${style.family}|${maxWidth ?? '-'}|${align}|${text.key}`
}

/**
 * The layout of a label, from a module-level cache keyed by (text, font, size, width, align), so
 * painting the board at another moment, where most labels are unchanged, does not wrap them again.
 * A layout made with estimated widths (`isExact` false once it is done) is returned but not kept.
 */
export function cachedLayout(
  key: string,
  text: LabelText,
  style: TextStyle,
  maxWidth: number | null,
  align: TextAlign,
  measure: Measure,
  isExact: () => boolean = () => true,
): TextLayout {
  const hit = layoutCache.get(key)
  if (hit) return hit
  const layout = layoutParagraphs(text.paragraphs, style, maxWidth, align, measure)
  if (isExact()) {
    if (layoutCache.size >= MAX_CACHED_LAYOUTS) layoutCache.clear()
    layoutCache.set(key, layout)
  }
  return layout
}

/** The cached layout of a key, if any (exact layouts only). */
export function peekLayout(key: string): TextLayout | undefined {
  return layoutCache.get(key)
}

/** Forgets every cached layout (after web fonts load, measurements change). */
export function clearLayoutCache(): void {
  layoutCache.clear()
}
