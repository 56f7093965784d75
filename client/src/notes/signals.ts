import type { NoteSignal } from './noteModel'

/** A signal as the notes UI shows it. */
export interface SignalInfo {
  value: Exclude<NoteSignal, ''>
  /** Used in test ids and class names, where `+` and `?` do not fit. */
  key: 'plus' | 'minus' | 'probe'
  label: string
  symbol: string
}

/** The three signals, in the order of their buttons. */
export const SIGNALS: readonly SignalInfo[] = [
  { value: '+', key: 'plus', label: 'Strength', symbol: '+' },
  { value: '-', key: 'minus', label: 'Concern', symbol: '−' },
  { value: '?', key: 'probe', label: 'To probe', symbol: '?' },
]

/** How a signal is shown; `''` (none) has its own neutral look. */
export function signalInfo(signal: NoteSignal): { key: string; label: string; symbol: string } {
  return SIGNALS.find((s) => s.value === signal) ?? { key: 'none', label: 'No signal', symbol: '·' }
}
