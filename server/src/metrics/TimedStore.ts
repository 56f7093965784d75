import type { DocKey, LoggedUpdate, Snapshot, Store, StoredDoc } from '../store/Store'

/** The store writes whose latency is measured. */
export type StoreWrite = 'append' | 'snapshot'

/** Where a `TimedStore` reports how long each write took. */
export interface StoreWriteTimer {
  /** One write of `operation` took `seconds`, whether it succeeded or failed. */
  observeStoreWrite(operation: StoreWrite, seconds: number): void
}

/**
 * A `Store` that times its writes (`appendUpdate`, `writeSnapshot`) and passes every call through
 * unchanged, its result and its failure included. Wrap the store the rooms write to.
 */
export class TimedStore implements Store {
  /** `clockMs` reads a monotonic clock in milliseconds. */
  constructor(
    private readonly store: Store,
    private readonly timer: StoreWriteTimer,
    private readonly clockMs: () => number = () => performance.now(),
  ) {}

  async appendUpdate(key: DocKey, update: Uint8Array, meta: { at: number; author: string }): Promise<number> {
    const started = this.clockMs()
    try {
      return await this.store.appendUpdate(key, update, meta)
    } finally {
      this.timer.observeStoreWrite('append', (this.clockMs() - started) / 1000)
    }
  }

  async writeSnapshot(key: DocKey, snapshot: Snapshot): Promise<void> {
    const started = this.clockMs()
    try {
      await this.store.writeSnapshot(key, snapshot)
    } finally {
      this.timer.observeStoreWrite('snapshot', (this.clockMs() - started) / 1000)
    }
  }

  loadDoc(key: DocKey): Promise<StoredDoc> {
    return this.store.loadDoc(key)
  }

  readUpdates(key: DocKey, fromSeq: number, toSeq?: number): Promise<LoggedUpdate[]> {
    return this.store.readUpdates(key, fromSeq, toSeq)
  }

  snapshotAtOrBefore(key: DocKey, at: number): Promise<Snapshot | null> {
    return this.store.snapshotAtOrBefore(key, at)
  }

  readUpdatesUntil(key: DocKey, afterSeq: number, at: number): Promise<LoggedUpdate[]> {
    return this.store.readUpdatesUntil(key, afterSeq, at)
  }

  lastUpdateAt(key: DocKey): Promise<number | null> {
    return this.store.lastUpdateAt(key)
  }

  logSize(key: DocKey): Promise<{ updates: number; bytes: number }> {
    return this.store.logSize(key)
  }

  probeWrite(): Promise<void> {
    return this.store.probeWrite()
  }

  close(): Promise<void> {
    return this.store.close()
  }
}
