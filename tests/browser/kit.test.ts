import type { SessionReport } from '@tradeoff/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openAs, useServerAndBrowser, waitForLiveBoard, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { api, tokenOf } from '../support/scriptedRound'
import { newSession } from '../support/sessions'

const fixture = useServerAndBrowser()

interface Placed {
  id: string
  type: string
  kind?: string
  /** Its centre on screen, in CSS pixels of the page. */
  x: number
  y: number
}

/** The shapes on the page with their centres on screen. */
const placedShapes = (page: Page) =>
  withEditor<Placed[]>(
    page,
    `(e) => e.getCurrentPageShapes().map((s) => {
      const c = e.pageToScreen(e.getShapePageBounds(s).center)
      return { id: s.id, type: s.type, kind: s.props.kind, x: c.x, y: c.y }
    })`,
  )

/** What an estimate card shows in this browser: `name = expr` and value, row by row. */
const cardText = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.estimate-card__row')].map((row) => row.textContent ?? ''),
  )

/** Drags a kit item onto the canvas at a screen point. */
async function dragFromKit(page: Page, item: string, to: [number, number]) {
  const box = await page.locator(`[data-kit-item="${item}"]`).boundingBox()
  if (!box) throw new Error(`no kit item ${item}`)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width + 40, box.y + box.height / 2, { steps: 3 })
  await page.mouse.move(to[0], to[1], { steps: 6 })
  await page.mouse.up()
}

/** Draws an arrow with the arrow tool from one screen point to another. */
async function arrow(page: Page, from: Placed, to: Placed) {
  await page.keyboard.press('a')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 4 })
  await page.mouse.up()
}

describe('the architecture kit, in Chromium', () => {
  it('R42 a candidate builds an architecture and an estimate from the kit; the interviewer, the SVG export, the review and the report all show it', async () => {
    const session = await newSession(fixture.server.url)
    const linkOf = (role: string) => session.created.links.find((l) => l.role === role)?.url ?? ''
    const cam = await openAs(fixture.browser, linkOf('candidate'), 'Cam')
    const ivy = await openAs(fixture.browser, linkOf('interviewer'), 'Ivy')
    await Promise.all([waitForLiveBoard(cam), waitForLiveBoard(ivy)])

    // The kit starts folded on a window this narrow; open it and find the cache by a product name.
    await cam.getByTestId('kit-open').click()
    await cam.getByLabel('Search the kit').fill('redis')
    expect(
      await cam
        .locator('[data-kit-item]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-kit-item'))),
    ).toEqual(['cache'])
    await cam.getByLabel('Search the kit').fill('')

    // A click places at the view's centre; a drag places where it is dropped.
    await cam.locator('[data-kit-item="load-balancer"]').click()
    await dragFromKit(cam, 'service', [700, 150])
    await dragFromKit(cam, 'service', [1000, 150])
    await dragFromKit(cam, 'cache', [700, 560])
    await dragFromKit(cam, 'sql-database', [1000, 560])
    const placed = await waitFor(async () => {
      const shapes = await placedShapes(cam)
      return shapes.length === 5 ? shapes : undefined
    }, 'five components are on the board')
    const byKind = (kind: string) => placed.filter((s) => s.kind === kind)
    expect(placed.map((s) => s.kind).sort()).toEqual([
      'cache',
      'load-balancer',
      'service',
      'service',
      'sql-database',
    ])
    const [serviceA, serviceB] = byKind('service').sort((a, b) => a.x - b.x)
    const [lb] = byKind('load-balancer')
    const [cache] = byKind('cache')
    const [db] = byKind('sql-database')
    if (!serviceA || !serviceB || !lb || !cache || !db) throw new Error('a component is missing')
    expect(Math.abs((serviceA.x ?? 0) - 700)).toBeLessThan(2)
    expect(Math.abs((serviceA.y ?? 0) - 150)).toBeLessThan(2)

    // Arrows from the load balancer to both services, and from the services to the cache and the database.
    await arrow(cam, lb, serviceA)
    await arrow(cam, lb, serviceB)
    await arrow(cam, serviceB, db)
    await arrow(cam, serviceA, cache)
    // The arrow just drawn is selected: mark it asynchronous and label it from the presets.
    await cam.getByTestId('dataflow-control').getByRole('button', { name: 'Async' }).click()
    await cam.getByTestId('dataflow-control').getByRole('button', { name: 'read' }).click()
    const bindings = await withEditor<Array<{ from: string; to: string }>>(
      cam,
      `(e) => e.getCurrentPageShapes().filter((s) => s.type === 'arrow').flatMap((a) =>
        e.getBindingsFromShape(a, 'arrow').filter((b) => b.props.terminal === 'end').map((b) => ({
          from: e.getBindingsFromShape(a, 'arrow').find((s) => s.props.terminal === 'start')?.toId, to: b.toId })))`,
    )
    expect(bindings).toEqual(
      expect.arrayContaining([
        { from: lb.id, to: serviceA.id },
        { from: lb.id, to: serviceB.id },
        { from: serviceB.id, to: db.id },
        { from: serviceA.id, to: cache.id },
      ]),
    )
    const asyncArrows = await withEditor<string[]>(
      cam,
      `(e) => e.getCurrentPageShapes().filter((s) => s.type === 'arrow' && s.props.dash === 'dashed')
        .map((s) => s.props.richText.content.flatMap((p) => (p.content ?? []).map((t) => t.text)).join(''))`,
    )
    expect(asyncArrows).toEqual(['read'])

    // An estimate of three rows, typed into the card as a candidate would.
    await cam.locator('[data-kit-item="estimate"]').click()
    await cam.keyboard.type('dau')
    await cam.keyboard.press('Tab')
    await cam.keyboard.type('10M')
    await cam.keyboard.press('Enter')
    await cam.keyboard.type('qps')
    await cam.keyboard.press('Tab')
    await cam.keyboard.type('dau * 40 msg / day to msg/s')
    await cam.keyboard.press('Enter')
    await cam.keyboard.type('storage')
    await cam.keyboard.press('Tab')
    await cam.keyboard.type('qps * 1 kB * 365 day to TB')
    await cam.keyboard.press('Escape')
    const expected = [
      'dau = 10M= 10M',
      'qps = dau * 40 msg / day to msg/s≈ 4.6k msg/s',
      'storage = qps * 1 kB * 365 day to TB= 146 TB',
    ]
    await waitFor(
      async () => JSON.stringify(await cardText(cam)) === JSON.stringify(expected),
      'the candidate sees the values',
    )
    await waitFor(
      async () => JSON.stringify(await cardText(ivy)) === JSON.stringify(expected),
      'the interviewer sees the same values',
    )
    const ivyKinds = (await placedShapes(ivy)).map((s) => (s.type === 'component' ? s.kind : s.type)).sort()
    expect(ivyKinds).toEqual([
      'arrow',
      'arrow',
      'arrow',
      'arrow',
      'cache',
      'estimate',
      'load-balancer',
      'service',
      'service',
      'sql-database',
    ])

    // tldraw's SVG export (what the export buttons and PNG use) draws labels, captions and values.
    const svg = await withEditor<string>(
      cam,
      '(e) => e.getSvgString([...e.getCurrentPageShapeIds()]).then((r) => r.svg)',
    )
    for (const text of [
      'Load balancer',
      'Service',
      'Cache',
      'SQL database',
      'read',
      '≈ 4.6k msg/s',
      '= 146 TB',
      'storage = qps',
    ])
      expect(svg).toContain(text)
    await cam.screenshot({ path: `${fixture.server.dataDir}/kit-candidate.png` })

    // The review: the board at the end of the round, in tldraw and in the quick preview.
    const reviewer = tokenOf(session, 'reviewer')
    const report = async () =>
      (await api(fixture.server, `/api/sessions/${session.id}/report`, reviewer)).json() as SessionReport
    await waitFor(
      async () => (await report()).architecture.estimates[0]?.rows.every((row) => row.shown !== null),
      'the report has the estimate with the values the browsers showed',
    )
    const review = await openAs(
      fixture.browser,
      `${fixture.server.url}/r/${session.id}#token=${reviewer}`,
      'reviewer',
    )
    await review.getByTestId('review-canvas').waitFor()
    const reviewIds = async () =>
      withEditor<string[]>(
        review,
        '(e) => e.getCurrentPageShapes().filter((s) => window.tradeoffReviewBoard.isOnBoard(s.id)).map((s) => s.id)',
      )
    await waitFor(async () => (await reviewIds()).length === 10, 'the review shows the final board')
    await waitFor(
      async () => JSON.stringify(await cardText(review)) === JSON.stringify(expected),
      'the review shows the values',
    )
    const shown = await review.evaluate(
      () =>
        (
          window as unknown as { tradeoffPreview?: { shown(): { shapeIds: string[] } | null } }
        ).tradeoffPreview?.shown()?.shapeIds ?? [],
    )
    expect(shown).toEqual(expect.arrayContaining([lb.id, serviceA.id, cache.id, db.id]))
    await review.screenshot({ path: `${fixture.server.dataDir}/kit-review.png` })

    // The report lists the architecture: counts by kind, labels, and the estimate as written, with
    // the values the browsers showed for it (the server never evaluates).
    const { architecture } = await report()
    expect(architecture.counts).toEqual([
      { kind: 'load-balancer', count: 1 },
      { kind: 'service', count: 2 },
      { kind: 'sql-database', count: 1 },
      { kind: 'cache', count: 1 },
    ])
    expect(architecture.components.map((c) => c.label)).toEqual([
      'Load balancer',
      'Service',
      'Service',
      'SQL database',
      'Cache',
    ])
    expect(architecture.estimates[0]?.rows).toEqual([
      { name: 'dau', expr: '10M', shown: '= 10M' },
      { name: 'qps', expr: 'dau * 40 msg / day to msg/s', shown: '≈ 4.6k msg/s' },
      { name: 'storage', expr: 'qps * 1 kB * 365 day to TB', shown: '= 146 TB' },
    ])
    const markdown = (await api(fixture.server, `/api/sessions/${session.id}/report?format=md`, reviewer))
      .text
    expect(markdown).toContain('## Architecture')
    expect(markdown).toContain('Load balancer ×1, Service ×2, SQL database ×1, Cache ×1')
    expect(markdown).toContain('`storage = qps * 1 kB * 365 day to TB` → = 146 TB')

    // The common kinds have keyboard shortcuts: shift+B places another load balancer.
    await cam.mouse.click(1150, 700)
    await cam.keyboard.press('Shift+B')
    await waitFor(
      async () => (await placedShapes(cam)).filter((s) => s.kind === 'load-balancer').length === 2,
      'shift+B places a load balancer',
    )
  })
})
