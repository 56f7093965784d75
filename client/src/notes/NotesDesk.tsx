import type { SessionView } from '@tradeoff/shared'
import { type ReactNode, useCallback, useMemo } from 'react'
import type { LiveBoard } from '../room/Board'
import { ScorecardDialog } from '../scorecard/ScorecardDialog'
import { useScorecards } from '../scorecard/useScorecards'
import type { ServerClock } from '../session/serverClock'
import { useAppStore } from '../state/useAppStore'
import { panelAccess } from '../sync/connectPanel'
import { NoteBadges } from './NoteBadges'
import { NotesPanel } from './NotesPanel'
import { noteAtMs } from './noteModel'
import { PanelContext, type PanelContextValue } from './panelContext'
import { useNoteShortcut } from './useNoteShortcut'
import './notes.css'
import { useAsked, useNotes, usePanelDoc } from './usePanelDoc'

interface NotesDeskProps {
  board: LiveBoard
  view: SessionView
  token: string
  clock: ServerClock
  /** The rest of the overlay (prompt drawer, timer): the prompt's follow-ups read the panel. */
  children: ReactNode
}

/**
 * What interviewers and reviewers have beside the canvas: the panel document (notes, follow-ups
 * asked), the notes drawer, badges on noted shapes and the scorecard. Mount it only for a role
 * that may open the panel: a candidate's browser must never open it nor ask for scorecards.
 */
export function NotesDesk({ board, view, token, clock, children }: NotesDeskProps) {
  const access = panelAccess(view.role)
  const panelDoc = usePanelDoc(view.id, token, view.role)
  const notes = useNotes(panelDoc.doc)
  const asked = useAsked(panelDoc.doc)
  const canWrite = access?.write === true
  const createdAt = view.createdAt
  const nowAt = useCallback(() => noteAtMs(clock.now(), createdAt), [clock, createdAt])
  const panel = useMemo<PanelContextValue | null>(
    () =>
      panelDoc.doc
        ? { doc: panelDoc.doc, me: view.name, canWrite, notes, asked, nowAt, editor: board.editor }
        : null,
    [panelDoc.doc, view.name, canWrite, notes, asked, nowAt, board.editor],
  )
  useNoteShortcut(canWrite)

  const scorecardOpen = useAppStore((s) => s.scorecardOpen)
  const setScorecardOpen = useAppStore((s) => s.setScorecardOpen)
  const scorecards = useScorecards(view.id, token, scorecardOpen)

  return (
    <PanelContext.Provider value={panel}>
      {children}
      <NoteBadges editor={board.editor} notes={notes} />
      <NotesPanel view={view} panel={panel} status={panelDoc.status} refusal={panelDoc.refusal} />
      {scorecardOpen ? (
        <ScorecardDialog
          view={view}
          scorecards={scorecards}
          notes={notes}
          onClose={() => setScorecardOpen(false)}
        />
      ) : null}
    </PanelContext.Provider>
  )
}
