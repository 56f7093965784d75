import type { ConnectionStatus } from '../state/connectionSlice'
import { useAppStore } from '../state/useAppStore'

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… your edits are kept',
  offline: 'Offline: your edits are kept and will sync',
  refused: 'Disconnected',
}

/** Shows whether the board is live, reconnecting or offline, so nobody draws into the void unaware. */
export function ConnectionBadge() {
  const status = useAppStore((s) => s.connection)
  const refusal = useAppStore((s) => s.refusal)
  return (
    <output
      className={`connection-badge connection-${status}`}
      data-testid="connection-status"
      data-status={status}
    >
      <span className="dot" aria-hidden="true" />
      {LABELS[status]}
      {status === 'refused' && refusal ? `: ${refusal}` : null}
      {status === 'refused' ? (
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          Reload
        </button>
      ) : null}
    </output>
  )
}
