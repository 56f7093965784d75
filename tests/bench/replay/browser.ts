import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../../support/browser'

/**
 * Runs in the page (plain JavaScript, so no compiler helper leaks into it):
 * - `boardOnScreen()`: which drawing of the board is on screen (the quick preview, or tldraw's
 *   canvas once it has caught up), the moment it shows and how many shapes;
 * - `paintedWith(n, layer)`: the time at which the screen first painted a board of `n` shapes (in
 *   `layer`, or in either);
 * - `scrubTo({at, shapes}, layer)`: moves the scrubber to `at` as dragging it does, waits for the
 *   frame in which the screen (or `layer`) shows that moment's `shapes`, then for that frame to be
 *   painted, and answers the time it took. (A task queued from a frame's callback runs once that
 *   frame is painted.)
 */
const PAGE_HELPERS = `
window.boardOnScreen = () => {
  const preview = window.tradeoffPreview
  if (!preview) return null
  if (preview.layer() === 'canvas') {
    const board = window.tradeoffReviewBoard
    return { layer: 'canvas', at: preview.canvasAt(), shapes: board ? board.shapeIdsOnBoard().length : -1 }
  }
  const shown = preview.shown()
  return shown ? { layer: 'preview', at: shown.at, shapes: shown.shapeIds.length } : null
}
const shows = (want, layer) => {
  const screen = window.boardOnScreen()
  return !!screen && screen.shapes === want.shapes && (want.at === undefined || screen.at === want.at) &&
    (!layer || screen.layer === layer)
}
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
const painted = async () => {
  await nextFrame()
  await new Promise((resolve) => setTimeout(resolve))
}
window.paintedWith = async (shapes, layer) => {
  while (!shows({ shapes }, layer)) {
    if (performance.now() > 60000) throw new Error('the review never showed ' + shapes + ' shapes')
    await nextFrame()
  }
  await painted()
  return performance.now()
}
window.scrubTo = async (moment, layer) => {
  const input = document.querySelector('[data-testid="scrubber"]')
  if (!input) throw new Error('no scrubber')
  const started = performance.now()
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, String(moment.at))
  input.dispatchEvent(new Event('input', { bubbles: true }))
  while (!shows(moment, layer)) {
    if (performance.now() - started > 10000) throw new Error('the board at ' + moment.at + ' never showed ' + moment.shapes + ' shapes')
    await nextFrame()
  }
  await painted()
  return performance.now() - started
}
`

type Layer = 'preview' | 'canvas'

declare global {
  interface Window {
    paintedWith(shapes: number, layer?: Layer): Promise<number>
    scrubTo(moment: { at: number; shapes: number }, layer?: Layer): Promise<number>
  }
}

export interface ReviewTimings {
  /** Per page load: from navigation start to the first board painted by the preview (the page's own mark). */
  firstBoardMs: number[]
  /** Per page load: from navigation start until every shape of the final board is on screen. */
  allShapesMs: number[]
  /** Per page load: from navigation start until tldraw's canvas has caught up and shows the whole final board. */
  canvasMs: number[]
  /** From navigation start until the board's history is in (scrubbing no longer asks the server). */
  historyReadyMs: number
  /** Scrubber moves to random moments: from the input event until that board is painted. */
  scrubMs: number[]
  /** The same, moving the scrubber 5 s of the recording at a time, as dragging it slowly does. */
  dragMs: number[]
  /** Random moments again, each until tldraw's canvas has caught up (the moment then stays put). */
  settleMs: number[]
}

/**
 * Opens the review screen of a session in headless Chromium and measures how fast it paints the
 * board and follows the scrubber. `expectedShapes(at)` answers how many shapes the board has at
 * a moment (from the API), so the wait ends when the canvas holds exactly that.
 */
export async function measureReviewScreen(
  url: string,
  finalShapes: number,
  moments: Array<{ at: number; shapes: number }>,
  drag: Array<{ at: number; shapes: number }>,
  settle: Array<{ at: number; shapes: number }>,
  pageLoads = 5,
): Promise<ReviewTimings> {
  let browser: Browser | null = null
  try {
    browser = await launchChromium()
    const loads: Array<{ firstBoardMs: number; allShapesMs: number; canvasMs: number }> = []
    let page: Page | null = null
    // The page is opened several times (a single load on a shared machine says little); the last
    // one goes on to scrub.
    for (let load = 0; load < pageLoads; load++) {
      await page?.close()
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      await page.addInitScript(PAGE_HELPERS)
      await page.goto(url)
      loads.push(await measureFirstPaint(page, finalShapes))
    }
    if (!page) throw new Error('no page load')
    // Scrubbing is answered from the board's history once it is in; until then, by the server.
    await page.locator('[data-board-source="history"]').waitFor({ timeout: 60_000 })
    const historyReadyMs = await page.evaluate(() => performance.now())
    const scrubMs: number[] = []
    for (const moment of moments) {
      scrubMs.push(await page.evaluate((m) => window.scrubTo(m), moment))
    }
    const dragMs: number[] = []
    for (const moment of drag) dragMs.push(await page.evaluate((m) => window.scrubTo(m), moment))
    const settleMs: number[] = []
    for (const moment of settle) {
      settleMs.push(await page.evaluate((m) => window.scrubTo(m, 'canvas'), moment))
    }
    return {
      firstBoardMs: loads.map((l) => l.firstBoardMs),
      allShapesMs: loads.map((l) => l.allShapesMs),
      canvasMs: loads.map((l) => l.canvasMs),
      historyReadyMs,
      scrubMs,
      dragMs,
      settleMs,
    }
  } finally {
    await browser?.close()
  }
}

/**
 * Times one page load: until the preview has the final board on screen, and until tldraw's
 * canvas has caught up with it.
 */
async function measureFirstPaint(page: Page, finalShapes: number) {
  const seenMs = await page.evaluate((n) => window.paintedWith(n), finalShapes)
  // The page marks when it painted its first board (with what it painted), and when the frame
  // holding it was on screen: a task queued from the next frame, as this page's painted() does.
  // The bench's own polling sees it later when tldraw's work, queued right after, runs first.
  const [painted, presented] = await page.evaluate(() =>
    ['tradeoff:review-preview-painted', 'tradeoff:review-board-presented'].map((name) => {
      const mark = performance.getEntriesByName(name)[0] as PerformanceMark | undefined
      return { at: mark?.startTime ?? Number.NaN, detail: mark?.detail as { shapes?: number } | undefined }
    }),
  )
  const firstWasFinal = painted?.detail?.shapes === finalShapes
  return {
    firstBoardMs: painted?.at ?? Number.NaN,
    allShapesMs: firstWasFinal ? Math.min(seenMs, presented?.at ?? seenMs) : seenMs,
    canvasMs: await page.evaluate((n) => window.paintedWith(n, 'canvas'), finalShapes),
  }
}
