import type { Note } from '@tradeoff/shared'
import { useLayoutEffect, useRef } from 'react'
import { NoteItem } from './NoteItem'
import type { PanelContextValue } from './panelContext'

interface NoteListProps {
  panel: PanelContextValue
  onDeleted(note: Note): void
}

/**
 * Every note of the round, oldest first and newest at the bottom. It follows new notes down
 * unless the reader has scrolled up to read older ones.
 */
export function NoteList({ panel, onDeleted }: NoteListProps) {
  const listRef = useRef<HTMLOListElement>(null)
  const pinned = useRef(true)
  const count = panel.notes.length

  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when the number of notes changes
  useLayoutEffect(() => {
    const list = listRef.current
    if (list && pinned.current) list.scrollTop = list.scrollHeight
  }, [count])

  if (count === 0) {
    return (
      <p className="notes-empty muted">
        {panel.canWrite
          ? 'No notes yet. Select shapes on the board to link them, type below and press Enter.'
          : 'No notes yet.'}
      </p>
    )
  }
  return (
    <ol
      ref={listRef}
      className="note-list"
      aria-label="Notes"
      onScroll={(event) => {
        const list = event.currentTarget
        pinned.current = list.scrollHeight - list.scrollTop - list.clientHeight < 24
      }}
    >
      {panel.notes.map((note) => (
        <NoteItem key={note.id} note={note} panel={panel} onDeleted={onDeleted} />
      ))}
    </ol>
  )
}
