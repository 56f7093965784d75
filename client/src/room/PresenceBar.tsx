import type { Role, SessionView } from '@tradeoff/shared'
import { useEffect, useRef, useState } from 'react'
import { type Editor, type TLUserId, useValue } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { reviewUrl } from '../review/ReviewRecordingLink'
import { type PresenceChange, type RoomPerson, roomPeopleKey, useRoomPeople } from '../session/useRoomPeople'
import type { ConnectionStatus } from '../state/connectionSlice'
import { useAppStore } from '../state/useAppStore'
import { presenceUserId, setFollowRequest } from '../sync/presence'
import { LinkMenu } from './LinkMenu'
import { roleLabel } from './PeopleList'
import { useFollowRequests } from './useFollowRequests'

interface PresenceBarProps {
  view: SessionView
  awareness: Awareness
  editor: Editor
  token: string
  /** Called once this device has forgotten the link. */
  onForget(): void
}

const CONNECTION_WORDS: Record<ConnectionStatus, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  offline: 'offline',
  refused: 'disconnected',
}

/** How long a "joined" or "left" notice stays. */
const CHANGE_NOTICE_MS = 8_000

/**
 * The top of the room: who is here (colour, name, role; this person's own connection), who came
 * and left, and who has not come yet. A click on someone here follows their viewport (again to
 * stop). Interviewers can ask everyone to follow them, and hear when someone joins or leaves.
 * Everyone has their own link at hand: copy it, or forget it on this device; interviewers and
 * reviewers also open the recording's review from here.
 */
export function PresenceBar({ view, awareness, editor, token, onForget }: PresenceBarProps) {
  const selfKey = roomPeopleKey(view.role, view.name)
  const { people, changes, dismiss } = useRoomPeople(awareness, view.guide?.participants ?? [], selfKey)
  const connection = useAppStore((s) => s.connection)
  const myColor = useAppStore((s) => s.userColor)
  const following = useValue('followed user', () => editor.getInstanceState().followingUserId, [editor])
  // Reviewers watch without presence of their own, so tldraw has nobody for them to follow.
  const canFollow = view.role !== 'reviewer'
  const leader = useFollowRequests(editor, awareness, canFollow)
  const isInterviewer = view.role === 'interviewer'

  const toggleFollow = (person: RoomPerson) => {
    const userId = person.clientId === null ? null : presenceUserId(awareness, person.clientId)
    if (!userId) return
    if (following === userId) editor.stopFollowingUser()
    else editor.startFollowingUser(userId as TLUserId)
  }

  return (
    <div className="presence-area">
      <section className="presence-bar" data-testid="presence-bar" aria-label="People in the room">
        <span
          className="person-chip person-me"
          data-testid="person-me"
          data-connection={connection}
          title={`You, ${roleLabel(view.role)}: your connection is ${CONNECTION_WORDS[connection]}`}
        >
          <Avatar name={view.name} color={myColor} connection={connection} />
          <span className="person-text">
            <strong>You</strong>
            <small>{CONNECTION_WORDS[connection]}</small>
          </span>
        </span>
        {people.map((person) => (
          <PersonChip
            key={person.key}
            person={person}
            canFollow={canFollow}
            following={person.clientId !== null && following === presenceUserId(awareness, person.clientId)}
            onFollow={() => toggleFollow(person)}
          />
        ))}
        {isInterviewer ? <FollowMeButton awareness={awareness} /> : null}
        {view.role === 'candidate' ? null : (
          <a
            className="presence-review-link"
            href={reviewUrl(view.id, token)}
            target="_blank"
            rel="noopener noreferrer"
            title="Review the recording in a new tab"
            data-testid="review-recording-link"
          >
            Review ↗
          </a>
        )}
        <LinkMenu sessionId={view.id} token={token} onForget={onForget} />
      </section>
      {leader && following === leader.userId ? (
        <p className="follow-notice" data-testid="follow-notice" role="status">
          Following {leader.name}, who asked everyone to follow.{' '}
          <button type="button" className="link-button" onClick={() => editor.stopFollowingUser()}>
            Stop following
          </button>
        </p>
      ) : null}
      {isInterviewer && changes.length > 0 ? (
        <ul className="presence-changes" aria-live="polite">
          {changes.map((change) => (
            <ChangeNotice key={change.id} change={change} onDone={() => dismiss(change.id)} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function PersonChip({
  person,
  canFollow,
  following,
  onFollow,
}: {
  person: RoomPerson
  canFollow: boolean
  following: boolean
  onFollow(): void
}) {
  const role = person.role ? roleLabel(person.role) : 'Guest'
  const common = {
    'data-testid': 'person',
    'data-name': person.name,
    'data-role': person.role ?? '',
    'data-state': person.state,
  }
  if (person.state !== 'here') {
    const where =
      person.state === 'left'
        ? `left${person.leftAt ? ` at ${new Date(person.leftAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}`
        : 'not here yet'
    return (
      <span
        className={`person-chip person-${person.state}`}
        {...common}
        title={`${person.name}, ${role}: ${where}`}
      >
        <Avatar name={person.name} color={person.color} />
        <span className="person-text">
          <strong>{person.name}</strong>
          <small>{where}</small>
        </span>
      </span>
    )
  }
  const action = following ? 'Stop following' : 'Follow'
  return (
    <button
      type="button"
      className={following ? 'person-chip person-here following' : 'person-chip person-here'}
      {...common}
      aria-pressed={following}
      disabled={!canFollow}
      title={canFollow ? `${action} ${person.name} (${role})` : `${person.name}, ${role}`}
      onClick={onFollow}
    >
      <Avatar name={person.name} color={person.color} />
      <span className="person-text">
        <strong>{person.name}</strong>
        <small>{following ? 'following' : role.toLowerCase()}</small>
      </span>
    </button>
  )
}

function Avatar({ name, color, connection }: { name: string; color: string; connection?: ConnectionStatus }) {
  return (
    <span className="person-avatar" style={{ background: color }} aria-hidden="true">
      {name.trim().charAt(0).toUpperCase() || '?'}
      {connection ? <span className={`person-connection connection-dot-${connection}`} /> : null}
    </span>
  )
}

/** An interviewer's switch: ask everyone to follow my viewport, or let them go. */
function FollowMeButton({ awareness }: { awareness: Awareness }) {
  const [asking, setAsking] = useState(false)
  useEffect(() => {
    setFollowRequest(awareness, asking ? { id: crypto.randomUUID() } : null)
  }, [awareness, asking])
  // Leaving the room withdraws the request with the rest of this person's presence.
  return (
    <button
      type="button"
      className={asking ? 'follow-me asking' : 'follow-me'}
      data-testid="follow-me"
      aria-pressed={asking}
      title={
        asking
          ? 'Everyone follows your view; click to let them go'
          : 'Everyone sees what you see while you sketch'
      }
      onClick={() => setAsking((value) => !value)}
    >
      {asking ? 'Release followers' : 'Ask all to follow'}
    </button>
  )
}

function ChangeNotice({ change, onDone }: { change: PresenceChange; onDone(): void }) {
  const done = useRef(onDone)
  done.current = onDone
  useEffect(() => {
    const timer = setTimeout(() => done.current(), CHANGE_NOTICE_MS)
    return () => clearTimeout(timer)
  }, [])
  const role: Role | null = change.role
  return (
    <li className={`presence-change presence-${change.kind}`} data-testid="presence-change">
      {change.name}
      {role ? ` (${roleLabel(role).toLowerCase()})` : ''} {change.kind}
    </li>
  )
}
