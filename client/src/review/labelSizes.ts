import {
  type Editor,
  type GeoShapeUtil,
  getDisplayValues,
  renderHtmlFromRichTextForMeasurement,
  type TLGeoShape,
  type TLMeasureTextOpts,
  type TLRecord,
  type TLRichText,
} from 'tldraw'

/**
 * Measures the labels of many geo shapes in one layout pass, before they are put in the store.
 *
 * tldraw measures a geo shape's label the first time it needs the shape's geometry, reading the
 * size back from the DOM: one forced layout per label, which for a board of 1,500 labelled shapes
 * took most of the time to show it. Here all new labels are laid out together with tldraw's own
 * `measureHtmlBatch`, and the geo util finds each label's size in a cache instead of measuring it
 * again. (The HTML is tldraw's own, which it caches per rich text for drawing the label.)
 *
 * The cache key holds everything tldraw's measurement depends on (the rich text, font, size and
 * wrapping width), so a hit returns what tldraw would have measured; anything not prepared is
 * measured by tldraw as before.
 */
export interface LabelSizes {
  /** Measures, in one layout pass, the labels of the geo shapes among `records` not measured yet. */
  prepare(records: readonly TLRecord[]): void
  /**
   * The fonts the labels of `records` are drawn in, loaded (so measuring uses the real glyphs).
   * The records may be unchecked JSON: anything that is not a labelled geo shape is passed over.
   */
  loadFonts(records: Iterable<unknown>): Promise<void>
  /** How many labels were measured in batches and how many times the cache answered tldraw. */
  stats(): { measured: number; hits: number }
  /** Restores tldraw's own measuring. */
  dispose(): void
}

interface Size {
  w: number
  h: number
}

/** The private method of tldraw's geo util that measures one label (tldraw 5.4). */
interface MeasuresLabels {
  measureUnscaledLabelSize(shape: TLGeoShape): Size
}

/** tldraw's TEXT_PROPS, which its label measurement spreads under the shape's own values. */
const TEXT_PROPS = { fontWeight: 'normal', fontVariant: 'normal', fontStyle: 'normal', padding: '0px' }

/** The cache is dropped when it grows past this many labels (a long review keeps scrubbing). */
const MAX_CACHED = 20_000

/**
 * Installs batch label measuring on `editor`'s geo util. Returns null, leaving tldraw as it is,
 * if the util does not measure labels the way this was written for.
 */
export function installLabelSizes(editor: Editor): LabelSizes | null {
  if (!editor.hasShapeUtil('geo')) return null
  const util = editor.getShapeUtil<GeoShapeUtil>('geo')
  const measuring = util as unknown as MeasuresLabels
  const original = measuring.measureUnscaledLabelSize
  if (typeof original !== 'function') return null

  const sizes = new Map<string, Size>()
  let measured = 0
  let hits = 0

  measuring.measureUnscaledLabelSize = function measureUnscaledLabelSize(shape) {
    const cached = sizes.get(labelRequest(util, shape).key)
    if (cached) {
      hits++
      return cached
    }
    return original.call(this, shape)
  }

  return {
    prepare(records) {
      const pending = new Map<string, { shape: TLGeoShape; opts: TLMeasureTextOpts; padding: number }>()
      for (const record of records) {
        const shape = asLabelledGeo(record)
        if (!shape) continue
        const request = labelRequest(util, shape)
        if (!sizes.has(request.key)) pending.set(request.key, { shape, ...request })
      }
      if (pending.size === 0) return
      if (sizes.size + pending.size > MAX_CACHED) sizes.clear()
      const entries = [...pending]
      const results = editor.textMeasure.measureHtmlBatch(
        entries.map(([, { shape, opts }]) => ({
          html: renderHtmlFromRichTextForMeasurement(editor, shape.props.richText),
          opts,
        })),
      )
      entries.forEach(([key, { padding }], i) => {
        const result = results[i]
        if (result) sizes.set(key, { w: result.w + padding * 2, h: result.h + padding * 2 })
      })
      measured += entries.length
      // The batch leaves one hidden element per label in the page; keep just one.
      const first = entries[0]
      if (first && entries.length > 1)
        editor.textMeasure.measureHtmlBatch([{ html: '', opts: first[1].opts }])
    },
    async loadFonts(records) {
      const faces = new Set<ReturnType<typeof util.getFontFaces>[number]>()
      for (const record of records) {
        try {
          const shape = asLabelledGeo(record as TLRecord)
          if (shape) for (const face of util.getFontFaces(shape)) faces.add(face)
        } catch {
          // A malformed record is refused when the board is applied; it needs no font.
        }
      }
      await Promise.allSettled([...faces].map((face) => editor.fonts.ensureFontIsLoaded(face)))
    },
    stats: () => ({ measured, hits }),
    dispose() {
      delete (measuring as Partial<MeasuresLabels>).measureUnscaledLabelSize
      sizes.clear()
    },
  }
}

/**
 * What tldraw's `measureUnscaledLabelSize` would measure for `shape`: the same text options, and a
 * key naming all of them and the label's text.
 */
function labelRequest(util: GeoShapeUtil, shape: TLGeoShape) {
  const dv = getDisplayValues(util, shape)
  const opts: TLMeasureTextOpts = {
    ...TEXT_PROPS,
    fontFamily: dv.labelFontFamily,
    fontSize: dv.labelFontSize,
    lineHeight: dv.labelLineHeight,
    minWidth: dv.labelMinWidth,
    maxWidth: Math.max(
      0,
      Math.ceil(dv.labelMinWidth + dv.labelExtraPadding),
      Math.ceil(shape.props.w / shape.props.scale - dv.labelPadding * 2),
    ),
  }
  const key = [
    opts.fontFamily,
    opts.fontSize,
    opts.lineHeight,
    opts.minWidth,
    opts.maxWidth,
    dv.labelPadding,
    JSON.stringify(shape.props.richText),
  ].join('\u0000')
  return { key, opts, padding: dv.labelPadding }
}

function asLabelledGeo(record: TLRecord): TLGeoShape | null {
  if (record.typeName !== 'shape' || record.type !== 'geo') return null
  const shape = record as TLGeoShape
  return isEmptyRichText(shape.props.richText) ? null : shape
}

/** tldraw's test for a label with no text (its own is not exported). */
function isEmptyRichText(richText: TLRichText): boolean {
  if (richText.content.length === 0) return true
  if (richText.content.length > 1) return false
  const only = richText.content[0] as { content?: unknown[] }
  return !only.content || only.content.length === 0
}
