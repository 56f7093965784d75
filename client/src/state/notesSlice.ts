import type { RubricDimensionId } from '@tradeoff/shared'
import type { StateCreator } from 'zustand'
import { readPanelOpen, rememberPanelOpen } from '../ui/panelFold'

/** Text to put in the note box, as a follow-up question turned into a note. */
export interface NoteDraft {
  text: string
  dimension: RubricDimensionId | null
  /** The follow-up it came from: ticked as asked when the note is saved. */
  followUpIndex: number | null
}

/** A request to the note box, from outside it (a shortcut, a follow-up), taken once. */
export interface NoteBoxRequest {
  draft: NoteDraft | null
}

export interface NotesSlice {
  /**
   * Whether the notes drawer on the right is open, as this browser remembers it; null until the
   * person first folds or opens it (then it starts open).
   */
  notesPanelOpen: boolean | null
  setNotesPanelOpen(open: boolean): void
  /** Whether the scorecard dialog is open. */
  scorecardOpen: boolean
  setScorecardOpen(open: boolean): void
  /** A pending request to focus (and maybe fill) the note box. */
  noteBoxRequest: NoteBoxRequest | null
  /** Opens the notes drawer and asks the note box to take focus, with `draft` in it if given. */
  requestNoteBox(draft?: NoteDraft): void
  /** Takes the pending request, leaving none. */
  takeNoteBoxRequest(): NoteBoxRequest | null
}

/** The notes drawer's and the scorecard's local UI state; the drawer's fold is kept in `storage`. */
export const createNotesSlice =
  (storage: Storage): StateCreator<NotesSlice, [], [], NotesSlice> =>
  (set, get) => ({
    notesPanelOpen: readPanelOpen(storage, 'notes'),
    setNotesPanelOpen: (notesPanelOpen) => {
      rememberPanelOpen(storage, 'notes', notesPanelOpen)
      set({ notesPanelOpen })
    },
    scorecardOpen: false,
    setScorecardOpen: (scorecardOpen) => set({ scorecardOpen }),
    noteBoxRequest: null,
    requestNoteBox: (draft) => {
      rememberPanelOpen(storage, 'notes', true)
      set({ notesPanelOpen: true, noteBoxRequest: { draft: draft ?? null } })
    },
    takeNoteBoxRequest: () => {
      const request = get().noteBoxRequest
      if (request) set({ noteBoxRequest: null })
      return request
    },
  })
