/**
 * Batching geo shapes: non-overlapping rectangles painted with one fill per colour and one
 * stroke per style (upright ones as device-space rects), then their labels.
 */
import type { Mat } from './geometry'
import type { Clip, GeoItem, SceneItem } from './items'
import type { Painter } from './painter'
import { drawBoxLabel, flushGreekBars } from './paintLabels'
import { drawGeoBody } from './paintShapes'

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
export class GeoBatch {
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
