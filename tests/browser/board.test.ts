import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drag, openAs, useServerAndBrowser, waitForLiveBoard, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { newSession } from '../support/sessions'

const fixture = useServerAndBrowser()

interface ShapeSummary {
  id: string
  type: string
  x: number
  y: number
}

const shapesOf = (page: Page) =>
  withEditor<ShapeSummary[]>(
    page,
    '(e) => e.getCurrentPageShapes().map((s) => ({ id: s.id, type: s.type, x: s.x, y: s.y }))',
  )

const arrowBindingsOf = (page: Page) =>
  withEditor<Array<{ toId: string; terminal: string }>>(
    page,
    `(e) => e.getCurrentPageShapes().filter((s) => s.type === 'arrow')
      .flatMap((a) => e.getBindingsFromShape(a, 'arrow').map((b) => ({ toId: b.toId, terminal: b.props.terminal })))`,
  )

describe('two people on one board, in Chromium', () => {
  it('B1 A draws a rectangle and a bound arrow, B sees both within 1 s, B moves it, A sees the move and B’s cursor', async () => {
    const session = await newSession(fixture.server.url)
    const linkOf = (role: string) => session.created.links.find((l) => l.role === role)?.url ?? ''
    const alice = await openAs(fixture.browser, linkOf('interviewer'), 'Ivy')
    const bob = await openAs(fixture.browser, linkOf('candidate'), 'Cam')
    await Promise.all([waitForLiveBoard(alice), waitForLiveBoard(bob)])

    await drag(alice, 'r', [500, 300], [700, 420])
    await drag(alice, 'a', [600, 360], [1000, 360])
    const drawn = await waitFor(async () => {
      const shapes = await shapesOf(alice)
      return shapes.length === 2 ? shapes : undefined
    }, 'Alice has a rectangle and an arrow')
    const rectangle = drawn.find((s) => s.type === 'geo')
    expect(drawn.map((s) => s.type).sort()).toEqual(['arrow', 'geo'])
    expect(await arrowBindingsOf(alice)).toContainEqual({ toId: rectangle?.id, terminal: 'start' })
    const drawnAt = Date.now()

    await waitFor(async () => (await shapesOf(bob)).length === 2, 'Bob sees both shapes', 1_000)
    expect(Date.now() - drawnAt).toBeLessThan(1_000)
    expect(await arrowBindingsOf(bob)).toContainEqual({ toId: rectangle?.id, terminal: 'start' })

    // Bob grabs the rectangle by its left edge and moves it 150 px down. His canvas starts right of
    // his prompt drawer, so the edge is found on his screen rather than at Alice's coordinates.
    await bob.keyboard.press('v')
    await bob.keyboard.press('Escape')
    const edge = await withEditor<{ x: number; y: number }>(
      bob,
      `(e) => { const b = e.getShapePageBounds('${rectangle?.id}'); return e.pageToScreen({ x: b.minX, y: b.minY + 30 }) }`,
    )
    await drag(bob, 'v', [edge.x, edge.y], [edge.x, edge.y + 150])
    await waitFor(async () => {
      const moved = (await shapesOf(alice)).find((s) => s.id === rectangle?.id)
      return moved && rectangle && moved.y > rectangle.y + 100
    }, 'Alice sees the rectangle move')

    await bob.mouse.move(900, 560, { steps: 5 })
    await bob.mouse.move(920, 570, { steps: 3 })
    await waitFor(
      async () => (await alice.locator('.tl-nametag', { hasText: 'Cam' }).count()) > 0,
      'Alice sees Bob’s cursor named after his link (Cam)',
    )
    await alice.screenshot({ path: `${fixture.server.dataDir}/alice.png` })
  })

  it('B2 a reload keeps the drawing', async () => {
    const session = await newSession(fixture.server.url)
    const carol = await openAs(fixture.browser, session.created.links[0]?.url ?? '', 'Ivy')
    await waitForLiveBoard(carol)
    await drag(carol, 'r', [500, 200], [700, 300])
    await waitFor(async () => (await shapesOf(carol)).length === 1, 'Carol drew a rectangle')
    const before = await shapesOf(carol)
    // The token left the address bar when the page loaded; the reload finds it in session storage.
    expect(carol.url()).not.toContain('token')
    await carol.reload()
    await waitForLiveBoard(carol)
    await waitFor(async () => (await shapesOf(carol)).length === 1, 'the rectangle is back after a reload')
    expect(await shapesOf(carol)).toEqual(before)
  })
})
