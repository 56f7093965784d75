import { describe, expect, it } from 'vitest'
import { ApiError, type Fetch } from '../api/apiClient'
import { getScorecards, saveScorecardDraft, submitScorecard } from '../api/scorecards'

interface Seen {
  url: string
  init?: RequestInit
}

function answering(status: number, body: unknown, seen: Seen[]): Fetch {
  return async (url, init) => {
    seen.push({ url, init })
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  }
}

const body = { scores: { caching: 3 as const }, overall: 3 as const, level: 'senior' as const, summary: 'ok' }

describe('scorecard API', () => {
  it('reads the scorecards with the session token', async () => {
    const seen: Seen[] = []
    const view = { mine: null, others: [], pending: ['Ivy'], othersVisible: false }
    expect(await getScorecards('s 1', 'tok', { fetch: answering(200, view, seen) })).toEqual(view)
    expect(seen[0]?.url).toBe('/api/sessions/s%201/scorecards')
    expect(seen[0]?.init?.method).toBe('GET')
    expect(seen[0]?.init?.headers).toMatchObject({ Authorization: 'Bearer tok' })
  })

  it('saves the draft with PUT on /mine', async () => {
    const seen: Seen[] = []
    await saveScorecardDraft('s1', 'tok', body, { fetch: answering(200, { ...body, author: 'Ivy' }, seen) })
    expect(seen[0]?.url).toBe('/api/sessions/s1/scorecards/mine')
    expect(seen[0]?.init?.method).toBe('PUT')
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual(body)
    expect(seen[0]?.init?.headers).toMatchObject({
      Authorization: 'Bearer tok',
      'Content-Type': 'application/json',
    })
  })

  it('submits with POST', async () => {
    const seen: Seen[] = []
    await submitScorecard('s1', 'tok', body, { fetch: answering(201, { ...body, author: 'Ivy' }, seen) })
    expect(seen[0]?.url).toBe('/api/sessions/s1/scorecards')
    expect(seen[0]?.init?.method).toBe('POST')
  })

  it('turns a 409 into an ApiError the caller can recognise', async () => {
    const seen: Seen[] = []
    const error = await submitScorecard('s1', 'tok', body, {
      fetch: answering(409, { error: { code: 'conflict', message: 'already submitted' } }, seen),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, message: 'already submitted' })
  })
})
