import {
  atom,
  createPresenceStateDerivation,
  createUserId,
  InstancePresenceRecordType,
  react,
  type TLInstancePresence,
  type TLStore,
  UserRecordType,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** Who the local person is, as shown on their cursor. */
export interface PresenceUser {
  id: string
  name: string
  color: string
  /** The session role (interviewer, candidate), shown to the others in the people list. */
  role?: string
}

/** The `user` field every client publishes in its awareness state. */
export interface AwarenessUser {
  name: string
  color: string
  role?: string
}

/**
 * Shares the local cursor, selection, camera and laser through Yjs awareness, and shows everyone
 * else's as tldraw presence records, so tldraw's own collaborator UI (cursors, names, follow,
 * laser) works unchanged. Each remote record's id comes from its sender's awareness client id,
 * so nobody can move another person's cursor.
 */
export function bindPresence(store: TLStore, awareness: Awareness, user: PresenceUser): () => void {
  const $user = atom(
    'presence user',
    UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color }),
  )
  const $presence = createPresenceStateDerivation($user, {
    instanceId: InstancePresenceRecordType.createId(String(awareness.clientID)),
  })(store)

  const awarenessUser: AwarenessUser = { name: user.name, color: user.color, role: user.role }
  awareness.setLocalStateField('user', awarenessUser)
  const stopPublishing = react('publish presence', () => {
    const presence = $presence.get()
    awareness.setLocalStateField('presence', presence)
  })

  const shown = new Set<TLInstancePresence['id']>()
  const onChange = () => {
    const next = new Map<TLInstancePresence['id'], TLInstancePresence>()
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID || !state?.presence) continue
      const id = InstancePresenceRecordType.createId(String(clientId))
      try {
        const record = { ...(state.presence as TLInstancePresence), id }
        next.set(id, store.schema.validateRecord(store, record, 'updateRecord', null) as TLInstancePresence)
      } catch {
        // A malformed presence from one peer must not hide everyone else's cursor.
      }
    }
    const gone = [...shown].filter((id) => !next.has(id))
    store.mergeRemoteChanges(() => {
      if (gone.length > 0) store.remove(gone)
      if (next.size > 0) store.put([...next.values()])
    })
    shown.clear()
    for (const id of next.keys()) shown.add(id)
  }
  awareness.on('change', onChange)

  return () => {
    stopPublishing()
    awareness.off('change', onChange)
    awareness.setLocalState(null)
    store.mergeRemoteChanges(() => store.remove([...shown]))
  }
}

/**
 * An interviewer's request that everyone follow their viewport (while sketching a hint), kept in
 * their awareness state as `followRequest`. The server vouches for `user.role` in every relayed
 * state, so clients honour requests from interviewers only. A new `id` asks again.
 */
export interface FollowRequest {
  id: string
}

/** Asks everyone to follow this person (a fresh request), or withdraws the request with null. */
export function setFollowRequest(awareness: Awareness, request: FollowRequest | null): void {
  awareness.setLocalStateField('followRequest', request)
}

/** A follow request someone else is making, with the tldraw user id to follow. */
export interface ActiveFollowRequest {
  clientId: number
  name: string
  userId: string
  id: string
}

/**
 * The follow requests made by interviewers other than this client, read from awareness. A state
 * whose role is not interviewer, or that has no presence to follow, makes none.
 */
export function readFollowRequests(awareness: Awareness): ActiveFollowRequest[] {
  const requests: ActiveFollowRequest[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID || !state) continue
    const { user, presence, followRequest } = state as {
      user?: Partial<AwarenessUser>
      presence?: { userId?: unknown }
      followRequest?: { id?: unknown } | null
    }
    if (user?.role !== 'interviewer' || typeof followRequest?.id !== 'string') continue
    if (typeof presence?.userId !== 'string') continue
    requests.push({ clientId, name: String(user.name ?? ''), userId: presence.userId, id: followRequest.id })
  }
  return requests
}

/** The tldraw user id a client's presence follows by, from its awareness state, if it has one. */
export function presenceUserId(awareness: Awareness, clientId: number): string | null {
  const state = awareness.getStates().get(clientId) as { presence?: { userId?: unknown } } | undefined
  const userId = state?.presence?.userId
  return typeof userId === 'string' ? userId : null
}
