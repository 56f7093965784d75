/**
 * The paint list's item types (what buildPreviewScene returns, what paint.ts draws) and what the
 * item builders share: the build context, fills and labels.
 */
import type { ComponentKind } from '@tradeoff/shared/architecture'
import type { Box, Mat, Point } from './geometry'
import type { DashRun, PathData } from './paths'
import type { Props } from './records'
import type { LabelText } from './richText'
import { paletteColor, THEME } from './style'
import { layoutKey, type TextAlign, type TextLayout, type TextStyle } from './text'

// ---------------------------------------------------------------------------------------------
// Fills

/** How a closed shape is filled: a colour, and for `pattern` the hatching over it. */
export interface Fill {
  readonly color: string
  /** The hatch colour of a `pattern` fill (drawn on the theme's near-white), or null. */
  readonly hatch: string | null
  /** What tldraw shows instead of the hatching when zoomed far out. */
  readonly fallback: string
}

/** tldraw's fill colours: semi is the theme's near-white, solid the colour's pale variant. */
export function fillOf(fill: unknown, color: unknown): Fill | null {
  const c = paletteColor(color)
  switch (fill) {
    case 'semi':
      return { color: THEME.solid, hatch: null, fallback: THEME.solid }
    case 'solid':
      return { color: c.semi, hatch: null, fallback: c.semi }
    case 'fill':
      return { color: c.solid, hatch: null, fallback: c.solid }
    case 'lined-fill':
      return { color: c.linedFill, hatch: null, fallback: c.linedFill }
    case 'pattern':
      return { color: THEME.solid, hatch: c.pattern, fallback: c.semi }
    default:
      return null
  }
}

// ---------------------------------------------------------------------------------------------
// Scene items

/** A frame's clip: children are drawn inside its rectangle (and its own frame's, recursively). */
export interface Clip {
  readonly m: Mat
  readonly w: number
  readonly h: number
  readonly parent: Clip | null
}

/** A label laid out when painting (its text must be measured). */
export interface Label {
  readonly text: LabelText
  readonly style: TextStyle
  readonly color: string
  readonly align: TextAlign
  readonly verticalAlign: 'start' | 'middle' | 'end'
  /** Space between the text and the box's edges. */
  readonly padding: number
  /** The wrapping width, or null to not wrap. */
  readonly wrapWidth: number | null
  /** The box the text is aligned in, in the label's unscaled units; w/h NaN: sized to the text. */
  readonly box: { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
  /** The label is drawn scaled by this (a shape's `scale` prop). */
  readonly scale: number
  /** Drawn with tldraw's background-coloured outline around the glyphs. */
  readonly outline: boolean
  /** Cache key of the wrapped lines. */
  readonly key: string
  /** The wrapped lines, once painted (so repainting the same scene skips the cache). */
  layout: TextLayout | null
  /** Lines laid out with estimated widths, for when the label is too small to read. */
  greekLayout: TextLayout | null
  /** Which set of loaded fonts the two layouts above were measured with (see paint.ts). */
  fontGeneration: number
}

export interface ItemBase {
  readonly id: string
  /** Local → page transform of what the item draws. */
  readonly m: Mat
  /** Opacity, parents' included. */
  readonly opacity: number
  readonly clip: Clip | null
  /** Page-space bounds, for culling and sceneBounds. */
  readonly box: Box
  /** How far ink may reach outside `box` (half a stroke, a shadow…). */
  readonly pad: number
}

export interface GeoItem extends ItemBase {
  readonly kind: 'geo'
  readonly w: number
  readonly h: number
  /** `m` with the shape's flipX/flipY applied, for its outline (the label is not mirrored). */
  readonly bodyM: Mat
  readonly outline: PathData
  /** The outline without the draw style's rounding: what arrows bind to. */
  readonly hitOutline: PathData
  readonly inner: PathData | null
  /** For a rectangle: its corner radii (0 for sharp corners), so it can be drawn as a (round) rect. */
  readonly rect: { readonly rx: number; readonly ry: number } | null
  readonly fill: Fill | null
  readonly stroke: string
  readonly strokeWidth: number
  /** Null: a plain stroke; else the dashed runs to stroke instead. */
  readonly runs: readonly DashRun[] | null
  readonly drawStroke: boolean
  readonly label: Label | null
}

export interface NoteItem extends ItemBase {
  readonly kind: 'note'
  readonly w: number
  readonly h: number
  readonly scale: number
  readonly color: string
  readonly label: Label | null
}

export interface TextItem extends ItemBase {
  readonly kind: 'text'
  readonly label: Label
}

export interface FrameItem extends ItemBase {
  readonly kind: 'frame'
  readonly w: number
  readonly h: number
  readonly name: string
}

export interface PlaceholderItem extends ItemBase {
  readonly kind: 'placeholder'
  readonly w: number
  readonly h: number
}

/** A stroked (and maybe filled) path: draw shapes and line shapes. */
export interface StrokeItem extends ItemBase {
  readonly kind: 'stroke'
  readonly path: PathData
  readonly stroke: string
  readonly strokeWidth: number
  readonly fill: Fill | null
  /** A canvas dash pattern for the whole path (draw shapes), or null. */
  readonly lineDash: readonly number[] | null
  /** Per-segment dashed runs (line shapes), or null. */
  readonly runs: readonly DashRun[] | null
  /** A single point: drawn as a filled dot of strokeWidth. */
  readonly dot: Point | null
}

export interface HighlightItem extends ItemBase {
  readonly kind: 'highlight'
  readonly path: PathData
  readonly color: string
  readonly strokeWidth: number
  readonly dot: Point | null
}

/** An arrow's body as geometry, for placing its label along it. */
export type ArrowBody =
  | {
      readonly kind: 'line'
      readonly ax: number
      readonly ay: number
      readonly bx: number
      readonly by: number
    }
  | {
      readonly kind: 'arc'
      readonly cx: number
      readonly cy: number
      readonly r: number
      readonly a0: number
      /** Signed: positive is clockwise on screen. */
      readonly sweep: number
    }
  | { readonly kind: 'polyline'; readonly pts: readonly number[] }

export interface ArrowHead {
  readonly path: PathData
  /** Closed heads are filled with the arrow's fill and cut out of the body. */
  readonly closed: boolean
}

export interface ArrowLabel {
  readonly label: Label
  /** Where along the body (0-1) the label wants to sit. */
  readonly position: number
  /** Whether the label must keep clear of each end (it has a head or is bound there). */
  readonly keepClearOfStart: boolean
  readonly keepClearOfEnd: boolean
  /** tldraw's label-to-arrow padding at the ends. */
  readonly endPadding: number
}

export interface ArrowItem extends ItemBase {
  readonly kind: 'arrow'
  /** In page space (m is the identity). */
  readonly path: PathData
  readonly body: ArrowBody
  readonly length: number
  /** The body's drawn ends: terminals after binding, clipping to outlines and head gaps. */
  readonly start: Point
  readonly end: Point
  readonly heads: readonly ArrowHead[]
  readonly stroke: string
  readonly strokeWidth: number
  readonly fill: Fill | null
  readonly runs: readonly DashRun[] | null
  readonly bodyHidden: boolean
  readonly label: ArrowLabel | null
}

/** A `component` shape: box, its kind's icon, label and caption (see architectureItems.ts). */
export interface ComponentItem extends ItemBase {
  readonly kind: 'component'
  readonly w: number
  readonly h: number
  readonly componentKind: ComponentKind
  readonly stroke: string
  readonly fill: string
  readonly label: Label | null
  readonly caption: string
  readonly textColor: string
}

/** An `estimate` card: title and rows; values are worked out when painting. */
export interface EstimateItem extends ItemBase {
  readonly kind: 'estimate'
  readonly w: number
  readonly h: number
  readonly title: string
  readonly rows: readonly { readonly id: string; readonly name: string; readonly expr: string }[]
}

export type SceneItem =
  | GeoItem
  | ComponentItem
  | EstimateItem
  | NoteItem
  | TextItem
  | FrameItem
  | PlaceholderItem
  | StrokeItem
  | HighlightItem
  | ArrowItem

// ---------------------------------------------------------------------------------------------
// Shared by the item builders

export interface Context {
  readonly m: Mat
  readonly opacity: number
  readonly clip: Clip | null
}

export function horizontalAlign(align: unknown): TextAlign {
  if (align === 'start' || align === 'start-legacy') return 'start'
  if (align === 'end' || align === 'end-legacy') return 'end'
  return 'center'
}

export function verticalAlign(align: unknown): 'start' | 'middle' | 'end' {
  return align === 'start' || align === 'end' ? align : 'middle'
}

export function makeLabel(
  text: LabelText,
  style: TextStyle,
  fields: Omit<Label, 'text' | 'style' | 'key' | 'layout' | 'greekLayout' | 'fontGeneration'>,
): Label {
  return {
    text,
    style,
    ...fields,
    key: layoutKey(text, style, fields.wrapWidth, fields.align),
    layout: null,
    greekLayout: null,
    fontGeneration: 0,
  }
}

/** A value made from a shape's props alone, made once per props object (records are reused across moments). */
export function perProps<T>(cache: WeakMap<Props, T>, props: Props, make: () => T): T {
  let value = cache.get(props)
  if (value === undefined) {
    value = make()
    cache.set(props, value)
  }
  return value
}
