import type { SessionView } from '@tradeoff/shared'
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { getSessionView, type TimedSessionView } from '../api/sessions'
import { createServerClock, type ServerClock } from './serverClock'

/** How often the view is fetched again, to refine the clock's offset. */
const REFRESH_MS = 60_000

/** What `useSessionView` gives: the view while it loads, after it failed, or once it is there. */
export type SessionViewResult =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | {
      status: 'ready'
      view: SessionView
      /** The server's time, estimated from this view's requests. */
      clock: ServerClock
      /** Takes a newer view (such as the answer of a control call) and its timing. */
      applyView(timed: TimedSessionView): void
    }

type Loaded = { key: string; view: SessionView } | { key: string; error: ApiError }

/**
 * Loads what this participant's role may see of the session (`GET /api/sessions/:id`), and
 * aligns a clock with the server's from each request's timing. The view is fetched again now and
 * then, quietly, to keep the clock precise; a failed refresh keeps the view already shown.
 */
export function useSessionView(sessionId: string, token: string | null): SessionViewResult {
  const key = `${sessionId}\n${token ?? ''}`
  const [clock] = useState(() => createServerClock())
  const [loaded, setLoaded] = useState<Loaded | null>(null)

  const applyTimed = useCallback(
    (forKey: string, timed: TimedSessionView) => {
      clock.addSample({ serverNow: timed.view.serverNow, sentAt: timed.sentAt, receivedAt: timed.receivedAt })
      setLoaded({ key: forKey, view: timed.view })
    },
    [clock],
  )
  const applyView = useCallback((timed: TimedSessionView) => applyTimed(key, timed), [applyTimed, key])

  useEffect(() => {
    if (!token) return
    const forKey = `${sessionId}\n${token}`
    const abort = new AbortController()
    let shown = false
    const load = () =>
      getSessionView(sessionId, token, { signal: abort.signal }).then(
        (timed) => {
          if (abort.signal.aborted) return
          shown = true
          applyTimed(forKey, timed)
        },
        (failure: unknown) => {
          if (abort.signal.aborted || shown) return
          const error = failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure))
          // A wrong token or an unknown session will not get better by asking again.
          if (error.status >= 400 && error.status < 500) clearInterval(timer)
          setLoaded({ key: forKey, error })
        },
      )
    const timer = setInterval(load, REFRESH_MS)
    void load()
    return () => {
      abort.abort()
      clearInterval(timer)
    }
  }, [sessionId, token, applyTimed])

  if (!loaded || loaded.key !== key) return { status: 'loading' }
  if ('error' in loaded) return { status: 'error', error: loaded.error }
  return { status: 'ready', view: loaded.view, clock, applyView }
}
