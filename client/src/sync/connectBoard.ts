import { syncPath } from '@tradeoff/shared'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ConnectionStatus } from '../state/connectionSlice'

/** How long to wait for the server before showing what this browser kept offline. */
const OFFLINE_START_MS = 2_500

export interface BoardConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves once the document holds what there is to show: the server's state, or the offline copy. */
  ready: Promise<void>
  destroy(): void
}

/**
 * Opens the board of a session: a Y.Doc kept in IndexedDB (so edits made offline survive a
 * reload) and synced with the server over the y-websocket protocol. `onStatus` hears every change
 * of the connection's state.
 */
export function connectBoard(
  sessionId: string,
  token: string | null,
  onStatus: (status: ConnectionStatus, detail?: string) => void,
): BoardConnection {
  const doc = new Y.Doc()
  const offline = new IndexeddbPersistence(`tradeoff:${sessionId}:board`, doc)
  const origin = window.location.origin.replace(/^http/, 'ws')
  const [base, room] = splitSyncPath(syncPath(sessionId, 'board'))
  const provider = new WebsocketProvider(`${origin}${base}`, room, doc, {
    params: token ? { token } : {},
    // Same-origin tabs would otherwise sync through BroadcastChannel, around the server and its checks.
    disableBc: true,
    maxBackoffTime: 5_000,
    // Connect once the offline copy is loaded, so it goes out as one sync step rather than as a
    // stream of updates racing the handshake.
    connect: false,
  })
  void offline.whenSynced.then(() => {
    if (!destroyed) provider.connect()
  })

  let everSynced = false
  let destroyed = false
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
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) =>
    onStatus('refused', `${reason || 'closed by the server'} (${code})`),
  )
  window.addEventListener('online', report)
  window.addEventListener('offline', report)

  const ready = new Promise<void>((resolve) => {
    offline.whenSynced.then(() => {
      if (provider.synced) return resolve()
      provider.once('sync', () => resolve())
      setTimeout(resolve, doc.getMap('records').size > 0 ? 0 : OFFLINE_START_MS)
    })
  })

  return {
    doc,
    provider,
    ready,
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

/** y-websocket joins `serverUrl + '/' + room`: split our path at its last segment. */
function splitSyncPath(path: string): [string, string] {
  const cut = path.lastIndexOf('/')
  return [path.slice(0, cut), path.slice(cut + 1)]
}
