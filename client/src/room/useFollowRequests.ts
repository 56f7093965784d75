import { useEffect, useRef, useState } from 'react'
import type { Editor, TLUserId } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { type ActiveFollowRequest, readFollowRequests } from '../sync/presence'

/**
 * Honours interviewers' "follow me" requests (see `FollowRequest`): each new request makes this
 * editor follow the interviewer's viewport once; withdrawing it stops the following it started.
 * The person may stop following at any time, and is not pulled back until a new request comes.
 * Returns the request being followed, if any.
 */
export function useFollowRequests(
  editor: Editor,
  awareness: Awareness,
  enabled: boolean,
): ActiveFollowRequest | null {
  const handled = useRef(new Set<string>())
  const leading = useRef<ActiveFollowRequest | null>(null)
  const [leader, setLeader] = useState<ActiveFollowRequest | null>(null)

  useEffect(() => {
    if (!enabled) return
    const update = () => {
      const requests = readFollowRequests(awareness)
      const current = leading.current
      if (current && !requests.some((request) => request.id === current.id)) {
        if (editor.getInstanceState().followingUserId === current.userId) editor.stopFollowingUser()
        leading.current = null
      }
      for (const request of requests) {
        if (handled.current.has(request.id)) continue
        handled.current.add(request.id)
        editor.startFollowingUser(request.userId as TLUserId)
        leading.current = request
      }
      setLeader(leading.current)
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [editor, awareness, enabled])

  return leader
}
