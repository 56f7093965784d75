import type { Note } from '@tradeoff/shared'
import { type CSSProperties, type KeyboardEvent, useState } from 'react'
import { useValue } from 'tldraw'
import { useRoundClockFormat } from '../session/roundClockContext'
import { dimensionColor, dimensionShortLabel } from './dimensions'
import { focusShapes, ROOM_CANVAS_INSETS } from './focusShapes'
import { reviseNote } from './noteModel'
import type { PanelContextValue } from './panelContext'
import { deleteNote, putNote } from './panelDoc'
import { SignalMark } from './SignalMark'
import { signalInfo } from './signals'

interface NoteItemProps {
  note: Note
  panel: PanelContextValue
  /** Called after this person deleted the note, so it can be brought back. */
  onDeleted(note: Note): void
}

/**
 * One note: time, author, dimension, signal, text and its linked shapes. A click selects and
 * zooms to the shapes. Its author may edit it inline (Enter saves, Esc cancels) or delete it;
 * others' notes have no such controls.
 */
export function NoteItem({ note, panel, onDeleted }: NoteItemProps) {
  const { editor } = panel
  const clockText = useRoundClockFormat()
  const [editing, setEditing] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const mine = panel.canWrite && note.author === panel.me
  const linked = note.shapeIds.length
  const existing = useValue(
    'linked shapes left',
    () => note.shapeIds.filter((id) => editor.getShape(id as Parameters<typeof editor.getShape>[0])).length,
    [editor, note.shapeIds],
  )

  const save = () => {
    if (editing === null) return
    const result = reviseNote(note, editing)
    if (!result.ok) return setProblem(result.message)
    try {
      putNote(panel.doc, result.note, panel.me)
      setEditing(null)
      setProblem(null)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }
  const onEditKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault()
      save()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      setEditing(null)
      setProblem(null)
    }
  }

  return (
    <li
      className={`note-item signal-${signalInfo(note.signal).key}`}
      data-testid="note-item"
      data-note-id={note.id}
      data-dimension={note.dimension}
      data-signal={note.signal}
      data-author={note.author}
    >
      <div className="note-meta">
        <SignalMark signal={note.signal} />
        <span className="note-time" data-testid="note-time" title="On the round's clock">
          {clockText(note.at)}
        </span>
        <span className="note-author">{note.author}</span>
        <span
          className="note-dimension"
          style={{ '--dimension-color': dimensionColor(note.dimension) } as CSSProperties}
        >
          {dimensionShortLabel(note.dimension)}
        </span>
        {linked > 0 ? (
          <span
            className={existing === 0 ? 'note-shapes gone' : 'note-shapes'}
            title={existing === 0 ? 'Its shapes were deleted' : `${existing} linked shape(s) on the board`}
          >
            {linked} shape{linked === 1 ? '' : 's'}
          </span>
        ) : null}
      </div>
      {editing !== null ? (
        <div className="note-edit">
          <input
            // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this note
            autoFocus
            data-testid="note-edit-input"
            aria-label="Edit the note"
            value={editing}
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={onEditKey}
          />
          <p className="note-hint">Enter saves · Esc cancels · a #tag or + / − / ? changes them</p>
          {problem ? (
            <p className="note-problem" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="note-body">
          <button
            type="button"
            className="note-text"
            disabled={existing === 0}
            title={
              linked === 0 ? undefined : existing === 0 ? 'Its shapes were deleted' : 'Show on the board'
            }
            onClick={() => focusShapes(editor, note.shapeIds, { insets: ROOM_CANVAS_INSETS })}
          >
            {note.text || <span className="muted">(no text)</span>}
          </button>
          {mine ? (
            <span className="note-actions">
              <button
                type="button"
                data-testid="note-edit"
                aria-label="Edit this note"
                title="Edit"
                onClick={() => setEditing(note.text)}
              >
                ✎
              </button>
              <button
                type="button"
                data-testid="note-delete"
                aria-label="Delete this note"
                title="Delete"
                onClick={() => {
                  if (deleteNote(panel.doc, note.id, panel.me)) onDeleted(note)
                }}
              >
                ×
              </button>
            </span>
          ) : null}
        </div>
      )}
    </li>
  )
}
