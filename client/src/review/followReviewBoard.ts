import { type BoardCursor, type BoardHistory, BoardTimeline } from '@tradeoff/shared'
import type { TLRecord } from 'tldraw'
import { ApiError } from '../api/apiClient'
import type { BoardAt } from '../api/recording'
import { focusShapes } from '../notes/focusShapes'
import { formatClock } from '../session/clock'
import { type ApplyOptions, applyBoardMove, applyBoardSnapshot, type RefusedRecord } from './boardSnapshot'
import { installLabelSizes } from './labelSizes'
import { createLatestOnlyLoader } from './latestOnly'
import { fitBoard, type ReviewBoard, type ReviewBoardState } from './reviewBoard'
import type { ReviewStore } from './reviewStore'

/** What the review canvas's board follows, and where it shows it. */
export interface FollowOptions {
  /** The canvas: its editor, and which shapes are on the board shown. */
  board: ReviewBoard
  /** Shapes in the store that are not on the board at the moment shown: the canvas hides them. */
  absent: ReviewBoardState['absent']
  review: ReviewStore
  /** The board the review opens on (the end of the recording), once it is downloaded. */
  initialBoard: Promise<BoardAt>
  /** `GET /board?at=`, asked while the history is not in. */
  loadBoard(at: number, signal: AbortSignal): Promise<BoardAt>
  /** `GET /board/history`, asked once the first board is shown. */
  loadHistory(signal: AbortSignal): Promise<BoardHistory>
  /** A message for the reviewer about the board shown, or null to clear it. */
  onNotice(notice: string | null): void
}

/** How long the first board waits for its fonts before it is shown anyway. */
const FONT_WAIT_MS = 3_000

/**
 * Keeps the review canvas on the review's current moment. The board opens on the end of the
 * recording (shown once its label fonts are in, so labels are measured in the real font), then
 * the board's whole history is fetched once; from then on every move of the scrubber or of
 * playback is answered locally, writing only the records that differ between the two moments.
 * Until the history is in, each moment is asked of the server, one request at a time. A note's
 * shapes are zoomed to once the board at the note's time is shown. Returns a function that stops.
 */
export function followReviewBoard(options: FollowOptions): () => void {
  const { board, review } = options
  const { editor } = board
  const store = editor.store
  const labels = installLabelSizes(editor)
  const apply: ApplyOptions = { beforePut: labels ? (records) => labels.prepare(records) : undefined }
  const abort = new AbortController()
  let shownAt: number | null = null
  let cursor: BoardCursor | null = null
  let absent: ReadonlySet<string> = options.absent.get()
  let fitted = false

  const setAbsent = (next: ReadonlySet<string>) => {
    absent = next
    options.absent.set(next)
    const selected = editor.getSelectedShapeIds()
    if (selected.some((id) => next.has(id))) editor.setSelectedShapes(selected.filter((id) => !next.has(id)))
  }
  const reportRefused = (refused: RefusedRecord[]) => {
    for (const { id, error } of refused) console.warn(`skipped board record ${id}: ${error}`)
  }
  const fitOnce = () => {
    if (fitted || board.shapeIdsOnBoard().length === 0) return
    fitted = true
    fitBoard(board)
  }
  const focusIfShown = () => {
    const { focus } = review.getState()
    if (!focus || shownAt !== Math.round(focus.at)) return
    review.getState().clearFocus()
    if (focus.shapeIds.length === 0) return
    const found = focusShapes(editor, focus.shapeIds, { outline: true, maxZoom: 1, isShown: board.isOnBoard })
    options.onNotice(
      found === 0 ? `This note's shapes are not on the board at ${formatClock(focus.at)}.` : null,
    )
  }
  const shown = (at: number) => {
    shownAt = at
    review.getState().markShown(at)
    fitOnce()
    focusIfShown()
  }

  /** A whole board from the server. */
  const showBoard = (at: number, records: Record<string, unknown>) => {
    const applied = applyBoardSnapshot(store, records, apply)
    reportRefused(applied.refused)
    setAbsent(applied.hidden)
    shown(at)
  }

  /** A moment of the history: only what differs from the board shown is written. */
  const showMoment = (timeline: BoardCursor, at: number) => {
    const applied = applyBoardMove(store, timeline.moveTo(at), apply)
    reportRefused(applied.refused)
    let next: Set<string> | null = null
    for (const id of applied.hide) {
      if (absent.has(id) || next?.has(id)) continue
      next ??= new Set(absent)
      next.add(id)
    }
    for (const id of applied.show) {
      if (!(next ?? absent).has(id)) continue
      next ??= new Set(absent)
      next.delete(id)
    }
    if (next) setAbsent(next)
    shown(at)
  }

  const loader = createLatestOnlyLoader({
    load: options.loadBoard,
    apply: (at, answer) => showBoard(at, answer.records),
    onError: (at, error) => {
      const reason = error instanceof ApiError ? error.message : String(error)
      options.onNotice(`The board at ${formatClock(at)} could not be loaded. ${reason}`)
    },
  })

  const loadHistory = () => {
    options
      .loadHistory(abort.signal)
      .then((history) => {
        if (abort.signal.aborted) return
        cursor = BoardTimeline.fromChanges(history.changes).cursor()
        loader.dispose()
        showMoment(cursor, Math.round(review.getState().t))
        review.getState().markHistoryReady()
      })
      .catch((error: unknown) => {
        // Scrubbing still works, one request per moment.
        if (!abort.signal.aborted) console.info('board history not available:', error)
      })
  }

  const startAt = Math.round(review.getState().t)
  const showFirst = (first: BoardAt) => {
    if (abort.signal.aborted) return
    if (shownAt === null) {
      showBoard(startAt, first.records)
      loader.markApplied(startAt)
      // Time to the first board, for measuring the screen (DevTools, browser tests).
      performance.mark('tradeoff:review-board-shown')
    }
    // Building the timeline takes a moment: not before the first board is painted. (A task
    // queued from an animation frame runs once that frame is painted.)
    requestAnimationFrame(() => setTimeout(loadHistory))
  }
  options.initialBoard
    .then(async (first) => {
      await withinMs(labels?.loadFonts(labelledRecords(first.records)), FONT_WAIT_MS)
      performance.mark('tradeoff:review-fonts-ready')
      showFirst(first)
    })
    .catch((error: unknown) => {
      if (abort.signal.aborted) return
      const reason = error instanceof ApiError ? error.message : String(error)
      options.onNotice(`The board could not be loaded. ${reason}`)
    })

  const unsubscribe = review.subscribe((state, previous) => {
    if (state.t !== previous.t) {
      if (!state.focus && editor.getHintingShapeIds().length > 0) editor.setHintingShapes([])
      options.onNotice(null)
      const at = Math.round(state.t)
      if (cursor) showMoment(cursor, at)
      else loader.request(at)
    }
    if (state.focus && state.focus !== previous.focus) focusIfShown()
  })

  return () => {
    abort.abort()
    unsubscribe()
    loader.dispose()
    labels?.dispose()
  }
}

/** Waits for `work` (ignoring its failure), but no longer than `ms`. */
function withinMs(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
  })
  return Promise.race([Promise.resolve(work).catch(() => undefined), timeout]).then(() => clearTimeout(timer))
}

/** The geo shapes of a `/board` answer that carry a label, checked just enough to read their fonts. */
function labelledRecords(records: Record<string, unknown>): TLRecord[] {
  return Object.values(records).filter((value): value is TLRecord => {
    if (typeof value !== 'object' || value === null) return false
    const record = value as { type?: unknown; props?: { font?: unknown; richText?: { content?: unknown } } }
    return (
      record.type === 'geo' &&
      typeof record.props?.font === 'string' &&
      Array.isArray(record.props.richText?.content)
    )
  })
}
