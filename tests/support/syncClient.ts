import type { DocName } from '@tradeoff/shared'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface SyncClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: Y.Map<unknown>
  /** Close codes the server sent this client, in order. */
  closeCodes: number[]
  /** Resolves on the first completed sync with the server. */
  synced: Promise<void>
  destroy(): void
}

/** A real y-websocket 3 client in Node, connected to `/sync/<sessionId>/<doc>`. */
export function connectClient(
  wsUrl: string,
  sessionId: string,
  options: { doc?: DocName; token?: string; ydoc?: Y.Doc } = {},
): SyncClient {
  const doc = options.ydoc ?? new Y.Doc()
  const provider = new WebsocketProvider(`${wsUrl}/sync/${sessionId}`, options.doc ?? 'board', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.token ? { token: options.token } : {},
    maxBackoffTime: 300,
  })
  const closeCodes: number[] = []
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code)
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  return {
    doc,
    provider,
    records: doc.getMap('records'),
    closeCodes,
    synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A session id of the right form, unique per call. */
export function newSessionId(): string {
  return `test${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`
}
