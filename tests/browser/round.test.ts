import type { SessionReport } from '@tradeoff/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drag, openAs, useServerAndBrowser, waitForLiveBoard, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'
import { api, tokenOf } from '../support/scriptedRound'
import { newSession, type TestSession } from '../support/sessions'

const fixture = useServerAndBrowser()

const linkOf = (session: TestSession, who: 'Ivy' | 'Ian' | 'candidate') =>
  session.created.links.find((l) => (who === 'candidate' ? l.role === who : l.name === who))?.url ?? ''

const shapeCount = (page: Page) => withEditor<number>(page, '(e) => e.getCurrentPageShapes().length')

/** Where a person's cursor is in another person's editor, as tldraw's presence holds it. */
const cursorOf = (page: Page, name: string) =>
  withEditor<string | null>(
    page,
    `(e) => { const p = e.store.query.records('instance_presence').get().find((r) => r.userName === ${JSON.stringify(name)}); return p ? JSON.stringify(p.cursor) : null }`,
  )

const followedUserId = (page: Page) =>
  withEditor<string | null>(page, '(e) => e.getInstanceState().followingUserId')

const noteTimes = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).allTextContents()).map((text) => text.trim())

async function writeNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('note-input').fill(text)
  await page.getByTestId('note-input').press('Enter')
  await page
    .getByTestId('note-item')
    .filter({ hasText: text.split(' #')[0] ?? text })
    .waitFor()
}

describe('a round from arrival to end, in Chromium', () => {
  it('B9 a candidate who arrives first is welcomed; interviewers see who joins and leaves, and someone who left is not "not here yet"', async () => {
    const session = await newSession(fixture.server.url)
    const cam = await openAs(fixture.browser, linkOf(session, 'candidate'), 'Cam')
    await waitForLiveBoard(cam)

    // Alone in the room: whom Cam waits for, the clock, the brief, and a live connection.
    const arrival = cam.getByTestId('arrival')
    await expect
      .poll(() => arrival.textContent())
      .toContain('The clock starts when your interviewer starts it')
    expect(await cam.getByTestId('arrival-interviewer').allTextContents()).toEqual([
      'Ivy has not joined yet',
      'Ian has not joined yet',
    ])
    await expect.poll(() => cam.getByTestId('arrival-connection').textContent()).toContain('live')
    expect(await cam.getByTestId('brief').isVisible()).toBe(true)

    const ivy = await openAs(fixture.browser, linkOf(session, 'Ivy'), 'Ivy')
    await waitForLiveBoard(ivy)
    await waitFor(
      async () =>
        (await cam.locator('[data-testid="arrival-interviewer"][data-here="true"]').textContent()) ===
        'Ivy is here',
      'Cam sees that Ivy has arrived',
    )
    // Ivy sees Cam here, and Ian invited but not here yet, at the top of the room.
    const camChip = ivy.locator('[data-testid="person"][data-name="Cam"]')
    await waitFor(async () => (await camChip.getAttribute('data-state')) === 'here', 'Ivy sees Cam here')
    expect(await ivy.locator('[data-testid="person"][data-name="Ian"]').getAttribute('data-state')).toBe(
      'invited',
    )
    expect(await camChip.isVisible()).toBe(true)
    const box = await ivy.getByTestId('presence-bar').boundingBox()
    expect(box?.y ?? 1000).toBeLessThan(120)

    // The clock starts: the welcome gives way to the round.
    await ivy.getByTestId('timer-start').click()
    await cam.getByTestId('arrival').waitFor({ state: 'detached' })

    // Cam leaves: Ivy hears it, and Cam shows as having left, not as not here yet.
    await cam.context().close()
    await waitFor(async () => (await camChip.getAttribute('data-state')) === 'left', 'Cam shows as left')
    await expect
      .poll(() => ivy.getByTestId('presence-change').allTextContents())
      .toContain('Cam (candidate) left')
    await ivy.context().close()
  })

  it('B10 ending a round: the candidate sees a closing screen, a board write after it is not stored, notes stay writable, and the review shows the end', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAs(fixture.browser, linkOf(session, 'Ivy'), 'Ivy')
    const cam = await openAs(fixture.browser, linkOf(session, 'candidate'), 'Cam')
    await Promise.all([waitForLiveBoard(ivy), waitForLiveBoard(cam)])
    await ivy.getByTestId('timer-start').click()
    await drag(cam, 'r', [700, 300], [820, 380])
    await waitFor(async () => (await shapeCount(ivy)) === 1, 'Ivy sees the candidate’s rectangle')

    // End round asks once more, then ends it for everyone.
    await ivy.getByTestId('timer-end').click()
    await ivy.getByTestId('timer-end-confirm').click()
    await cam.getByTestId('round-ended').waitFor()
    expect(await cam.getByTestId('round-ended').textContent()).toContain('The board is final')
    await expect.poll(() => cam.getByTestId('timer-status').textContent()).toContain('ended')
    // Ivy lands on the notes and the scorecard.
    await ivy.getByTestId('scorecard').waitFor()
    expect(await ivy.getByTestId('notes-panel').isVisible()).toBe(true)
    expect(await ivy.getByTestId('round-ended-label').isVisible()).toBe(true)

    // Cam's editor is read-only; a write forced past it is dropped by the server.
    expect(await withEditor<boolean>(cam, '(e) => e.getIsReadonly()')).toBe(true)
    await withEditor(
      cam,
      `(e) => { e.updateInstanceState({ isReadonly: false }); e.createShape({ type: 'geo', x: 50, y: 50, props: { w: 40, h: 40 } }); return true }`,
    )
    expect(await shapeCount(cam)).toBe(2)
    // Cam's cursor moves after the write, on the same socket: once Ivy sees the move, the server
    // has had the write before it.
    const before = await cursorOf(ivy, 'Cam')
    await cam.getByTestId('round-ended').getByRole('button', { name: 'See the final board' }).click()
    await cam.mouse.move(640, 520, { steps: 4 })
    await cam.mouse.move(660, 530, { steps: 2 })
    await waitFor(async () => {
      const now = await cursorOf(ivy, 'Cam')
      return now !== null && now !== before
    }, 'Ivy sees Cam’s cursor move after the write')
    const board = (
      await api(fixture.server, `/api/sessions/${session.id}/board`, tokenOf(session, 'Ivy'))
    ).json() as {
      records: Record<string, unknown>
    }
    expect(Object.keys(board.records).filter((id) => id.startsWith('shape:'))).toHaveLength(1)
    expect(await shapeCount(ivy)).toBe(1)

    // Notes are still written after the end.
    await ivy.keyboard.press('Escape')
    await ivy.getByTestId('scorecard').waitFor({ state: 'hidden' })
    await writeNote(ivy, 'wrapped up well #communication +')
    await waitFor(async () => {
      const report = (
        await api(fixture.server, `/api/sessions/${session.id}/report`, tokenOf(session, 'Ivy'))
      ).json() as SessionReport
      return report.notes.some((note) => note.text === 'wrapped up well')
    }, 'the note written after the end is stored')

    // The review's timeline marks the end.
    const review = await ivy.context().newPage()
    await review.goto(`${fixture.server.url}/r/${session.id}`)
    await review.getByTestId('event-tick-end').waitFor({ state: 'attached' })
    expect(await review.getByTestId('event-tick-end').getAttribute('title')).toMatch(
      /^\d\d:\d\d · Round ended by Ivy$/,
    )
    await Promise.all([ivy.context().close(), cam.context().close()])
  })

  it('B11 note times read on the round clock, "before start" before it, the same in the room, the review and the report', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAs(fixture.browser, linkOf(session, 'Ivy'), 'Ivy')
    await waitForLiveBoard(ivy)
    await writeNote(ivy, 'reads the brief first #requirements')
    await ivy.getByTestId('timer-start').click()
    await expect.poll(() => ivy.getByTestId('timer-status').textContent()).toContain('running')
    await writeNote(ivy, 'asks about scale #scale +')
    await ivy.getByTestId('timer-pause').click()

    const room = await noteTimes(ivy, 'note-time')
    expect(room).toHaveLength(2)
    expect(room[0]).toBe('before start')
    expect(room[1]).toMatch(/^\d\d:\d\d$/)

    const report = (
      await api(fixture.server, `/api/sessions/${session.id}/report`, tokenOf(session, 'Ivy'))
    ).json() as SessionReport
    expect(report.notes.map((note) => note.clockMs === null)).toEqual([true, false])
    // The stored moment stays the time since the session's creation.
    expect(report.notes[0]?.at).toBeGreaterThan(0)

    const review = await ivy.context().newPage()
    await review.goto(`${fixture.server.url}/r/${session.id}`)
    await review.getByTestId('review-note-time').first().waitFor()
    expect(await noteTimes(review, 'review-note-time')).toEqual(room)

    const markdown = (
      await api(fixture.server, `/api/sessions/${session.id}/report?format=md`, tokenOf(session, 'Ivy'))
    ).text
    expect(markdown).toContain(`| ${room[0]} | Ivy | Requirements`)
    expect(markdown).toContain(`| ${room[1]} | Ivy | Scalability`)
    await ivy.context().close()
  })

  it('B12 anyone follows a person from the presence bar in one click; an interviewer asks everyone to follow', async () => {
    const session = await newSession(fixture.server.url)
    const ivy = await openAs(fixture.browser, linkOf(session, 'Ivy'), 'Ivy')
    const cam = await openAs(fixture.browser, linkOf(session, 'candidate'), 'Cam')
    await Promise.all([waitForLiveBoard(ivy), waitForLiveBoard(cam)])
    const ivyChip = cam.locator('[data-testid="person"][data-name="Ivy"]')
    await waitFor(async () => (await ivyChip.getAttribute('data-state')) === 'here', 'Cam sees Ivy')
    // tldraw shares a presence once the pointer has been over the canvas; then Ivy can be followed.
    await ivy.mouse.move(600, 400, { steps: 3 })
    const ivyUserId = await waitFor(
      () =>
        withEditor<string | undefined>(
          cam,
          `(e) => e.store.query.records('instance_presence').get().find((r) => r.userName === 'Ivy')?.userId`,
        ),
      'Cam has Ivy’s presence',
    )
    expect(await ivyChip.isEnabled()).toBe(true)

    await ivyChip.click()
    await waitFor(async () => (await followedUserId(cam)) === ivyUserId, 'Cam follows Ivy')
    expect(await ivyChip.getAttribute('aria-pressed')).toBe('true')
    // Ivy moves her view: Cam's follows it.
    await withEditor(ivy, '(e) => { e.setCamera({ x: -2000, y: -1500, z: 1 }); return true }')
    await waitFor(
      async () => (await withEditor<number>(cam, '(e) => e.getCamera().x')) < -1500,
      'Cam’s view follows Ivy’s',
    )
    await ivyChip.click()
    await waitFor(async () => (await followedUserId(cam)) === null, 'Cam stops following')

    // Ivy asks everyone to follow: Cam follows and is told so; released, Cam is let go.
    await ivy.getByTestId('follow-me').click()
    await cam.getByTestId('follow-notice').waitFor()
    expect(await followedUserId(cam)).toBe(ivyUserId)
    expect(await cam.getByTestId('follow-notice').textContent()).toContain('Following Ivy')
    await ivy.getByTestId('follow-me').click()
    await waitFor(async () => (await followedUserId(cam)) === null, 'Cam is released')
    await cam.getByTestId('follow-notice').waitFor({ state: 'detached' })
    await Promise.all([ivy.context().close(), cam.context().close()])
  })

  it('B13 a link survives a new tab on the same device, and "forget on this device" removes it', async () => {
    const session = await newSession(fixture.server.url)
    const cam = await openAs(fixture.browser, linkOf(session, 'candidate'), 'Cam')
    await waitForLiveBoard(cam)
    expect(cam.url()).not.toContain('token')

    // A new tab (a bookmark, a duplicated tab) opens the room without the fragment.
    const tab = await cam.context().newPage()
    await tab.goto(`${fixture.server.url}/s/${session.id}`)
    await waitForLiveBoard(tab)
    expect(await tab.getByTestId('room-message').count()).toBe(0)
    expect(await tab.getByTestId('arrival').textContent()).toContain('Welcome, Cam')
    // Only this session's token is kept, under its own key.
    const keys = await tab.evaluate(() =>
      Object.keys(window.localStorage).filter((k) => k.startsWith('tradeoff.token.')),
    )
    expect(keys).toEqual([`tradeoff.token.${session.id}`])

    // Copy my link gives the whole link; forgetting it leaves a new tab without access.
    await tab.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await tab.getByTestId('link-menu').locator('summary').click()
    await tab.getByTestId('copy-my-link').click()
    await expect.poll(() => tab.getByTestId('copy-my-link').textContent()).toBe('Copied')
    expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe(linkOf(session, 'candidate'))
    await tab.getByTestId('forget-my-link').click()
    await tab.getByTestId('forget-confirm').click()
    await expect.poll(() => tab.getByTestId('room-message').textContent()).toContain('forgotten')
    const later = await cam.context().newPage()
    await later.goto(`${fixture.server.url}/s/${session.id}`)
    await expect
      .poll(() => later.getByTestId('room-message').textContent())
      .toContain('This link is incomplete')
    await cam.context().close()
  })
})
