import { CloseCodes, type CloseReason } from '@tradeoff/shared'
import type { WebSocket } from 'ws'
import type { Identity } from '../access/Identity'

let nextConnectionId = 1

/**
 * One websocket on the sync endpoint, with who is behind it. Sending never buffers without bound:
 * a receiver that falls more than `maxBufferedBytes` behind is closed so it reconnects and resyncs.
 */
export class Connection {
  readonly id = nextConnectionId++
  /** Awareness client ids this connection has spoken for; removed from the room when it closes. */
  readonly awarenessClients = new Set<number>()
  /** Set on each pong; the ping sweep closes connections that did not answer since the last one. */
  alive = true
  closed = false

  constructor(
    readonly socket: WebSocket,
    readonly identity: Identity,
    private readonly maxBufferedBytes: number,
  ) {}

  /** Sends one frame, or closes the connection if it is too far behind. */
  send(frame: Uint8Array): void {
    if (this.closed) return
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCodes.slowReceiver)
      return
    }
    this.socket.send(frame)
  }

  close(reason: CloseReason): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(reason.code, reason.reason)
  }
}
