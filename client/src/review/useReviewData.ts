import type { BoardHistory, SessionReport, SessionView } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { type BoardAt, getBoardAt, getBoardHistory, getReport } from '../api/recording'
import { getSessionView } from '../api/sessions'
import { takeSessionToken } from '../session/token'
import { loadBoardFonts } from './boardFonts'
import { earlyFetch } from './earlyReview'

/** Everything the review screen opens with. */
export interface ReviewData {
  view: SessionView
  report: SessionReport
  /**
   * The latest board: the board at the report's `endedAt`, which the canvas shows first. Not
   * waited for: the canvas mounts while it downloads.
   */
  board: Promise<BoardAt>
  /**
   * The board's whole history, for scrubbing: its request starts with the others, but its
   * megabytes of JSON are read only when this is first called (once the board is painted).
   */
  history: () => Promise<BoardHistory>
}

/** What `useReviewData` gives while it loads, once it failed, for a candidate, or when ready. */
export type ReviewDataResult =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'candidate' }
  | { status: 'ready'; data: ReviewData }

type Loaded = { key: string; result: ReviewDataResult }

/**
 * Loads the caller's view of the session and the review report, and starts loading the latest
 * board and its label font at the same time, so the board paints after one round trip. (The
 * page's first script may have started the requests already: see `earlyReview`.) The screen is
 * ready with the first two. A candidate's token gets `candidate`
 * (the server refuses them the recording: 403).
 */
export function useReviewData(sessionId: string, token: string | null): ReviewDataResult {
  const key = `${sessionId}\n${token ?? ''}`
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  useEffect(() => {
    if (!token) return
    const forKey = `${sessionId}\n${token}`
    const requests = takePrefetchedReview(sessionId, token) ?? startReviewRequests(sessionId, token)
    const { abort, board, history } = requests
    Promise.allSettled([requests.view, requests.report]).then(([view, report]) => {
      performance.mark('tradeoff:review-data-loaded')
      if (!abort.signal.aborted) setLoaded({ key: forKey, result: settle(view, report, board, history) })
    })
    return () => abort.abort()
  }, [sessionId, token])

  if (!loaded || loaded.key !== key) return { status: 'loading' }
  return loaded.result
}

/** A review's requests, all started at once, and how to stop them. */
interface ReviewRequests {
  view: Promise<{ view: SessionView }>
  report: Promise<SessionReport>
  board: Promise<BoardAt>
  history: () => Promise<BoardHistory>
  abort: AbortController
}

/**
 * Starts everything a review needs at once: the caller's view, the report, the latest board and
 * its font; the board's history is asked for when first wanted, unless the page's first script
 * started it already. The screen waits for the first two only; the board area reports the
 * failures of the others. tldraw's code is fetched once the board is painted, not before: on a
 * slow machine, starting it took the main thread just as the board came in.
 */
function startReviewRequests(sessionId: string, token: string): ReviewRequests {
  const abort = new AbortController()
  // Answers started by the page's first script are adopted rather than asked again.
  const options = { signal: abort.signal, fetch: earlyFetch }
  // Most labels are drawn in tldraw's "draw" font: both drawings of the board wait for it.
  loadBoardFonts(['draw'])
  const board = getBoardAt(sessionId, token, null, options)
  board.catch(() => undefined)
  let history: Promise<BoardHistory> | null = null
  return {
    view: getSessionView(sessionId, token, options),
    report: getReport(sessionId, token, options),
    board,
    history: () => {
      history ??= getBoardHistory(sessionId, token, options)
      return history
    },
    abort,
  }
}

const REVIEW_PATH = /^\/r\/([^/]+)\/?$/

let prefetched: { key: string; requests: ReviewRequests } | null = null

/**
 * On a review's address, starts its requests as the app boots, before React first renders: the
 * requests and the canvas's code then load while the app's own code runs. Takes the link's token
 * (see `takeSessionToken`) as the page would on its first render.
 */
export function prefetchReview(location: Pick<Location, 'pathname'> = window.location): void {
  const match = REVIEW_PATH.exec(location.pathname)
  if (!match?.[1]) return
  const sessionId = decodeURIComponent(match[1])
  const token = takeSessionToken(sessionId)
  if (!token) return
  prefetched = { key: `${sessionId}\n${token}`, requests: startReviewRequests(sessionId, token) }
}

/** The requests `prefetchReview` started for this session and token, handed out once. */
function takePrefetchedReview(sessionId: string, token: string): ReviewRequests | null {
  const taken = prefetched
  prefetched = null
  return taken?.key === `${sessionId}\n${token}` ? taken.requests : null
}

/** A candidate is told so, whatever else failed; otherwise the first failure, in order, is shown. */
function settle(
  view: PromiseSettledResult<{ view: SessionView }>,
  report: PromiseSettledResult<SessionReport>,
  board: Promise<BoardAt>,
  history: () => Promise<BoardHistory>,
): ReviewDataResult {
  if (view.status === 'fulfilled' && view.value.view.role === 'candidate') return { status: 'candidate' }
  if (view.status === 'rejected') return { status: 'error', error: asApiError(view.reason) }
  if (report.status === 'rejected') return { status: 'error', error: asApiError(report.reason) }
  return { status: 'ready', data: { view: view.value.view, report: report.value, board, history } }
}

function asApiError(failure: unknown): ApiError {
  return failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure))
}
