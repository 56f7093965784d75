import type { AskedMark, Note, Role } from '@tradeoff/shared'
import { PANEL_MAPS } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { ConnectionStatus } from '../state/connectionSlice'
import { connectPanel } from '../sync/connectPanel'
import { readAsked, readNotes } from './panelDoc'

/** The panel document of a session as this browser holds it, and how its connection is doing. */
export interface PanelDocState {
  doc: Y.Doc | null
  status: ConnectionStatus
  /** Why the server refused us, when `status` is `refused`. */
  refusal: string | null
}

/**
 * Opens the session's panel document while mounted. Mount it only for a role that may open the
 * panel (see `panelAccess`): `connectPanel` throws for the others.
 */
export function usePanelDoc(sessionId: string, token: string, role: Role): PanelDocState {
  const [state, setState] = useState<PanelDocState>({ doc: null, status: 'connecting', refusal: null })
  useEffect(() => {
    const connection = connectPanel(sessionId, token, role, (status, detail) =>
      setState((previous) => ({ ...previous, status, refusal: detail ?? null })),
    )
    setState({ doc: connection.doc, status: 'connecting', refusal: null })
    return () => {
      connection.destroy()
      setState({ doc: null, status: 'connecting', refusal: null })
    }
  }, [sessionId, token, role])
  return state
}

/** The panel's notes, oldest first, following every local and remote change. */
export function useNotes(doc: Y.Doc | null): Note[] {
  return useMapValue(doc, PANEL_MAPS.notes, readNotes, EMPTY_NOTES)
}

/** The follow-ups ticked as asked, following every change. */
export function useAsked(doc: Y.Doc | null): ReadonlyMap<number, AskedMark> {
  return useMapValue(doc, PANEL_MAPS.asked, readAsked, EMPTY_ASKED)
}

const EMPTY_NOTES: Note[] = []
const EMPTY_ASKED: ReadonlyMap<number, AskedMark> = new Map()

function useMapValue<T>(doc: Y.Doc | null, name: string, read: (doc: Y.Doc) => T, empty: T): T {
  const [value, setValue] = useState<{ doc: Y.Doc; value: T } | null>(null)
  useEffect(() => {
    if (!doc) return
    const map = doc.getMap(name)
    const update = () => setValue({ doc, value: read(doc) })
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc, name, read])
  return value && value.doc === doc ? value.value : empty
}
