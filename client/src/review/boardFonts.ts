import monoUrl from '@tldraw/assets/fonts/IBMPlexMono-Medium.woff2?url'
import sansUrl from '@tldraw/assets/fonts/IBMPlexSans-Medium.woff2?url'
import serifUrl from '@tldraw/assets/fonts/IBMPlexSerif-Medium.woff2?url'
import drawUrl from '@tldraw/assets/fonts/Shantell_Sans-Informal_Regular.woff2?url'

/** The fonts a board's text can be drawn in (tldraw's `font` style). */
export const BOARD_FONTS = ['draw', 'sans', 'serif', 'mono'] as const
export type BoardFont = (typeof BOARD_FONTS)[number]

/**
 * The regular face of each, the very files tldraw's asset list names (bundled by us, not taken
 * from tldraw's CDN). Only these four addresses, not tldraw's whole list: this module loads with
 * the app, before tldraw.
 */
const FONT_URLS: Record<BoardFont, string> = { draw: drawUrl, sans: sansUrl, serif: serifUrl, mono: monoUrl }

/**
 * Starts loading the regular face of each font in `fonts`, unless the document has it already,
 * and resolves once they are loaded (or failed). Both the board preview and tldraw draw with
 * them: tldraw uses a face already in the document rather than loading its own.
 */
export function loadBoardFonts(fonts: Iterable<BoardFont>): Promise<void> {
  if (typeof FontFace === 'undefined' || typeof document === 'undefined') return Promise.resolve()
  const loading: Promise<unknown>[] = []
  for (const font of new Set(fonts)) {
    const family = `tldraw_${font}` as const
    const existing = [...document.fonts].find(
      (face) => face.family === family && face.weight === 'normal' && face.style === 'normal',
    )
    if (existing) {
      loading.push(existing.status === 'unloaded' ? existing.load() : existing.loaded)
      continue
    }
    const face = new FontFace(family, `url(${JSON.stringify(FONT_URLS[font])})`, {
      style: 'normal',
      weight: 'normal',
      display: 'swap',
    })
    document.fonts.add(face)
    loading.push(face.load())
  }
  return Promise.allSettled(loading).then(() => undefined)
}

/** The fonts the text of `records` (tldraw records as plain JSON) is drawn in. */
export function fontsOf(records: Iterable<unknown>): Set<BoardFont> {
  const fonts = new Set<BoardFont>()
  for (const record of records) {
    const font = (record as { props?: { font?: unknown } } | null)?.props?.font
    if (typeof font === 'string' && (BOARD_FONTS as readonly string[]).includes(font))
      fonts.add(font as BoardFont)
  }
  return fonts
}
