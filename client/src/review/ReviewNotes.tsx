import { formatRoundClock, type Note, type OnRoundClock } from '@tradeoff/shared'
import { useEffect, useRef } from 'react'
import { useStore } from 'zustand'
import { dimensionColor, dimensionShortLabel } from '../notes/dimensions'
import type { ReviewStore } from './reviewStore'
import { SignalBadge } from './SignalBadge'
import { currentNoteId } from './timeline'

interface ReviewNotesProps {
  /** In time order, each with the round clock's reading at its moment. */
  notes: ReadonlyArray<Note & OnRoundClock>
  store: ReviewStore
}

/**
 * The round's notes in time order. Clicking one moves the board to its time and zooms to its
 * shapes; the note being passed (the latest at or before the current time) is highlighted and
 * kept in view, so it follows playback. Times are on the round's clock, as the room showed them.
 */
export function ReviewNotes({ notes, store }: ReviewNotesProps) {
  const current = useStore(store, (s) => currentNoteId(notes, s.t))
  const listRef = useRef<HTMLOListElement>(null)

  useEffect(() => {
    const list = listRef.current
    if (!list || current === null) return
    // Measured in the next frame, with the layout the frame computes anyway: measuring now would
    // lay the page out once more while the canvas is still changing (a scrub moves hundreds of
    // shapes).
    const frame = requestAnimationFrame(() => {
      const item = list.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(current)}"]`)
      if (!item) return
      // Scrolls the list only, never the page around it (scrollIntoView would move both).
      const top = item.offsetTop
      const bottom = top + item.offsetHeight
      if (top < list.scrollTop || bottom > list.scrollTop + list.clientHeight) {
        list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: 'smooth' })
      }
    })
    return () => cancelAnimationFrame(frame)
  }, [current])

  return (
    <aside className="review-notes" aria-labelledby="review-notes-title">
      <h2 id="review-notes-title">
        Notes <span className="muted">{notes.length}</span>
      </h2>
      {notes.length === 0 ? (
        <p className="muted review-empty">No notes were taken during this round.</p>
      ) : (
        <ol className="review-note-list" ref={listRef}>
          {notes.map((note) => (
            <li
              key={note.id}
              className="review-note"
              data-testid="review-note"
              data-note-id={note.id}
              data-current={note.id === current ? 'true' : undefined}
              aria-current={note.id === current ? 'true' : undefined}
            >
              <button type="button" onClick={() => store.getState().jumpToNote(note)}>
                <span className="review-note-head">
                  <time className="review-note-time" data-testid="review-note-time">
                    {formatRoundClock(note.clockMs)}
                  </time>
                  <span className="dimension-chip" style={{ color: dimensionColor(note.dimension) }}>
                    {dimensionShortLabel(note.dimension)}
                  </span>
                  <SignalBadge signal={note.signal} />
                  <span className="review-note-author">{note.author}</span>
                </span>
                <span className="review-note-text">{note.text || <em className="muted">(no text)</em>}</span>
                {note.shapeIds.length > 0 ? (
                  <span className="review-note-shapes muted">
                    {note.shapeIds.length === 1 ? 'About 1 shape' : `About ${note.shapeIds.length} shapes`}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  )
}
