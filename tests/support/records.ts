/**
 * Plain tldraw records as a browser would write them into the board document. Used by server,
 * fuzz and benchmark code that must not load the tldraw editor.
 */

/** The page every fresh tldraw document has. */
export const PAGE_ID = 'page:page'

/** A rectangle with tldraw's default style props: a real record of about 400 bytes. */
export function rectangle(id: string, x = 0, y = 0, label = ''): Record<string, unknown> {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: 'a1',
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 160,
      h: 90,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: label
        ? { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: label }] }] }
        : { type: 'doc', content: [{ type: 'paragraph' }] },
    },
  }
}

/** The page record itself, as tldraw creates it. */
export function page(id = PAGE_ID, name = 'Page 1'): Record<string, unknown> {
  return { id, typeName: 'page', name, index: 'a1', meta: {} }
}

/** A rubric note for the panel document, as an interviewer's client writes it. */
export function note(
  id: string,
  author: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    at: 60_000,
    author,
    dimension: 'caching',
    signal: '+',
    text: `note ${id}`,
    shapeIds: [],
    ...overrides,
  }
}
