import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startTestServer, type TestServer } from './server'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launches Debian's headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}: run "apt-get update && apt-get install -y chromium" or set CHROMIUM_PATH`,
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

/** Opens a page in a fresh browser context (its own storage), as a separate person would. */
export async function openAs(browser: Browser, url: string, label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${label}] page error: ${error.message}`))
  await page.goto(url)
  return page
}

/** Waits until the board is loaded and live. */
export async function waitForLiveBoard(page: Page): Promise<void> {
  await page.waitForSelector('.tl-canvas')
  await page.waitForSelector('[data-testid="connection-status"][data-status="live"]')
  await page.waitForSelector('.canvas[data-loaded="true"]')
}

/** Runs a function against the page's tldraw editor (exposed as `window.tradeoffEditor`). */
export function withEditor<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(
    `(() => { const editor = window.tradeoffEditor; return (${fn})(editor) })()`,
  ) as Promise<T>
}

/** Draws a shape by dragging with a tool picked by its keyboard shortcut (`r` rectangle, `a` arrow). */
export async function drag(
  page: Page,
  tool: string,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  await page.keyboard.press(tool)
  await page.mouse.move(from[0], from[1])
  await page.mouse.down()
  await page.mouse.move((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, { steps: 4 })
  await page.mouse.move(to[0], to[1], { steps: 4 })
  await page.mouse.up()
}

/**
 * Starts a test server and Chromium once for a browser test file and stops both after it. Read
 * `fixture.server` and `fixture.browser` inside the tests.
 */
export function useServerAndBrowser(options: Parameters<typeof startTestServer>[0] = {}) {
  const fixture = {} as { server: TestServer; browser: Browser }
  beforeAll(async () => {
    fixture.server = await startTestServer(options)
    fixture.browser = await launchChromium()
  })
  afterAll(async () => {
    await fixture.browser?.close()
    await fixture.server?.close()
  })
  return fixture
}
