import type { DocName, Role } from '@tradeoff/shared'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { TestSession } from './sessions'

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

/**
 * A real y-websocket 3 client in Node, connected to `/sync/<sessionId>/<doc>` with the token of
 * `role` (interviewer by default), or with `token` when given.
 */
export function connectClient(
  wsUrl: string,
  session: TestSession,
  options: { doc?: DocName; role?: Role; token?: string; ydoc?: Y.Doc } = {},
): SyncClient {
  const token = options.token ?? session.token(options.role ?? 'interviewer')
  const doc = options.ydoc ?? new Y.Doc()
  const provider = new WebsocketProvider(`${wsUrl}/sync/${session.id}`, options.doc ?? 'board', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
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
