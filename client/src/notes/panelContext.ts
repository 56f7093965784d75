import type { AskedMark, Note } from '@tradeoff/shared'
import { createContext, useContext } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'

/** The live panel document and what this person may do with it. */
export interface PanelContextValue {
  doc: Y.Doc
  /** This person's name: notes and ticks are written in it, and only theirs are editable. */
  me: string
  /** Interviewers write; reviewers read. */
  canWrite: boolean
  /** Every valid note, oldest first. */
  notes: readonly Note[]
  /** Follow-ups ticked as asked, by index. */
  asked: ReadonlyMap<number, AskedMark>
  /** Milliseconds since the session's creation, on the server's clock: a note's `at`. */
  nowAt(): number
  editor: Editor
}

/** Set in a session room for interviewers and reviewers; null elsewhere (and for candidates). */
export const PanelContext = createContext<PanelContextValue | null>(null)

/** The live panel, or null where there is none (the home page's prompt reader, a candidate). */
export function usePanel(): PanelContextValue | null {
  return useContext(PanelContext)
}
