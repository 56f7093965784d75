import { afterEach, describe, expect, it, vi } from 'vitest'
import { getBoardAt, getBoardHistory, getReport } from '../api/recording'
import { getSessionView } from '../api/sessions'
import { sessionTokenKey } from '../session/token'
import { earlyFetch, startEarlyReviewRequests } from './earlyReview'

/** A browser just good enough for the early script: an address, the device's storage and `fetch`. */
function fakeBrowser(path: string) {
  const seen: Array<{ url: string; auth: string | null }> = []
  const storage = new Map<string, string>()
  const tabStorage = new Map<string, string>()
  const storageOf = (map: Map<string, string>) => ({
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => map.set(key, value),
    removeItem: (key: string) => map.delete(key),
  })
  vi.stubGlobal('window', {
    location: { pathname: path, hash: '#token=secret', search: '' },
    history: { state: null, replaceState: vi.fn() },
    localStorage: storageOf(storage),
    sessionStorage: storageOf(tabStorage),
  })
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    seen.push({ url, auth: new Headers(init?.headers).get('Authorization') })
    return new Response(JSON.stringify({ url, n: seen.length }), { status: 200 })
  })
  return { seen, storage }
}

describe('early review requests', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('starts what the review screen asks for, which then adopts the answers instead of asking again', async () => {
    const { seen, storage } = fakeBrowser('/r/s%201')
    startEarlyReviewRequests()
    expect(storage.get(sessionTokenKey('s 1'))).toBe('secret')
    const early = seen.map((s) => s.url).sort()
    expect(seen.every((s) => s.auth === 'Bearer secret')).toBe(true)

    const options = { fetch: earlyFetch }
    await getSessionView('s 1', 'secret', options)
    await getReport('s 1', 'secret', options)
    await getBoardAt('s 1', 'secret', null, options)
    await getBoardHistory('s 1', 'secret', options)
    // Every request of the screen was one of the early ones: nothing more went out.
    expect(seen.map((s) => s.url).sort()).toEqual(early)
    expect(early).toHaveLength(4)

    // Each answer is handed out once; another moment or another token goes to the network.
    await getBoardAt('s 1', 'secret', null, options)
    await getBoardAt('s 1', 'other', 5, options)
    expect(seen).toHaveLength(6)
  })

  it('gives an adopted request up when its caller aborts', async () => {
    fakeBrowser('/r/s2')
    startEarlyReviewRequests()
    const abort = new AbortController()
    abort.abort()
    await expect(
      getBoardHistory('s2', 'secret', { fetch: earlyFetch, signal: abort.signal }),
    ).rejects.toThrow(/aborted/)
  })

  it('does nothing away from a review, or without a token', () => {
    const { seen } = fakeBrowser('/s/abc')
    startEarlyReviewRequests()
    startEarlyReviewRequests({ pathname: '/r/' })
    // A review with neither a token in the address nor one stored by an earlier visit.
    ;(window.location as { hash: string }).hash = ''
    startEarlyReviewRequests({ pathname: '/r/unknown' })
    expect(seen).toEqual([])
  })
})
