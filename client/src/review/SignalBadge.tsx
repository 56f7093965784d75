import type { Note } from '@tradeoff/shared'
import { signalInfo } from '../notes/signals'

/** A note's signal as a small coloured disc: + strength, − concern, ? to probe, · none. */
export function SignalBadge({ signal }: { signal: Note['signal'] }) {
  const info = signalInfo(signal)
  return (
    <span className={`signal-badge signal-badge-${info.key}`} title={info.label}>
      <span aria-hidden="true">{info.symbol}</span>
      <span className="visually-hidden">{info.label}</span>
    </span>
  )
}
