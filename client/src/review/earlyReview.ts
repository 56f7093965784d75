import { takeSessionToken } from '../session/token'
import { loadBoardFonts } from './boardFonts'

/**
 * A review's requests, started by the page's first, tiny script (`src/early.ts`) while the app's
 * own code still downloads and starts: on a slow machine that code takes longer to start than the
 * server takes to answer. The app then adopts the answers through `earlyFetch` instead of asking
 * again. The font most labels are drawn in starts loading too. Nothing here may import more than
 * the token and font helpers: it runs before the app.
 */

const REVIEW_PATH = /^\/r\/([^/]+)\/?$/

/** What a review opens with, by path under the session: its view, report, latest board and history. */
export const EARLY_REVIEW_PATHS = ['', '/report?format=json', '/board', '/board/history'] as const

/** Requests started early, by `token + '\n' + path`: each is handed out once. */
const started = new Map<string, Promise<Response>>()

/** On a review's address, starts its requests now. */
export function startEarlyReviewRequests(location: Pick<Location, 'pathname'> = window.location): void {
  const match = REVIEW_PATH.exec(location.pathname)
  if (!match?.[1] || typeof fetch !== 'function') return
  const sessionId = decodeURIComponent(match[1])
  const token = takeSessionToken(sessionId)
  if (!token) return
  // Both drawings of the board wait for the font most labels are drawn in (tldraw's "draw").
  loadBoardFonts(['draw']).catch(() => undefined)
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`
  for (const path of EARLY_REVIEW_PATHS) {
    const url = `${base}${path}`
    const request = fetch(url, {
      method: 'GET',
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    })
    // A failure is the adopter's to report; unadopted, it must not be an unhandled rejection.
    request.catch(() => undefined)
    started.set(`${token}\n${url}`, request)
  }
}

/**
 * A `fetch` for the API client that answers a GET started early with that request's answer (once),
 * and anything else with the network.
 */
export function earlyFetch(input: string, init?: RequestInit): Promise<Response> {
  const auth = new Headers(init?.headers).get('Authorization') ?? ''
  const key = `${auth.replace(/^Bearer /, '')}\n${input}`
  const early = (init?.method ?? 'GET') === 'GET' ? started.get(key) : undefined
  if (!early) return fetch(input, init)
  started.delete(key)
  const signal = init?.signal
  if (!signal) return early
  // The caller may still give up on it, as on any request.
  return new Promise<Response>((resolve, reject) => {
    const abort = () => reject(new DOMException('The request was aborted.', 'AbortError'))
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    early.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
