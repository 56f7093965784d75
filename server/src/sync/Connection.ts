import type { Duplex } from 'node:stream'
import { CloseCodes, type CloseReason } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import { WebSocket } from 'ws'
import type { Identity } from '../access/Identity'
import { NO_SYNC_METRICS, type SyncMetrics } from '../metrics/SyncMetrics'
import { Refusal } from './Refusal'
import { TokenBucket } from './TokenBucket'

let nextConnectionId = 1

/** Part of a client's update that Yjs could not apply yet: it waits for state the room lacks. */
export interface HeldUpdate {
  /** The waiting structs (Yjs v2 encoding), or the waiting deletions. */
  update: Uint8Array
  /** For structs: the first clock missing per client id; empty for deletions (never retried). */
  missing: Map<number, number>
}

/**
 * One websocket on the sync endpoint, with who is behind it. Sending never buffers without bound:
 * a receiver that falls more than `maxBufferedBytes` behind is closed so it reconnects and resyncs.
 */
export class Connection {
  readonly id = nextConnectionId++
  /** Awareness client ids this connection has spoken for; removed from the room when it closes. */
  readonly awarenessClients = new Set<number>()
  /** Updates of this connection waiting for missing dependencies; never in the room's document. */
  readonly held: HeldUpdate[] = []
  heldBytes = 0
  /** Set on each pong; the ping sweep closes connections that did not answer since the last one. */
  alive = true
  closed = false
  private readonly awarenessChurn: TokenBucket

  constructor(
    readonly socket: WebSocket,
    /** The TCP socket `socket` speaks over, for frames built once for several receivers. */
    private readonly raw: Duplex,
    readonly identity: Identity,
    private readonly limits: Limits,
    now: () => number,
    private readonly metrics: SyncMetrics = NO_SYNC_METRICS,
  ) {
    this.awarenessChurn = new TokenBucket(
      limits.awarenessChurnPerMinute / 60,
      limits.awarenessChurnPerMinute,
      now,
    )
  }

  /** Spends one awareness id introduction or removal; throws a 4429 Refusal past the rate. */
  takeAwarenessChurn(): void {
    if (!this.awarenessChurn.take())
      throw new Refusal(CloseCodes.rateLimited, 'awareness churn over the rate')
  }

  /**
   * Sends one message, or closes the connection if it is too far behind. `wire` is the message's
   * websocket frame (`binaryWireFrame`) when a broadcast built it once for all its receivers.
   */
  send(frame: Uint8Array, wire?: Buffer): void {
    if (this.closed) return
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CloseCodes.slowReceiver)
      return
    }
    try {
      if (!wire) this.socket.send(frame)
      // The frame goes straight onto the socket `ws` writes to. `ws` writes each of its own frames
      // whole within one call (no compression is negotiated, so it never queues one), so frames
      // cannot interleave; `bufferedAmount` counts these bytes too.
      else if (this.socket.readyState === WebSocket.OPEN) this.raw.write(wire)
      else return
      this.metrics.sent(frame)
    } catch {
      // A socket that cannot take a frame is as good as gone: let the client reconnect and resync.
      this.close(CloseCodes.slowReceiver)
    }
  }

  close(reason: CloseReason): void {
    if (this.closed) return
    this.closed = true
    this.metrics.closed(reason)
    try {
      this.socket.close(reason.code, reason.reason)
    } catch {
      this.socket.terminate()
    }
  }
}
