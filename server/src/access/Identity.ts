import type { Role } from '@tradeoff/shared'

/** Who is behind a connection, and what they may do on the document they opened. */
export interface Identity {
  role: Role
  /** The participant's name, used as the author of what they write. */
  name: string
  /** Whether their document updates are applied; read-only updates are dropped, not refused. */
  canWrite: boolean
  /** Whether their awareness (cursor, selection) is relayed to others. */
  canShowPresence: boolean
}
