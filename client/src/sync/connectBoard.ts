import type { ConnectionStatus } from '../state/connectionSlice'
import { connectDoc, type DocConnection } from './connectDoc'

/** How long to wait for the server before showing what this browser kept offline. */
const OFFLINE_START_MS = 2_500

export interface BoardConnection extends DocConnection {
  /** Resolves once the document holds what there is to show: the server's state, or the offline copy. */
  ready: Promise<void>
}

/**
 * Opens the board of a session (see `connectDoc`). `ready` waits for the server's state, but
 * not longer than a moment when this browser has an offline copy to show.
 */
export function connectBoard(
  sessionId: string,
  token: string | null,
  onStatus: (status: ConnectionStatus, detail?: string) => void,
): BoardConnection {
  const connection = connectDoc(sessionId, 'board', token, onStatus)
  const { doc, provider } = connection
  const ready = new Promise<void>((resolve) => {
    void connection.offlineLoaded.then(() => {
      if (provider.synced) return resolve()
      provider.once('sync', () => resolve())
      setTimeout(resolve, doc.getMap('records').size > 0 ? 0 : OFFLINE_START_MS)
    })
  })
  return { ...connection, ready }
}
