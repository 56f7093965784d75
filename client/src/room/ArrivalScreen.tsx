import type { SessionView } from '@tradeoff/shared'
import type { Awareness } from 'y-protocols/awareness'
import { usePresentPeople } from '../session/usePresentPeople'
import type { ConnectionStatus } from '../state/connectionSlice'
import { useAppStore } from '../state/useAppStore'

const CONNECTION_CHECK: Record<ConnectionStatus, string> = {
  connecting: 'Checking your connection…',
  live: 'Your connection is live: what you draw reaches the interviewers.',
  reconnecting: 'Reconnecting… what you draw is kept and will sync.',
  offline: 'You are offline: check your network. What you draw is kept and will sync.',
  refused: 'The server closed the connection: reload the page.',
}

/**
 * What a candidate sees on arriving before the round has started: whom they are waiting for (and
 * whether they are here yet), that the clock starts when the interviewer starts it, and whether
 * their own connection is live. It sits at the top of the prompt drawer, above the brief to read,
 * and leaves the canvas free to sketch on.
 */
export function ArrivalScreen({ view, awareness }: { view: SessionView; awareness: Awareness }) {
  const present = usePresentPeople(awareness)
  const connection = useAppStore((s) => s.connection)
  const here = (name: string) => present.some((p) => p.role === 'interviewer' && p.name === name)
  const names = view.interviewers.length > 0 ? view.interviewers : ['your interviewer']
  return (
    <section className="arrival" data-testid="arrival" aria-labelledby="arrival-title">
      <h3 id="arrival-title">Welcome, {view.name}</h3>
      <p>The round has not started yet. You are waiting for:</p>
      <ul className="arrival-people">
        {names.map((name) => (
          <li key={name} data-testid="arrival-interviewer" data-here={here(name)}>
            <span className={here(name) ? 'arrival-dot here' : 'arrival-dot'} aria-hidden="true" />
            {name} <span className="muted">{here(name) ? 'is here' : 'has not joined yet'}</span>
          </li>
        ))}
      </ul>
      <p>
        The clock starts when your interviewer starts it. Until then, read the brief below; you can also
        sketch on the board.
      </p>
      <p className={`arrival-check arrival-check-${connection}`} data-testid="arrival-connection">
        <span aria-hidden="true">{connection === 'live' ? '✓' : '…'}</span> {CONNECTION_CHECK[connection]}
      </p>
    </section>
  )
}
