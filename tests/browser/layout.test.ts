import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drag, useServerAndBrowser, waitForLiveBoard, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { newSession, type TestSession } from '../support/sessions'

const fixture = useServerAndBrowser()

const WIDTH = 1280
const HEIGHT = 800

/** Set TRADEOFF_SHOTS to a folder to keep screenshots of the room and the home page there. */
const SHOTS = process.env.TRADEOFF_SHOTS

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Opens a page at 1280 x 800 in a fresh context (its own storage), as one person's laptop. */
async function openAt(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, colorScheme })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
  await page.goto(url)
  return page
}

function linkOf(session: TestSession, name: string): string {
  return session.created.links.find((link) => link.name === name)?.url ?? ''
}

interface CanvasSpace {
  /** The canvas's own width: tldraw's container. */
  canvas: number
  /** What is left once tldraw's style panel is taken off: the width to draw in. */
  visible: number
  /** Our panels or rails that overlap the canvas horizontally (there should be none). */
  overlapping: string[]
}

/** Measures the canvas against everything beside or over it. */
function canvasSpace(page: Page): Promise<CanvasSpace> {
  return page.evaluate(() => {
    const container = document.querySelector('.tl-container')?.getBoundingClientRect()
    if (!container) throw new Error('no tldraw container')
    const overlap = (rect: DOMRect) =>
      rect.height > 0
        ? Math.max(0, Math.min(rect.right, container.right) - Math.max(rect.left, container.left))
        : 0
    const overlapping = [
      ...document.querySelectorAll('.prompt-panel, .prompt-rail, .notes-panel, .notes-rail'),
    ]
      .filter((element) => overlap(element.getBoundingClientRect()) > 0)
      .map((element) => element.className)
    const stylePanel = document.querySelector('[data-testid="style.panel"]')
    // The style panel's column: from its left edge (less its margin) to the canvas's right edge.
    const taken = stylePanel ? container.right - (stylePanel.getBoundingClientRect().left - 8) : 0
    return { canvas: container.width, visible: container.width - Math.max(0, taken), overlapping }
  })
}

/** Whether the root element carries `theme`, and the notes or prompt panel is painted to match. */
function themeOf(page: Page): Promise<{ theme: string | undefined; panel: string | null }> {
  return page.evaluate(() => {
    const panel = document.querySelector('.notes-panel, .prompt-panel')
    return {
      theme: document.documentElement.dataset.theme,
      panel: panel ? getComputedStyle(panel).backgroundColor : null,
    }
  })
}

describe('the room layout, in Chromium at 1280 x 800', () => {
  it('L1 the canvas keeps at least 60 % of the window for an interviewer and the candidate, with no panel over it', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAt(fixture.browser, linkOf(session, 'Ivy'))
    const cam = await openAt(fixture.browser, linkOf(session, 'Cam'))
    await Promise.all([waitForLiveBoard(ivy), waitForLiveBoard(cam)])

    // Defaults: the interviewer has the notes open and the prompt as a rail; the candidate the brief.
    await ivy.getByTestId('notes-panel').waitFor()
    await ivy.getByTestId('prompt-panel-open').waitFor()
    await cam.getByTestId('prompt-panel').waitFor()
    await ivy.locator('[data-testid="style.panel"]').waitFor()

    for (const page of [ivy, cam]) {
      const space = await canvasSpace(page)
      expect(space.overlapping).toEqual([])
      expect(space.visible).toBeGreaterThanOrEqual(0.6 * WIDTH)
    }
    await shot(ivy, 'room-interviewer-light')
    await shot(cam, 'room-candidate-light')

    // Opening the prompt gives room to the drawer, taken from the canvas, never laid over it.
    await ivy.getByTestId('prompt-panel-open').click()
    await ivy.getByTestId('prompt-panel').waitFor()
    await waitFor(async () => (await canvasSpace(ivy)).canvas < WIDTH - 300 - 300 + 1, 'the canvas shrinks')
    expect((await canvasSpace(ivy)).overlapping).toEqual([])
    await shot(ivy, 'room-interviewer-both-open-light')
    await ivy.context().close()
    await cam.context().close()
  })

  it('L2 each panel folds to a rail, the canvas takes the room, and the fold is remembered after a reload', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAt(fixture.browser, linkOf(session, 'Ivy'))
    await waitForLiveBoard(ivy)
    const before = await canvasSpace(ivy)

    await ivy.getByRole('button', { name: 'Hide the notes' }).click()
    await ivy.getByTestId('notes-panel-open').waitFor()
    await waitFor(async () => (await canvasSpace(ivy)).canvas > before.canvas + 200, 'the canvas widens')
    // The scorecard stays one click away on the rail.
    expect(await ivy.getByTestId('open-scorecard').isVisible()).toBe(true)

    await ivy.reload()
    await waitForLiveBoard(ivy)
    await ivy.getByTestId('notes-panel-open').waitFor()
    expect(await ivy.getByTestId('notes-panel').count()).toBe(0)
    expect(await ivy.getByTestId('prompt-panel').count()).toBe(0)

    await ivy.getByTestId('notes-panel-open').click()
    await ivy.getByTestId('notes-panel').waitFor()
    await ivy.reload()
    await waitForLiveBoard(ivy)
    await ivy.getByTestId('notes-panel').waitFor()
    await ivy.context().close()
  })

  it('L3 clicking a note shows its shape at 100 % at most, whole, in the part of the canvas nothing covers', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAt(fixture.browser, linkOf(session, 'Ivy'))
    await waitForLiveBoard(ivy)
    await drag(ivy, 'r', [300, 300], [360, 340])
    await waitFor(
      async () => (await withEditor<number>(ivy, '(e) => e.getCurrentPageShapes().length')) === 1,
      'one shape',
    )
    await withEditor(ivy, '(e) => { e.selectAll(); return 0 }')
    await ivy.keyboard.press('Alt+KeyN')
    await ivy.getByTestId('note-input').waitFor()
    await ivy.keyboard.type('#scale small box')
    await ivy.keyboard.press('Enter')
    await ivy.getByTestId('note-item').first().waitFor()
    // Move away: far off and zoomed out.
    await withEditor(ivy, '(e) => { e.selectNone(); e.setCamera({ x: 4000, y: 3000, z: 0.25 }); return 0 }')

    await ivy.getByTestId('note-item').first().locator('.note-text').click()
    const shown = await waitFor(async () => {
      const state = await withEditor<{ z: number; box: { x: number; y: number; w: number; h: number } }>(
        ivy,
        `(e) => {
            const id = e.getCurrentPageShapes()[0].id
            const box = e.getShapePageBounds(id)
            const a = e.pageToViewport({ x: box.minX, y: box.minY })
            const b = e.pageToViewport({ x: box.maxX, y: box.maxY })
            return { z: e.getZoomLevel(), box: { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y } }
          }`,
      )
      return state.z === 1 ? state : undefined
    }, 'the camera settles at 100 %')
    const space = await canvasSpace(ivy)
    const canvasHeight = await ivy.evaluate(() => document.querySelector('.tl-container')?.clientHeight ?? 0)
    expect(shown.box.x).toBeGreaterThan(0)
    expect(shown.box.x + shown.box.w).toBeLessThan(space.visible)
    expect(shown.box.y).toBeGreaterThan(50)
    expect(shown.box.y + shown.box.h).toBeLessThan(canvasHeight - 120)
    await ivy.context().close()
  })

  it('L4 dark mode: tldraw’s choice turns every panel dark, the system’s is followed, and the home page switch is the same choice', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAt(fixture.browser, linkOf(session, 'Ivy'))
    await waitForLiveBoard(ivy)
    await ivy.getByTestId('notes-panel').waitFor()
    const light = await themeOf(ivy)
    expect(light.theme).toBe('light')

    // The person picks dark in tldraw's menu (the same preference, set here directly).
    await withEditor(ivy, `(e) => { e.user.updateUserPreferences({ colorScheme: 'dark' }); return 0 }`)
    await waitFor(async () => (await themeOf(ivy)).theme === 'dark', 'the app turns dark')
    const dark = await themeOf(ivy)
    expect(dark.panel).not.toBe(light.panel)
    expect(
      await ivy.evaluate(() => document.querySelector('.tl-container')?.classList.contains('tl-theme__dark')),
    ).toBe(true)
    await shot(ivy, 'room-interviewer-dark')

    // The home page in the same browser opens dark, and its switch sets the room's choice too.
    const home = await ivy.context().newPage()
    await home.goto(`${fixture.server.url}/`)
    await home.getByTestId('theme-toggle').waitFor()
    expect(await home.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await shot(home, 'home-dark')
    await home.locator('[data-theme-choice="light"]').click()
    await waitFor(async () => (await themeOf(ivy)).theme === 'light', 'the room follows the home page switch')
    expect(await withEditor<string>(ivy, '(e) => e.user.getUserPreferences().colorScheme')).toBe('light')
    await ivy.context().close()

    // With no choice made, a system in dark mode gives a dark room, the candidate's included.
    const cam = await openAt(fixture.browser, linkOf(session, 'Cam'), 'dark')
    await waitForLiveBoard(cam)
    await cam.getByTestId('prompt-panel').waitFor()
    expect((await themeOf(cam)).theme).toBe('dark')
    expect(
      await cam.evaluate(() => document.querySelector('.tl-container')?.classList.contains('tl-theme__dark')),
    ).toBe(true)
    await shot(cam, 'room-candidate-dark')
    await cam.context().close()
  })

  it('L5 a prompt has an address of its own that opens it in the library, and files are not logged at info', async () => {
    const page = await openAt(fixture.browser, `${fixture.server.url}/p/messaging-app`)
    await page.getByTestId('prompt-reader').waitFor()
    expect(await page.locator('#reader-title').textContent()).toBeTruthy()
    expect(await page.getByTestId('prompt-card-messaging-app').getAttribute('aria-current')).toBe('page')
    // The library comes before the import card.
    const order = await page.evaluate(() => {
      const library = document.querySelector('.prompt-library')
      const importCard = document.querySelector('.import-session')
      return library && importCard ? library.compareDocumentPosition(importCard) : 0
    })
    // 4: DOCUMENT_POSITION_FOLLOWING, the import card is after the library.
    expect(order & 4).toBe(4)
    await shot(page, 'home-prompt-light')

    // Another prompt's card changes the address, so it can be copied and sent.
    const other = page.locator('.prompt-card:not([aria-current])').first()
    const href = await other.getAttribute('href')
    await other.click()
    await waitFor(() => new URL(page.url()).pathname === href, 'the address follows the prompt read')
    await page.context().close()

    const infoFileLines = fixture.server.logs.filter((line) => {
      const url = (line.req as { url?: string } | undefined)?.url ?? ''
      return line.level === 30 && String(line.msg).startsWith('request') && !url.startsWith('/api/')
    })
    expect(infoFileLines).toEqual([])
    expect(fixture.server.logs.some((line) => line.level === 20 && line.msg === 'request completed')).toBe(
      true,
    )
  })
})
