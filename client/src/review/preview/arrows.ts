/**
 * Arrow items: heads (tldraw's arrowheads), the label, bounds, and putting terminals, route and
 * style together into an ArrowItem.
 */
import { type ArrowGeometry, arcArrow, elbowArrow, straightArrow } from './arrowRoutes'
import { type ArrowBinding, anchorPoint, type BindTarget, headGap, type Terminal } from './arrowTargets'
import { applyMat, type Box, contains, dist, IDENTITY, type Point, pointsBox } from './geometry'
import {
  type ArrowHead,
  type ArrowItem,
  type ArrowLabel,
  type Context,
  fillOf,
  type Label,
  makeLabel,
  perProps,
} from './items'
import { dashRuns, dashStyle, OP_ARC, OP_CLOSE, OP_LINE, OP_MOVE, polygonPath } from './paths'
import { type BoardRecordJson, num, type Props, propsOf, str } from './records'
import { labelText } from './richText'
import {
  ARROW_LABEL_FONT_SIZES,
  fontFamily,
  LABEL_TO_ARROW_PADDING,
  MIN_ARROW_BEND,
  paletteColor,
  STROKE_WIDTHS,
  sizeName,
} from './style'

function rotateAround(p: Point, c: Point, angle: number): Point {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const dx = p.x - c.x
  const dy = p.y - c.y
  return { x: c.x + dx * cos - dy * sin, y: c.y + dx * sin + dy * cos }
}

function lerpPoint(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }
}

/** The point a head's base is measured back to, along the body (tldraw's getArrowPoints). */
function headBase(g: ArrowGeometry, side: 'start' | 'end', strokeWidth: number): Point {
  const point = side === 'end' ? g.end : g.start
  const body = g.body
  if (body.kind === 'arc') {
    const length = Math.max(strokeWidth, Math.min(strokeWidth * 3, g.length / 5))
    const phi = 2 * Math.asin(Math.min(1, length / (2 * body.r)))
    const dir = Math.sign(body.sweep) || 1
    const angle = side === 'end' ? body.a0 + body.sweep - dir * phi : body.a0 + dir * phi
    return { x: body.cx + Math.cos(angle) * body.r, y: body.cy + Math.sin(angle) * body.r }
  }
  let previous: Point
  let length: number
  if (body.kind === 'polyline') {
    const n = body.pts.length / 2
    const i = side === 'end' ? n - 2 : 1
    previous = { x: body.pts[2 * i] ?? 0, y: body.pts[2 * i + 1] ?? 0 }
    const manhattan = Math.abs(previous.x - point.x) + Math.abs(previous.y - point.y)
    length = Math.max(strokeWidth, Math.min(strokeWidth * 3, manhattan / 2))
  } else {
    previous = side === 'end' ? g.start : g.end
    length = Math.max(strokeWidth, Math.min(strokeWidth * 3, dist(previous, point) / 5))
  }
  const d = dist(point, previous) || 1
  return {
    x: point.x + ((previous.x - point.x) / d) * length,
    y: point.y + ((previous.y - point.y) / d) * length,
  }
}

/** An arrowhead's path (tldraw's arrowheads.mjs); null for none and pipe (which tldraw leaves undrawn). */
function arrowheadPath(kind: string, point: Point, base: Point): ArrowHead | null {
  switch (kind) {
    case 'arrow': {
      const l = rotateAround(base, point, Math.PI / 6)
      const r = rotateAround(base, point, -Math.PI / 6)
      return { path: [OP_MOVE, l.x, l.y, OP_LINE, point.x, point.y, OP_LINE, r.x, r.y], closed: false }
    }
    case 'triangle': {
      const l = rotateAround(base, point, Math.PI / 6)
      const r = rotateAround(base, point, -Math.PI / 6)
      return { path: polygonPath([l.x, l.y, r.x, r.y, point.x, point.y]), closed: true }
    }
    case 'inverted': {
      const hx = (base.x - point.x) / 2
      const hy = (base.y - point.y) / 2
      return {
        path: polygonPath([point.x - hy, point.y + hx, base.x, base.y, point.x + hy, point.y - hx]),
        closed: true,
      }
    }
    case 'dot': {
      const c = lerpPoint(point, base, 0.45)
      const r = dist(c, point)
      return { path: [OP_MOVE, c.x + r, c.y, OP_ARC, c.x, c.y, r, 0, Math.PI * 2, 0, OP_CLOSE], closed: true }
    }
    case 'diamond': {
      const pb = lerpPoint(point, base, 0.75)
      const l = rotateAround(pb, point, Math.PI / 4)
      const r = rotateAround(pb, point, -Math.PI / 4)
      const q = lerpPoint(l, r, 0.5)
      return {
        path: polygonPath([2 * q.x - point.x, 2 * q.y - point.y, r.x, r.y, point.x, point.y, l.x, l.y]),
        closed: true,
      }
    }
    case 'square': {
      const pb = lerpPoint(point, base, 0.85)
      const hx = (pb.x - point.x) / 2
      const hy = (pb.y - point.y) / 2
      return {
        path: polygonPath([
          point.x - hy,
          point.y + hx,
          pb.x - hy,
          pb.y + hx,
          pb.x + hy,
          pb.y - hx,
          point.x + hy,
          point.y - hx,
        ]),
        closed: true,
      }
    }
    case 'bar': {
      const hx = (base.x - point.x) / 2
      const hy = (base.y - point.y) / 2
      return {
        path: [OP_MOVE, point.x - hy, point.y + hx, OP_LINE, point.x + hy, point.y - hx],
        closed: false,
      }
    }
    default:
      return null
  }
}

function bodyBox(g: ArrowGeometry): Box {
  const pts: number[] = [g.start.x, g.start.y, g.end.x, g.end.y]
  if (g.body.kind === 'polyline') pts.push(...g.body.pts)
  if (g.body.kind === 'arc') {
    const { cx, cy, r, a0, sweep } = g.body
    for (let i = 1; i < 16; i++) {
      const a = a0 + (sweep * i) / 16
      pts.push(cx + Math.cos(a) * r, cy + Math.sin(a) * r)
    }
  }
  return pointsBox(IDENTITY, pts)
}

const arrowLabels = new WeakMap<Props, Label>()

export function arrowItem(
  record: BoardRecordJson,
  ctx: Context,
  bindings: { start?: ArrowBinding; end?: ArrowBinding } | undefined,
  targetOf: (id: string) => BindTarget | null,
): ArrowItem | null {
  const props = propsOf(record)
  const id = str(record.id, '')
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const baseStroke = STROKE_WIDTHS[size]
  const strokeWidth = baseStroke * scale
  const startTarget = bindings?.start ? targetOf(bindings.start.toId) : null
  const endTarget = bindings?.end ? targetOf(bindings.end.toId) : null
  const relation =
    startTarget && endTarget
      ? bindings?.start?.toId === bindings?.end?.toId
        ? 'double-bound'
        : contains(startTarget.box, endTarget.box)
          ? 'start-contains-end'
          : contains(endTarget.box, startTarget.box)
            ? 'end-contains-start'
            : 'safe'
      : 'safe'
  const terminal = (name: 'start' | 'end', target: BindTarget | null): Terminal => {
    const binding = bindings?.[name]
    if (target && binding) {
      const forcePrecise =
        relation === 'double-bound' ||
        relation === (name === 'start' ? 'start-contains-end' : 'end-contains-start')
      return { handle: anchorPoint(target, binding, forcePrecise), target, isExact: binding.isExact }
    }
    const stored = (props[name] ?? {}) as Record<string, unknown>
    return { handle: applyMat(ctx.m, num(stored.x, 0), num(stored.y, 0)), target: null, isExact: false }
  }
  const s = terminal('start', startTarget)
  const e = terminal('end', endTarget)
  const headStart = str(props.arrowheadStart, 'none')
  const headEnd = str(props.arrowheadEnd, 'arrow')
  const selfBound = relation === 'double-bound'
  const gapStart =
    selfBound || relation === 'start-contains-end' ? 0 : headGap(s, headStart !== 'none', baseStroke, scale)
  const gapEnd =
    selfBound || relation === 'end-contains-start' ? 0 : headGap(e, headEnd !== 'none', baseStroke, scale)
  const bend = num(props.bend, 0)
  const geometry =
    props.kind === 'elbow'
      ? elbowArrow(s, e, gapStart, gapEnd, num(props.elbowMidPoint, 0.5))
      : Math.abs(bend) < MIN_ARROW_BEND * scale
        ? straightArrow(s, e, gapStart, gapEnd, scale, relation)
        : (arcArrow(s, e, bend, gapStart, gapEnd) ?? straightArrow(s, e, gapStart, gapEnd, scale, relation))
  if (!geometry || geometry.length <= 0) return null
  const heads: ArrowHead[] = []
  for (const [kind, side] of [
    [headStart, 'start'],
    [headEnd, 'end'],
  ] as const) {
    const head = arrowheadPath(
      kind,
      side === 'end' ? geometry.end : geometry.start,
      headBase(geometry, side, strokeWidth),
    )
    if (head) heads.push(head)
  }
  const dash = dashStyle(props.dash)
  const text = labelText(props.richText ?? props.text)
  const label: ArrowLabel | null = text
    ? {
        label: perProps(arrowLabels, props, () =>
          makeLabel(
            text,
            { family: fontFamily(props.font), size: ARROW_LABEL_FONT_SIZES[size] },
            {
              color: paletteColor(props.labelColor).solid,
              align: 'center',
              verticalAlign: 'middle',
              padding: 0,
              wrapWidth: null,
              box: { x: 0, y: 0, w: Number.NaN, h: Number.NaN },
              scale,
              outline: true,
            },
          ),
        ),
        position: num(props.labelPosition, 0.5),
        keepClearOfStart: headStart !== 'none' || !!startTarget,
        keepClearOfEnd: headEnd !== 'none' || !!endTarget,
        endPadding:
          (LABEL_TO_ARROW_PADDING +
            (baseStroke - STROKE_WIDTHS.s) * 2 +
            (baseStroke >= STROKE_WIDTHS.xl ? 20 : 0)) *
          scale,
      }
    : null
  const box = bodyBox(geometry)
  return {
    kind: 'arrow',
    id,
    m: IDENTITY,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box,
    // Room for the heads and a label hanging off the body.
    pad: strokeWidth * 4 + (text ? ARROW_LABEL_FONT_SIZES[size] * scale * 4 : 0),
    path: geometry.path,
    body: geometry.body,
    length: geometry.length,
    start: geometry.start,
    end: geometry.end,
    heads,
    stroke: paletteColor(props.color).solid,
    strokeWidth,
    fill: fillOf(props.fill, props.color),
    runs: dash === 'dashed' || dash === 'dotted' ? dashRuns(geometry.path, strokeWidth, dash) : null,
    bodyHidden: dash === 'none',
    label,
  }
}
