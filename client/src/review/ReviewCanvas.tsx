import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import type { BoardHistory } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import {
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Editor,
  type TLStore,
  Tldraw,
  useValue,
} from 'tldraw'
import { useStore } from 'zustand'
import { type BoardAt, getBoardAt } from '../api/recording'
import { formatClock } from '../session/clock'
import { useClientConfig } from '../ui/useClientConfig'
import { followReviewBoard } from './followReviewBoard'
import {
  AbsentShapesContext,
  createAbsentShapes,
  createReviewBoard,
  fitBoard,
  keepAbsentShapesInert,
  type ReviewBoard,
  ReviewShapeWrapper,
} from './reviewBoard'
import type { ReviewStore } from './reviewStore'

// tldraw's fonts, icons and translations, bundled and served by us instead of tldraw's CDN.
const assetUrls = getAssetUrlsByImport()

interface ReviewCanvasProps {
  sessionId: string
  token: string
  /** The board the screen opens on: the latest, shown as the board at the end of the recording. */
  initialBoard: Promise<BoardAt>
  /** The board's whole history (asked for with the rest of the review's data), for local scrubbing. */
  history: Promise<BoardHistory>
  store: ReviewStore
  /** The board, once the editor is mounted: the exports read it. */
  onBoard: (board: ReviewBoard | null) => void
}

// Shapes not on the board at the moment shown stay mounted, invisible (see reviewBoard).
const REVIEW_COMPONENTS = { ShapeWrapper: ReviewShapeWrapper }

// Zooming from 10% (a whole large board) to 200% (reading a label). tldraw draws its pattern
// fills for every zoom level up to the ratio of these two, on opening; its default range (5% to
// 800%) made that take a third of a second.
const REVIEW_CAMERA = { zoomSteps: [0.1, 0.25, 0.5, 1, 2] }

/**
 * Starts loading the font most labels are drawn in (tldraw's "draw" font) before the canvas
 * mounts, while the review's data loads. tldraw uses a face already in the document rather than
 * loading its own.
 */
export function preloadBoardFont(): void {
  const url = assetUrls.fonts?.tldraw_draw
  if (!url || typeof FontFace === 'undefined') return
  for (const face of document.fonts) {
    if (face.family === 'tldraw_draw' && face.weight === 'normal' && face.style === 'normal') return
  }
  const face = new FontFace('tldraw_draw', `url(${JSON.stringify(url)})`, {
    style: 'normal',
    weight: 'normal',
    display: 'swap',
  })
  document.fonts.add(face)
  face.load().catch(() => undefined)
}

function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

/**
 * The recorded board at the review's current time, read-only: it follows the review store's `t`
 * (see `followReviewBoard`), keeping the camera and page, and zooms to a note's shapes once the
 * board at the note's time is shown.
 */
export function ReviewCanvas({ sessionId, token, initialBoard, history, store, onBoard }: ReviewCanvasProps) {
  const config = useClientConfig()
  const [tlStore] = useState(createBoardStore)
  // Shapes not on the board at the moment shown: kept in the store and mounted, invisible.
  const [absent] = useState(createAbsentShapes)
  const [board, setBoard] = useState<ReviewBoard | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const shownAt = useStore(store, (s) => s.shownAt)
  const boardSource = useStore(store, (s) => s.boardSource)

  useEffect(() => {
    if (!board) return
    return followReviewBoard({
      board,
      absent,
      review: store,
      initialBoard,
      loadBoard: (at, signal) => getBoardAt(sessionId, token, at, { signal }),
      loadHistory: () => history,
      onNotice: setNotice,
    })
  }, [board, absent, initialBoard, history, sessionId, store, token])

  const onMount = (mounted: Editor) => {
    performance.mark('tradeoff:review-editor-mounted')
    mounted.updateInstanceState({ isReadonly: true })
    mounted.setCurrentTool('hand')
    const shown = createReviewBoard(mounted, absent)
    const stopInert = keepAbsentShapesInert(mounted, absent)
    // Handy in the console and used by browser tests to read the canvas.
    Object.assign(window, { tradeoffEditor: mounted, tradeoffReviewBoard: shown })
    setBoard(shown)
    onBoard(shown)
    return () => {
      stopInert()
      onBoard(null)
    }
  }

  return (
    <div
      className="review-canvas"
      data-testid="review-canvas"
      data-board-at={shownAt ?? undefined}
      data-board-source={boardSource}
    >
      {config ? (
        <div className="review-canvas-inner">
          <AbsentShapesContext.Provider value={absent}>
            <Tldraw
              store={tlStore}
              assetUrls={assetUrls}
              licenseKey={config.tldrawLicenseKey ?? undefined}
              hideUi
              autoFocus={false}
              components={REVIEW_COMPONENTS}
              cameraOptions={REVIEW_CAMERA}
              onMount={onMount}
            />
          </AbsentShapesContext.Provider>
        </div>
      ) : (
        <div className="review-canvas-loading">Loading the board…</div>
      )}
      {board ? <CanvasControls board={board} /> : null}
      {board ? <EmptyBoardNote board={board} store={store} /> : null}
      {notice ? (
        <p className="review-canvas-notice" role="status">
          {notice}
        </p>
      ) : null}
    </div>
  )
}

/** Says so when the page shown has nothing on it at this moment, rather than a blank canvas. */
function EmptyBoardNote({ board, store }: { board: ReviewBoard; store: ReviewStore }) {
  const empty = useValue('board empty', () => board.shapeIdsOnBoard().length === 0, [board])
  const shownAt = useStore(store, (s) => s.shownAt)
  if (!empty || shownAt === null) return null
  return <p className="review-canvas-empty">Nothing is on the board at {formatClock(shownAt)}.</p>
}

/** Zoom buttons and, when the board has several, the page picker: tldraw's own UI is hidden here. */
function CanvasControls({ board }: { board: ReviewBoard }) {
  const { editor } = board
  const pages = useValue('pages', () => editor.getPages(), [editor])
  const currentPageId = useValue('current page', () => editor.getCurrentPageId(), [editor])
  const animation = { animation: { duration: 200 } }
  return (
    <div className="review-canvas-controls">
      {pages.length > 1 ? (
        <select
          aria-label="Page"
          value={currentPageId}
          onChange={(event) => {
            const page = pages.find((p) => p.id === event.target.value)
            if (page) editor.setCurrentPage(page)
          }}
        >
          {pages.map((page) => (
            <option key={page.id} value={page.id}>
              {page.name}
            </option>
          ))}
        </select>
      ) : null}
      <button type="button" onClick={() => editor.zoomOut(undefined, animation)} aria-label="Zoom out">
        −
      </button>
      <button type="button" onClick={() => editor.zoomIn(undefined, animation)} aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={() => fitBoard(board, true)} title="Show the whole board">
        Fit
      </button>
    </div>
  )
}
