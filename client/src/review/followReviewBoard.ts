import { react } from 'tldraw'
import { focusShapes } from '../notes/focusShapes'
import { formatClock } from '../session/clock'
import type { BoardPreview } from './boardPreview'
import { type ApplyOptions, applyBoardSnapshot } from './boardSnapshot'
import { installLabelSizes } from './labelSizes'
import { fitBoard, type ReviewBoard, type ReviewBoardState } from './reviewBoard'
import type { ReviewMoment } from './reviewMoment'
import type { ReviewStore } from './reviewStore'
import { withinMs } from './withinMs'

/** What tldraw's canvas follows, and where it reports. */
export interface FollowOptions {
  /** The canvas: its editor, and which shapes are on the board shown. */
  board: ReviewBoard
  /** Shapes in the store that are not on the board at the moment shown: the canvas hides them. */
  absent: ReviewBoardState['absent']
  review: ReviewStore
  /** The board of the review's current moment. */
  moment: ReviewMoment
  /** The quick drawing shown while the canvas is behind: told when the canvas has caught up. */
  preview: BoardPreview
  /** A message for the reviewer about the board shown, or null to clear it. */
  onNotice(notice: string | null): void
}

/**
 * How long the moment must stay put before tldraw's canvas catches up with it. While the
 * scrubber is dragged or playback runs, the preview alone follows; writing a far moment into
 * tldraw blocks the page for a few hundred milliseconds on a large board.
 */
const SETTLE_MS = 150

/** How long the canvas waits for its labels' fonts before it measures them anyway. */
const FONT_WAIT_MS = 3_000

/**
 * Keeps tldraw's canvas on the review's moment, once the moment stays put (or at once for a
 * note's zoom, which needs tldraw's shapes): its board records are replaced by the moment's,
 * writing only those that differ; shapes not on the board stay mounted, invisible. Once tldraw
 * has painted it, the preview is told, and steps aside. tldraw's camera and page are given to the
 * preview; tldraw starts on the preview's camera, so nothing jumps. Returns a function that stops.
 */
export function followReviewBoard(options: FollowOptions): () => void {
  const { board, review, moment, preview } = options
  const { editor } = board
  const store = editor.store
  const labels = installLabelSizes(editor)
  const apply: ApplyOptions = { beforePut: labels ? (records) => labels.prepare(records) : undefined }
  let shownVersion = -1
  let shownAt: number | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopCamera: (() => void) | null = null
  let stopped = false
  let catchingUp = false

  const setAbsent = (next: ReadonlySet<string>) => {
    options.absent.set(next)
    const selected = editor.getSelectedShapeIds()
    if (selected.some((id) => next.has(id))) editor.setSelectedShapes(selected.filter((id) => !next.has(id)))
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

  /** The first board shown: tldraw takes the preview's camera, then gives it its own from now on. */
  const startCamera = () => {
    const camera = preview.camera()
    if (camera) editor.setCamera(camera)
    else fitBoard(board)
    stopCamera = react('review preview camera', () => {
      preview.follow({ camera: editor.getCamera(), pageId: editor.getCurrentPageId() })
    })
  }

  const catchUp = async () => {
    timer = undefined
    if (stopped || catchingUp || moment.current()?.version === shownVersion) return
    // Labels are measured as they are written, so every face they use (bold, italic…) first.
    catchingUp = true
    const records = moment.current()?.records
    if (labels && records) await withinMs(labels.loadFonts(records.values()), FONT_WAIT_MS)
    catchingUp = false
    // The moment may have moved meanwhile: the canvas shows the one held now.
    const held = moment.current()
    if (stopped || !held || held.version === shownVersion) return
    const applied = applyBoardSnapshot(store, held.records, apply)
    for (const { id, error } of applied.refused) console.warn(`skipped board record ${id}: ${error}`)
    setAbsent(applied.hidden)
    shownVersion = held.version
    shownAt = held.at
    if (!stopCamera) startCamera()
    focusIfShown()
    const { version, at } = held
    // tldraw renders the change in a task of its own: two frames on, it has been painted.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (!stopped) preview.canvasShows(version, at)
      }),
    )
  }

  const schedule = () => {
    clearTimeout(timer)
    const urgent = shownVersion < 0 || review.getState().focus !== null
    timer = setTimeout(catchUp, urgent ? 0 : SETTLE_MS)
  }

  const unsubscribeMoment = moment.subscribe(() => {
    if (!review.getState().focus && editor.getHintingShapeIds().length > 0) editor.setHintingShapes([])
    schedule()
  })
  if (moment.current()) schedule()

  const unsubscribeReview = review.subscribe((state, previous) => {
    if (!state.focus || state.focus === previous.focus) return
    // The note's moment may be held already (a second click): zoom now, or once it is shown.
    if (moment.current()?.version === shownVersion) focusIfShown()
    else schedule()
  })

  return () => {
    stopped = true
    clearTimeout(timer)
    unsubscribeMoment()
    unsubscribeReview()
    stopCamera?.()
    labels?.dispose()
  }
}
