import type { SessionState } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { readSessionState, SESSION_MAP } from './readSessionState'

/**
 * The live session state (phase, clock, revealed hints) from the board document, which the
 * server alone writes; follows every change. Until the document holds one (before the first
 * sync), `fallback` is shown: the state of the last `SessionView` loaded over HTTP.
 */
export function useSessionState(doc: Y.Doc, fallback: SessionState): SessionState {
  const [fromDoc, setFromDoc] = useState(() => readSessionState(doc))
  useEffect(() => {
    const map = doc.getMap(SESSION_MAP)
    const update = () => setFromDoc(readSessionState(doc))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])
  return fromDoc ?? fallback
}
