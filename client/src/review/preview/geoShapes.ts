/**
 * Scene items for the box-like shapes: geo (outline, fill, dashes, label), note, text, frame,
 * and the placeholder drawn for shape types the preview does not know.
 */
import { multiply, rectBox } from './geometry'
import { geoOutline } from './geoOutlines'
import {
  type Context,
  type Fill,
  type FrameItem,
  fillOf,
  type GeoItem,
  horizontalAlign,
  type Label,
  makeLabel,
  type NoteItem,
  type PlaceholderItem,
  perProps,
  type TextItem,
  verticalAlign,
} from './items'
import { dashRuns, dashStyle, roundedPath } from './paths'
import { num, type Props, str } from './records'
import { labelText } from './richText'
import {
  fontFamily,
  GEO_LABEL_MIN_WIDTHS,
  LABEL_FONT_SIZES,
  LABEL_PADDING,
  lineHeightPx,
  NOTE_SIZE,
  paletteColor,
  STROKE_WIDTHS,
  sizeName,
  TEXT_FONT_SIZES,
} from './style'

/** What a geo shape looks like, independent of where it is: kept per props object. */
type GeoLook = Pick<
  GeoItem,
  | 'w'
  | 'h'
  | 'outline'
  | 'hitOutline'
  | 'inner'
  | 'rect'
  | 'fill'
  | 'stroke'
  | 'strokeWidth'
  | 'runs'
  | 'drawStroke'
  | 'label'
>

const geoLooks = new WeakMap<Props, GeoLook>()

function geoLabel(props: Props, w: number, h: number, fill: Fill | null): Label | null {
  const text = labelText(props.richText ?? props.text)
  if (!text) return null
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const unscaledW = w / scale
  return makeLabel(
    text,
    { family: fontFamily(props.font), size: LABEL_FONT_SIZES[size] },
    {
      color: paletteColor(props.labelColor).solid,
      align: horizontalAlign(props.align),
      verticalAlign: verticalAlign(props.verticalAlign),
      padding: LABEL_PADDING,
      // tldraw measures labels no narrower than the size's minimum (GeoShapeUtil).
      wrapWidth: Math.max(
        Math.ceil(GEO_LABEL_MIN_WIDTHS[size] + STROKE_WIDTHS[size]),
        unscaledW - LABEL_PADDING * 2,
      ),
      box: { x: 0, y: 0, w: unscaledW, h: h / scale },
      scale,
      // The outline (background-coloured) only shows on coloured fills.
      outline: fill !== null && props.fill !== 'semi',
    },
  )
}

function geoLook(id: string, props: Props): GeoLook {
  const size = sizeName(props.size)
  const w = Math.max(1, num(props.w, 100))
  const h = Math.max(1, num(props.h, 100) + num(props.growY, 0))
  const strokeWidth = STROKE_WIDTHS[size] * num(props.scale, 1)
  const dash = dashStyle(props.dash)
  const geo = str(props.geo, 'rectangle')
  const shape = geoOutline(geo, w, h, id, props, strokeWidth)
  // The draw style rounds a polygon's corners by twice the stroke width.
  const roundness = dash === 'draw' ? strokeWidth * 2 : 0
  const fill = fillOf(props.fill, props.color)
  return {
    w,
    h,
    outline: roundness && shape.corners ? roundedPath(shape.corners, roundness, true) : shape.outline,
    hitOutline: shape.outline,
    inner: shape.inner,
    // Its rounded corners (quadratic in tldraw) as near-equivalent elliptical ones.
    rect:
      geo === 'rectangle'
        ? { rx: Math.min(roundness, w / 4) * 0.85, ry: Math.min(roundness, h / 4) * 0.85 }
        : null,
    fill,
    stroke: paletteColor(props.color).solid,
    strokeWidth,
    runs:
      dash === 'dashed' || dash === 'dotted'
        ? dashRuns([...shape.outline, ...(shape.inner ?? [])], strokeWidth, dash)
        : null,
    drawStroke: dash !== 'none',
    label: geoLabel(props, w, h, fill),
  }
}

export function geoItem(id: string, props: Props, ctx: Context): GeoItem {
  const look = perProps(geoLooks, props, () => geoLook(id, props))
  const flipX = props.flipX === true
  const flipY = props.flipY === true
  const flip = {
    a: flipX ? -1 : 1,
    b: 0,
    c: 0,
    d: flipY ? -1 : 1,
    e: flipX ? look.w : 0,
    f: flipY ? look.h : 0,
  }
  return {
    kind: 'geo',
    id,
    m: ctx.m,
    bodyM: flipX || flipY ? multiply(ctx.m, flip) : ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, look.w, look.h),
    pad: look.strokeWidth,
    w: look.w,
    h: look.h,
    outline: look.outline,
    hitOutline: look.hitOutline,
    inner: look.inner,
    rect: look.rect,
    fill: look.fill,
    stroke: look.stroke,
    strokeWidth: look.strokeWidth,
    runs: look.runs,
    drawStroke: look.drawStroke,
    label: look.label,
  }
}

const noteLabels = new WeakMap<Props, Label>()
const textLabels = new WeakMap<Props, Label>()

export function noteItem(id: string, props: Props, ctx: Context): NoteItem {
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const growY = num(props.growY, 0)
  const color = paletteColor(props.color)
  const text = labelText(props.richText ?? props.text)
  const labelColor =
    props.labelColor === 'black' || props.labelColor === undefined
      ? color.noteText
      : paletteColor(props.labelColor).solid
  const label = text
    ? perProps(noteLabels, props, () =>
        makeLabel(
          text,
          { family: fontFamily(props.font), size: LABEL_FONT_SIZES[size] * num(props.fontSizeAdjustment, 1) },
          {
            color: labelColor,
            align: horizontalAlign(props.align),
            verticalAlign: verticalAlign(props.verticalAlign),
            padding: LABEL_PADDING,
            wrapWidth: NOTE_SIZE - LABEL_PADDING * 2,
            box: { x: 0, y: 0, w: NOTE_SIZE, h: NOTE_SIZE + growY },
            scale,
            outline: false,
          },
        ),
      )
    : null
  const w = NOTE_SIZE * scale
  const h = (NOTE_SIZE + growY) * scale
  return {
    kind: 'note',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    pad: 12 * scale,
    w,
    h,
    scale,
    color: color.noteFill,
    label,
  }
}

export function textItem(id: string, props: Props, ctx: Context): TextItem | null {
  const text = labelText(props.richText ?? props.text)
  if (!text) return null
  const size = sizeName(props.size)
  const scale = num(props.scale, 1)
  const fontSize = TEXT_FONT_SIZES[size]
  const autoSize = props.autoSize !== false
  const fixedWidth = Math.max(16, Math.floor(num(props.w, 16)))
  const label = perProps(textLabels, props, () =>
    makeLabel(
      text,
      { family: fontFamily(props.font), size: fontSize },
      {
        color: paletteColor(props.color).solid,
        align: horizontalAlign(props.textAlign),
        verticalAlign: 'middle',
        padding: 0,
        wrapWidth: autoSize ? null : fixedWidth,
        box: { x: 0, y: 0, w: autoSize ? Number.NaN : fixedWidth, h: Number.NaN },
        scale,
        outline: true,
      },
    ),
  )
  // The size is only known once measured: estimate it from the stored width and the line count.
  const width = autoSize ? num(props.w, 16) : fixedWidth * scale
  const charsPerLine = Math.max(1, width / scale / (fontSize * 0.55))
  let lines = 0
  for (const p of text.paragraphs)
    lines += autoSize ? 1 : Math.max(1, Math.ceil(p.text.length / charsPerLine))
  const height = Math.max(fontSize, lines * lineHeightPx(fontSize)) * scale
  return {
    kind: 'text',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, width, height),
    pad: fontSize * scale,
    label,
  }
}

export function frameItem(id: string, props: Props, ctx: Context): FrameItem {
  const w = Math.max(1, num(props.w, 320))
  const h = Math.max(1, num(props.h, 180))
  return {
    kind: 'frame',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    // The heading sits above the frame, at most 3.5 × its 28 px in page units when zoomed out.
    pad: 100,
    w,
    h,
    name: str(props.name, ''),
  }
}

export function placeholderItem(id: string, props: Props, ctx: Context): PlaceholderItem | null {
  const w = num(props.w, Number.NaN)
  const h = num(props.h, Number.NaN)
  if (!(w > 0 && h > 0)) return null
  return {
    kind: 'placeholder',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    pad: 1,
    w,
    h,
  }
}
