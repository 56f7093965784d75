/**
 * The painter: a canvas context plus the state last set on it (so unchanged state is not set
 * again), the camera's page → device transform, and text measuring cached per font across
 * paints (forgotten when web fonts load).
 */
import type { Mat } from './geometry'
import type { Clip } from './items'
import { clearLayoutCache, type Measure } from './text'

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
export let fontGeneration = 0

/** Measurements made before a web font loaded are wrong afterwards: forget them all. */
function clearTextCaches(): void {
  fontGeneration++
  widthCache.clear()
  metricsCache.clear()
  cachedWidths = 0
  clearLayoutCache()
}

export function listenForFonts(): void {
  if (listeningForFonts || typeof document === 'undefined' || !document.fonts) return
  listeningForFonts = true
  document.fonts.addEventListener('loadingdone', clearTextCaches)
}

// ---------------------------------------------------------------------------------------------
// The painter: the context plus the state last set on it, so unchanged state is not set again.

export class Painter {
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
