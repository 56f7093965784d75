import { type BoardCursor, type BoardHistory, BoardTimeline, type RecordValue } from '@tradeoff/shared'
import { ApiError } from '../api/apiClient'
import type { BoardAt } from '../api/recording'
import { formatClock } from '../session/clock'
import { createLatestOnlyLoader } from './latestOnly'
import type { ReviewStore } from './reviewStore'

/** The board of the moment the review is on. */
export interface BoardMoment {
  at: number
  /**
   * The board's records at `at`, by id. The next moment updates this same map in place, so it
   * is read when a listener is told, or later for the latest board, never kept as a copy.
   */
  records: ReadonlyMap<string, RecordValue>
  /** Grows with every change of the board held, so a drawing can tell whether it is behind. */
  version: number
}

/**
 * The board at the review's current moment, as data: what the review's two drawings of it (the
 * quick preview and tldraw's canvas) follow. It knows no drawing, so it is ready before tldraw is.
 */
export interface ReviewMoment {
  /** The board held now, or null before the first one is in. */
  current(): BoardMoment | null
  /** Calls `listener` after each change of the board held. Returns a function that stops. */
  subscribe(listener: (moment: BoardMoment) => void): () => void
  /**
   * Reads the board's history (once): from then on every moment is answered locally. Until
   * then, each moment is asked of the server. Called once the first board is on screen, since
   * reading a long history takes the main thread for a moment.
   */
  readHistory(): void
  /** Whether moments come from the board's history (no request per moment) yet. */
  fromHistory(): boolean
  dispose(): void
}

export interface ReviewMomentOptions {
  review: ReviewStore
  /** The board the review opens on (the end of the recording), once it is downloaded. */
  initialBoard: Promise<BoardAt>
  /** `GET /board?at=`, asked while the history is not in. */
  loadBoard(at: number, signal: AbortSignal): Promise<BoardAt>
  /** `GET /board/history`, read when `readHistory` is called. */
  loadHistory(signal: AbortSignal): Promise<BoardHistory>
  /** What must be ready before the first board is held (its fonts, so its labels lay out right). */
  beforeFirst?(records: Record<string, unknown>): Promise<void>
  /** A message for the reviewer about the board, or null to clear it. */
  onNotice(notice: string | null): void
}

/**
 * Keeps the board of the review's current moment. It opens on the end of the recording; once
 * told to (`readHistory`), it reads the board's whole history, and from then on every move of the
 * scrubber or of playback is answered locally, in one binary search per record, updating only the records
 * that differ. Until the history is in, each moment is asked of the server, one request at a
 * time, always for the newest moment.
 */
export function createReviewMoment(options: ReviewMomentOptions): ReviewMoment {
  const { review } = options
  const abort = new AbortController()
  const listeners = new Set<(moment: BoardMoment) => void>()
  const records = new Map<string, RecordValue>()
  let moment: BoardMoment | null = null
  let cursor: BoardCursor | null = null

  const changed = (at: number) => {
    moment = { at, records, version: (moment?.version ?? 0) + 1 }
    for (const listener of listeners) listener(moment)
  }

  const hold = (at: number, board: Record<string, unknown>) => {
    records.clear()
    for (const [id, value] of Object.entries(board)) {
      if (typeof value === 'object' && value !== null) records.set(id, value as RecordValue)
    }
    changed(at)
  }

  const move = (at: number) => {
    if (!cursor) return
    const { put, gone } = cursor.moveTo(at)
    for (const id of gone) records.delete(id)
    for (const value of put) records.set(String(value.id), value)
    if (put.length > 0 || gone.length > 0 || moment?.at !== at) changed(at)
  }

  const loader = createLatestOnlyLoader({
    load: options.loadBoard,
    apply: (at, answer) => hold(at, answer.records),
    onError: (at, error) => {
      options.onNotice(`The board at ${formatClock(at)} could not be loaded. ${reasonOf(error)}`)
    },
  })

  let historyAsked = false
  const readHistory = () => {
    if (historyAsked || abort.signal.aborted) return
    historyAsked = true
    options
      .loadHistory(abort.signal)
      .then((history) => {
        if (abort.signal.aborted) return
        cursor = BoardTimeline.fromChanges(history.changes).cursor()
        loader.dispose()
        // The cursor's first move answers the whole board: what it held before is replaced.
        records.clear()
        move(Math.round(review.getState().t))
        review.getState().markHistoryReady()
      })
      .catch((error: unknown) => {
        // Scrubbing still works, one request per moment.
        if (!abort.signal.aborted) console.info('board history not available:', error)
      })
  }

  const startAt = Math.round(review.getState().t)
  options.initialBoard
    .then(async (first) => {
      await options.beforeFirst?.(first.records)
      if (abort.signal.aborted) return
      if (moment === null) {
        hold(startAt, first.records)
        loader.markApplied(startAt)
        performance.mark('tradeoff:review-board-held')
      }
    })
    .catch((error: unknown) => {
      if (!abort.signal.aborted) options.onNotice(`The board could not be loaded. ${reasonOf(error)}`)
    })

  const unsubscribe = review.subscribe((state, previous) => {
    if (state.t === previous.t) return
    options.onNotice(null)
    const at = Math.round(state.t)
    if (cursor) move(at)
    else loader.request(at)
  })

  return {
    current: () => moment,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    readHistory,
    fromHistory: () => cursor !== null,
    dispose() {
      abort.abort()
      unsubscribe()
      loader.dispose()
      listeners.clear()
    },
  }
}

function reasonOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error)
}
