import { useEffect, useState } from 'react'
import { takeSessionToken } from './token'

/**
 * This participant's token for `sessionId` (see `takeSessionToken`), taken during the first
 * render so it leaves the address bar before anything else mounts. A link pasted into the same tab
 * later only changes the fragment, so `hashchange` takes it too.
 */
export function useSessionToken(sessionId: string): string | null {
  const [taken, setTaken] = useState(() => ({ sessionId, token: takeSessionToken(sessionId) }))
  let current = taken
  if (taken.sessionId !== sessionId) {
    // Another session in the same page: take its token now, not one render late.
    current = { sessionId, token: takeSessionToken(sessionId) }
    setTaken(current)
  }
  useEffect(() => {
    const onHashChange = () => setTaken({ sessionId, token: takeSessionToken(sessionId) })
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [sessionId])
  return current.token
}
