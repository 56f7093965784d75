import {
  type ClockRun,
  formatRoundClock,
  type Note,
  type OnRoundClock,
  roundClockAt,
  type SessionReport,
} from '@tradeoff/shared'
import { type KeyboardEvent, memo, type ReactNode, useLayoutEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { dimensionColor, dimensionShortLabel } from '../notes/dimensions'
import { signalInfo } from '../notes/signals'
import { formatClock } from '../session/clock'
import { PLAYBACK_SPEEDS, type ReviewStore } from './reviewStore'
import { eventTicks, phaseBands, stackMarkers, timelineFraction } from './timeline'
import './timeline.css'
import { usePlayback } from './usePlayback'

interface TimelineProps {
  report: SessionReport
  /** In time order, each with the round clock's reading at its moment. */
  notes: ReadonlyArray<Note & OnRoundClock>
  store: ReviewStore
}

/**
 * The recording's timeline, from 0 to its end: phases as bands, notes as markers coloured by
 * rubric dimension (stacked when they would cover each other), joins, leaves, hints and clock
 * changes as ticks, a scrubber the board follows while it is dragged, and playback at 1× to 16×.
 * The track runs on recorded time; every time shown on it is read on the round's clock.
 */
export function Timeline({ report, notes, store }: TimelineProps) {
  usePlayback(store)
  const total = report.session.endedAt
  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <PlaybackControls store={store} clockRuns={report.clockRuns} />
      <div className="timeline-body">
        <Markers report={report} notes={notes} store={store} total={total} />
        <Scrubber store={store} clockRuns={report.clockRuns} />
      </div>
    </section>
  )
}

function PlaybackControls({ store, clockRuns }: { store: ReviewStore; clockRuns: readonly ClockRun[] }) {
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
      <TimeReadout store={store} clockRuns={clockRuns} />
    </div>
  )
}

/** The moment shown, on the round's clock, and where the clock stood at the end of the recording. */
function TimeReadout({ store, clockRuns }: { store: ReviewStore; clockRuns: readonly ClockRun[] }) {
  const shown = useStore(store, (s) => formatRoundClock(roundClockAt(s.t, clockRuns)))
  const total = useStore(store, (s) => roundClockAt(s.total, clockRuns))
  return (
    <output
      className="review-time"
      data-testid="review-time"
      aria-live="off"
      title="On the round's clock, which counts from Start and stops while paused"
    >
      {shown} <span className="muted">/ {total === null ? 'not started' : formatClock(total)}</span>
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

function Scrubber({ store, clockRuns }: { store: ReviewStore; clockRuns: readonly ClockRun[] }) {
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
      aria-valuetext={`${formatRoundClock(roundClockAt(t, clockRuns))} on the round's clock`}
      onChange={(event) => store.getState().seek(Number(event.target.value))}
      onPointerDown={() => store.getState().pause()}
      onKeyDown={onKeyDown}
      data-testid="scrubber"
    />
  )
}

interface MarkersProps {
  report: SessionReport
  notes: ReadonlyArray<Note & OnRoundClock>
  store: ReviewStore
  total: number
}

/** A note marker's width in px (as drawn by review.css), and a row of markers' height. */
const NOTE_MARKER_PX = 18
const NOTE_ROW_PX = 20

/** The marks over the scrubber. They change only with the report, so playback does not redraw them. */
const Markers = memo(function Markers({ report, notes, store, total }: MarkersProps) {
  const left = (at: number) => `${timelineFraction(at, total) * 100}%`
  const bands = phaseBands(report.phases, total)
  const ticks = eventTicks(report.events)
  const trackRef = useRef<HTMLDivElement>(null)
  const width = useWidth(trackRef)
  const rows = stackMarkers(
    notes.map((note) => note.at),
    total,
    width,
    NOTE_MARKER_PX,
  )
  const rowCount = Math.max(1, ...rows.map((row) => row + 1))
  return (
    <div className="timeline-track" ref={trackRef}>
      <Lane className="timeline-phases">
        {bands.map((band) => {
          const label = `${band.index + 1}. ${band.name}`
          return (
            <div
              key={band.index}
              className={`phase-band phase-band-${band.index % 2}`}
              style={{ left: left(band.start), width: `calc(${left(band.end)} - ${left(band.start)})` }}
              title={`${label} · from ${formatRoundClock(band.clockMs)}`}
              data-testid="phase-band"
            >
              <span className="phase-band-label">
                <span className="phase-band-number">{band.index + 1}</span>
                <span className="phase-band-name">{band.name}</span>
              </span>
            </div>
          )
        })}
      </Lane>
      <Lane className="timeline-notes" height={rowCount * NOTE_ROW_PX + 4}>
        {notes.map((note, index) => (
          <button
            key={note.id}
            type="button"
            className="timeline-note"
            style={{
              left: left(note.at),
              top: 3 + (rows[index] ?? 0) * NOTE_ROW_PX,
              background: dimensionColor(note.dimension),
            }}
            title={`${formatRoundClock(note.clockMs)} · ${note.author} · ${dimensionShortLabel(note.dimension)}: ${note.text}`}
            aria-label={`Note at ${formatRoundClock(note.clockMs)} by ${note.author}: ${dimensionShortLabel(note.dimension)}, ${signalInfo(note.signal).label}`}
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
            title={`${formatRoundClock(tick.clockMs)} · ${tick.label}`}
            data-testid={`event-tick-${tick.kind}`}
          />
        ))}
      </Lane>
      <Cursor store={store} total={total} />
    </div>
  )
})

function Lane({ className, height, children }: { className: string; height?: number; children: ReactNode }) {
  return (
    <div className={`timeline-lane ${className}`} style={height === undefined ? undefined : { height }}>
      {children}
    </div>
  )
}

/** The element's width in px, followed as it changes (0 until measured). */
function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}

function Cursor({ store, total }: { store: ReviewStore; total: number }) {
  const fraction = useStore(store, (s) => timelineFraction(s.t, total))
  return <div className="timeline-cursor" style={{ left: `${fraction * 100}%` }} aria-hidden="true" />
}
