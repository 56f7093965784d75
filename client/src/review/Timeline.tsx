import type { Note, SessionReport } from '@tradeoff/shared'
import { type KeyboardEvent, memo, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { dimensionColor, dimensionShortLabel } from '../notes/dimensions'
import { signalInfo } from '../notes/signals'
import { formatClock } from '../session/clock'
import { PLAYBACK_SPEEDS, type ReviewStore } from './reviewStore'
import { eventTicks, phaseBands, timelineFraction } from './timeline'
import { usePlayback } from './usePlayback'

interface TimelineProps {
  report: SessionReport
  /** In time order. */
  notes: readonly Note[]
  store: ReviewStore
}

/**
 * The recording's timeline, from 0 to its end: phases as bands, notes as markers coloured by
 * rubric dimension, joins, leaves and hints as ticks, a scrubber the board follows while it is
 * dragged, and playback at 1× to 16×.
 */
export function Timeline({ report, notes, store }: TimelineProps) {
  usePlayback(store)
  const total = report.session.endedAt
  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <PlaybackControls store={store} />
      <div className="timeline-body">
        <Markers report={report} notes={notes} store={store} total={total} />
        <Scrubber store={store} />
      </div>
    </section>
  )
}

function PlaybackControls({ store }: { store: ReviewStore }) {
  const playing = useStore(store, (s) => s.playing)
  const speed = useStore(store, (s) => s.speed)
  const total = useStore(store, (s) => s.total)
  const { play, pause, setSpeed } = store.getState()
  return (
    <div className="timeline-controls">
      {playing ? (
        <button type="button" className="play-button" onClick={pause} data-testid="pause">
          <span aria-hidden="true">❚❚</span> Pause
        </button>
      ) : (
        <button
          type="button"
          className="play-button"
          onClick={play}
          disabled={total === 0}
          data-testid="play"
        >
          <span aria-hidden="true">▶</span> Play
        </button>
      )}
      <fieldset className="speed-group">
        <legend className="visually-hidden">Playback speed</legend>
        {PLAYBACK_SPEEDS.map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={speed === value}
            onClick={() => setSpeed(value)}
            data-testid={`speed-${value}`}
          >
            {value}×
          </button>
        ))}
      </fieldset>
      <TimeReadout store={store} />
    </div>
  )
}

function TimeReadout({ store }: { store: ReviewStore }) {
  const seconds = useStore(store, (s) => Math.floor(s.t / 1000))
  const total = useStore(store, (s) => s.total)
  return (
    <output className="review-time" data-testid="review-time" aria-live="off">
      {formatClock(seconds * 1000)} <span className="muted">/ {formatClock(total)}</span>
    </output>
  )
}

/** Keys the scrubber handles itself: the native range steps by 1 ms, far too fine for a round. */
const KEY_STEPS: Record<string, (t: number, total: number, big: boolean) => number> = {
  ArrowLeft: (t, _total, big) => t - (big ? 10_000 : 1000),
  ArrowDown: (t, _total, big) => t - (big ? 10_000 : 1000),
  ArrowRight: (t, _total, big) => t + (big ? 10_000 : 1000),
  ArrowUp: (t, _total, big) => t + (big ? 10_000 : 1000),
  PageDown: (t) => t - 60_000,
  PageUp: (t) => t + 60_000,
  Home: () => 0,
  End: (_t, total) => total,
}

function Scrubber({ store }: { store: ReviewStore }) {
  const t = useStore(store, (s) => Math.round(s.t))
  const total = useStore(store, (s) => s.total)
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = KEY_STEPS[event.key]
    if (!step) return
    event.preventDefault()
    store.getState().pause()
    store.getState().seek(step(store.getState().t, total, event.shiftKey))
  }
  return (
    <input
      type="range"
      className="scrubber"
      min={0}
      max={total}
      step={1}
      value={t}
      disabled={total === 0}
      aria-label="Time in the recording"
      aria-valuetext={`${formatClock(t)} of ${formatClock(total)}`}
      onChange={(event) => store.getState().seek(Number(event.target.value))}
      onPointerDown={() => store.getState().pause()}
      onKeyDown={onKeyDown}
      data-testid="scrubber"
    />
  )
}

interface MarkersProps {
  report: SessionReport
  notes: readonly Note[]
  store: ReviewStore
  total: number
}

/** The marks over the scrubber. They change only with the report, so playback does not redraw them. */
const Markers = memo(function Markers({ report, notes, store, total }: MarkersProps) {
  const left = (at: number) => `${timelineFraction(at, total) * 100}%`
  const bands = phaseBands(report.phases, total)
  const ticks = eventTicks(report.events)
  return (
    <div className="timeline-track">
      <Lane className="timeline-phases">
        {bands.map((band) => (
          <div
            key={band.index}
            className={`phase-band phase-band-${band.index % 2}`}
            style={{ left: left(band.start), width: `calc(${left(band.end)} - ${left(band.start)})` }}
            title={`${band.name} · from ${formatClock(band.start)}`}
          >
            <span>{band.name}</span>
          </div>
        ))}
      </Lane>
      <Lane className="timeline-notes">
        {notes.map((note) => (
          <button
            key={note.id}
            type="button"
            className="timeline-note"
            style={{ left: left(note.at), background: dimensionColor(note.dimension) }}
            title={`${formatClock(note.at)} · ${note.author} · ${dimensionShortLabel(note.dimension)}: ${note.text}`}
            aria-label={`Note at ${formatClock(note.at)} by ${note.author}: ${dimensionShortLabel(note.dimension)}, ${signalInfo(note.signal).label}`}
            onClick={() => store.getState().jumpToNote(note)}
            data-testid="timeline-note"
            data-note-id={note.id}
            data-at={note.at}
          >
            <span aria-hidden="true">{signalInfo(note.signal).symbol}</span>
          </button>
        ))}
      </Lane>
      <Lane className="timeline-events">
        {ticks.map((tick, i) => (
          <span
            // Two people can join in the same millisecond: the position in the list tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            className={`event-tick event-${tick.kind}`}
            style={{ left: left(tick.at) }}
            title={`${formatClock(tick.at)} · ${tick.label}`}
          />
        ))}
      </Lane>
      <Cursor store={store} total={total} />
    </div>
  )
})

function Lane({ className, children }: { className: string; children: ReactNode }) {
  return <div className={`timeline-lane ${className}`}>{children}</div>
}

function Cursor({ store, total }: { store: ReviewStore; total: number }) {
  const fraction = useStore(store, (s) => timelineFraction(s.t, total))
  return <div className="timeline-cursor" style={{ left: `${fraction * 100}%` }} aria-hidden="true" />
}
