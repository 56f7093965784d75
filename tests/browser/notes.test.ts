import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drag, openAs, useServerAndBrowser, waitForLiveBoard, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { newSession } from '../support/sessions'

const fixture = useServerAndBrowser()

/** Records every websocket frame and every request URL a page sees. */
function captureTraffic(page: Page) {
  const frames: string[] = []
  const sockets: string[] = []
  const requests: string[] = []
  page.on('websocket', (ws) => {
    sockets.push(ws.url())
    ws.on('framereceived', (frame) =>
      frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1')),
    )
  })
  page.on('request', (request) => requests.push(request.url()))
  return { frames, sockets, requests }
}

const NOTE = '#fail single Redis is a single point of failure -'
const NOTE_TEXT = 'single Redis is a single point of failure'

describe('rubric notes, in Chromium', () => {
  it('B4 a note on two selected shapes shows its dimension and signal, badges the shapes, reaches the co-interviewer live, and never the candidate', async () => {
    const session = await newSession(fixture.server.url)
    const url = (name: string) => session.created.links.find((l) => l.name === name)?.url ?? ''
    const candidate = await openAs(fixture.browser, url('Cam'), 'Cam')
    const candidateTraffic = captureTraffic(candidate)
    await candidate.reload()
    const ivy = await openAs(fixture.browser, url('Ivy'), 'Ivy')
    const ian = await openAs(fixture.browser, url('Ian'), 'Ian')
    await Promise.all([waitForLiveBoard(ivy), waitForLiveBoard(ian), waitForLiveBoard(candidate)])

    // Both inside the canvas and clear of tldraw's style panel: a pointer left resting on it opens a
    // tooltip, and tldraw spends the next Escape closing that tooltip.
    await drag(ivy, 'r', [400, 200], [520, 280])
    await drag(ivy, 'r', [560, 200], [680, 280])
    await waitFor(
      async () => (await withEditor<number>(ivy, '(e) => e.getCurrentPageShapes().length')) === 2,
      'two shapes',
    )
    await withEditor(ivy, '(e) => { e.selectAll(); return e.getSelectedShapeIds().length }')

    // Alt+N focuses the note box without losing the selection.
    await ivy.keyboard.press('Escape')
    await withEditor(ivy, '(e) => { e.selectAll(); return 0 }')
    await ivy.keyboard.press('Alt+KeyN')
    await expect
      .poll(() => ivy.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('note-input')
    expect(await withEditor<number>(ivy, '(e) => e.getSelectedShapeIds().length')).toBe(2)
    await ivy.keyboard.type(NOTE)
    await ivy.keyboard.press('Enter')

    const item = ivy.getByTestId('note-item').first()
    await expect.poll(() => item.getAttribute('data-dimension')).toBe('failure-modes')
    expect(await item.getAttribute('data-signal')).toBe('-')
    expect(await item.textContent()).toContain(NOTE_TEXT)
    expect(await item.textContent()).not.toContain('#fail')
    await expect.poll(() => ivy.getByTestId('note-badge').count()).toBe(2)

    // Esc returns to the canvas.
    await ivy.getByTestId('note-input').focus()
    await ivy.keyboard.press('Escape')
    await expect
      .poll(() => ivy.evaluate(() => document.activeElement?.closest('.tl-container') !== null))
      .toBe(true)

    // The co-interviewer sees it live.
    await waitFor(
      async () => ((await ian.getByTestId('notes-panel').textContent()) ?? '').includes(NOTE_TEXT),
      'Ian sees Ivy’s note',
    )
    await expect.poll(() => ian.getByTestId('note-badge').count()).toBe(2)

    // The candidate: no panel, no badge, no note text in the DOM or in any frame; never asked for them.
    await candidate.waitForTimeout(300)
    expect(await candidate.getByTestId('notes-panel').count()).toBe(0)
    expect(await candidate.getByTestId('note-badge').count()).toBe(0)
    expect((await candidate.content()).includes(NOTE_TEXT)).toBe(false)
    expect(candidateTraffic.frames.length).toBeGreaterThan(0)
    expect(
      candidateTraffic.frames.some((frame) => frame.includes(NOTE_TEXT) || frame.includes('failure-modes')),
    ).toBe(false)
    expect(candidateTraffic.sockets.some((u) => u.includes('/panel'))).toBe(false)
    expect(candidateTraffic.requests.some((u) => u.includes('/scorecards') || u.includes('/panel'))).toBe(
      false,
    )
  })
})
