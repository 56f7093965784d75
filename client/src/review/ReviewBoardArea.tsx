import type { BoardHistory } from '@tradeoff/shared'
import { Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { type BoardAt, getBoardAt } from '../api/recording'
import { fontsOf, loadBoardFonts } from './boardFonts'
import { type BoardPreview, createBoardPreview } from './boardPreview'
import { LazyReviewCanvas } from './lazyCanvas'
import type { ReviewBoard } from './reviewBoard'
import { createReviewMoment, type ReviewMoment } from './reviewMoment'
import type { ReviewStore } from './reviewStore'
import { withinMs } from './withinMs'

interface ReviewBoardAreaProps {
  sessionId: string
  token: string
  /** The board the screen opens on: the latest, shown as the board at the end of the recording. */
  initialBoard: Promise<BoardAt>
  /** The board's whole history, for local scrubbing: read once the first board is painted. */
  history: () => Promise<BoardHistory>
  store: ReviewStore
  /** tldraw's board, once its editor is mounted: the exports read it. */
  onBoard: (board: ReviewBoard | null) => void
}

/** How long the first board waits for its label fonts before it is shown anyway. */
const FONT_WAIT_MS = 3_000

/**
 * The recorded board at the review's moment, in two drawings: a quick preview on a plain canvas,
 * which paints first and follows every move of the scrubber and of playback, and tldraw's canvas
 * under it, which catches up once the moment stays put (then the preview steps aside). tldraw's
 * code is fetched and mounted only once the preview's first board is on screen, so its seconds
 * of work on a large board come after that.
 */
export function ReviewBoardArea({
  sessionId,
  token,
  initialBoard,
  history,
  store,
  onBoard,
}: ReviewBoardAreaProps) {
  const [notice, setNotice] = useState<string | null>(null)
  const [parts, setParts] = useState<{ moment: ReviewMoment; preview: BoardPreview } | null>(null)
  const [canvasWanted, setCanvasWanted] = useState(false)
  const area = useRef<HTMLDivElement | null>(null)
  const shownAt = useStore(store, (s) => s.shownAt)
  const boardSource = useStore(store, (s) => s.boardSource)

  useEffect(() => {
    const moment = createReviewMoment({
      review: store,
      initialBoard,
      loadBoard: (at, signal) => getBoardAt(sessionId, token, at, { signal }),
      loadHistory: history,
      beforeFirst: (records) => withinMs(loadBoardFonts(fontsOf(Object.values(records))), FONT_WAIT_MS),
      onNotice: setNotice,
    })
    // Which drawing is on screen, set on the element directly: it changes with every scrub.
    const showLayer = (layer: string) => {
      if (area.current) area.current.dataset.boardLayer = layer
    }
    showLayer('preview')
    const preview = createBoardPreview({
      moment,
      review: store,
      onLayer: showLayer,
      // Reading the history and tldraw's seconds of work start once the board is on screen.
      onFirstPresented: () => {
        moment.readHistory()
        setCanvasWanted(true)
      },
    })
    // Without a first board there is nothing to preview; moments may still be shown.
    initialBoard.catch(() => {
      moment.readHistory()
      setCanvasWanted(true)
    })
    // Read by browser tests and benchmarks: what the preview painted, and which drawing shows.
    Object.assign(window, { tradeoffPreview: preview })
    setParts({ moment, preview })
    return () => {
      preview.dispose()
      moment.dispose()
      setParts(null)
    }
  }, [sessionId, token, initialBoard, history, store])

  const attach = useCallback((canvas: HTMLCanvasElement | null) => parts?.preview.attach(canvas), [parts])

  return (
    <div
      ref={area}
      className="review-canvas"
      data-testid="review-canvas"
      data-board-at={shownAt ?? undefined}
      data-board-source={boardSource}
    >
      {shownAt === null ? <div className="review-canvas-loading">Loading the board…</div> : null}
      {parts && canvasWanted ? (
        <Suspense fallback={null}>
          <LazyReviewCanvas
            moment={parts.moment}
            preview={parts.preview}
            store={store}
            onBoard={onBoard}
            onNotice={setNotice}
          />
        </Suspense>
      ) : null}
      {parts ? (
        // A picture of what tldraw's canvas under it holds: screen readers read that one.
        <div className="review-preview-layer" aria-hidden="true">
          <canvas ref={attach} className="review-preview" />
        </div>
      ) : null}
      {notice ? (
        <p className="review-canvas-notice" role="status">
          {notice}
        </p>
      ) : null}
    </div>
  )
}
