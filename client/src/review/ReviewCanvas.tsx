import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useState } from 'react'
import { createTLStore, defaultBindingUtils, type Editor, type TLStore, Tldraw, useValue } from 'tldraw'
import { useStore } from 'zustand'
import { formatClock } from '../session/clock'
import { ARCHITECTURE_SHAPE_UTILS, BOARD_SHAPE_UTILS } from '../shapes'
import { useClientConfig } from '../ui/useClientConfig'
import { type BoardPreview, REVIEW_ZOOM_STEPS } from './boardPreview'
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
import type { ReviewMoment } from './reviewMoment'
import type { ReviewStore } from './reviewStore'

interface ReviewCanvasProps {
  /** The board of the review's current moment. */
  moment: ReviewMoment
  /** The quick drawing over this canvas, shown while tldraw is behind the moment. */
  preview: BoardPreview
  store: ReviewStore
  /** The board, once the editor is mounted: the exports read it. */
  onBoard: (board: ReviewBoard | null) => void
  /** A message for the reviewer about the board shown, or null to clear it. */
  onNotice: (notice: string | null) => void
}

// tldraw's fonts, icons and translations, bundled and served by us instead of tldraw's CDN.
const assetUrls = getAssetUrlsByImport()

// Shapes not on the board at the moment shown stay mounted, invisible (see reviewBoard).
const REVIEW_COMPONENTS = { ShapeWrapper: ReviewShapeWrapper }

const REVIEW_CAMERA = { zoomSteps: REVIEW_ZOOM_STEPS }

function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: BOARD_SHAPE_UTILS, bindingUtils: defaultBindingUtils })
}

/**
 * tldraw's drawing of the recorded board at the review's moment, read-only: it catches up with
 * the moment once it stays put (see `followReviewBoard`), under the quick preview that shows
 * every moment at once. It keeps its camera and page, and zooms to a note's shapes once the board
 * at the note's time is shown.
 */
export function ReviewCanvas({ moment, preview, store, onBoard, onNotice }: ReviewCanvasProps) {
  const config = useClientConfig()
  const [tlStore] = useState(createBoardStore)
  // Shapes not on the board at the moment shown: kept in the store and mounted, invisible.
  const [absent] = useState(createAbsentShapes)
  const [board, setBoard] = useState<ReviewBoard | null>(null)

  useEffect(() => {
    if (!board) return
    return followReviewBoard({ board, absent, review: store, moment, preview, onNotice })
  }, [board, absent, moment, preview, store, onNotice])

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

  if (!config) return null
  return (
    <>
      <div className="review-canvas-inner">
        <AbsentShapesContext.Provider value={absent}>
          <Tldraw
            store={tlStore}
            shapeUtils={ARCHITECTURE_SHAPE_UTILS}
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
      {board ? <CanvasControls board={board} /> : null}
      {board ? <EmptyBoardNote board={board} store={store} /> : null}
    </>
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
