import type { BoardHistory, SessionReport, SessionView } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { type BoardAt, getBoardAt, getBoardHistory, getReport } from '../api/recording'
import { getSessionView } from '../api/sessions'
import { loadReviewCanvas } from './lazyCanvas'

/** Everything the review screen opens with. */
export interface ReviewData {
  view: SessionView
  report: SessionReport
  /**
   * The latest board: the board at the report's `endedAt`, which the canvas shows first. Not
   * waited for: the canvas mounts while it downloads.
   */
  board: Promise<BoardAt>
  /** The board's whole history, asked for at the same time but not waited for: scrubbing uses it. */
  history: Promise<BoardHistory>
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
 * board, the board's history and the canvas's code at the same time, so the board paints after
 * one round trip. The screen is ready with the first two. A candidate's token gets `candidate`
 * (the server refuses them the recording: 403).
 */
export function useReviewData(sessionId: string, token: string | null): ReviewDataResult {
  const key = `${sessionId}\n${token ?? ''}`
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  useEffect(() => {
    if (!token) return
    const forKey = `${sessionId}\n${token}`
    const abort = new AbortController()
    const options = { signal: abort.signal }
    // The canvas's code and font download meanwhile; a failure shows when the canvas renders.
    loadReviewCanvas()
      .then((canvas) => canvas.preloadBoardFont())
      .catch(() => undefined)
    // The screen does not wait for these two; the canvas reports their failures.
    const board = getBoardAt(sessionId, token, null, options)
    const history = getBoardHistory(sessionId, token, options)
    for (const later of [board, history]) later.catch(() => undefined)
    Promise.allSettled([
      getSessionView(sessionId, token, options),
      getReport(sessionId, token, options),
    ]).then(([view, report]) => {
      performance.mark('tradeoff:review-data-loaded')
      if (!abort.signal.aborted) setLoaded({ key: forKey, result: settle(view, report, board, history) })
    })
    return () => abort.abort()
  }, [sessionId, token])

  if (!loaded || loaded.key !== key) return { status: 'loading' }
  return loaded.result
}

/** A candidate is told so, whatever else failed; otherwise the first failure, in order, is shown. */
function settle(
  view: PromiseSettledResult<{ view: SessionView }>,
  report: PromiseSettledResult<SessionReport>,
  board: Promise<BoardAt>,
  history: Promise<BoardHistory>,
): ReviewDataResult {
  if (view.status === 'fulfilled' && view.value.view.role === 'candidate') return { status: 'candidate' }
  if (view.status === 'rejected') return { status: 'error', error: asApiError(view.reason) }
  if (report.status === 'rejected') return { status: 'error', error: asApiError(report.reason) }
  return { status: 'ready', data: { view: view.value.view, report: report.value, board, history } }
}

function asApiError(failure: unknown): ApiError {
  return failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure))
}
