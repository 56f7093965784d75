import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { type BoardHistory, type BoardRecords, BoardTimeline } from '@tradeoff/shared'
import type { Logger } from '../logger'
import type { BoardHistoryCache } from './BoardHistoryCache'
import { keepRecent } from './keepRecent'

const gunzipAsync = promisify(gunzip)

/** Sessions whose timeline is kept in memory at once (~10-20 MB for a 50,000-update board). */
const KEPT_SESSIONS = 2

interface Kept {
  lastSeq: number
  timeline: BoardTimeline
}

/**
 * The boards of the sessions last reviewed, as timelines built from their stored history, so
 * `/board?at=` is a binary search per record instead of decoding a snapshot and replaying the log
 * after it (which for a 1,500-shape board takes ~80 ms, most of it decoding the snapshot).
 * A timeline is used only while it covers the whole log, and is built only from a history that is
 * already computed: asking for the board never starts computing one.
 */
export class BoardTimelineCache {
  private readonly kept = new Map<string, Kept>()
  private readonly building = new Map<string, Promise<void>>()

  constructor(
    private readonly histories: BoardHistoryCache,
    private readonly logger: Logger,
    private readonly capacity = KEPT_SESSIONS,
  ) {}

  /**
   * The board's records `at` ms after the session's creation, or null when no current timeline is
   * kept; then one is built in the background if the session's history is ready.
   */
  async recordsAt(sessionId: string, at: number): Promise<BoardRecords | null> {
    const kept = this.kept.get(sessionId)
    if (kept && (await this.histories.isCurrent(sessionId, kept.lastSeq))) {
      keepRecent(this.kept, sessionId, kept, this.capacity)
      return kept.timeline.recordsAt(at)
    }
    this.build(sessionId)
    return null
  }

  /** Drops the session's timeline; call when it is deleted. */
  forget(sessionId: string): void {
    this.kept.delete(sessionId)
  }

  /** Resolves once no timeline is being built (before the store closes). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.building.values()])
  }

  private build(sessionId: string): void {
    if (this.building.has(sessionId)) return
    const building = (async () => {
      const history = await this.histories.current(sessionId)
      if (!history) return
      const started = performance.now()
      const { changes } = JSON.parse((await gunzipAsync(history.gzipped)).toString('utf8')) as BoardHistory
      const timeline = BoardTimeline.fromChanges(changes)
      keepRecent(this.kept, sessionId, { lastSeq: history.lastSeq, timeline }, this.capacity)
      this.logger.info(
        { session: sessionId, changes: changes.length, ms: Math.round(performance.now() - started) },
        'board timeline built',
      )
    })()
      .catch((error: unknown) =>
        this.logger.warn({ err: error, session: sessionId }, 'board timeline not built'),
      )
      .finally(() => this.building.delete(sessionId))
    this.building.set(sessionId, building)
  }
}
