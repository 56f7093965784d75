/** Replaying scene paths on the canvas: tracing, per-segment dashed runs, and fills with tldraw's hatching. */
import type { Fill } from './items'
import type { Painter } from './painter'
import {
  type DashRun,
  OP_ARC,
  OP_ARITY,
  OP_CLOSE,
  OP_CUBIC,
  OP_ELLIPSE,
  OP_LINE,
  OP_MOVE,
  OP_QUAD,
  type PathData,
} from './paths'
import { THEME } from './style'

// ---------------------------------------------------------------------------------------------
// Paths

/** Replays a scene path on the context (after beginPath). */
export function tracePath(ctx: CanvasRenderingContext2D, d: PathData): void {
  let i = 0
  /** The k-th number of the op at i. */
  const v = (k: number) => d[i + k] ?? 0
  while (i < d.length) {
    const op = d[i] ?? OP_CLOSE
    switch (op) {
      case OP_MOVE:
        ctx.moveTo(v(1), v(2))
        break
      case OP_LINE:
        ctx.lineTo(v(1), v(2))
        break
      case OP_QUAD:
        ctx.quadraticCurveTo(v(1), v(2), v(3), v(4))
        break
      case OP_CUBIC:
        ctx.bezierCurveTo(v(1), v(2), v(3), v(4), v(5), v(6))
        break
      case OP_ARC:
        ctx.arc(v(1), v(2), v(3), v(4), v(5), d[i + 6] === 1)
        break
      case OP_ELLIPSE:
        ctx.ellipse(v(1), v(2), v(3), v(4), 0, v(5), v(6))
        break
      case OP_CLOSE:
        ctx.closePath()
        break
    }
    i += 1 + (OP_ARITY[op] ?? 0)
  }
}

export function strokeRuns(p: Painter, runs: readonly DashRun[]): void {
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
export function fillPath(p: Painter, fill: Fill, unitScale: number, zoom: number): void {
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
