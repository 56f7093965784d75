import { CLIENT_VERSION_PARAM, type DocName, syncPath } from '@tradeoff/shared'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ConnectionStatus } from '../state/connectionSlice'
import { refusalText } from './refusalText'

/** An open session document: the Yjs doc, its provider, and when its offline copy is loaded. */
export interface DocConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves once the copy kept in this browser (IndexedDB) is in `doc`. */
  offlineLoaded: Promise<void>
  destroy(): void
}

/**
 * Opens one document of a session: a Y.Doc kept in IndexedDB (`tradeoff:<sessionId>:<doc>`, so
 * edits made offline survive a reload), synced with the server over the y-websocket protocol
 * once that copy is loaded, so it goes out as one sync step rather than a stream of updates
 * racing the handshake. `onStatus` hears every change of the connection's state.
 */
export function connectDoc(
  sessionId: string,
  docName: DocName,
  token: string | null,
  onStatus: (status: ConnectionStatus, detail?: string) => void,
): DocConnection {
  const doc = new Y.Doc()
  const offline = new IndexeddbPersistence(`tradeoff:${sessionId}:${docName}`, doc)
  const origin = window.location.origin.replace(/^http/, 'ws')
  const path = syncPath(sessionId, docName)
  const cut = path.lastIndexOf('/')
  // y-websocket joins `serverUrl + '/' + room`: split our path at its last segment.
  const provider = new WebsocketProvider(`${origin}${path.slice(0, cut)}`, path.slice(cut + 1), doc, {
    params: { ...(token ? { token } : {}), ...versionParam() },
    // Same-origin tabs would otherwise sync through BroadcastChannel, around the server and its checks.
    disableBc: true,
    maxBackoffTime: 5_000,
    connect: false,
  })

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
    onStatus('refused', refusalText(code, reason)),
  )
  window.addEventListener('online', report)
  window.addEventListener('offline', report)
  const offlineLoaded = offline.whenSynced.then(() => {
    if (!destroyed) provider.connect()
  })

  return {
    doc,
    provider,
    offlineLoaded,
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

/**
 * The built app names each bundle after its content: the name of the one holding this code tells
 * the server which build this tab runs, so a tab older than the server is asked to reload.
 */
function versionParam(): Record<string, string> {
  if (!import.meta.env.PROD) return {}
  const bundle = new URL(import.meta.url).pathname.split('/').pop()
  return bundle ? { [CLIENT_VERSION_PARAM]: bundle } : {}
}
