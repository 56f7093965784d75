import type { NoteSignal } from './noteModel'
import { signalInfo } from './signals'

/** A note's signal as a small coloured disc: + strength, − concern, ? to probe. */
export function SignalMark({ signal }: { signal: NoteSignal }) {
  const info = signalInfo(signal)
  return (
    <span className={`signal-mark signal-${info.key}`} title={info.label}>
      <span aria-hidden="true">{info.symbol}</span>
      <span className="visually-hidden">{info.label}</span>
    </span>
  )
}
