import { DOC_ACCESS, type DocAccess, type Role } from '@tradeoff/shared'
import type { ConnectionStatus } from '../state/connectionSlice'
import { connectDoc, type DocConnection } from './connectDoc'

export interface PanelConnection extends DocConnection {
  /** Whether this role's updates are applied by the server (interviewers) or dropped (reviewers). */
  access: DocAccess
}

/**
 * What a role may do on a session's panel document (notes), or null when it may not open it at
 * all: the candidate. Check this before mounting anything that would open the panel.
 */
export function panelAccess(role: Role): DocAccess | null {
  return DOC_ACCESS.panel[role] ?? null
}

/**
 * Opens the panel (notes) document of a session, as `connectBoard` opens the board: a Y.Doc kept
 * in IndexedDB (`tradeoff:<sessionId>:panel`, so notes taken offline survive a reload), then
 * synced with the server once that copy is loaded. Throws for a role that may not open it, so a
 * candidate's browser never even tries (the server would refuse it with 4403 anyway).
 * `onStatus` hears every change of the connection's state.
 */
export function connectPanel(
  sessionId: string,
  token: string,
  role: Role,
  onStatus: (status: ConnectionStatus, detail?: string) => void,
): PanelConnection {
  const access = panelAccess(role)
  if (!access) throw new Error(`a ${role} never opens the panel`)
  const connection = connectDoc(sessionId, 'panel', token, onStatus)
  // Notes have no cursors: publishing an empty awareness state would be traffic for nothing.
  connection.provider.awareness.setLocalState(null)
  return { ...connection, access }
}
