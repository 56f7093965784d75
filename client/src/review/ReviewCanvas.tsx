import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import type { BoardHistory } from '@tradeoff/shared'
import { useEffect, useState } from 'react'
import {
  atom,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Editor,
  type TLShape,
  type TLStore,
  Tldraw,
  useValue,
} from 'tldraw'
import { useStore } from 'zustand'
import { type BoardAt, getBoardAt } from '../api/recording'
import { formatClock } from '../session/clock'
import { useClientConfig } from '../ui/useClientConfig'
import { followReviewBoard } from './followReviewBoard'
import type { ReviewStore } from './reviewStore'

// tldraw's fonts, icons and translations, bundled and served by us instead of tldraw's CDN.
const assetUrls = getAssetUrlsByImport()

interface ReviewCanvasProps {
  sessionId: string
  token: string
  /** The board the screen opens on: the latest, shown as the board at the end of the recording. */
  initialBoard: BoardAt
  /** The board's whole history (asked for with the rest of the review's data), for local scrubbing. */
  history: Promise<BoardHistory>
  store: ReviewStore
  /** The editor, once mounted: the exports read the board from it. */
  onEditor: (editor: Editor | null) => void
}

function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

/**
 * The recorded board at the review's current time, read-only: it follows the review store's `t`
 * (see `followReviewBoard`), keeping the camera and page, and zooms to a note's shapes once the
 * board at the note's time is shown.
 */
export function ReviewCanvas({
  sessionId,
  token,
  initialBoard,
  history,
  store,
  onEditor,
}: ReviewCanvasProps) {
  const config = useClientConfig()
  const [tlStore] = useState(createBoardStore)
  // Shapes not on the board at the moment shown: kept in the store, hidden (see boardSnapshot).
  const [$hidden] = useState(() => atom<ReadonlySet<string>>('review hidden shapes', new Set()))
  // A stable function: a new one on each render would make <Tldraw> build a new editor.
  const [getShapeVisibility] = useState(
    () => (shape: TLShape) => ($hidden.get().has(shape.id) ? ('hidden' as const) : ('inherit' as const)),
  )
  const [editor, setEditor] = useState<Editor | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const shownAt = useStore(store, (s) => s.shownAt)
  const boardSource = useStore(store, (s) => s.boardSource)

  useEffect(() => {
    if (!editor) return
    return followReviewBoard({
      editor,
      board: tlStore,
      review: store,
      hidden: $hidden,
      initialBoard,
      loadBoard: (at, signal) => getBoardAt(sessionId, token, at, { signal }),
      loadHistory: () => history,
      onNotice: setNotice,
    })
  }, [editor, initialBoard, history, sessionId, store, tlStore, token, $hidden])

  const onMount = (mounted: Editor) => {
    performance.mark('tradeoff:review-editor-mounted')
    mounted.updateInstanceState({ isReadonly: true })
    mounted.setCurrentTool('hand')
    // Handy in the console and used by browser tests to read the canvas.
    ;(window as { tradeoffEditor?: Editor }).tradeoffEditor = mounted
    setEditor(mounted)
    onEditor(mounted)
    return () => onEditor(null)
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
          <Tldraw
            store={tlStore}
            assetUrls={assetUrls}
            licenseKey={config.tldrawLicenseKey ?? undefined}
            hideUi
            autoFocus={false}
            getShapeVisibility={getShapeVisibility}
            onMount={onMount}
          />
        </div>
      ) : (
        <div className="review-canvas-loading">Loading the board…</div>
      )}
      {editor ? <CanvasControls editor={editor} /> : null}
      {editor ? <EmptyBoardNote editor={editor} store={store} /> : null}
      {notice ? (
        <p className="review-canvas-notice" role="status">
          {notice}
        </p>
      ) : null}
    </div>
  )
}

/** Says so when the page shown has nothing on it at this moment, rather than a blank canvas. */
function EmptyBoardNote({ editor, store }: { editor: Editor; store: ReviewStore }) {
  const empty = useValue(
    'board empty',
    () => [...editor.getCurrentPageShapeIds()].every((id) => editor.isShapeHidden(id)),
    [editor],
  )
  const shownAt = useStore(store, (s) => s.shownAt)
  if (!empty || shownAt === null) return null
  return <p className="review-canvas-empty">Nothing is on the board at {formatClock(shownAt)}.</p>
}

/** Zoom buttons and, when the board has several, the page picker: tldraw's own UI is hidden here. */
function CanvasControls({ editor }: { editor: Editor }) {
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
      <button type="button" onClick={() => editor.zoomToFit(animation)} title="Show the whole board">
        Fit
      </button>
    </div>
  )
}
