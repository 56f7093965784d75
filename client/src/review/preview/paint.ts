/**
 * Paints a preview scene (see scene.ts) on a 2D canvas, looking as close to tldraw as a single
 * pass of plain canvas calls allows. Everything geometric was worked out when the scene was
 * built; here the labels are measured and wrapped (cached across paints), shapes outside the
 * view are skipped, and canvas state is only touched when it changes.
 *
 * This module culls and walks the scene; the painter and its caches are in painter.ts, paths and
 * fills in paintPaths.ts, labels in paintLabels.ts, shapes in paintShapes.ts, arrows in
 * paintArrows.ts and the batching of geo shapes in geoBatch.ts.
 */
import { GeoBatch } from './geoBatch'
import type { SceneItem } from './items'
import { drawComponent, drawEstimate } from './paintArchitecture'
import { drawArrow } from './paintArrows'
import { listenForFonts, Painter, type PreviewCamera } from './painter'
import { flushGreekBars } from './paintLabels'
import {
  drawFrame,
  drawGeo,
  drawHighlight,
  drawNote,
  drawPlaceholder,
  drawStroke,
  drawText,
} from './paintShapes'
import type { PreviewScene } from './scene'
import { HIGHLIGHT_OVERLAY_OPACITY, HIGHLIGHT_UNDERLAY_OPACITY, THEME } from './style'

export type { PreviewCamera } from './painter'

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
    case 'component':
      drawComponent(p, item)
      break
    case 'estimate':
      drawEstimate(p, item)
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
