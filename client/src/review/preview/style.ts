/**
 * The look of tldraw 5.4.2's default theme in light mode, as data, for the preview renderer.
 *
 * Read from tldraw's own sources (the default theme in @tldraw/editor, the shape constants in
 * tldraw's `default-shape-constants`, and the shape utils that use them) and kept here so the
 * preview never loads tldraw at runtime. tldraw 5 gives font sizes as multipliers of the theme's
 * base size (16 px) and stroke widths as multipliers of the theme's stroke width (2 px); the pixel
 * values below are those products.
 */

/** One colour of tldraw's palette, in the variants the shapes use. */
export interface PaletteColor {
  /** Strokes, text and the `fill` fill. */
  readonly solid: string
  /** The `solid` fill (tldraw names it "semi"). */
  readonly semi: string
  /** The `lined-fill` fill. */
  readonly linedFill: string
  /** The hatching of the `pattern` fill. */
  readonly pattern: string
  /** A sticky note's paper. */
  readonly noteFill: string
  /** A sticky note's text when its label colour is black. */
  readonly noteText: string
  /** The highlighter's ink (sRGB variant). */
  readonly highlight: string
}

/** tldraw's light palette: [solid, semi, linedFill, pattern, noteFill, noteText, highlight]. */
const LIGHT_COLORS: Record<string, readonly [string, string, string, string, string, string, string]> = {
  black: ['#1d1d1d', '#e8e8e8', '#363636', '#494949', '#FCE19C', '#000000', '#fddd00'],
  blue: ['#4465e9', '#dce1f8', '#6580ec', '#6681ee', '#8AA3FF', '#000000', '#10acff'],
  green: ['#099268', '#d3e9e3', '#0bad7c', '#39a785', '#6FC896', '#000000', '#00ffc8'],
  grey: ['#9fa8b2', '#eceef0', '#bbc1c9', '#bcc3c9', '#C0CAD3', '#000000', '#cbe7f1'],
  'light-blue': ['#4ba1f1', '#ddedfa', '#7abaf5', '#6fbbf8', '#9BC4FD', '#000000', '#00f4ff'],
  'light-green': ['#4cb05e', '#dbf0e0', '#7ec88c', '#65cb78', '#98D08A', '#000000', '#65f641'],
  'light-red': ['#f87777', '#f4dadb', '#f99a9a', '#fe9e9e', '#F7A5A1', '#000000', '#ff7fa3'],
  'light-violet': ['#e085f4', '#f5eafa', '#e9abf7', '#e9acf8', '#DFB0F9', '#000000', '#ff88ff'],
  orange: ['#e16919', '#f8e2d4', '#ea8643', '#f78438', '#FAA475', '#000000', '#ffa500'],
  red: ['#e03131', '#f4dadb', '#e75f5f', '#e55959', '#FC8282', '#000000', '#ff636e'],
  violet: ['#ae3ec9', '#ecdcf2', '#be68d4', '#bd63d3', '#DB91FD', '#000000', '#c77cff'],
  yellow: ['#f1ac4b', '#f9f0e6', '#f5c27a', '#fecb92', '#FED49A', '#000000', '#fddd00'],
  white: ['#FFFFFF', '#f5f5f5', '#ffffff', '#f9f9f9', '#FFFFFF', '#000000', '#ffffff'],
}

function toPaletteColor([solid, semi, linedFill, pattern, noteFill, noteText, highlight]: readonly [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
]): PaletteColor {
  return { solid, semi, linedFill, pattern, noteFill, noteText, highlight }
}

const PALETTE: ReadonlyMap<string, PaletteColor> = new Map(
  Object.entries(LIGHT_COLORS).map(([name, values]) => [name, toPaletteColor(values)]),
)

const BLACK = toPaletteColor(LIGHT_COLORS.black as NonNullable<(typeof LIGHT_COLORS)['black']>)

/** The palette entry of a colour name; unknown names (a newer tldraw, a custom theme) draw as black. */
export function paletteColor(name: unknown): PaletteColor {
  return (typeof name === 'string' && PALETTE.get(name)) || BLACK
}

/** The theme colours that are not per shape colour. */
export const THEME = {
  /** The canvas background, also the colour of the outline around labels. */
  background: '#f9fafb',
  /** The `semi` fill, and the paper under the `pattern` fill's hatching. */
  solid: '#fcfffe',
  /** A frame's body. */
  frameFill: '#ffffff',
  frameStroke: '#717171',
  frameText: '#000000',
  /** Drawn under a sticky note instead of its shadow when zoomed far out. */
  noteBorder: 'rgb(144, 144, 144)',
  /** Images, videos, bookmarks, embeds and unknown shapes are drawn as a box of these. */
  placeholderFill: '#eceef0',
  placeholderStroke: '#d3d7dc',
} as const

export type SizeName = 's' | 'm' | 'l' | 'xl'

/** Reads a size prop, falling back to tldraw's default `m`. */
export function sizeName(value: unknown): SizeName {
  return value === 's' || value === 'l' || value === 'xl' ? value : 'm'
}

/** Stroke widths of geo, arrow, line and draw shapes (theme stroke width 2 × tldraw's multipliers). */
export const STROKE_WIDTHS: Record<SizeName, number> = { s: 2, m: 3.5, l: 5, xl: 10 }

/** Font sizes of text shapes (base 16 × 1.125 / 1.5 / 2.25 / 2.75). */
export const TEXT_FONT_SIZES: Record<SizeName, number> = { s: 18, m: 24, l: 36, xl: 44 }

/** Font sizes of geo and note labels (base 16 × 1.125 / 1.375 / 1.625 / 2). */
export const LABEL_FONT_SIZES: Record<SizeName, number> = { s: 18, m: 22, l: 26, xl: 32 }

/** Font sizes of arrow labels (base 16 × 1.125 / 1.25 / 1.5 / 1.75). */
export const ARROW_LABEL_FONT_SIZES: Record<SizeName, number> = { s: 18, m: 20, l: 24, xl: 28 }

/** The theme's unitless line height; a paragraph's line box is round(fontSize × this). */
export const LINE_HEIGHT = 1.35

/** The pixel line height tldraw gives a paragraph (it rounds to whole pixels). */
export function lineHeightPx(fontSize: number): number {
  return Math.round(fontSize * LINE_HEIGHT)
}

/** Space between a geo or note label and the shape's edge. */
export const LABEL_PADDING = 16

/** Space around an arrow label's text. */
export const ARROW_LABEL_PADDING = 4.25

/** The corner radius of the gap an arrow label cuts out of the arrow. */
export const ARROW_LABEL_RADIUS = 3.5

/** Keeps an arrow's label this far from its ends (grows with the stroke, see arrowLabel.mjs). */
export const LABEL_TO_ARROW_PADDING = 20

/** The gap between a bound arrow's head and its target's outline. */
export const BOUND_ARROW_OFFSET = 10

/** Arrows are never drawn shorter than this. */
export const MIN_ARROW_LENGTH = 10

/** Below this bend (× scale) an arc arrow is drawn straight. */
export const MIN_ARROW_BEND = 8

/** The narrowest wrapping width of a geo label, by size. */
export const GEO_LABEL_MIN_WIDTHS: Record<SizeName, number> = { s: 12, m: 14, l: 16, xl: 20 }

/** A sticky note's unscaled size (its height grows by growY). */
export const NOTE_SIZE = 200

/** The highlighter's stroke is this many times the text font size of its size. */
export const HIGHLIGHT_WIDTH_FACTOR = 1.12

/** tldraw draws a highlight twice: under every shape, and over its own place in the order. */
export const HIGHLIGHT_UNDERLAY_OPACITY = 0.82
export const HIGHLIGHT_OVERLAY_OPACITY = 0.35

/** Frame headings are screen-sized: 12 px text in a 24 px high bar, 4 px above the frame. */
export const FRAME_HEADING = {
  fontSize: 12,
  height: 24,
  gapBelow: 4,
  /** The bar sits 7 px left of the frame, its text 6 px into the bar. */
  offsetX: -7,
  paddingX: 6,
  /** It stops growing with the zoom below 1/3.5. */
  maxScale: 3.5,
  /** tldraw leaves the heading in the page's font: the app's UI font. */
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
} as const

/** The CSS font families tldraw gives each font style (DefaultFontFamilies in @tldraw/tlschema). */
const FONT_FAMILIES: Record<string, string> = {
  draw: "'tldraw_draw', sans-serif",
  sans: "'tldraw_sans', sans-serif",
  serif: "'tldraw_serif', serif",
  mono: "'tldraw_mono', monospace",
}

/** The CSS font family of a font prop (tldraw's default font is `draw`). */
export function fontFamily(font: unknown): string {
  return (typeof font === 'string' && FONT_FAMILIES[font]) || (FONT_FAMILIES.draw as string)
}

/** Browser default heading sizes (em) for rich text h1-h6; headings are bold. */
export const HEADING_SCALES: readonly number[] = [1, 2, 1.5, 1.17, 1, 0.83, 0.67]

/** Margins tldraw's stylesheet gives rich-text headings. */
export const HEADING_MARGIN_TOP = 5
export const HEADING_MARGIN_BOTTOM = 10

/** A list is indented this many `ch` per level (tldraw's `.tl-rich-text ul` padding). */
export const LIST_INDENT_CH = 1.625
