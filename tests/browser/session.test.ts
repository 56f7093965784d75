import type { Prompt } from '@tradeoff/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { drag, openAs, useServerAndBrowser, waitForLiveBoard, withEditor } from '../support/browser'
import { waitFor } from '../support/poll'

const fixture = useServerAndBrowser()

const shapeCount = (page: Page) => withEditor<number>(page, '(e) => e.getCurrentPageShapes().length')

describe('an interview round, in Chromium', () => {
  it('B3 an interviewer creates a session at home; the candidate sees the brief and timer, no guide, and a revealed hint within 1 s', async () => {
    const prompt = (await (await fetch(`${fixture.server.url}/api/prompts/messaging-app`)).json()) as Prompt
    const interviewer = await openAs(fixture.browser, `${fixture.server.url}/`, 'interviewer')
    await interviewer.getByTestId('prompt-search').fill('messaging')
    await interviewer.getByTestId('prompt-card-messaging-app').click()
    await interviewer.getByTestId('interviewer-name-0').fill('Ivy')
    await interviewer.getByTestId('candidate-name').fill('Cam')
    await interviewer.getByTestId('create-session').click()
    const candidateUrl = (await interviewer.getByTestId('session-link-candidate').textContent()) ?? ''
    const interviewerUrl = (await interviewer.getByTestId('session-link-interviewer').textContent()) ?? ''
    expect(candidateUrl).toMatch(/\/s\/[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]{43}$/)

    await interviewer.goto(interviewerUrl)
    const candidate = await openAs(fixture.browser, candidateUrl, 'candidate')
    await Promise.all([waitForLiveBoard(interviewer), waitForLiveBoard(candidate)])
    expect(candidate.url()).not.toContain('token')

    // Both draw, and each sees the other's shape.
    await drag(interviewer, 'r', [500, 200], [650, 300])
    await drag(candidate, 'r', [800, 200], [950, 300])
    await waitFor(
      async () => (await shapeCount(interviewer)) === 2 && (await shapeCount(candidate)) === 2,
      'two shapes each',
    )

    // The candidate sees the brief and the shared timer, and nothing of the guide.
    await expect.poll(() => candidate.getByTestId('brief').textContent()).toContain('10,000')
    expect(await candidate.getByTestId('timer').isVisible()).toBe(true)
    expect(await candidate.getByTestId('guide').count()).toBe(0)
    const candidateText = (await candidate.locator('body').textContent()) ?? ''
    for (const hint of prompt.hints) expect(candidateText).not.toContain(hint)
    for (const followUp of prompt.followUps) expect(candidateText).not.toContain(followUp.question)
    expect(await candidate.getByTestId('timer-start').count()).toBe(0)

    // The interviewer starts the clock and reveals a hint: the candidate sees both within 1 s.
    await interviewer.getByTestId('timer-start').click()
    // Interviewers open on their notes, the prompt and guide folded to a rail.
    await interviewer.getByTestId('prompt-panel-open').click()
    await interviewer.getByTestId('reveal-hint').click()
    const revealedAt = Date.now()
    const firstHint = prompt.hints[0] ?? ''
    await waitFor(
      async () => ((await candidate.getByTestId('revealed-hints').textContent()) ?? '').includes(firstHint),
      'the candidate sees the revealed hint',
      1_000,
    )
    expect(Date.now() - revealedAt).toBeLessThan(1_000)
    expect(((await candidate.locator('body').textContent()) ?? '').includes(prompt.hints[1] ?? '?')).toBe(
      false,
    )

    // Both clocks show the same time (to the second) once running.
    await waitFor(
      async () => {
        const [a, b] = await Promise.all([
          interviewer.getByTestId('timer-elapsed').textContent(),
          candidate.getByTestId('timer-elapsed').textContent(),
        ])
        return a === b && a !== '00:00' ? a : undefined
      },
      'both clocks run and agree',
      5_000,
    )
  })
})
