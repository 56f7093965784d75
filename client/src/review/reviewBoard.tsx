import { createContext, forwardRef, useCallback, useContext, useRef } from 'react'
import {
  type Atom,
  atom,
  Box,
  DefaultShapeWrapper,
  type Editor,
  type TLShapeId,
  type TLShapeWrapperProps,
  useQuickReactor,
} from 'tldraw'

/**
 * The review canvas's board: the editor, and which of the shapes in its store are on the board at
 * the moment shown. A shape drawn later or deleted earlier stays in the store and stays mounted,
 * invisible: scrubbing then only flips its visibility, where hiding it from tldraw (unmounting it)
 * and showing it again (mounting it, laying its label out) cost about a millisecond per shape, so
 * hundreds of shapes per scrub. Everything that reads "the board" (exports, fitting, focusing a
 * note's shapes, the empty-board notice) asks this, not the store.
 */
export interface ReviewBoard {
  editor: Editor
  /** Whether the shape is on the board at the moment shown. */
  isOnBoard(id: string): boolean
  /** The shapes of the current page that are on the board at the moment shown. */
  shapeIdsOnBoard(): TLShapeId[]
}

/** A ReviewBoard and the set of absent shapes it reads, which the board follower writes. */
export interface ReviewBoardState {
  board: ReviewBoard
  /** Shapes in the store that are not on the board at the moment shown. */
  absent: Atom<ReadonlySet<string>> & { set(value: ReadonlySet<string>): void }
}

/** The review board of `editor`, with no shape absent yet. */
export function createReviewBoard(editor: Editor, absent: ReviewBoardState['absent']): ReviewBoard {
  const isOnBoard = (id: string) => !absent.get().has(id)
  return {
    editor,
    isOnBoard,
    shapeIdsOnBoard: () => [...editor.getCurrentPageShapeIds()].filter(isOnBoard),
  }
}

/** The set of absent shapes the canvas's shape wrappers and its review board read. */
export function createAbsentShapes(): ReviewBoardState['absent'] {
  return atom<ReadonlySet<string>>('review absent shapes', new Set())
}

/** The absent shapes of the review canvas around: its shape wrappers read them. */
export const AbsentShapesContext = createContext<Atom<ReadonlySet<string>> | null>(null)

const NONE_ABSENT = atom<ReadonlySet<string>>('no absent shapes', new Set())

/**
 * tldraw's shape wrapper, made invisible while its shape is absent from the board shown (inside
 * an `AbsentShapesContext`). The visibility is set on the element directly when presence
 * changes, without rendering again: a jump across the recording flips hundreds of shapes.
 */
export const ReviewShapeWrapper = forwardRef<HTMLDivElement, TLShapeWrapperProps>(
  function ReviewShapeWrapper(props, ref) {
    const absent = useContext(AbsentShapesContext) ?? NONE_ABSENT
    const id = props.shape.id
    const element = useRef<HTMLDivElement | null>(null)
    const setElement = useCallback(
      (node: HTMLDivElement | null) => {
        element.current = node
        if (typeof ref === 'function') ref(node)
        else if (ref) ref.current = node
      },
      [ref],
    )
    useQuickReactor('shape presence', () => {
      const node = element.current
      if (!node) return
      const isAbsent = absent.get().has(id)
      node.style.visibility = isAbsent ? 'hidden' : ''
      node.toggleAttribute('aria-hidden', isAbsent)
    }, [absent, id])
    // Right from the first paint, before the reactor runs (a shape mounted while absent).
    const hiddenNow = absent.get().has(id)
    return (
      <DefaultShapeWrapper
        ref={setElement}
        {...props}
        style={hiddenNow ? { ...props.style, visibility: 'hidden' } : props.style}
      />
    )
  },
)

/**
 * Keeps absent shapes out of hovering and selection, so nothing outlines a shape that is not
 * there. Returns a function that stops.
 */
export function keepAbsentShapesInert(editor: Editor, absent: Atom<ReadonlySet<string>>): () => void {
  return editor.sideEffects.registerBeforeChangeHandler('instance_page_state', (_previous, next) => {
    const gone = absent.get()
    const hovered = next.hoveredShapeId && gone.has(next.hoveredShapeId) ? null : next.hoveredShapeId
    const selected = next.selectedShapeIds.filter((id) => !gone.has(id))
    if (hovered === next.hoveredShapeId && selected.length === next.selectedShapeIds.length) return next
    return { ...next, hoveredShapeId: hovered, selectedShapeIds: selected }
  })
}

/** Zooms to show every shape on the board (at most to 100%), or does nothing on an empty board. */
export function fitBoard(board: ReviewBoard, animated = false): void {
  const { editor } = board
  const bounds = board
    .shapeIdsOnBoard()
    .map((id) => editor.getShapePageBounds(id))
    .filter((box) => box !== undefined)
  if (bounds.length === 0) return
  editor.zoomToBounds(Box.Common(bounds), {
    targetZoom: 1,
    ...(animated ? { animation: { duration: 200 } } : {}),
  })
}
