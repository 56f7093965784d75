import { readFile } from 'node:fs/promises'
import type { SessionReport } from '@tradeoff/shared'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openAs, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { api, scriptedRound, tokenOf } from '../support/scriptedRound'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'
import type { SyncClient } from '../support/syncClient'

let server: TestServer
let browser: Browser
const clients: SyncClient[] = []

beforeAll(async () => {
  server = await startTestServer({ snapshotEvery: 7 })
  browser = await launchChromium()
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await browser?.close()
  await server?.close()
})

const shapeIds = (records: Record<string, unknown>) =>
  Object.keys(records)
    .filter((id) => id.startsWith('shape:'))
    .sort()

describe('the review screen, in Chromium', () => {
  it('B5 dragging the scrubber to a note shows the board as it was then; the exported report holds the round', async () => {
    const session = await newSession(server.url)
    const { moments } = await scriptedRound(server, session, clients)
    const reviewer = tokenOf(session, 'reviewer')
    const report = (await api(server, `/api/sessions/${session.id}/report`, reviewer)).json() as SessionReport
    const noteAt = report.notes[0]?.at ?? 0

    const page = await openAs(browser, `${server.url}/r/${session.id}#token=${reviewer}`, 'reviewer')
    await page.getByTestId('review-canvas').waitFor()
    // Shapes not on the board at the moment shown stay in the store, hidden: count the visible ones.
    const canvasShapes = () =>
      withEditor<string[]>(
        page,
        '(e) => e.getCurrentPageShapes().filter((s) => !e.isShapeHidden(s)).map((s) => s.id).sort()',
      )
    await waitFor(
      async () => (await canvasShapes()).length === shapeIds(moments.at(-1)?.records ?? {}).length,
      'the final board is shown',
    )

    // Drag the scrubber's thumb from its place to the note's marker.
    const scrubber = page.getByTestId('scrubber')
    const box = await scrubber.boundingBox()
    if (!box) throw new Error('no scrubber')
    const total = Number(await scrubber.getAttribute('max'))
    const xAt = (t: number) => box.x + 8 + ((box.width - 16) * t) / total
    const current = Number(await scrubber.inputValue())
    await page.mouse.move(xAt(current), box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(xAt(total / 2), box.y + box.height / 2, { steps: 6 })
    await page.mouse.move(xAt(noteAt), box.y + box.height / 2, { steps: 6 })
    await page.mouse.up()
    const landedAt = Number(await scrubber.inputValue())
    expect(Math.abs(landedAt - noteAt)).toBeLessThan(total / 20)

    // The canvas shows exactly the board the server rebuilds for that moment.
    const expected = shapeIds(
      (await api(server, `/api/sessions/${session.id}/board?at=${landedAt}`, reviewer)).json().records,
    )
    await waitFor(
      async () => JSON.stringify(await canvasShapes()) === JSON.stringify(expected),
      'the board of that moment',
    )

    // Clicking the note jumps to its exact moment and marks it current.
    await page.getByTestId('review-note').first().click()
    await expect.poll(() => scrubber.inputValue()).toBe(String(noteAt))
    await expect.poll(() => page.getByTestId('review-note').first().getAttribute('data-current')).toBe('true')

    // Export the report as Markdown and read the file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-md').click(),
    ])
    const path = await download.path()
    const markdown = await readFile(path, 'utf8')
    expect(markdown).toContain(`# ${report.session.title}`)
    expect(markdown).toContain('single DB')
    expect(markdown).toContain('## Scorecards')
  })
})
