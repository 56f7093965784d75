import type { Note, SessionView } from '@tradeoff/shared'
import { useEffect, useMemo, useState } from 'react'
import type { ConnectionStatus } from '../state/connectionSlice'
import { useAppStore } from '../state/useAppStore'
import { NotesIcon, ScorecardIcon } from '../ui/icons'
import { defaultPanelOpen } from '../ui/panelFold'
import { orderedDimensions } from './dimensions'
import { NoteComposer } from './NoteComposer'
import { NoteList } from './NoteList'
import type { PanelContextValue } from './panelContext'
import { putNote } from './panelDoc'

interface NotesPanelProps {
  view: SessionView
  /** The live panel, or null while it opens. */
  panel: PanelContextValue | null
  status: ConnectionStatus
  refusal: string | null
}

const STATUS_LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… notes are kept',
  offline: 'Offline: notes are kept and will sync',
  refused: 'Disconnected',
}

/** How long a deleted note can be brought back. */
const UNDO_MS = 6_000

/**
 * The notes column on the right of the room, beside the canvas: the notes of every interviewer as
 * they are taken, and for interviewers the note box and the scorecard button. Reviewers read. It
 * folds to a thin rail; this browser remembers which.
 */
export function NotesPanel({ view, panel, status, refusal }: NotesPanelProps) {
  const remembered = useAppStore((s) => s.notesPanelOpen)
  const open = remembered ?? defaultPanelOpen('notes', view.role, window.innerWidth)
  const setOpen = useAppStore((s) => s.setNotesPanelOpen)
  const setScorecardOpen = useAppStore((s) => s.setScorecardOpen)
  const dimensions = useMemo(() => orderedDimensions(view.guide?.weighs ?? []), [view.guide?.weighs])
  const [deleted, setDeleted] = useState<Note | null>(null)
  useEffect(() => {
    if (!deleted) return
    const timer = setTimeout(() => setDeleted(null), UNDO_MS)
    return () => clearTimeout(timer)
  }, [deleted])

  const count = panel?.notes.length ?? 0
  const readOnly = view.role !== 'interviewer'
  const scorecardLabel = view.role === 'interviewer' ? 'Scorecard' : 'Scorecards'
  const scorecardButton = (className: string) => (
    <button
      type="button"
      className={className}
      data-testid="open-scorecard"
      title={`Open the ${scorecardLabel.toLowerCase()}`}
      onClick={() => setScorecardOpen(true)}
    >
      <ScorecardIcon />
      <span className="rail-label">{scorecardLabel}</span>
    </button>
  )

  if (!open) {
    return (
      <nav className="notes-rail" aria-label="Notes and scorecard">
        <button
          type="button"
          className="panel-rail"
          data-testid="notes-panel-open"
          aria-expanded={false}
          title="Show the notes"
          onClick={() => setOpen(true)}
        >
          <NotesIcon />
          <span className="rail-label">Notes</span>
          <span className="tab-count">{count}</span>
        </button>
        {scorecardButton('panel-rail rail-secondary')}
      </nav>
    )
  }

  return (
    <aside
      id="notes-panel"
      className={readOnly ? 'notes-panel read-only' : 'notes-panel'}
      data-testid="notes-panel"
      aria-label="Notes"
      // The canvas must not act on keys typed here (Delete, Enter, tool letters).
      onKeyDown={(event) => event.stopPropagation()}
      onKeyUp={(event) => event.stopPropagation()}
    >
      <header className="notes-head">
        <div>
          <h2>
            Notes <span className="muted">· {count}</span>
          </h2>
          <p
            className={`notes-status notes-status-${status}`}
            data-testid="notes-status"
            data-status={status}
          >
            <span className="dot" aria-hidden="true" />
            {STATUS_LABELS[status]}
            {view.role === 'reviewer' ? ' · read-only' : ' · hidden from the candidate'}
          </p>
        </div>
        <div className="notes-head-actions">
          {scorecardButton('notes-scorecard-button')}
          <button
            type="button"
            className="icon-button"
            aria-label="Hide the notes"
            aria-expanded={true}
            aria-controls="notes-panel"
            onClick={() => setOpen(false)}
          >
            »
          </button>
        </div>
      </header>
      {status === 'refused' ? (
        <p className="notes-refused" role="alert">
          The server closed the notes connection: {refusal} Notes written since are kept in this browser.
        </p>
      ) : null}
      {panel ? (
        <NoteList panel={panel} onDeleted={setDeleted} />
      ) : (
        <p className="notes-empty muted">Loading notes…</p>
      )}
      {deleted && panel ? (
        <p className="notes-undo" role="status">
          Note deleted.{' '}
          <button
            type="button"
            className="link-button"
            data-testid="note-undo-delete"
            onClick={() => {
              putNote(panel.doc, deleted, panel.me)
              setDeleted(null)
            }}
          >
            Undo
          </button>
        </p>
      ) : null}
      {panel?.canWrite ? <NoteComposer panel={panel} dimensions={dimensions} /> : null}
    </aside>
  )
}
