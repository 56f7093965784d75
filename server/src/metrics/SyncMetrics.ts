import type { CloseReason, DocName, Role } from '@tradeoff/shared'

/**
 * What the sync endpoint reports as it works (`/metrics`; `ServerMetrics` is the real one). Every
 * method is called on the hot path or beside it: implementations must not allocate, log or throw,
 * and must take labels only from the fixed sets they are given here (never a session id, a name or
 * a token).
 */
export interface SyncMetrics {
  /** A frame read from a client's socket, before it is handled; its first byte is its message type. */
  received(frame: Uint8Array): void
  /** A frame handed to a client's socket. */
  sent(frame: Uint8Array): void
  /** A connection joined the room of `doc`. Pair each call with one `disconnected`. */
  connected(doc: DocName, role: Role): void
  /** A connection that `connected` left its room. */
  disconnected(doc: DocName, role: Role): void
  /** The server closed or refused a sync socket with `reason`, one of `CloseCodes`. */
  closed(reason: CloseReason): void
  /** A websocket upgrade was answered HTTP 429: its address was over the upgrade rate. */
  upgradeRefused(): void
  /**
   * Seconds from an update being stored (by any process) to its being handed to this process's
   * sockets; called by the fan-out between processes. Negative values (clock skew) count as 0.
   */
  observeFanOut(seconds: number): void
}

/** Reports nothing: for code paths and tests that do not measure. */
export const NO_SYNC_METRICS: SyncMetrics = {
  received() {},
  sent() {},
  connected() {},
  disconnected() {},
  closed() {},
  upgradeRefused() {},
  observeFanOut() {},
}
