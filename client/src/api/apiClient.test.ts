import { describe, expect, it } from 'vitest'
import { ApiError, apiGet, apiPost, type Fetch } from './apiClient'
import { getSessionView } from './sessions'

function answering(
  status: number,
  body: unknown,
  seen: Array<{ url: string; init?: RequestInit }> = [],
): Fetch {
  return async (url, init) => {
    seen.push({ url, init })
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(text, { status, headers: { 'Content-Type': 'application/json' } })
  }
}

describe('apiClient', () => {
  it('sends the token as a Bearer header and the body as JSON', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = []
    const answer = await apiPost<{ ok: boolean }>(
      '/api/x',
      { a: 1 },
      { token: 'secret', fetch: answering(200, { ok: true }, seen) },
    )
    expect(answer).toEqual({ ok: true })
    expect(seen[0]?.init?.headers).toMatchObject({
      Authorization: 'Bearer secret',
      'Content-Type': 'application/json',
    })
    expect(seen[0]?.init?.body).toBe('{"a":1}')
    expect(seen[0]?.init?.method).toBe('POST')
  })

  it('sends no Authorization header without a token', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = []
    await apiGet('/api/x', { fetch: answering(200, [], seen) })
    expect(seen[0]?.init?.headers).not.toHaveProperty('Authorization')
  })

  it("throws an ApiError carrying the server's code and message", async () => {
    const error = await apiGet('/api/x', {
      fetch: answering(404, { error: { code: 'not_found', message: 'No such session.' } }),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No such session.' })
  })

  it('describes an error answer that is not JSON', async () => {
    const error = await apiGet('/api/x', { fetch: answering(502, '<html>Bad gateway</html>') }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ status: 502, code: 'http_502' })
    expect((error as Error).message).toContain('HTTP 502')
  })

  it('turns a failed request into a network ApiError', async () => {
    const offline: Fetch = () => Promise.reject(new TypeError('Failed to fetch'))
    const error = await apiGet('/api/x', { fetch: offline }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 0, code: 'network' })
  })
})

describe('getSessionView', () => {
  it('times the request for clock alignment', async () => {
    let now = 1_000
    const fetch: Fetch = async () => {
      now = 1_080
      return new Response(JSON.stringify({ id: 's', serverNow: 50_000 }), { status: 200 })
    }
    const timed = await getSessionView('session-id-1', 'tok', { fetch, now: () => now })
    expect(timed.sentAt).toBe(1_000)
    expect(timed.receivedAt).toBe(1_080)
    expect(timed.view.serverNow).toBe(50_000)
  })
})
