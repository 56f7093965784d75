import type { RecordValue } from '@tradeoff/shared'
import { type PreviewCamera, paintPreviewScene } from './preview/paint'
import { buildPreviewScene, sceneBounds } from './preview/scene'
import type { BoardMoment, ReviewMoment } from './reviewMoment'
import type { ReviewStore } from './reviewStore'

/**
 * The review canvas zooms from 10% (a whole large board) to 200% (reading a label). tldraw draws
 * its pattern fills for every zoom level up to the ratio of these two, on opening; its default
 * range (5% to 800%) made that take a third of a second.
 */
export const REVIEW_ZOOM_STEPS = [0.1, 0.25, 0.5, 1, 2]

/** Which drawing of the board is on screen. */
export type BoardLayer = 'preview' | 'canvas'

/** What the preview last painted, for tests and benchmarks. */
export interface PreviewShown {
  at: number
  version: number
  /** The ids of the shapes painted (on the page shown). */
  shapeIds: string[]
}

/**
 * A quick drawing of the board held by the review's moment, on a plain 2D canvas over tldraw's.
 *
 * tldraw draws a shape as a React component, which for a board of 1,500 labelled shapes takes
 * seconds to mount and hundreds of milliseconds to move most of them. The preview paints such a
 * board in a few milliseconds. So it shows the board first while tldraw mounts, and shows every
 * moment of a scrub or of playback at once; tldraw catches up when the moment stays put, and the
 * preview steps aside once tldraw has painted the same board (`canvasShows`). It paints with
 * tldraw's camera and page as soon as tldraw has them (`follow`), and fits the board itself
 * before that.
 */
export interface BoardPreview {
  /** The canvas element to paint on, or null once it is unmounted. */
  attach(canvas: HTMLCanvasElement | null): void
  /** tldraw's camera and current page: the preview paints with them from now on. */
  follow(view: { camera: PreviewCamera; pageId: string }): void
  /** The camera the preview paints with: its own fit of the board until tldraw has one. */
  camera(): PreviewCamera | null
  /** tldraw has painted the board of `version`, at `at`: the preview steps aside while that is the board held. */
  canvasShows(version: number, at: number): void
  /** The moment tldraw painted last, or null before it did. */
  canvasAt(): number | null
  /** Which drawing is on screen. */
  layer(): BoardLayer
  /** What the preview painted last, or null before its first paint. */
  shown(): PreviewShown | null
  dispose(): void
}

export interface BoardPreviewOptions {
  moment: ReviewMoment
  review: ReviewStore
  /** Told each time the drawing on screen changes. */
  onLayer(layer: BoardLayer): void
  /** Told once, when the frame with the first board painted has been presented. */
  onFirstPresented(): void
}

export function createBoardPreview(options: BoardPreviewOptions): BoardPreview {
  const { moment, review } = options
  let canvas: HTMLCanvasElement | null = null
  let resize: ResizeObserver | null = null
  let size = { width: 0, height: 0 }
  let camera: PreviewCamera | null = null
  let pageId: string | null = null
  let frame: number | null = null
  let layer: BoardLayer = 'preview'
  let canvasVersion = -1
  let canvasAt: number | null = null
  let shown: PreviewShown | null = null

  const setLayer = (next: BoardLayer) => {
    if (next === layer) return
    layer = next
    // Hidden, not removed from layout: its size, and so its pixels, stay for the next moment.
    if (canvas) canvas.style.visibility = next === 'canvas' ? 'hidden' : ''
    options.onLayer(next)
  }

  const paint = () => {
    frame = null
    const held = moment.current()
    const context = canvas?.getContext('2d')
    if (!held || !canvas || !context || layer !== 'preview' || size.width === 0) return
    const scene = buildPreviewScene(held.records.values(), pageId)
    if (!camera) {
      const bounds = sceneBounds(scene)
      if (bounds) camera = fitCamera(bounds, size)
    }
    const pixelRatio = window.devicePixelRatio || 1
    paintPreviewScene(context, scene, camera ?? { x: 0, y: 0, z: 1 }, { ...size, pixelRatio })
    const first = shown === null
    shown = { at: held.at, version: held.version, shapeIds: shapeIdsOnPage(held.records, scene.pageId) }
    review.getState().markShown(held.at)
    if (first) {
      // For measuring the screen (DevTools, benchmarks): when, and what.
      performance.mark('tradeoff:review-preview-painted', {
        detail: { at: held.at, shapes: shown.shapeIds.length },
      })
      // A task queued from the next frame runs once the frame with this paint is on screen.
      requestAnimationFrame(() =>
        setTimeout(() => {
          performance.mark('tradeoff:review-board-presented')
          options.onFirstPresented()
        }),
      )
    }
  }

  const schedule = () => {
    if (frame === null && layer === 'preview') frame = requestAnimationFrame(paint)
  }

  /** Sizes the canvas's pixels to its box, as the resize observer reports it after layout. */
  const fitTo = (entry: ResizeObserverEntry) => {
    if (!canvas) return
    const box = entry.contentBoxSize[0]
    const width = box ? box.inlineSize : entry.contentRect.width
    const height = box ? box.blockSize : entry.contentRect.height
    const pixelRatio = window.devicePixelRatio || 1
    size = { width, height }
    canvas.width = Math.round(width * pixelRatio)
    canvas.height = Math.round(height * pixelRatio)
  }

  const unsubscribe = moment.subscribe((held: BoardMoment) => {
    if (held.version !== canvasVersion) setLayer('preview')
    schedule()
  })

  // A label font arriving after the first paint: the next paint uses it.
  const onFonts = () => schedule()
  document.fonts?.addEventListener('loadingdone', onFonts)

  return {
    attach(element) {
      resize?.disconnect()
      canvas = element
      if (!element) return
      element.style.visibility = layer === 'canvas' ? 'hidden' : ''
      // Sized when the observer first reports, once the page is laid out (asking for the size
      // now would force a layout of the whole screen in the middle of React's rendering).
      resize = new ResizeObserver((entries) => {
        const entry = entries.at(-1)
        if (entry) fitTo(entry)
        // Painted at once, in this frame: a canvas resized is cleared.
        if (layer === 'preview') paint()
      })
      resize.observe(element)
      schedule()
    },
    follow(view) {
      const samePage = view.pageId === pageId
      const { x, y, z } = view.camera
      if (samePage && camera && camera.x === x && camera.y === y && camera.z === z) return
      camera = { x, y, z }
      pageId = view.pageId
      schedule()
    },
    camera: () => camera,
    canvasShows(version, at) {
      canvasVersion = version
      canvasAt = at
      if (moment.current()?.version === version) {
        if (frame !== null) cancelAnimationFrame(frame)
        frame = null
        setLayer('canvas')
      }
    },
    canvasAt: () => canvasAt,
    layer: () => layer,
    shown: () => (shown ? { ...shown, shapeIds: [...shown.shapeIds].sort() } : null),
    dispose() {
      unsubscribe()
      resize?.disconnect()
      if (frame !== null) cancelAnimationFrame(frame)
      document.fonts?.removeEventListener('loadingdone', onFonts)
    },
  }
}

/**
 * The camera that shows all of `bounds` in a view of `size`, as tldraw's `zoomToBounds` does with
 * its default padding, the review's zoom range, and at most 100%.
 */
export function fitCamera(
  bounds: { x: number; y: number; w: number; h: number },
  size: { width: number; height: number },
): PreviewCamera {
  const inset = Math.min(128, size.width * 0.28)
  const fit = Math.min((size.width - inset) / bounds.w, (size.height - inset) / bounds.h)
  const zoomMin = REVIEW_ZOOM_STEPS[0] ?? 0.1
  const zoomMax = REVIEW_ZOOM_STEPS.at(-1) ?? 1
  const z = Math.min(1, Math.min(zoomMax, Math.max(zoomMin, Number.isFinite(fit) ? fit : 1)))
  return {
    x: -bounds.x + (size.width - bounds.w * z) / 2 / z,
    y: -bounds.y + (size.height - bounds.h * z) / 2 / z,
    z,
  }
}

/** The shapes among `records` whose page is `pageId`, through their parent shapes, in no order. */
export function shapeIdsOnPage(records: ReadonlyMap<string, RecordValue>, pageId: string | null): string[] {
  if (pageId === null) return []
  const pageOf = new Map<string, string | null>()
  const resolve = (id: string, depth: number): string | null => {
    const known = pageOf.get(id)
    if (known !== undefined) return known
    const parent = records.get(id)?.parentId
    let page: string | null = null
    if (typeof parent === 'string') {
      if (parent.startsWith('page:')) page = parent
      else if (depth < 64) page = resolve(parent, depth + 1)
    }
    pageOf.set(id, page)
    return page
  }
  const ids: string[] = []
  for (const [id, record] of records) {
    if (record.typeName === 'shape' && resolve(id, 0) === pageId) ids.push(id)
  }
  return ids
}
