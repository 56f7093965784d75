import type { Browser } from 'playwright-core'
import { launchChromium } from '../../support/browser'

/** Runs in the page: the shapes the review canvas shows (hidden ones are not on the board then). */
const VISIBLE_SHAPES = `window.visibleShapeCount = () => {
  const e = window.tradeoffEditor
  return e ? e.getCurrentPageShapes().filter((s) => !e.isShapeHidden(s)).length : -1
}`

declare function visibleShapeCount(): number

export interface ReviewTimings {
  /** From navigation start to the first board shown (the page's own performance mark). */
  firstBoardMs: number
  /** From navigation start until every shape of the final board is in the editor. */
  allShapesMs: number
  /** Scrubber moves: from the input event until the canvas holds the board of that moment. */
  scrubMs: number[]
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
): Promise<ReviewTimings> {
  let browser: Browser | null = null
  try {
    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.addInitScript(VISIBLE_SHAPES)
    await page.goto(url)
    await page.waitForFunction((n) => visibleShapeCount() === n, finalShapes, {
      timeout: 30_000,
      polling: 10,
    })
    const allShapesMs = await page.evaluate(() => performance.now())
    const firstBoardMs = await page.evaluate(
      () => performance.getEntriesByName('tradeoff:review-board-shown')[0]?.startTime ?? Number.NaN,
    )
    const scrubMs: number[] = []
    for (const moment of moments) {
      const started = performance.now()
      await page.evaluate((at) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="scrubber"]')
        if (!input) throw new Error('no scrubber')
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
        setValue?.call(input, String(at))
        input.dispatchEvent(new Event('input', { bubbles: true }))
      }, moment.at)
      await page.waitForFunction((n) => visibleShapeCount() === n, moment.shapes, {
        timeout: 10_000,
        polling: 'raf',
      })
      scrubMs.push(performance.now() - started)
    }
    return { firstBoardMs, allShapesMs, scrubMs }
  } finally {
    await browser?.close()
  }
}
