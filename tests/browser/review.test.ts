import { readFile } from 'node:fs/promises'
import type { SessionReport } from '@tradeoff/shared'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openAs, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { rectangle } from '../support/records'
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

/** The shapes of a board as the canvas draws them: position, rotation, parent and props, by id. */
function drawnShapes(records: Record<string, unknown>): string {
  const shapes = Object.values(records) as Array<Record<string, unknown>>
  return JSON.stringify(
    shapes
      .filter((r) => r.typeName === 'shape')
      .map(({ id, x, y, rotation, parentId, props }) => ({ id, x, y, rotation, parentId, props }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  )
}

/** The shapes the review canvas shows (hidden ones are not on the board at that moment). */
const canvasBoard = (page: Page) =>
  withEditor<Record<string, unknown>>(
    page,
    '(e) => Object.fromEntries(e.getCurrentPageShapes().filter((s) => window.tradeoffReviewBoard.isOnBoard(s.id)).map((s) => [s.id, s]))',
  )

/** Moves the scrubber to `at` as dragging it does (an input event). */
const setScrubber = (page: Page, at: number) =>
  page.evaluate((value) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="scrubber"]')
    if (!input) throw new Error('no scrubber')
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(value))
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, at)

/** What the quick preview painted last, and which drawing of the board is on screen. */
const previewState = (page: Page) =>
  page.evaluate(() => {
    const preview = (window as unknown as { tradeoffPreview?: { layer(): string; shown(): unknown } })
      .tradeoffPreview
    return preview
      ? { layer: preview.layer(), shown: preview.shown() as { at: number; shapeIds: string[] } | null }
      : null
  })

/**
 * Where the preview's canvas has ink (any pixel unlike its top-left corner, the background), in
 * CSS pixels, and where the board's shapes should be on screen by the preview's camera.
 */
const previewInk = (page: Page, shapes: Array<{ x: number; y: number; w: number; h: number }>) =>
  page.evaluate((boxes) => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.review-preview')
    const preview = (
      window as unknown as { tradeoffPreview?: { camera(): { x: number; y: number; z: number } } }
    ).tradeoffPreview
    const context = canvas?.getContext('2d')
    const camera = preview?.camera()
    if (!canvas || !context || !camera) return null
    const { width, height } = canvas
    const pixels = context.getImageData(0, 0, width, height).data
    const ratio = width / canvas.getBoundingClientRect().width
    let [left, top, right, bottom] = [width, height, -1, -1]
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4
        const d =
          Math.abs((pixels[i] ?? 0) - (pixels[0] ?? 0)) +
          Math.abs((pixels[i + 1] ?? 0) - (pixels[1] ?? 0)) +
          Math.abs((pixels[i + 2] ?? 0) - (pixels[2] ?? 0))
        if (d < 60) continue
        left = Math.min(left, x)
        right = Math.max(right, x)
        top = Math.min(top, y)
        bottom = Math.max(bottom, y)
      }
    }
    const screen = (px: number, py: number) => [(px + camera.x) * camera.z, (py + camera.y) * camera.z]
    const [ex1, ey1] = screen(Math.min(...boxes.map((b) => b.x)), Math.min(...boxes.map((b) => b.y)))
    const [ex2, ey2] = screen(
      Math.max(...boxes.map((b) => b.x + b.w)),
      Math.max(...boxes.map((b) => b.y + b.h)),
    )
    return {
      ink: [left / ratio, top / ratio, right / ratio, bottom / ratio],
      expected: [ex1 ?? 0, ey1 ?? 0, ex2 ?? 0, ey2 ?? 0],
    }
  }, shapes)

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
        '(e) => e.getCurrentPageShapes().filter((s) => window.tradeoffReviewBoard.isOnBoard(s.id)).map((s) => s.id).sort()',
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
    const expected = drawnShapes(
      (await api(server, `/api/sessions/${session.id}/board?at=${landedAt}`, reviewer)).json().records,
    )
    await waitFor(async () => drawnShapes(await canvasBoard(page)) === expected, 'the board of that moment')

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

  it('B6 once the history is in, every captured moment is shown exactly with no request per moment; batch-measured labels match tldraw', async () => {
    const session = await newSession(server.url)
    const { moments, createdAt } = await scriptedRound(server, session, clients)
    // Labels of every kind the batch measuring must agree with tldraw on.
    const styled = clients.at(-3)
    if (!styled) throw new Error('no interviewer client')
    const rich = (content: unknown[]) => ({ type: 'doc', content })
    const text = (value: string, marks?: unknown[]) => ({
      type: 'text',
      text: value,
      ...(marks ? { marks } : {}),
    })
    const labels: Array<[string, Record<string, unknown>]> = [
      [
        'mono-xl',
        { font: 'mono', size: 'xl', richText: rich([{ type: 'paragraph', content: [text('Kafka')] }]) },
      ],
      [
        'narrow',
        { w: 40, richText: rich([{ type: 'paragraph', content: [text('a long label that must wrap')] }]) },
      ],
      [
        'bold',
        { font: 'sans', richText: rich([{ type: 'paragraph', content: [text('hot', [{ type: 'bold' }])] }]) },
      ],
      [
        'lines',
        {
          size: 's',
          richText: rich([
            { type: 'paragraph', content: [text('one')] },
            { type: 'paragraph' },
            { type: 'paragraph', content: [text('three')] },
          ]),
        },
      ],
      [
        'list',
        {
          font: 'serif',
          scale: 2,
          richText: rich([
            {
              type: 'bulletList',
              content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('cache')] }] }],
            },
          ]),
        },
      ],
    ]
    for (const [id, props] of labels) {
      const base = rectangle(id, 600, 0, 'x') as { props: Record<string, unknown> }
      styled.records.set(`shape:${id}`, { ...base, props: { ...base.props, ...props } })
    }
    const reviewer = tokenOf(session, 'reviewer')
    await waitFor(
      async () =>
        shapeIds((await api(server, `/api/sessions/${session.id}/board`, reviewer)).json().records).includes(
          'shape:list',
        ),
      'the styled labels are recorded',
    )
    const withLabels = (await api(server, `/api/sessions/${session.id}/board`, reviewer)).json()
    moments.push({ at: withLabels.at, records: withLabels.records })
    expect(moments.length).toBeGreaterThan(3)

    const page = await openAs(browser, `${server.url}/r/${session.id}#token=${reviewer}`, 'reviewer')
    const boardRequests: string[] = []
    page.on('request', (request) => {
      if (/\/board\?at=/.test(request.url())) boardRequests.push(request.url())
    })
    await page.locator('[data-board-source="history"]').waitFor()
    boardRequests.length = 0

    for (const moment of [...moments].reverse().concat(moments)) {
      await setScrubber(page, moment.at)
      const expected = drawnShapes(moment.records)
      await waitFor(
        async () => drawnShapes(await canvasBoard(page)) === expected,
        `the board at ${moment.at} ms`,
      )
    }
    expect(boardRequests).toEqual([])

    // A shape not drawn yet stays mounted but cannot be seen; once drawn, it can.
    const dbVisibility = () =>
      page.evaluate(() => {
        const wrapper = document.querySelector('.tl-shape[data-shape-id="shape:db"]')
        return wrapper ? getComputedStyle(wrapper).visibility : 'not mounted'
      })
    const beforeDb = moments[0]
    if (!beforeDb) throw new Error('no first moment')
    await setScrubber(page, beforeDb.at)
    await expect.poll(dbVisibility).toBe('hidden')
    await setScrubber(page, withLabels.at)
    await expect.poll(dbVisibility).toBe('visible')
    expect(createdAt).toBeGreaterThan(0)

    // Every label's size came from the batch, and equals what tldraw measures on its own.
    await setScrubber(page, withLabels.at)
    const check = await withEditor<{
      ids: string[]
      batch: unknown[]
      tldraw: unknown[]
      domMeasures: number
    }>(
      page,
      `(e) => {
        const util = e.getShapeUtil('geo')
        const shapes = e.getCurrentPageShapes().filter(
          (s) => s.type === 'geo' && window.tradeoffReviewBoard.isOnBoard(s.id) && s.props.richText.content.some((p) => p.content?.length),
        )
        const measureHtml = e.textMeasure.measureHtml
        let domMeasures = 0
        e.textMeasure.measureHtml = function (...args) {
          domMeasures++
          return measureHtml.apply(this, args)
        }
        const batch = shapes.map((s) => util.measureUnscaledLabelSize(s))
        const fromBatch = domMeasures
        const own = Object.getPrototypeOf(util).measureUnscaledLabelSize
        const tldraw = shapes.map((s) => own.call(util, s))
        e.textMeasure.measureHtml = measureHtml
        return { ids: shapes.map((s) => s.id), batch, tldraw, domMeasures: fromBatch }
      }`,
    )
    expect(check.ids).toEqual(expect.arrayContaining(labels.map(([id]) => `shape:${id}`)))
    expect(check.domMeasures).toBe(0)
    expect(check.batch).toEqual(check.tldraw)
  })

  it('B7 the quick preview paints every moment at once, exactly its shapes where they are, then steps aside for tldraw', async () => {
    const session = await newSession(server.url)
    const { moments } = await scriptedRound(server, session, clients)
    const reviewer = tokenOf(session, 'reviewer')
    const page = await openAs(browser, `${server.url}/r/${session.id}#token=${reviewer}`, 'reviewer')
    await page.locator('[data-board-source="history"]').waitFor()
    // The preview painted first; once tldraw has drawn the same board, it shows instead.
    await page.locator('[data-board-layer="canvas"]').waitFor()
    const firstPaint = await page.evaluate(() =>
      ['tradeoff:review-preview-painted', 'tradeoff:review-editor-mounted'].map(
        (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
      ),
    )
    expect(firstPaint[0]).toBeLessThan(firstPaint[1] ?? 0)

    for (const moment of moments) {
      await setScrubber(page, moment.at)
      // The last moment may come after the recording's end: the scrubber stops there.
      const at = Number(await page.getByTestId('scrubber').inputValue())
      // Painted within a frame or two, long before tldraw catches up (it waits for the moment to stay put).
      await waitFor(async () => (await previewState(page))?.shown?.at === at, `the preview at ${at} ms`)
      const state = await previewState(page)
      expect(state?.shown?.shapeIds).toEqual(shapeIds(moment.records))
      const boxes = Object.values(moment.records)
        .map((r) => r as { typeName: string; x: number; y: number; props: { w: number; h: number } })
        .filter((r) => r.typeName === 'shape')
        .map((r) => ({ x: r.x, y: r.y, w: r.props.w, h: r.props.h }))
      if (boxes.length > 0) {
        const ink = await previewInk(page, boxes)
        if (!ink) throw new Error('no preview canvas')
        // The ink covers the shapes' box on screen, give or take a stroke.
        ink.ink.forEach((edge, i) => {
          expect(Math.abs(edge - (ink.expected[i] ?? 0))).toBeLessThan(8)
        })
      }
      await page.locator('[data-board-layer="canvas"]').waitFor()
      expect(drawnShapes(await canvasBoard(page))).toBe(drawnShapes(moment.records))
    }
  })

  it('B8 during playback the preview follows the recording; once paused, tldraw shows exactly the board of that moment', async () => {
    const session = await newSession(server.url)
    await scriptedRound(server, session, clients)
    const reviewer = tokenOf(session, 'reviewer')
    const page = await openAs(browser, `${server.url}/r/${session.id}#token=${reviewer}`, 'reviewer')
    await page.locator('[data-board-source="history"]').waitFor()
    await page.locator('[data-board-layer="canvas"]').waitFor()

    // From the start, at the slowest speed: the short scripted round lasts a few hundred ms.
    await setScrubber(page, 0)
    await page.getByRole('button', { name: 'Play' }).click()
    // While it plays, the preview shows the moving moment (tldraw waits for it to stay put).
    const playingInPreview = async () => {
      const playing = (await page.getByRole('button', { name: 'Pause' }).count()) > 0
      const state = await previewState(page)
      return playing && state?.layer === 'preview' && (state.shown?.at ?? 0) > 0
    }
    await waitFor(playingInPreview, 'the preview follows playback')
    // It may reach the end and stop by itself first.
    await page.evaluate(() => {
      const pause = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Pause'))
      pause?.click()
    })
    await page.locator('[data-board-layer="canvas"]').waitFor()
    const at = Number(await page.getByTestId('scrubber').inputValue())
    expect((await previewState(page))?.shown?.at).toBe(at)
    const expected = (await api(server, `/api/sessions/${session.id}/board?at=${at}`, reviewer)).json()
      .records
    expect(drawnShapes(await canvasBoard(page))).toBe(drawnShapes(expected))
  })
})
