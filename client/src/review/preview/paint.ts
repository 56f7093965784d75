/**
 * Paints a preview scene (see scene.ts) on a 2D canvas, looking as close to tldraw as a single
 * pass of plain canvas calls allows. Everything geometric was worked out when the scene was
 * built; here the labels are measured and wrapped (cached across paints), shapes outside the
 * view are skipped, and canvas state is only touched when it changes.
 */
import {
  type ArrowItem,
  type Clip,
  type DashRun,
  type Fill,
  type FrameItem,
  type GeoItem,
  type HighlightItem,
  type Label,
  type Mat,
  type NoteItem,
  OP_ARC,
  OP_ARITY,
  OP_CLOSE,
  OP_CUBIC,
  OP_ELLIPSE,
  OP_LINE,
  OP_MOVE,
  OP_QUAD,
  type PathData,
  type PlaceholderItem,
  type Point,
  type PreviewScene,
  type SceneItem,
  type StrokeItem,
  type TextItem,
} from './scene'
import {
  ARROW_LABEL_PADDING,
  ARROW_LABEL_RADIUS,
  FRAME_HEADING,
  HIGHLIGHT_OVERLAY_OPACITY,
  HIGHLIGHT_UNDERLAY_OPACITY,
  THEME,
} from './style'
import {
  cachedLayout,
  clearLayoutCache,
  type LaidLine,
  layoutParagraphs,
  type Measure,
  peekLayout,
  type TextLayout,
} from './text'

/** tldraw's camera: screen = (page + {x, y}) * z, in CSS px relative to the canvas' top-left. */
export interface PreviewCamera {
  x: number
  y: number
  z: number
}

// ---------------------------------------------------------------------------------------------
// Text measuring, cached per font across paints

const widthCache = new Map<string, Map<string, number>>()
let cachedWidths = 0
const MAX_CACHED_WIDTHS = 100_000

/**
 * How many uncached words one paint measures exactly. measureText takes ~20 µs on a slow
 * machine, so a first paint of 1,500 labels measured in full would take most of a second;
 * beyond this, widths are estimated and refined by later paints.
 */
const MEASURE_BUDGET = 250

function widthsOf(font: string): Map<string, number> {
  let widths = widthCache.get(font)
  if (!widths) {
    widths = new Map()
    widthCache.set(font, widths)
  }
  return widths
}

interface FontMetrics {
  readonly ascent: number
  readonly descent: number
}

const metricsCache = new Map<string, FontMetrics>()
let listeningForFonts = false

/** Counts web font loads: a label's stored lines from an earlier count are stale. */
let fontGeneration = 0

/** Measurements made before a web font loaded are wrong afterwards: forget them all. */
function clearTextCaches(): void {
  fontGeneration++
  widthCache.clear()
  metricsCache.clear()
  cachedWidths = 0
  clearLayoutCache()
}

function listenForFonts(): void {
  if (listeningForFonts || typeof document === 'undefined' || !document.fonts) return
  listeningForFonts = true
  document.fonts.addEventListener('loadingdone', clearTextCaches)
}

// ---------------------------------------------------------------------------------------------
// The painter: the context plus the state last set on it, so unchanged state is not set again.

class Painter {
  readonly ctx: CanvasRenderingContext2D
  /** Page → device pixels. */
  readonly base: Mat
  readonly zoom: number
  readonly pixelRatio: number
  private font = ''
  private fillStyle: string | CanvasPattern = ''
  private strokeStyle = ''
  private lineWidth = -1
  private alpha = -1
  private clip: Clip | null = null
  /** Uncached text measurements left for this paint (each costs tens of µs on a slow machine). */
  private budget = MEASURE_BUDGET
  /** Set when a width was estimated rather than measured. */
  approximate = false
  /** Text bars of tiny labels waiting to be filled, by colour (device-space quads). */
  readonly greekBars = new Map<string, number[]>()
  readonly measure: Measure
  readonly estimateMeasure: Measure

  constructor(ctx: CanvasRenderingContext2D, camera: PreviewCamera, pixelRatio: number) {
    this.ctx = ctx
    this.zoom = camera.z
    this.pixelRatio = pixelRatio
    const s = camera.z * pixelRatio
    this.base = { a: s, b: 0, c: 0, d: s, e: camera.x * s, f: camera.y * s }
    this.measure = (text, font) => this.measureText(text, font)
    this.estimateMeasure = (text, font) => this.estimate(text, font)
  }

  /** Forgets what was set on the context (after a restore). */
  forgetState(): void {
    this.font = ''
    this.fillStyle = ''
    this.strokeStyle = ''
    this.lineWidth = -1
    this.alpha = -1
  }

  setFont(font: string): void {
    if (font !== this.font) {
      this.ctx.font = font
      this.font = font
    }
  }

  setFill(style: string | CanvasPattern): void {
    if (style !== this.fillStyle) {
      this.ctx.fillStyle = style
      this.fillStyle = style
    }
  }

  setStroke(style: string, width: number): void {
    if (style !== this.strokeStyle) {
      this.ctx.strokeStyle = style
      this.strokeStyle = style
    }
    if (width !== this.lineWidth) {
      this.ctx.lineWidth = width
      this.lineWidth = width
    }
  }

  setAlpha(alpha: number): void {
    if (alpha !== this.alpha) {
      this.ctx.globalAlpha = alpha
      this.alpha = alpha
    }
  }

  currentAlpha(): number {
    return this.alpha < 0 ? 1 : this.alpha
  }

  /** A local → page transform composed with page → device. */
  device(m: Mat): Mat {
    const s = this.base.a
    return {
      a: s * m.a,
      b: s * m.b,
      c: s * m.c,
      d: s * m.d,
      e: s * m.e + this.base.e,
      f: s * m.f + this.base.f,
    }
  }

  /** Sets the transform to page → device composed with a local → page transform. */
  setTransform(m: Mat): void {
    const b = this.base
    this.ctx.setTransform(b.a * m.a, b.a * m.b, b.a * m.c, b.a * m.d, b.a * m.e + b.e, b.a * m.f + b.f)
  }

  /**
   * The width of `text` in `font`: measured (and cached) while this paint's budget of uncached
   * measurements lasts, estimated from its characters' widths after that (marking the paint
   * approximate, so the layout using it is not cached and gets measured on a later paint).
   */
  measureText(text: string, font: string): number {
    const widths = widthsOf(font)
    const width = widths.get(text)
    if (width !== undefined) return width
    if (this.budget > 0) {
      this.budget--
      return this.measureExactly(text, font, widths)
    }
    this.approximate = true
    return this.estimate(text, font)
  }

  /** The width of `text` as the sum of its characters' widths (kerning ignored). */
  estimate(text: string, font: string): number {
    const widths = widthsOf(font)
    const whole = widths.get(text)
    if (whole !== undefined) return whole
    let width = 0
    for (const char of text) width += widths.get(char) ?? this.measureExactly(char, font, widths)
    return width
  }

  private measureExactly(text: string, font: string, widths: Map<string, number>): number {
    this.setFont(font)
    const width = this.ctx.measureText(text).width
    if (cachedWidths++ > MAX_CACHED_WIDTHS) {
      widthCache.clear()
      cachedWidths = 0
    }
    widths.set(text, width)
    return width
  }

  /** Ascent and descent of a font's line box content (the browser centres these in the line). */
  metrics(font: string): FontMetrics {
    let metrics = metricsCache.get(font)
    if (!metrics) {
      this.setFont(font)
      const m = this.ctx.measureText('Hg')
      const ascent = m.fontBoundingBoxAscent ?? m.actualBoundingBoxAscent
      const descent = m.fontBoundingBoxDescent ?? m.actualBoundingBoxDescent
      metrics = { ascent, descent }
      metricsCache.set(font, metrics)
    }
    return metrics
  }

  /** Switches to the clip of a frame (and its ancestors), or to none. */
  enterClip(clip: Clip | null): void {
    if (clip === this.clip) return
    const ctx = this.ctx
    if (this.clip) {
      ctx.restore()
      this.forgetState()
    }
    this.clip = clip
    if (!clip) return
    ctx.save()
    const chain: Clip[] = []
    for (let c: Clip | null = clip; c; c = c.parent) chain.unshift(c)
    for (const c of chain) {
      this.setTransform(c.m)
      ctx.beginPath()
      ctx.rect(0, 0, c.w, c.h)
      ctx.clip()
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Replays a scene path on the context (after beginPath). */
function tracePath(ctx: CanvasRenderingContext2D, d: PathData): void {
  for (let i = 0; i < d.length; ) {
    const op = d[i] ?? OP_CLOSE
    switch (op) {
      case OP_MOVE:
        ctx.moveTo(d[i + 1] ?? 0, d[i + 2] ?? 0)
        break
      case OP_LINE:
        ctx.lineTo(d[i + 1] ?? 0, d[i + 2] ?? 0)
        break
      case OP_QUAD:
        ctx.quadraticCurveTo(d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0, d[i + 4] ?? 0)
        break
      case OP_CUBIC:
        ctx.bezierCurveTo(
          d[i + 1] ?? 0,
          d[i + 2] ?? 0,
          d[i + 3] ?? 0,
          d[i + 4] ?? 0,
          d[i + 5] ?? 0,
          d[i + 6] ?? 0,
        )
        break
      case OP_ARC:
        ctx.arc(d[i + 1] ?? 0, d[i + 2] ?? 0, d[i + 3] ?? 0, d[i + 4] ?? 0, d[i + 5] ?? 0, d[i + 6] === 1)
        break
      case OP_ELLIPSE:
        ctx.ellipse(
          d[i + 1] ?? 0,
          d[i + 2] ?? 0,
          d[i + 3] ?? 0,
          d[i + 4] ?? 0,
          0,
          d[i + 5] ?? 0,
          d[i + 6] ?? 0,
        )
        break
      case OP_CLOSE:
        ctx.closePath()
        break
    }
    i += 1 + (OP_ARITY[op] ?? 0)
  }
}

function strokeRuns(p: Painter, runs: readonly DashRun[]): void {
  const ctx = p.ctx
  for (const run of runs) {
    ctx.setLineDash(run.dash as number[])
    ctx.lineDashOffset = run.offset
    ctx.beginPath()
    tracePath(ctx, run.path)
    ctx.stroke()
  }
  ctx.setLineDash([])
  ctx.lineDashOffset = 0
}

// ---------------------------------------------------------------------------------------------
// Fills

const patternCache = new Map<string, CanvasPattern | null>()

/** A canvas to draw pattern tiles on, where the DOM has one. */
function tileCanvas(size: number): HTMLCanvasElement | OffscreenCanvas | null {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(size, size)
  if (typeof document === 'undefined') return null
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  return canvas
}

/**
 * tldraw's hatching: an 8-unit tile of the theme's near-white with three diagonal strokes cut out
 * of it, showing the colour below. Drawn here as strokes of the hatch colour on the near-white,
 * at `k` device pixels per unit so it stays crisp.
 */
function hatchPattern(ctx: CanvasRenderingContext2D, hatch: string, k: number): CanvasPattern | null {
  const key = `${hatch}|${k}`
  let pattern = patternCache.get(key)
  if (pattern !== undefined) return pattern
  pattern = null
  const size = 8 * k
  const canvas = tileCanvas(size)
  const tile = canvas?.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
  if (canvas && tile) {
    tile.fillStyle = THEME.solid
    tile.fillRect(0, 0, size, size)
    tile.strokeStyle = hatch
    tile.lineCap = 'round'
    tile.lineWidth = 1.25 * k
    const t = (8 / 12) * k
    tile.beginPath()
    for (const [x0, y0, x1, y1] of [
      [1, 3, 3, 1],
      [5, 7, 7, 5],
      [9, 11, 11, 9],
    ] as const) {
      tile.moveTo(x0 * t, y0 * t)
      tile.lineTo(x1 * t, y1 * t)
    }
    tile.stroke()
    pattern = ctx.createPattern(canvas, 'repeat')
    if (pattern && typeof DOMMatrix !== 'undefined')
      pattern.setTransform(new DOMMatrix([1 / k, 0, 0, 1 / k, 0, 0]))
  }
  patternCache.set(key, pattern)
  return pattern
}

/** Fills the current path. `unitScale`: device pixels per local unit, to pick the pattern's resolution. */
function fillPath(p: Painter, fill: Fill, unitScale: number, zoom: number): void {
  if (fill.hatch) {
    // Far out tldraw swaps the hatching for a flat colour.
    if (zoom <= 0.18) {
      p.setFill(fill.fallback)
    } else {
      const k = Math.min(8, 2 ** Math.ceil(Math.log2(Math.max(1, unitScale))))
      p.setFill(hatchPattern(p.ctx, fill.hatch, k) ?? fill.fallback)
    }
  } else {
    p.setFill(fill.color)
  }
  p.ctx.fill()
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Below this on-screen font size, text is drawn as grey bars (it is unreadable anyway). */
const GREEK_BELOW_PX = 4

/** Whether a label is too small on screen to be worth real text. */
function isGreek(label: Label, screenScale: number): boolean {
  return label.style.size * screenScale < GREEK_BELOW_PX
}

/**
 * The label's lines: from the item (same scene), the layout cache (unchanged label), or laid out
 * now. Labels too small to read are laid out with estimated widths, which is all their bars need.
 */
function layoutOf(p: Painter, label: Label, greek: boolean): TextLayout {
  if (label.fontGeneration !== fontGeneration) {
    label.layout = null
    label.greekLayout = null
    label.fontGeneration = fontGeneration
  }
  if (label.layout) return label.layout
  if (greek) {
    const cached = peekLayout(label.key)
    if (cached) return cached
    label.greekLayout ??= layoutParagraphs(
      label.text.paragraphs,
      label.style,
      label.wrapWidth,
      label.align,
      p.estimateMeasure,
    )
    return label.greekLayout
  }
  p.approximate = false
  const layout = cachedLayout(
    label.key,
    label.text,
    label.style,
    label.wrapWidth,
    label.align,
    p.measure,
    () => !p.approximate,
  )
  if (!p.approximate) label.layout = layout
  return layout
}

function alignIn(align: 'start' | 'center' | 'middle' | 'end', free: number): number {
  if (align === 'center' || align === 'middle') return free / 2
  if (align === 'end') return free
  return 0
}

function drawLine(p: Painter, line: LaidLine, x: number, top: number, outlineWidth: number): void {
  const ctx = p.ctx
  const { ascent, descent } = p.metrics(line.font)
  const baseline = top + line.y + (line.height - (ascent + descent)) / 2 + ascent
  p.setFont(line.font)
  if (line.marker) {
    ctx.textAlign = 'right'
    // CSS list markers are the bullet or number followed by a space.
    ctx.fillText(`${line.marker} `, x + line.markerX, baseline)
    ctx.textAlign = 'left'
  }
  if (!line.text) return
  if (outlineWidth > 0) ctx.strokeText(line.text, x + line.x, baseline)
  ctx.fillText(line.text, x + line.x, baseline)
}

/** Queues a tiny label's lines as bars (device-space quads), to be filled together. */
function addGreekBars(p: Painter, color: string, layout: TextLayout, x: number, y: number, lm: Mat): void {
  const m = p.device(lm)
  let quads = p.greekBars.get(color)
  if (!quads) {
    quads = []
    p.greekBars.set(color, quads)
  }
  for (const line of layout.lines) {
    if (line.width <= 0) continue
    const x0 = x + line.x
    const x1 = x0 + line.width
    const y0 = y + line.y + line.height * 0.3
    const y1 = y0 + line.height * 0.4
    quads.push(
      m.a * x0 + m.c * y0 + m.e,
      m.b * x0 + m.d * y0 + m.f,
      m.a * x1 + m.c * y0 + m.e,
      m.b * x1 + m.d * y0 + m.f,
      m.a * x1 + m.c * y1 + m.e,
      m.b * x1 + m.d * y1 + m.f,
      m.a * x0 + m.c * y1 + m.e,
      m.b * x0 + m.d * y1 + m.f,
    )
  }
}

/** Fills the queued text bars, one path per colour, faint like text seen from afar. */
function flushGreekBars(p: Painter): void {
  if (p.greekBars.size === 0) return
  const ctx = p.ctx
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  const alpha = p.currentAlpha()
  p.setAlpha(alpha * 0.35)
  for (const [color, quads] of p.greekBars) {
    ctx.beginPath()
    for (let i = 0; i + 7 < quads.length; i += 8) {
      ctx.moveTo(quads[i] ?? 0, quads[i + 1] ?? 0)
      ctx.lineTo(quads[i + 2] ?? 0, quads[i + 3] ?? 0)
      ctx.lineTo(quads[i + 4] ?? 0, quads[i + 5] ?? 0)
      ctx.lineTo(quads[i + 6] ?? 0, quads[i + 7] ?? 0)
    }
    p.setFill(color)
    ctx.fill()
  }
  p.setAlpha(alpha)
  p.greekBars.clear()
}

/**
 * Draws a laid-out block of text with its top-left at (x, y) in the label's unscaled units,
 * `lm` being those units' transform to the page. Tiny text becomes bars; `outline` strokes the
 * glyphs in the background colour first, like tldraw's text-shadow outline.
 */
function drawTextBlock(
  p: Painter,
  label: Label,
  layout: TextLayout,
  x: number,
  y: number,
  lm: Mat,
  greek: boolean,
): void {
  if (greek) {
    addGreekBars(p, label.color, layout, x, y, lm)
    return
  }
  p.setTransform(lm)
  // tldraw's outline: background-coloured text shadows ±min(0.5, 1/zoom)·2 px around the glyphs.
  const outlineWidth = label.outline ? Math.min(0.5, 1 / p.zoom) * 4 : 0
  if (outlineWidth > 0) p.setStroke(THEME.background, outlineWidth)
  p.setFill(label.color)
  for (const line of layout.lines) drawLine(p, line, x, y, outlineWidth)
}

function scaled(m: Mat, scale: number): Mat {
  return scale === 1 ? m : { a: m.a * scale, b: m.b * scale, c: m.c * scale, d: m.d * scale, e: m.e, f: m.f }
}

/**
 * Draws a shape's label in its box (`m`: the shape's local space). The text block is placed like
 * tldraw's flex label: padded, aligned horizontally and vertically, and clipped to the box when
 * it overflows.
 */
function drawBoxLabel(p: Painter, label: Label, m: Mat): void {
  const lm = scaled(m, label.scale)
  const greek = isGreek(label, p.zoom * Math.hypot(lm.a, lm.b))
  const layout = layoutOf(p, label, greek)
  const box = label.box
  const innerW = box.w - label.padding * 2
  const innerH = box.h - label.padding * 2
  const x = box.x + label.padding + alignIn(label.align, innerW - layout.width)
  const y = box.y + label.padding + alignIn(label.verticalAlign, innerH - layout.height)
  const overflows = !greek && (layout.height > innerH + 0.5 || layout.width > innerW + 0.5)
  if (!overflows) {
    drawTextBlock(p, label, layout, x, y, lm, greek)
    return
  }
  const ctx = p.ctx
  p.setTransform(lm)
  ctx.save()
  ctx.beginPath()
  ctx.rect(box.x, box.y, box.w, box.h)
  ctx.clip()
  drawTextBlock(p, label, layout, x, y, lm, greek)
  ctx.restore()
  p.forgetState()
}

// ---------------------------------------------------------------------------------------------
// Shapes

/** A geo shape's fill and outline, in its own transform. */
function drawGeoBody(p: Painter, item: GeoItem): void {
  const ctx = p.ctx
  p.setTransform(item.bodyM)
  if (item.fill || !item.runs) {
    ctx.beginPath()
    tracePath(ctx, item.outline)
    if (item.fill) fillPath(p, item.fill, p.base.a, p.zoom)
  }
  if (item.drawStroke) {
    p.setStroke(item.stroke, item.strokeWidth)
    if (item.runs) {
      strokeRuns(p, item.runs)
    } else {
      if (item.inner) tracePath(ctx, item.inner)
      ctx.stroke()
    }
  }
}

function drawGeo(p: Painter, item: GeoItem): void {
  drawGeoBody(p, item)
  if (item.label) drawBoxLabel(p, item.label, item.m)
}

function drawNote(p: Painter, item: NoteItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  const shadowed = p.zoom * item.scale >= 0.25
  if (shadowed) {
    // A soft lift under the paper; canvas shadows are in device pixels.
    const s = p.zoom * item.scale * p.pixelRatio
    ctx.shadowColor = 'rgba(15, 23, 31, 0.28)'
    ctx.shadowBlur = 6 * s
    ctx.shadowOffsetY = 3 * s
  }
  p.setFill(item.color)
  ctx.fillRect(0, 0, item.w, item.h)
  if (shadowed) {
    ctx.shadowColor = 'transparent'
    ctx.shadowBlur = 0
    ctx.shadowOffsetY = 0
  } else {
    // Zoomed far out tldraw draws a bottom border instead of the shadow.
    p.setFill(THEME.noteBorder)
    ctx.fillRect(0, item.h - 2 * item.scale, item.w, 2 * item.scale)
  }
  if (item.label) drawBoxLabel(p, item.label, item.m)
}

function drawText(p: Painter, item: TextItem): void {
  const label = item.label
  const lm = scaled(item.m, label.scale)
  const greek = isGreek(label, p.zoom * Math.hypot(lm.a, lm.b))
  const layout = layoutOf(p, label, greek)
  // An auto-sized text shape is as wide as its text (+1, as tldraw measures it).
  const width = Number.isNaN(label.box.w) ? Math.max(16, layout.width + 1) : label.box.w
  drawTextBlock(p, label, layout, alignIn(label.align, width - layout.width), 0, lm, greek)
}

function drawFrameHeading(p: Painter, item: FrameItem): void {
  const ctx = p.ctx
  // The heading keeps its screen size, up to 3.5 × when zoomed out.
  const s = Math.min(1 / p.zoom, FRAME_HEADING.maxScale)
  const m = item.m
  p.setTransform({ a: m.a * s, b: m.b * s, c: m.c * s, d: m.d * s, e: m.e, f: m.f })
  const font = `${FRAME_HEADING.fontSize}px ${FRAME_HEADING.font}`
  const x = FRAME_HEADING.offsetX + FRAME_HEADING.paddingX
  const maxWidth = item.w / s - x
  let text = item.name.trim() ? item.name : 'Frame'
  if (p.measureText(text, font) > maxWidth) text = ellipsize(p, text, font, maxWidth)
  p.setFont(font)
  p.setFill(THEME.frameText)
  ctx.textBaseline = 'middle'
  ctx.fillText(text, x, -(FRAME_HEADING.gapBelow + FRAME_HEADING.height / 2))
  ctx.textBaseline = 'alphabetic'
}

function ellipsize(p: Painter, text: string, font: string, maxWidth: number): string {
  const chars = Array.from(text)
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (p.measureText(`${chars.slice(0, mid).join('')}…`, font) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return `${chars.slice(0, lo).join('')}…`
}

function drawFrame(p: Painter, item: FrameItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  p.setFill(THEME.frameFill)
  ctx.fillRect(0, 0, item.w, item.h)
  // tldraw draws the border 1 screen pixel wide.
  p.setStroke(THEME.frameStroke, 1 / p.zoom)
  ctx.strokeRect(0, 0, item.w, item.h)
  drawFrameHeading(p, item)
}

function drawPlaceholder(p: Painter, item: PlaceholderItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  const r = Math.min(8, item.w / 4, item.h / 4)
  ctx.beginPath()
  ctx.roundRect(0, 0, item.w, item.h, r)
  p.setFill(THEME.placeholderFill)
  ctx.fill()
  p.setStroke(THEME.placeholderStroke, 1 / p.zoom)
  ctx.stroke()
}

function drawDot(p: Painter, at: Point, diameter: number, color: string): void {
  const ctx = p.ctx
  ctx.beginPath()
  ctx.arc(at.x, at.y, diameter / 2, 0, Math.PI * 2)
  p.setFill(color)
  ctx.fill()
}

function drawStroke(p: Painter, item: StrokeItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  if (item.dot) {
    drawDot(p, item.dot, item.strokeWidth, item.stroke)
    return
  }
  ctx.beginPath()
  tracePath(ctx, item.path)
  if (item.fill) fillPath(p, item.fill, p.base.a, p.zoom)
  if (item.strokeWidth <= 0) return
  p.setStroke(item.stroke, item.strokeWidth)
  if (item.runs) {
    strokeRuns(p, item.runs)
  } else if (item.lineDash) {
    ctx.setLineDash(item.lineDash as number[])
    ctx.stroke()
    ctx.setLineDash([])
  } else {
    ctx.stroke()
  }
}

function drawHighlight(p: Painter, item: HighlightItem, opacity: number): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  p.setAlpha(item.opacity * opacity)
  if (item.dot) {
    drawDot(p, item.dot, item.strokeWidth, item.color)
    return
  }
  ctx.beginPath()
  tracePath(ctx, item.path)
  p.setStroke(item.color, item.strokeWidth)
  ctx.stroke()
}

// ---------------------------------------------------------------------------------------------
// Arrows

/** A point `t` (0-1) of the way along an arrow's body. */
function pointAlong(item: ArrowItem, t: number): Point {
  const body = item.body
  switch (body.kind) {
    case 'line':
      return { x: body.ax + (body.bx - body.ax) * t, y: body.ay + (body.by - body.ay) * t }
    case 'arc': {
      const a = body.a0 + body.sweep * t
      return { x: body.cx + Math.cos(a) * body.r, y: body.cy + Math.sin(a) * body.r }
    }
    case 'polyline': {
      let remaining = item.length * t
      const pts = body.pts
      for (let i = 2; i + 1 < pts.length; i += 2) {
        const x0 = pts[i - 2] ?? 0
        const y0 = pts[i - 1] ?? 0
        const x1 = pts[i] ?? 0
        const y1 = pts[i + 1] ?? 0
        const seg = Math.hypot(x1 - x0, y1 - y0)
        if (remaining <= seg || i + 2 >= pts.length) {
          const k = seg ? Math.min(1, remaining / seg) : 0
          return { x: x0 + (x1 - x0) * k, y: y0 + (y1 - y0) * k }
        }
        remaining -= seg
      }
      return item.start
    }
  }
}

interface PlacedArrowLabel {
  readonly layout: TextLayout
  readonly greek: boolean
  readonly cx: number
  readonly cy: number
  /** The label's box size in page units, padding included. */
  readonly w: number
  readonly h: number
  readonly radius: number
}

/**
 * Lays an arrow's label out and places it like tldraw's arrowLabel.mjs: at most the body's width
 * minus 64 wide on a flat arrow (16 em on a steep one), padded by 4.25, centred on the body at
 * labelPosition, kept clear of ends with a head or binding.
 */
function placeArrowLabel(p: Painter, item: ArrowItem): PlacedArrowLabel | null {
  const arrowLabel = item.label
  if (!arrowLabel) return null
  const label = arrowLabel.label
  const scale = label.scale
  const greek = isGreek(label, p.zoom * scale)
  let layout = layoutOf(p, label, greek)
  const bodyW = item.box.maxX - item.box.minX
  const bodyH = item.box.maxY - item.box.minY
  const naturalW = layout.width * scale
  let maxW: number | null = null
  if (bodyW > bodyH) maxW = Math.max(Math.min(naturalW, 64), Math.min(bodyW - 64, naturalW))
  else if (naturalW > 16 * label.style.size * scale) maxW = 16 * label.style.size * scale
  if (maxW !== null && maxW < naturalW - 0.5) {
    const wrap = maxW / scale
    p.approximate = false
    layout = cachedLayout(
      `${label.key}|${wrap}`,
      label.text,
      label.style,
      wrap,
      label.align,
      greek ? p.estimateMeasure : p.measure,
      () => !greek && !p.approximate,
    )
  }
  const pad = ARROW_LABEL_PADDING * scale
  const w = layout.width * scale + pad * 2
  const h = layout.height * scale + pad * 2
  let lo = 0
  let hi = 1
  if (item.length > 0) {
    // How far the label's half-extent reaches along the body's direction at its ends.
    const dx =
      Math.abs(item.end.x - item.start.x) /
      (Math.hypot(item.end.x - item.start.x, item.end.y - item.start.y) || 1)
    const dy = Math.sqrt(Math.max(0, 1 - dx * dx))
    const half = Math.min(
      dx > 1e-6 ? w / 2 / dx : Number.POSITIVE_INFINITY,
      dy > 1e-6 ? h / 2 / dy : Number.POSITIVE_INFINITY,
    )
    const clear = (arrowLabel.endPadding + half) / item.length
    if (arrowLabel.keepClearOfStart) lo = clear
    if (arrowLabel.keepClearOfEnd) hi = 1 - clear
    if (lo > hi) {
      lo = 0.5
      hi = 0.5
    }
  }
  const at = pointAlong(item, Math.max(lo, Math.min(hi, arrowLabel.position)))
  return { layout, greek, cx: at.x, cy: at.y, w, h, radius: ARROW_LABEL_RADIUS * scale }
}

/** Cuts the label's rounded box and the closed heads out of where the body may be drawn. */
function clipArrowBody(p: Painter, item: ArrowItem, placed: PlacedArrowLabel | null): boolean {
  const closedHeads = item.heads.filter((head) => head.closed)
  if (!placed && closedHeads.length === 0) return false
  const ctx = p.ctx
  const margin = 1000
  ctx.save()
  ctx.beginPath()
  ctx.rect(
    item.box.minX - margin,
    item.box.minY - margin,
    item.box.maxX - item.box.minX + margin * 2,
    item.box.maxY - item.box.minY + margin * 2,
  )
  if (placed) {
    ctx.roundRect(placed.cx - placed.w / 2, placed.cy - placed.h / 2, placed.w, placed.h, placed.radius)
  }
  for (const head of closedHeads) tracePath(ctx, head.path)
  ctx.clip('evenodd')
  return true
}

function drawArrow(p: Painter, item: ArrowItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  const placed = placeArrowLabel(p, item)
  if (!item.bodyHidden) {
    const clipped = clipArrowBody(p, item, placed)
    p.setStroke(item.stroke, item.strokeWidth)
    if (item.runs) {
      strokeRuns(p, item.runs)
    } else {
      ctx.beginPath()
      tracePath(ctx, item.path)
      ctx.stroke()
    }
    if (clipped) {
      ctx.restore()
      p.forgetState()
    }
  }
  p.setStroke(item.stroke, item.strokeWidth)
  for (const head of item.heads) {
    ctx.beginPath()
    tracePath(ctx, head.path)
    if (head.closed && item.fill) fillPath(p, item.fill, p.base.a, p.zoom)
    ctx.stroke()
  }
  if (placed && item.label) {
    const label = item.label.label
    const scale = label.scale
    const layout = placed.layout
    const lm = { a: scale, b: 0, c: 0, d: scale, e: placed.cx, f: placed.cy }
    drawTextBlock(p, label, layout, -layout.width / 2, -layout.height / 2, lm, placed.greek)
  }
}

// ---------------------------------------------------------------------------------------------
// Batching geo shapes

/** At most this many shapes per batch (each new one is checked against all in it). */
const BATCH_LIMIT = 100

/**
 * Geo shapes painted together: one fill per fill colour, one stroke per stroke style, then their
 * labels, instead of a fill and a stroke call per shape (the calls, not the pixels, are what cost
 * on a large board). Only shapes that do not overlap share a batch, so the result is the same as
 * painting them one by one in order.
 */
class GeoBatch {
  private readonly items: GeoItem[] = []
  /**
   * The batch's padded boxes, four numbers each (min x, min y, max x, max y): checking a new
   * shape against them is most of the batching's cost, and a flat array of numbers keeps it
   * a tight loop where reading each item's box object was not.
   */
  private readonly boxes = new Float64Array(BATCH_LIMIT * 4)
  private clip: Clip | null = null
  private alpha = 1

  /** Whether the item can be painted as part of the batch. */
  accepts(item: SceneItem): item is GeoItem {
    if (item.kind !== 'geo' || item.runs || item.fill?.hatch) return false
    // Mirrored shapes would reverse their arcs' direction in device space.
    if (item.bodyM.a * item.bodyM.d - item.bodyM.b * item.bodyM.c < 0) return false
    if (this.items.length === 0) return true
    if (this.items.length >= BATCH_LIMIT || item.clip !== this.clip || item.opacity !== this.alpha)
      return false
    const { box, pad } = item
    const [minX, minY, maxX, maxY] = [box.minX - pad, box.minY - pad, box.maxX + pad, box.maxY + pad]
    const boxes = this.boxes
    for (let i = 0; i < this.items.length * 4; i += 4) {
      if (
        minX <= (boxes[i + 2] as number) &&
        (boxes[i] as number) <= maxX &&
        minY <= (boxes[i + 3] as number) &&
        (boxes[i + 1] as number) <= maxY
      )
        return false
    }
    return true
  }

  add(p: Painter, item: GeoItem): void {
    if (this.items.length === 0) {
      p.enterClip(item.clip)
      p.setAlpha(item.opacity)
      this.clip = item.clip
      this.alpha = item.opacity
    }
    const at = this.items.length * 4
    const { box, pad } = item
    this.boxes[at] = box.minX - pad
    this.boxes[at + 1] = box.minY - pad
    this.boxes[at + 2] = box.maxX + pad
    this.boxes[at + 3] = box.maxY + pad
    this.items.push(item)
  }

  flush(p: Painter): void {
    if (this.items.length === 0) return
    const fills = new Map<string, DeviceRect[]>()
    const strokes = new Map<string, DeviceRect[]>()
    for (const item of this.items) {
      const m = p.device(item.bodyM)
      if (!item.rect || !isUpright(m)) {
        // Other outlines in one big path stroke slower than one by one (Skia).
        drawGeoBody(p, item)
        continue
      }
      const rect = { item, m }
      if (item.fill) groupInto(fills, item.fill.color, rect)
      if (item.drawStroke) groupInto(strokes, `${item.stroke}|${item.strokeWidth * m.a}`, rect)
    }
    const ctx = p.ctx
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    for (const [color, rects] of fills) {
      ctx.beginPath()
      for (const rect of rects) addDeviceRect(ctx, rect)
      p.setFill(color)
      ctx.fill()
    }
    for (const rects of strokes.values()) {
      const first = rects[0] as DeviceRect
      ctx.beginPath()
      for (const rect of rects) addDeviceRect(ctx, rect)
      p.setStroke(first.item.stroke, first.item.strokeWidth * first.m.a)
      ctx.stroke()
    }
    for (const item of this.items) if (item.label) drawBoxLabel(p, item.label, item.m)
    flushGreekBars(p)
    this.items.length = 0
  }
}

/** A rectangle geo shape with its device transform (upright: scale and translation only). */
interface DeviceRect {
  readonly item: GeoItem
  readonly m: Mat
}

function isUpright(m: Mat): boolean {
  return Math.abs(m.b) < 1e-9 && Math.abs(m.c) < 1e-9 && m.a > 0 && m.d > 0
}

/** Adds a rectangle to the path as a (round) rect, which Skia draws much faster than a general path. */
function addDeviceRect(ctx: CanvasRenderingContext2D, { item, m }: DeviceRect): void {
  const corners = item.rect
  const rx = (corners?.rx ?? 0) * m.a
  const ry = (corners?.ry ?? 0) * m.d
  if (rx > 0.25 && ry > 0.25) ctx.roundRect(m.e, m.f, item.w * m.a, item.h * m.d, { x: rx, y: ry })
  else ctx.rect(m.e, m.f, item.w * m.a, item.h * m.d)
}

function groupInto<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key)
  if (group) group.push(item)
  else groups.set(key, [item])
}

// ---------------------------------------------------------------------------------------------
// The scene

function isVisible(item: SceneItem, minX: number, minY: number, maxX: number, maxY: number): boolean {
  const b = item.box
  const pad = item.pad
  return b.maxX + pad >= minX && b.minX - pad <= maxX && b.maxY + pad >= minY && b.minY - pad <= maxY
}

function drawItem(p: Painter, item: SceneItem): void {
  switch (item.kind) {
    case 'geo':
      drawGeo(p, item)
      break
    case 'note':
      drawNote(p, item)
      break
    case 'text':
      drawText(p, item)
      break
    case 'frame':
      drawFrame(p, item)
      break
    case 'placeholder':
      drawPlaceholder(p, item)
      break
    case 'stroke':
      drawStroke(p, item)
      break
    case 'highlight':
      drawHighlight(p, item, HIGHLIGHT_OVERLAY_OPACITY)
      break
    case 'arrow':
      drawArrow(p, item)
      break
  }
}

/**
 * Clears and paints the scene. `width`/`height` are CSS px; `pixelRatio` the device pixel ratio
 * (the canvas backing store is already width*pixelRatio). Background is tldraw's light background
 * colour. Shapes entirely outside the view are skipped (culling).
 */
export function paintPreviewScene(
  ctx: CanvasRenderingContext2D,
  scene: PreviewScene,
  camera: PreviewCamera,
  view: { width: number; height: number; pixelRatio: number },
): void {
  listenForFonts()
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.globalAlpha = 1
  ctx.fillStyle = THEME.background
  ctx.fillRect(0, 0, view.width * view.pixelRatio, view.height * view.pixelRatio)
  if (!(camera.z > 0)) {
    ctx.restore()
    return
  }
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  const p = new Painter(ctx, camera, view.pixelRatio)
  const minX = -camera.x
  const minY = -camera.y
  const maxX = view.width / camera.z - camera.x
  const maxY = view.height / camera.z - camera.y
  for (const item of scene.underlays) {
    if (!isVisible(item, minX, minY, maxX, maxY)) continue
    p.enterClip(item.clip)
    drawHighlight(p, item, HIGHLIGHT_UNDERLAY_OPACITY)
  }
  const batch = new GeoBatch()
  for (const item of scene.items) {
    if (!isVisible(item, minX, minY, maxX, maxY)) continue
    if (batch.accepts(item)) {
      batch.add(p, item)
      continue
    }
    batch.flush(p)
    if (batch.accepts(item)) {
      batch.add(p, item)
      continue
    }
    p.enterClip(item.clip)
    p.setAlpha(item.opacity)
    drawItem(p, item)
    flushGreekBars(p)
  }
  batch.flush(p)
  p.enterClip(null)
  ctx.restore()
}
