import type { CreatedSession, CreateSessionBody, SessionControlBody, SessionView } from '@tradeoff/shared'
import { type ApiOptions, apiGet, apiPost } from './apiClient'

/** A session view with the local times the request was sent and answered, for clock alignment. */
export interface TimedSessionView {
  view: SessionView
  /** `Date.now()` just before the request left, in ms. */
  sentAt: number
  /** `Date.now()` when the answer had been read, in ms. */
  receivedAt: number
}

/** The action names of `POST /api/sessions/:id/control`. */
export type SessionAction = SessionControlBody['action']

/** `POST /api/sessions`: creates a session; `options.token` is the admin token, if the server needs one. */
export function createSession(body: CreateSessionBody, options?: ApiOptions): Promise<CreatedSession> {
  return apiPost<CreatedSession>('/api/sessions', body, options)
}

/** `GET /api/sessions/:id` with the participant's token: the view their role may see, timed. */
export async function getSessionView(
  sessionId: string,
  token: string,
  options: Omit<ApiOptions, 'token'> & { now?: () => number } = {},
): Promise<TimedSessionView> {
  const now = options.now ?? Date.now
  const sentAt = now()
  const view = await apiGet<SessionView>(sessionPath(sessionId), { ...options, token })
  return { view, sentAt, receivedAt: now() }
}

/** `POST /api/sessions/:id/control` with an interviewer's token; answers the updated view, timed. */
export async function controlSession(
  sessionId: string,
  token: string,
  action: SessionAction,
  options: Omit<ApiOptions, 'token'> & { now?: () => number } = {},
): Promise<TimedSessionView> {
  const now = options.now ?? Date.now
  const sentAt = now()
  const body: SessionControlBody = { action }
  const view = await apiPost<SessionView>(`${sessionPath(sessionId)}/control`, body, { ...options, token })
  return { view, sentAt, receivedAt: now() }
}

function sessionPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}`
}
