import type { Browser } from 'playwright-core'
import { launchChromium } from '../../support/browser'

/**
 * Runs in the page (plain JavaScript, so no compiler helper leaks into it):
 * - `visibleShapeCount()`: how many shapes the review canvas shows (its store also keeps absent ones);
 * - `paintedWith(n)`: the time at which the canvas first painted a board of `n` shapes;
 * - `scrubTo({at, shapes})`: moves the scrubber to `at` as dragging it does, waits for the frame in
 *   which the canvas holds that moment's `shapes`, then for that frame to be painted, and answers
 *   the time it took. (A task queued from a frame's callback runs once that frame is painted.)
 */
const PAGE_HELPERS = `
window.visibleShapeCount = () => {
  const board = window.tradeoffReviewBoard
  return board ? board.shapeIdsOnBoard().length : -1
}
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
const painted = async () => {
  await nextFrame()
  await new Promise((resolve) => setTimeout(resolve))
}
window.paintedWith = async (shapes) => {
  while (window.visibleShapeCount() !== shapes) {
    if (performance.now() > 60000) throw new Error('the review never showed ' + shapes + ' shapes')
    await nextFrame()
  }
  await painted()
  return performance.now()
}
window.scrubTo = async ({ at, shapes }) => {
  const input = document.querySelector('[data-testid="scrubber"]')
  if (!input) throw new Error('no scrubber')
  const started = performance.now()
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, String(at))
  input.dispatchEvent(new Event('input', { bubbles: true }))
  while (window.visibleShapeCount() !== shapes) {
    if (performance.now() - started > 10000) throw new Error('the board at ' + at + ' never showed ' + shapes + ' shapes')
    await nextFrame()
  }
  await painted()
  return performance.now() - started
}
`

declare global {
  interface Window {
    paintedWith(shapes: number): Promise<number>
    scrubTo(moment: { at: number; shapes: number }): Promise<number>
  }
}

export interface ReviewTimings {
  /** From navigation start to the first board shown (the page's own performance mark). */
  firstBoardMs: number
  /** From navigation start until every shape of the final board is in the editor. */
  allShapesMs: number
  /** From navigation start until the board's history is in (scrubbing no longer asks the server). */
  historyReadyMs: number
  /** Scrubber moves to random moments: from the input event until that board is painted. */
  scrubMs: number[]
  /** The same, moving the scrubber 5 s of the recording at a time, as dragging it slowly does. */
  dragMs: number[]
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
): Promise<ReviewTimings> {
  let browser: Browser | null = null
  try {
    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.addInitScript(PAGE_HELPERS)
    await page.goto(url)
    const allShapesMs = await page.evaluate((n) => window.paintedWith(n), finalShapes)
    const firstBoardMs = await page.evaluate(
      () => performance.getEntriesByName('tradeoff:review-board-shown')[0]?.startTime ?? Number.NaN,
    )
    // Scrubbing is answered from the board's history once it is in; until then, by the server.
    await page.locator('[data-board-source="history"]').waitFor({ timeout: 60_000 })
    const historyReadyMs = await page.evaluate(() => performance.now())
    const scrubMs: number[] = []
    for (const moment of moments) {
      scrubMs.push(await page.evaluate((m) => window.scrubTo(m), moment))
    }
    const dragMs: number[] = []
    for (const moment of drag) dragMs.push(await page.evaluate((m) => window.scrubTo(m), moment))
    return { firstBoardMs, allShapesMs, historyReadyMs, scrubMs, dragMs }
  } finally {
    await browser?.close()
  }
}
