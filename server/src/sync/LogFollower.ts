import type { LoggedUpdate } from '../store/Store'

/** How long a gap in the log (an update of another process not received here) may last before it is read from the store. */
const GAP_WAIT_MS = 250
/** Other processes' updates kept while waiting for an earlier one; past this the store is read at once. */
const MAX_WAITING_UPDATES = 1_000

export interface LogFollowerDeps {
  /** Applies a stored update of another process to the document. */
  apply(update: Uint8Array): void
  /** Reads the stored log from `fromSeq` on. */
  readFrom(fromSeq: number): Promise<LoggedUpdate[]>
  /** Told when reading the log failed (it is tried again at the next gap). */
  onReadFailure(error: unknown): void
}

/**
 * Which part of a document's stored log a room's copy holds, when several processes append to
 * that log (README, "Running several processes").
 *
 * Every update up to `through` is in the document. Updates of other processes are applied in log
 * order, since a change only ever depends on earlier ones: one that arrives before an earlier one
 * waits for it. A gap that lasts (a message lost on the way) is filled by reading the store, as is
 * everything after `through` when messages may have been lost (`readMissed`).
 */
export class LogFollower {
  private position = 0
  /** Sequence numbers above `through` of updates already in the document (this process's own). */
  private readonly inDoc = new Set<number>()
  /** Other processes' updates that arrived before an earlier one, by sequence number. */
  private readonly waiting = new Map<number, Uint8Array>()
  private gapTimer: NodeJS.Timeout | null = null
  private reading = false
  private stopped = false

  constructor(private readonly deps: LogFollowerDeps) {}

  /** The last sequence number up to which the document holds every stored update. */
  get through(): number {
    return this.position
  }

  /** Starts from what was loaded: every update up to `seq` is in the document. */
  loaded(seq: number): void {
    this.position = seq
  }

  /** An update of this process, already in the document, was stored at `seq`. */
  stored(seq: number): void {
    if (seq <= this.position) return
    this.inDoc.add(seq)
    this.advance()
  }

  /** Takes an update stored at `seq` by another process; applies it once every earlier one is here. */
  accept(seq: number, update: Uint8Array): void {
    if (seq <= this.position || this.inDoc.has(seq) || this.waiting.has(seq)) return
    this.waiting.set(seq, update)
    this.advance()
    if (this.waiting.size > MAX_WAITING_UPDATES) this.readMissed()
  }

  /** Reads from the store every update after `through` (messages of other processes may have been lost). */
  readMissed(): void {
    if (this.reading || this.stopped) return
    this.reading = true
    this.deps
      .readFrom(this.position + 1)
      .then((updates) => {
        for (const logged of updates) this.accept(logged.seq, logged.update)
      })
      .catch((error: unknown) => this.deps.onReadFailure(error))
      .finally(() => {
        this.reading = false
        if (this.waiting.size > 0) this.watchGap()
      })
  }

  stop(): void {
    this.stopped = true
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.gapTimer = null
  }

  /** Moves `through` past every update now in the document, applying waiting ones in log order. */
  private advance(): void {
    for (;;) {
      const next = this.position + 1
      if (this.inDoc.delete(next)) {
        this.position = next
        continue
      }
      const update = this.waiting.get(next)
      if (!update) break
      this.waiting.delete(next)
      this.deps.apply(update)
      this.position = next
    }
    if (this.waiting.size > 0) this.watchGap()
    else if (this.gapTimer) {
      clearTimeout(this.gapTimer)
      this.gapTimer = null
    }
  }

  /** A gap that outlasts a moment is filled from the store. */
  private watchGap(): void {
    if (this.gapTimer || this.stopped) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null
      if (this.waiting.size > 0) this.readMissed()
    }, GAP_WAIT_MS)
    this.gapTimer.unref()
  }
}
