import type { DocName } from './protocol'
import type { Role } from './session'

/** What a role may do on one sync document. */
export interface DocAccess {
  /** Its document updates are applied; otherwise they are dropped (not refused). */
  write: boolean
  /** Its awareness (cursor, selection) is relayed to others. */
  presence: boolean
}

/**
 * Who may open which document (README, "Websocket sync"). A missing entry means the role is
 * refused with 4403. The candidate never opens the panel: not a byte of notes reaches them.
 */
export const DOC_ACCESS: Readonly<Record<DocName, Partial<Record<Role, DocAccess>>>> = {
  board: {
    interviewer: { write: true, presence: true },
    candidate: { write: true, presence: true },
    reviewer: { write: false, presence: false },
  },
  panel: {
    interviewer: { write: true, presence: true },
    reviewer: { write: false, presence: false },
  },
}
