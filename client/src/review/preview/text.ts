/**
 * Laying out labels for the preview renderer: paragraphs (see richText.ts) to wrapped, positioned
 * lines, and the cache of layouts. Pure: text is measured through a function passed in, so this
 * runs (and is tested) without a canvas.
 */
import type { LabelText, Paragraph } from './richText'
import {
  HEADING_MARGIN_BOTTOM,
  HEADING_MARGIN_TOP,
  HEADING_SCALES,
  LINE_HEIGHT,
  LIST_INDENT_CH,
  lineHeightPx,
} from './style'

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
