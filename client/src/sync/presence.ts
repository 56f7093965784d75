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
