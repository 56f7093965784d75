/**
 * Scene items for the board's own shapes: `component` (box, kind icon, label, caption) and
 * `estimate` (card, title, rows). Their layout comes from the shapes' own look modules
 * (client/src/shapes/componentLook.ts, estimateLook.ts), which the canvas and the SVG export use
 * too, so the preview puts everything where tldraw does.
 */
import { isComponentKind } from '@tradeoff/shared/architecture'
import {
  COMPONENT_LABEL_FONT_SIZE,
  COMPONENT_LABEL_PADDING,
  COMPONENT_STROKE,
  componentLabelBox,
} from '../../shapes/componentLook'
import { rectBox } from './geometry'
import { type ComponentItem, type Context, type EstimateItem, makeLabel } from './items'
import { num, type Props, str } from './records'
import { labelText } from './richText'
import { fontFamily, paletteColor } from './style'

/** The text colour of tldraw's light theme, which labels and captions take. */
const TEXT_COLOR = '#000000'

export function componentItem(id: string, props: Props, ctx: Context): ComponentItem | null {
  const w = num(props.w, Number.NaN)
  const h = num(props.h, Number.NaN)
  if (!(w > 0 && h > 0) || !isComponentKind(props.kind)) return null
  const color = paletteColor(props.color)
  const caption = str(props.caption, '')
  const text = labelText(props.richText)
  const box = componentLabelBox(w, h, caption !== '')
  return {
    kind: 'component',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    pad: COMPONENT_STROKE,
    w,
    h,
    componentKind: props.kind,
    stroke: color.solid,
    fill: color.semi,
    caption,
    textColor: TEXT_COLOR,
    label: text
      ? makeLabel(
          text,
          { family: fontFamily('sans'), size: COMPONENT_LABEL_FONT_SIZE },
          {
            color: TEXT_COLOR,
            align: 'center',
            verticalAlign: 'middle',
            padding: COMPONENT_LABEL_PADDING,
            wrapWidth: Math.max(1, w - COMPONENT_LABEL_PADDING * 2),
            box,
            scale: 1,
            outline: false,
          },
        )
      : null,
  }
}

export function estimateItem(id: string, props: Props, ctx: Context): EstimateItem | null {
  const w = num(props.w, Number.NaN)
  const h = num(props.h, Number.NaN)
  if (!(w > 0 && h > 0)) return null
  const rows = Array.isArray(props.rows) ? props.rows : []
  return {
    kind: 'estimate',
    id,
    m: ctx.m,
    opacity: ctx.opacity,
    clip: ctx.clip,
    box: rectBox(ctx.m, 0, 0, w, h),
    pad: 1,
    w,
    h,
    title: str(props.title, ''),
    rows: rows.map((row) => {
      const r = (typeof row === 'object' && row !== null ? row : {}) as Props
      return { id: str(r.id, ''), name: str(r.name, ''), expr: str(r.expr, '') }
    }),
  }
}
