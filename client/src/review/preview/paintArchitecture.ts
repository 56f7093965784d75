/**
 * Paints the board's own shapes (see architectureItems.ts) as their shape utils draw them in
 * light mode: the component's tinted box, lucide icon, label and caption; the estimate card with
 * its title and rows, values from the same evaluator the canvas uses once it has loaded.
 */
import type { ComponentKind } from '@tradeoff/shared/architecture'
import { ICON_GRID, iconNodeOf } from '../../shapes/componentIcons'
import {
  COMPONENT_CAPTION_FONT_SIZE,
  COMPONENT_ICON_SIZE,
  COMPONENT_ICON_TOP,
  COMPONENT_RADIUS,
  COMPONENT_STROKE,
  componentCaptionBaseline,
} from '../../shapes/componentLook'
import { evaluatorIfLoaded, loadEstimateEvaluator } from '../../shapes/estimateEvaluator'
import {
  ESTIMATE_PADDING,
  ESTIMATE_RADIUS,
  ESTIMATE_ROW_FONT_SIZE,
  ESTIMATE_ROW_HEIGHT,
  ESTIMATE_STROKE,
  ESTIMATE_TITLE_FONT_SIZE,
  ESTIMATE_TITLE_HEIGHT,
  ESTIMATE_VALUE_SHARE,
  estimateRowText,
  estimateRowTop,
  fitText,
} from '../../shapes/estimateLook'
import type { ComponentItem, EstimateItem } from './items'
import type { Painter } from './painter'
import { drawBoxLabel } from './paintLabels'
import { fontFamily, paletteColor } from './style'

const SANS = fontFamily('sans')

const icons = new Map<ComponentKind, Path2D>()

/** A lucide icon as one Path2D on its 24-unit grid (paths, circles, rects, lines, polylines). */
function iconPath(kind: ComponentKind): Path2D {
  let path = icons.get(kind)
  if (path) return path
  path = new Path2D()
  for (const [tag, attrs] of iconNodeOf(kind)) {
    const a = attrs as Record<string, string | number | undefined>
    const n = (key: string) => Number(a[key] ?? 0)
    switch (tag) {
      case 'path':
        path.addPath(new Path2D(String(a.d ?? '')))
        break
      case 'circle':
        path.moveTo(n('cx') + n('r'), n('cy'))
        path.arc(n('cx'), n('cy'), n('r'), 0, Math.PI * 2)
        break
      case 'ellipse':
        path.moveTo(n('cx') + n('rx'), n('cy'))
        path.ellipse(n('cx'), n('cy'), n('rx'), n('ry'), 0, 0, Math.PI * 2)
        break
      case 'rect':
        path.roundRect(n('x'), n('y'), n('width'), n('height'), n('rx'))
        break
      case 'line':
        path.moveTo(n('x1'), n('y1'))
        path.lineTo(n('x2'), n('y2'))
        break
      case 'polyline':
      case 'polygon': {
        const pts = String(a.points ?? '')
          .trim()
          .split(/[\s,]+/)
          .map(Number)
        for (let i = 0; i + 1 < pts.length; i += 2) {
          if (i === 0) path.moveTo(pts[i] ?? 0, pts[i + 1] ?? 0)
          else path.lineTo(pts[i] ?? 0, pts[i + 1] ?? 0)
        }
        if (tag === 'polygon') path.closePath()
        break
      }
    }
  }
  icons.set(kind, path)
  return path
}

export function drawComponent(p: Painter, item: ComponentItem): void {
  const ctx = p.ctx
  p.setTransform(item.m)
  ctx.beginPath()
  ctx.roundRect(
    COMPONENT_STROKE / 2,
    COMPONENT_STROKE / 2,
    Math.max(1, item.w - COMPONENT_STROKE),
    Math.max(1, item.h - COMPONENT_STROKE),
    COMPONENT_RADIUS,
  )
  p.setFill(item.fill)
  ctx.fill()
  p.setStroke(item.stroke, COMPONENT_STROKE)
  ctx.stroke()

  const scale = COMPONENT_ICON_SIZE / ICON_GRID
  const m = item.m
  p.setTransform({
    ...m,
    a: m.a * scale,
    b: m.b * scale,
    c: m.c * scale,
    d: m.d * scale,
    e: m.e + (m.a * (item.w - COMPONENT_ICON_SIZE)) / 2 + m.c * COMPONENT_ICON_TOP,
    f: m.f + (m.b * (item.w - COMPONENT_ICON_SIZE)) / 2 + m.d * COMPONENT_ICON_TOP,
  })
  p.setStroke(item.stroke, 2)
  ctx.stroke(iconPath(item.componentKind))

  if (item.label) drawBoxLabel(p, item.label, item.m)
  if (item.caption) {
    p.setTransform(item.m)
    const font = `${COMPONENT_CAPTION_FONT_SIZE}px ${SANS}`
    p.setFont(font)
    p.setFill(item.textColor)
    ctx.textAlign = 'center'
    ctx.globalAlpha = p.currentAlpha() * 0.8
    ctx.fillText(item.caption, item.w / 2, componentCaptionBaseline(item.h))
    ctx.globalAlpha = p.currentAlpha()
    ctx.textAlign = 'left'
  }
}

/** Row values by row id, from the evaluator if it has loaded (asked to load otherwise). */
function valuesOf(item: EstimateItem): Map<string, { text: string; error: boolean }> {
  const evaluator = evaluatorIfLoaded()
  const values = new Map<string, { text: string; error: boolean }>()
  if (!evaluator) {
    loadEstimateEvaluator().catch(() => undefined)
    return values
  }
  for (const result of evaluator.evaluate(item.rows)) {
    if (result.error) values.set(result.id, { text: result.error, error: true })
    else if (result.display) values.set(result.id, { text: result.display, error: false })
  }
  return values
}

export function drawEstimate(p: Painter, item: EstimateItem): void {
  const ctx = p.ctx
  const black = paletteColor('black')
  p.setTransform(item.m)
  ctx.beginPath()
  ctx.roundRect(
    ESTIMATE_STROKE / 2,
    ESTIMATE_STROKE / 2,
    item.w - ESTIMATE_STROKE,
    item.h - ESTIMATE_STROKE,
    ESTIMATE_RADIUS,
  )
  p.setFill('#fcfffe')
  ctx.fill()
  ctx.save()
  ctx.clip()
  p.setFill(paletteColor('grey').semi)
  ctx.fillRect(0, 0, item.w, ESTIMATE_TITLE_HEIGHT)
  ctx.restore()
  p.forgetState()
  p.setTransform(item.m)
  p.setStroke(black.solid, ESTIMATE_STROKE)
  ctx.beginPath()
  ctx.roundRect(
    ESTIMATE_STROKE / 2,
    ESTIMATE_STROKE / 2,
    item.w - ESTIMATE_STROKE,
    item.h - ESTIMATE_STROKE,
    ESTIMATE_RADIUS,
  )
  ctx.moveTo(0, ESTIMATE_TITLE_HEIGHT)
  ctx.lineTo(item.w, ESTIMATE_TITLE_HEIGHT)
  ctx.stroke()

  p.setFill('#000000')
  p.setFont(`bold ${ESTIMATE_TITLE_FONT_SIZE}px ${SANS}`)
  ctx.fillText(
    fitText(item.title || 'Estimate', item.w - ESTIMATE_PADDING * 2, ESTIMATE_TITLE_FONT_SIZE),
    ESTIMATE_PADDING,
    ESTIMATE_TITLE_HEIGHT / 2 + ESTIMATE_TITLE_FONT_SIZE * 0.35,
  )
  const values = valuesOf(item)
  const valueWidth = item.w * ESTIMATE_VALUE_SHARE
  const textWidth = item.w - valueWidth - ESTIMATE_PADDING * 2
  item.rows.forEach((row, index) => {
    const baseline = estimateRowTop(index) + ESTIMATE_ROW_HEIGHT / 2 + ESTIMATE_ROW_FONT_SIZE * 0.35
    if (baseline > item.h) return
    p.setFill('#000000')
    p.setFont(`${ESTIMATE_ROW_FONT_SIZE}px ${SANS}`)
    ctx.fillText(
      fitText(estimateRowText(row.name, row.expr), textWidth, ESTIMATE_ROW_FONT_SIZE),
      ESTIMATE_PADDING,
      baseline,
    )
    const value = values.get(row.id)
    if (!value) return
    p.setFill(value.error ? paletteColor('red').solid : '#000000')
    p.setFont(`${value.error ? '' : 'bold '}${ESTIMATE_ROW_FONT_SIZE}px ${SANS}`)
    ctx.textAlign = 'right'
    ctx.fillText(fitText(value.text, valueWidth, ESTIMATE_ROW_FONT_SIZE), item.w - ESTIMATE_PADDING, baseline)
    ctx.textAlign = 'left'
  })
}
