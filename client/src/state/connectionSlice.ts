import type { StateCreator } from 'zustand'

/**
 * What the room's connection is doing, as shown to the user:
 * `connecting` before the first sync, `live` when synced with the server, `reconnecting` after a
 * drop, `offline` when the browser has no network, `refused` when the server closed for good.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'refused'

export interface ConnectionSlice {
  connection: ConnectionStatus
  /** Why the server refused us, when `connection` is `refused`. */
  refusal: string | null
  setConnection(status: ConnectionStatus, refusal?: string): void
}

export const createConnectionSlice: StateCreator<ConnectionSlice, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  refusal: null,
  setConnection: (connection, refusal) => set({ connection, refusal: refusal ?? null }),
})
