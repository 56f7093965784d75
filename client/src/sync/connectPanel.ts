import { DOC_ACCESS, type DocAccess, type Role, syncPath } from '@tradeoff/shared'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ConnectionStatus } from '../state/connectionSlice'

export interface PanelConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Whether this role's updates are applied by the server (interviewers) or dropped (reviewers). */
  access: DocAccess
  destroy(): void
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
  const doc = new Y.Doc()
  const offline = new IndexeddbPersistence(`tradeoff:${sessionId}:panel`, doc)
  const origin = window.location.origin.replace(/^http/, 'ws')
  const path = syncPath(sessionId, 'panel')
  const cut = path.lastIndexOf('/')
  const provider = new WebsocketProvider(`${origin}${path.slice(0, cut)}`, path.slice(cut + 1), doc, {
    params: { token },
    // Same-origin tabs would otherwise sync through BroadcastChannel, around the server and its checks.
    disableBc: true,
    maxBackoffTime: 5_000,
    connect: false,
  })
  // Notes have no cursors: publishing an empty awareness state would be traffic for nothing.
  provider.awareness.setLocalState(null)

  let destroyed = false
  let everSynced = false
  const report = () => {
    if (!navigator.onLine) return onStatus('offline')
    if (provider.synced) return onStatus('live')
    onStatus(everSynced ? 'reconnecting' : 'connecting')
  }
  provider.on('sync', (synced: boolean) => {
    if (synced) everSynced = true
    report()
  })
  provider.on('status', report)
  // Emitted only for a close y-websocket gives up on (4400-4499): the server refused us.
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) =>
    onStatus('refused', `${reason || 'closed by the server'} (${code})`),
  )
  window.addEventListener('online', report)
  window.addEventListener('offline', report)
  void offline.whenSynced.then(() => {
    if (!destroyed) provider.connect()
  })

  return {
    doc,
    provider,
    access,
    destroy() {
      destroyed = true
      window.removeEventListener('online', report)
      window.removeEventListener('offline', report)
      provider.destroy()
      void offline.destroy()
      doc.destroy()
    },
  }
}
