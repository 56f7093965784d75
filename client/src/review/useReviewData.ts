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
  /** The latest board: the board at the report's `endedAt`, which the screen shows first. */
  board: BoardAt
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
 * Loads the caller's view of the session, the review report and the latest board, all three at
 * once so the board paints after one round trip. A candidate's token gets `candidate` (the
 * server refuses them the recording: 403).
 */
export function useReviewData(sessionId: string, token: string | null): ReviewDataResult {
  const key = `${sessionId}\n${token ?? ''}`
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  useEffect(() => {
    if (!token) return
    const forKey = `${sessionId}\n${token}`
    const abort = new AbortController()
    const options = { signal: abort.signal }
    // The canvas's code downloads meanwhile; a failure shows when the canvas renders.
    loadReviewCanvas().catch(() => undefined)
    // The history takes the server longest to build: it starts now, and the screen does not wait.
    const history = getBoardHistory(sessionId, token, options)
    history.catch(() => undefined)
    Promise.allSettled([
      getSessionView(sessionId, token, options),
      getReport(sessionId, token, options),
      getBoardAt(sessionId, token, null, options),
    ]).then(([view, report, board]) => {
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
  board: PromiseSettledResult<BoardAt>,
  history: Promise<BoardHistory>,
): ReviewDataResult {
  if (view.status === 'fulfilled' && view.value.view.role === 'candidate') return { status: 'candidate' }
  if (view.status === 'rejected') return { status: 'error', error: asApiError(view.reason) }
  if (report.status === 'rejected') return { status: 'error', error: asApiError(report.reason) }
  if (board.status === 'rejected') return { status: 'error', error: asApiError(board.reason) }
  return {
    status: 'ready',
    data: { view: view.value.view, report: report.value, board: board.value, history },
  }
}

function asApiError(failure: unknown): ApiError {
  return failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure))
}
