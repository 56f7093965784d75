import type { CreatedSession, SessionLink } from '@tradeoff/shared'

/** A session created in this browser, remembered so the interviewer can reopen it from home. */
export interface MySession {
  id: string
  title: string
  promptTitle: string
  /** When it was created here, ms since the epoch. */
  createdAt: number
  links: SessionLink[]
}

/** The localStorage key of the list. */
export const MY_SESSIONS_KEY = 'tradeoff.mySessions'

/** How many are kept; the oldest go first. */
export const MAX_MY_SESSIONS = 50

/** The sessions created in this browser, newest first. A damaged entry is skipped, never thrown. */
export function loadMySessions(storage: Pick<Storage, 'getItem'>): MySession[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(storage.getItem(MY_SESSIONS_KEY) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  return parsed.filter(isMySession).sort((a, b) => b.createdAt - a.createdAt)
}

/** Remembers a newly created session; returns the updated list. */
export function rememberSession(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  created: CreatedSession,
  details: { title: string; promptTitle: string; createdAt: number },
): MySession[] {
  const entry: MySession = { id: created.id, links: created.links, ...details }
  const others = loadMySessions(storage).filter((session) => session.id !== created.id)
  return save(storage, [entry, ...others].slice(0, MAX_MY_SESSIONS))
}

/** Forgets a session in this browser (the session itself stays on the server); returns the list. */
export function forgetSession(storage: Pick<Storage, 'getItem' | 'setItem'>, id: string): MySession[] {
  return save(
    storage,
    loadMySessions(storage).filter((session) => session.id !== id),
  )
}

function save(storage: Pick<Storage, 'setItem'>, sessions: MySession[]): MySession[] {
  try {
    storage.setItem(MY_SESSIONS_KEY, JSON.stringify(sessions))
  } catch {
    // Storage full or disabled: the list still shows for this visit.
  }
  return sessions
}

function isMySession(value: unknown): value is MySession {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.promptTitle === 'string' &&
    typeof v.createdAt === 'number' &&
    Array.isArray(v.links) &&
    v.links.every(isLink)
  )
}

function isLink(value: unknown): value is SessionLink {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    (v.role === 'interviewer' || v.role === 'candidate' || v.role === 'reviewer') &&
    typeof v.name === 'string' &&
    typeof v.token === 'string' &&
    typeof v.url === 'string'
  )
}
