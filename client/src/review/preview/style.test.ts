import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { DEFAULT_THEME } from 'tldraw'
import { describe, expect, it } from 'vitest'
import {
  ARROW_LABEL_FONT_SIZES,
  ARROW_LABEL_PADDING,
  fontFamily,
  LABEL_FONT_SIZES,
  LABEL_PADDING,
  LABEL_TO_ARROW_PADDING,
  LINE_HEIGHT,
  paletteColor,
  type SizeName,
  STROKE_WIDTHS,
  TEXT_FONT_SIZES,
  THEME,
} from './style'

/**
 * The preview's copy of tldraw's look, checked against tldraw itself, so an upgrade that changes
 * it fails here instead of drawing differently (tests/browser/previewPixels.test.ts compares the
 * pixels). Colours, base sizes and fonts come from tldraw's public `DEFAULT_THEME`; the size
 * multipliers are not exported, so they are read from the module that defines them
 * (default-shape-constants in tldraw's build). If a tldraw upgrade moves that file, this test
 * fails: find the constants again and check the preview against them.
 */
const tldrawEntry = createRequire(import.meta.url).resolve('tldraw')
const shapeConstants = (await import(
  pathToFileURL(
    tldrawEntry.replace(/dist-cjs[/\\]index\.js$/, 'dist-esm/lib/shapes/shared/default-shape-constants.mjs'),
  ).href
)) as Record<
  'STROKE_SIZES' | 'FONT_SIZES' | 'LABEL_FONT_SIZES' | 'ARROW_LABEL_FONT_SIZES',
  Record<SizeName, number>
> &
  Record<'LABEL_PADDING' | 'ARROW_LABEL_PADDING' | 'LABEL_TO_ARROW_PADDING', number>

const light = DEFAULT_THEME.colors.light as unknown as Record<string, Record<string, string> | string>
const COLOR_NAMES = [
  'black',
  'blue',
  'green',
  'grey',
  'light-blue',
  'light-green',
  'light-red',
  'light-violet',
  'orange',
  'red',
  'violet',
  'yellow',
  'white',
]
const times = (base: number, multipliers: Record<SizeName, number>) =>
  Object.fromEntries(Object.entries(multipliers).map(([size, factor]) => [size, base * factor]))

describe("the preview's style is tldraw's", () => {
  it.each(COLOR_NAMES)('the %s palette entry', (name) => {
    const theirs = light[name] as Record<string, string>
    const ours = paletteColor(name)
    expect(ours).toEqual({
      solid: theirs.solid,
      semi: theirs.semi,
      linedFill: theirs.linedFill,
      pattern: theirs.pattern,
      noteFill: theirs.noteFill,
      noteText: theirs.noteText,
      highlight: theirs.highlightSrgb,
    })
  })

  it('covers every colour of the theme, and the theme colours the shapes use', () => {
    const themeColors = Object.entries(light)
      .filter(([, value]) => typeof value === 'object' && value !== null && 'solid' in value)
      .map(([name]) => name)
    expect(themeColors.sort()).toEqual([...COLOR_NAMES].sort())
    const black = light.black as Record<string, string>
    expect({
      background: THEME.background,
      solid: THEME.solid,
      noteBorder: THEME.noteBorder,
      frameFill: THEME.frameFill,
      frameStroke: THEME.frameStroke,
      frameText: THEME.frameText,
    }).toEqual({
      background: light.background,
      solid: light.solid,
      noteBorder: light.noteBorder,
      frameFill: black.frameFill,
      frameStroke: black.frameStroke,
      frameText: black.frameText,
    })
  })

  it('stroke widths, font sizes and the line height are the theme base times the size multipliers', () => {
    expect(STROKE_WIDTHS).toEqual(times(DEFAULT_THEME.strokeWidth, shapeConstants.STROKE_SIZES))
    expect(TEXT_FONT_SIZES).toEqual(times(DEFAULT_THEME.fontSize, shapeConstants.FONT_SIZES))
    expect(LABEL_FONT_SIZES).toEqual(times(DEFAULT_THEME.fontSize, shapeConstants.LABEL_FONT_SIZES))
    expect(ARROW_LABEL_FONT_SIZES).toEqual(
      times(DEFAULT_THEME.fontSize, shapeConstants.ARROW_LABEL_FONT_SIZES),
    )
    expect(LINE_HEIGHT).toBe(DEFAULT_THEME.lineHeight)
  })

  it('label paddings', () => {
    expect({ LABEL_PADDING, ARROW_LABEL_PADDING, LABEL_TO_ARROW_PADDING }).toEqual({
      LABEL_PADDING: shapeConstants.LABEL_PADDING,
      ARROW_LABEL_PADDING: shapeConstants.ARROW_LABEL_PADDING,
      LABEL_TO_ARROW_PADDING: shapeConstants.LABEL_TO_ARROW_PADDING,
    })
  })

  it.each(['draw', 'sans', 'serif', 'mono'])('the %s font family', (font) => {
    const fonts = DEFAULT_THEME.fonts as unknown as Record<string, { fontFamily: string }>
    expect(fontFamily(font)).toBe(fonts[font]?.fontFamily)
  })
})
