import type { CreatedSession, Role } from '@tradeoff/shared'

/** A session made through the API for a test, with its tokens by role. */
export interface TestSession {
  id: string
  created: CreatedSession
  /** The token of the first participant with this role. */
  token(role: Role): string
}

/** Creates a session with `POST /api/sessions` on a running server. */
export async function newSession(
  httpUrl: string,
  body: Record<string, unknown> = {
    promptId: 'messaging-app',
    interviewers: ['Ivy', 'Ian'],
    candidate: 'Cam',
  },
  headers: Record<string, string> = {},
): Promise<TestSession> {
  const response = await fetch(`${httpUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (response.status !== 201)
    throw new Error(`creating a session failed: ${response.status} ${await response.text()}`)
  const created = (await response.json()) as CreatedSession
  return {
    id: created.id,
    created,
    token(role) {
      const link = created.links.find((l) => l.role === role)
      if (!link) throw new Error(`no ${role} link`)
      return link.token
    },
  }
}

/** The sync URL of a session document, with the token of `role`. */
export function syncUrl(
  wsUrl: string,
  session: TestSession,
  role: Role = 'interviewer',
  doc = 'board',
): string {
  return `${wsUrl}/sync/${session.id}/${doc}?token=${session.token(role)}`
}
