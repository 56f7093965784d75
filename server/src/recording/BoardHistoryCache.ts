import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import type { BoardHistory } from '@tradeoff/shared'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import { workInTurns } from '../util/turns'
import type { BoardHistoryRepository } from './BoardHistoryRepository'
import { boardKey, type ComputedBoardHistory, computeBoardHistory } from './boardHistory'
import { keepRecent } from './keepRecent'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Sessions whose history is kept in memory at once; the least recently asked is dropped first. */
const CACHED_SESSIONS = 4

/**
 * The layout of a stored history: `computeBoardHistory`'s `BoardHistory` as gzipped JSON text.
 * Change it whenever either changes, so histories stored by an earlier build are computed again.
 */
const HISTORY_FORMAT = 1

/** A history ready to send, and the last log position it covers. */
interface Entry {
  lastSeq: number
  gzipped: Buffer
}

/**
 * Each session's board history as gzipped JSON text, computed at most once per state of the log:
 * kept in memory for the few sessions last asked and stored in the database for every session.
 * Either copy is used only while the board's log has not grown since; requests that arrive during
 * a computation share it. Logs one line per computation ('board history computed').
 */
export class BoardHistoryCache {
  private readonly entries = new Map<string, Promise<Entry>>()
  /** Every computation and background preparation not yet settled, for `close`. */
  private readonly running = new Set<Promise<unknown>>()
  private readonly stopping = new AbortController()

  constructor(
    private readonly store: Store,
    private readonly stored: BoardHistoryRepository,
    private readonly logger: Logger,
    private readonly capacity = CACHED_SESSIONS,
  ) {}

  /**
   * The session's `BoardHistory` as gzipped JSON text, covering at least every update logged
   * before the call. Rejects when the log cannot be read or replayed, or after `close`; the next
   * call tries again. A history that could not be stored is still answered (and logged).
   */
  async gzipped(sessionId: string, createdAt: number): Promise<Buffer> {
    const entry = this.entries.get(sessionId)
    if (entry) {
      const cached = await entry.catch(() => null)
      if (cached && (await this.isCurrent(sessionId, cached.lastSeq))) {
        if (this.entries.get(sessionId) === entry) this.keep(sessionId, entry)
        return cached.gzipped
      }
      // A computation started after this call began is recent enough to share.
      const newer = this.entries.get(sessionId)
      if (newer && newer !== entry) return (await newer).gzipped
    }
    return (await this.load(sessionId, createdAt)).gzipped
  }

  /**
   * Computes and stores the session's history in the background, after the caller's turn of the
   * event loop (an import answers first). Failures are logged, never thrown; `close` stops it.
   */
  prepare(sessionId: string, createdAt: number): void {
    const preparing = new Promise(setImmediate)
      .then(() => this.gzipped(sessionId, createdAt))
      .then(
        () => undefined,
        (error: unknown) => {
          if (this.stopping.signal.aborted) {
            this.logger.debug({ session: sessionId }, 'board history not prepared: the server is closing')
          } else {
            this.logger.error({ err: error, session: sessionId }, 'board history not prepared')
          }
        },
      )
    this.track(preparing)
  }

  /** Drops what is kept in memory of a session; call when it is deleted (its row goes with it). */
  forget(sessionId: string): void {
    this.entries.delete(sessionId)
  }

  /**
   * Stops every computation at its next page (their callers get a rejection) and resolves once
   * none is left touching the store. Call before closing the store; nothing may be asked after.
   */
  async close(): Promise<void> {
    this.stopping.abort()
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }

  /** The stored history when it is current, else a new computation; kept as the latest entry. */
  private load(sessionId: string, createdAt: number): Promise<Entry> {
    const entry = this.track(
      (async () => {
        this.stopping.signal.throwIfAborted()
        const stored = await this.stored.get(sessionId)
        if (stored?.format !== HISTORY_FORMAT) return this.compute(sessionId, createdAt)
        if (await this.isCurrent(sessionId, stored.lastSeq))
          return { lastSeq: stored.lastSeq, gzipped: stored.body }
        // The board went on since: only what was logged after the stored history is replayed.
        return this.compute(sessionId, createdAt, { lastSeq: stored.lastSeq, gzipped: stored.body })
      })(),
    )
    entry.catch(() => {
      if (this.entries.get(sessionId) === entry) this.entries.delete(sessionId)
    })
    this.keep(sessionId, entry)
    return entry
  }

  /** Computes the session's history, going on from `earlier` when given, and stores it. */
  private async compute(sessionId: string, createdAt: number, earlier?: Entry): Promise<Entry> {
    const started = performance.now()
    let before = earlier ? await this.resumable(sessionId, createdAt, earlier) : undefined
    const run = () => computeBoardHistory(this.store, sessionId, createdAt, this.stopping.signal, before)
    const { history, lastSeq } = await run().catch((error: unknown) => {
      if (!before || this.stopping.signal.aborted) throw error
      this.logger.warn(
        { err: error, session: sessionId },
        'board history not resumed: computed from the start',
      )
      before = undefined
      return run()
    })
    // Written in turns and compressed on libuv's threads: a long history is megabytes of JSON.
    const gzipped = await gzipAsync(await historyText(history))
    this.logger.info(
      {
        session: sessionId,
        updates: lastSeq,
        changes: history.changes.length,
        bytes: gzipped.length,
        resumedFrom: before?.lastSeq ?? 0,
        ms: Math.round(performance.now() - started),
      },
      'board history computed',
    )
    try {
      await this.stored.put(sessionId, { format: HISTORY_FORMAT, lastSeq, body: gzipped })
    } catch (error) {
      // The answer stands; only the next server start computes it again.
      this.logger.warn({ err: error, session: sessionId }, 'board history not stored')
    }
    return { lastSeq, gzipped }
  }

  /**
   * An earlier history to go on from, read back from its gzipped text; undefined (compute it all)
   * when it cannot be read or no longer replays: it is only ever a shortcut.
   */
  private async resumable(
    sessionId: string,
    createdAt: number,
    earlier: Entry,
  ): Promise<ComputedBoardHistory | undefined> {
    try {
      const history = JSON.parse((await gunzipAsync(earlier.gzipped)).toString()) as BoardHistory
      return Array.isArray(history.changes) ? { history, lastSeq: earlier.lastSeq } : undefined
    } catch (error) {
      this.logger.warn({ err: error, session: sessionId, createdAt }, 'stored board history not resumable')
      return undefined
    }
  }

  /**
   * The session's history if one is kept in memory or stored and covers the whole log, without
   * ever computing one (null then).
   */
  async current(sessionId: string): Promise<{ lastSeq: number; gzipped: Buffer } | null> {
    const entry = await this.entries.get(sessionId)?.catch(() => null)
    if (entry && (await this.isCurrent(sessionId, entry.lastSeq))) return entry
    const stored = await this.stored.get(sessionId)
    if (stored?.format === HISTORY_FORMAT && (await this.isCurrent(sessionId, stored.lastSeq))) {
      return { lastSeq: stored.lastSeq, gzipped: stored.body }
    }
    return null
  }

  /** Whether the board's log ends exactly at `lastSeq` (0: is empty). */
  async isCurrent(sessionId: string, lastSeq: number): Promise<boolean> {
    const around = await this.store.readUpdates(boardKey(sessionId), Math.max(1, lastSeq), lastSeq + 1)
    return around.length === (lastSeq === 0 ? 0 : 1) && (around[0]?.seq ?? 0) === lastSeq
  }

  /** Stores the entry as the most recently used, dropping the least recently used beyond capacity. */
  private keep(sessionId: string, entry: Promise<Entry>): void {
    keepRecent(this.entries, sessionId, entry, this.capacity)
  }

  /** Counts `work` as running until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work)
    const settled = () => this.running.delete(work)
    work.then(settled, settled)
    return work
  }
}

/** `JSON.stringify(history)`, a change at a time with turns given back to the event loop. */
async function historyText(history: BoardHistory): Promise<string> {
  const turns = workInTurns()
  const parts: string[] = []
  for (const change of history.changes) {
    await turns.take()
    parts.push(JSON.stringify(change))
  }
  return `{"changes":[${parts.join(',')}]}`
}
