import {
  BOARD_MAPS,
  type CreatedSession,
  type CreateSessionBody,
  isSessionId,
  type Prompt,
  type Role,
  SESSION_STATE_KEY,
  type SessionControlBody,
  type SessionEvent,
  type SessionState,
} from '@tradeoff/shared'
import { ApiError } from '../http/errors'
import type { StarterRecord } from '../prompts/starterBoard'
import type { RoomRegistry } from '../sync/RoomRegistry'
import type { SessionRepository, StoredParticipant, StoredSession } from './SessionRepository'
import { applyControl, initialSessionState } from './sessionState'
import { generateSessionId, generateToken, hashToken, isTokenShaped } from './tokens'

/** A participant who proved who they are with their token. */
export interface Authenticated {
  session: StoredSession
  participant: StoredParticipant
}

/**
 * Interview sessions: creating them with one capability link per participant, telling who holds
 * a token, and changing the shared clock and hints. The session state is kept in the database
 * and mirrored into the board document's `session` map, which only the server writes.
 */
export class SessionService {
  constructor(
    private readonly repository: SessionRepository,
    private readonly prompts: ReadonlyMap<string, Prompt>,
    private readonly rooms: RoomRegistry,
    private readonly publicUrl: () => string,
    private readonly now: () => number,
    private readonly record: (
      sessionId: string,
      at: number,
      event: Omit<SessionEvent, 'at'>,
    ) => void | Promise<void> = () => {},
    private readonly starterBoard: (promptId: string) => readonly StarterRecord[] | undefined = () =>
      undefined,
  ) {}

  /**
   * Creates a session from a prompt. The tokens are returned once, here, and stored only hashed.
   * A prompt with a starter board has it written on the session's board before this returns.
   */
  async create(body: CreateSessionBody): Promise<CreatedSession> {
    const prompt = this.prompts.get(body.promptId)
    if (!prompt) throw new ApiError(404, 'unknown_prompt', `no prompt with id "${body.promptId}"`)
    const created = await this.createFrom({
      title: body.title ?? prompt.title,
      createdAt: this.now(),
      prompt,
      state: initialSessionState(),
      participants: [
        ...(body.interviewers ?? ['Interviewer']).map((name) => ({ role: 'interviewer' as const, name })),
        { role: 'candidate', name: body.candidate ?? 'Candidate' },
        { role: 'reviewer', name: 'Reviewer' },
      ],
    })
    const starter = this.starterBoard(prompt.id)
    if (starter) await this.placeStarter(created.id, starter)
    return created
  }

  /**
   * Writes a starter board into a new session's board as one server update, so the recording
   * holds it from the start. The records were checked when the prompts were loaded.
   */
  private async placeStarter(sessionId: string, records: readonly StarterRecord[]): Promise<void> {
    const room = await this.rooms.acquire({ sessionId, doc: 'board' })
    try {
      const map = room.doc.getMap(BOARD_MAPS.records)
      // Copies: the doc keeps what it is given, and the same starter serves every session.
      room.doc.transact(() => {
        for (const record of records) map.set(record.id, structuredClone(record))
      })
      await room.flush()
    } finally {
      this.rooms.release(room)
    }
  }

  /**
   * Stores a session made of the given parts with a new id and a new link for each participant.
   * Used by `create` and by imports, which keep the original creation time and prompt. An import
   * passes `write` to store the session together with the rest of it (logs, events, scorecards)
   * in one transaction (`Storage.importSession`): if it rejects, nothing is stored and the error
   * is rethrown.
   */
  async createFrom(
    parts: {
      title: string
      createdAt: number
      prompt: Prompt
      state: SessionState
      participants: Array<{ role: Role; name: string }>
    },
    write: (session: StoredSession) => Promise<void> = (session) => this.repository.create(session),
  ): Promise<CreatedSession> {
    const id = generateSessionId()
    const links = parts.participants.map(({ role, name }) => {
      const token = generateToken()
      return { role, name, token, url: `${this.publicUrl()}/s/${id}#token=${token}` }
    })
    await write({
      id,
      title: parts.title,
      createdAt: parts.createdAt,
      prompt: parts.prompt,
      state: parts.state,
      participants: links.map(({ role, name, token }) => ({ role, name, tokenHash: hashToken(token) })),
    })
    return { id, links }
  }

  /**
   * Finds who holds `token` in session `id`. Throws ApiError 404 for an unknown (or malformed)
   * session id and 401 for a missing, malformed or wrong token. Nothing malformed reaches the
   * database.
   */
  async authenticate(id: string, token: string | null): Promise<Authenticated> {
    if (!isSessionId(id)) throw new ApiError(404, 'unknown_session', 'no such session')
    const session = await this.repository.get(id)
    if (!session) throw new ApiError(404, 'unknown_session', 'no such session')
    if (!isTokenShaped(token)) throw new ApiError(401, 'bad_token', 'a valid session token is required')
    const participant = await this.repository.findParticipant(id, hashToken(token))
    if (!participant) throw new ApiError(401, 'bad_token', 'a valid session token is required')
    return { session, participant }
  }

  /** Applies an interviewer's control action, stores it, records it and publishes it to the board. */
  async control(
    session: StoredSession,
    by: StoredParticipant,
    action: SessionControlBody['action'],
  ): Promise<SessionState> {
    const at = this.now()
    const state = applyControl(session.state, action, session.prompt, at)
    if (state === session.state) return state
    // A delete may have won the race since the caller authenticated: nothing is recorded then.
    if (!(await this.repository.saveState(session.id, state))) throw gone()
    session.state = state
    await this.record(session.id, at, {
      ...describeControl(action, state, session),
      role: by.role,
      name: by.name,
    })
    await this.publish(session.id, state)
    return state
  }

  /** Writes the state into the board's `session` map, loading the room for it if needed. */
  private async publish(sessionId: string, state: SessionState): Promise<void> {
    const room = await this.rooms.acquire({ sessionId, doc: 'board' })
    try {
      // Loading the room took time: a session deleted meanwhile gets nothing written for it.
      if (!(await this.repository.get(sessionId))) throw gone()
      // From the end of the round on, the board is final: writes from every connection are dropped.
      room.final = state.endedAt !== null
      room.doc.getMap(BOARD_MAPS.session).set(SESSION_STATE_KEY, state)
      await room.flush()
    } finally {
      this.rooms.release(room)
    }
  }
}

function gone(): ApiError {
  return new ApiError(404, 'unknown_session', 'no such session (it was deleted)')
}

function describeControl(
  action: SessionControlBody['action'],
  state: SessionState,
  session: StoredSession,
): Pick<SessionEvent, 'kind' | 'detail'> {
  switch (action) {
    case 'start':
      return { kind: 'start', detail: 'clock started' }
    case 'pause':
      return { kind: 'pause', detail: 'clock paused' }
    case 'nextPhase':
    case 'previousPhase':
      return {
        kind: 'phase',
        detail: session.prompt.phases[state.phaseIndex]?.name ?? `phase ${state.phaseIndex + 1}`,
      }
    case 'end':
      return { kind: 'end', detail: 'round ended' }
    case 'revealHint':
      return { kind: 'hint', detail: `hint ${state.revealedHints.length} revealed` }
  }
}
