import type { Note, OnRoundClock, ReportPhase, SessionEvent } from '@tradeoff/shared'

/** Where a moment sits on a timeline of `total` ms, from 0 to 1 (clamped). */
export function timelineFraction(at: number, total: number): number {
  if (!(total > 0)) return 0
  return Math.min(1, Math.max(0, at / total))
}

/** A phase as a band on the timeline: from its start to the next phase's start (or the end). */
export interface PhaseBand {
  name: string
  /** The round clock's reading when it began (null before start). */
  clockMs: number | null
  /** The phase's position in the plan, from 0. */
  index: number
  start: number
  end: number
}

/**
 * The phases that happened, as consecutive bands in time order. Phases that never started are
 * left out; a band ends where the next one starts, the last one at `total`.
 */
export function phaseBands(
  phases: ReadonlyArray<Pick<ReportPhase, 'name' | 'startedAt'> & Partial<OnRoundClock>>,
  total: number,
): PhaseBand[] {
  const started = phases
    .map((phase, index) => ({
      name: phase.name,
      clockMs: phase.clockMs ?? null,
      index,
      start: phase.startedAt,
    }))
    .filter((phase): phase is Omit<PhaseBand, 'end'> => phase.start !== null)
    .sort((a, b) => a.start - b.start || a.index - b.index)
  return started.map((phase, i) => ({
    ...phase,
    end: Math.max(phase.start, started[i + 1]?.start ?? total),
  }))
}

/**
 * A small mark on the timeline: someone joining or leaving, a hint revealed, the clock started or
 * paused, the round ended.
 */
export interface EventTick {
  at: number
  /** The round clock's reading then (null before start, or when the event does not say). */
  clockMs: number | null
  kind: 'join' | 'leave' | 'hint' | 'start' | 'pause' | 'end'
  /** What a tooltip says: `Cam joined`. */
  label: string
}

const CLOCK_LABELS = { start: 'Clock started', pause: 'Clock paused', end: 'Round ended' } as const

/** The joins, leaves, hints and clock changes of a session, as ticks in time order. */
export function eventTicks(events: ReadonlyArray<SessionEvent & Partial<OnRoundClock>>): EventTick[] {
  const ticks: EventTick[] = []
  for (const event of events) {
    const base = { at: event.at, clockMs: event.clockMs ?? null }
    if (event.kind === 'join' || event.kind === 'leave') {
      const verb = event.kind === 'join' ? 'joined' : 'left'
      ticks.push({ ...base, kind: event.kind, label: event.name ? `${event.name} ${verb}` : event.detail })
    } else if (event.kind === 'hint') {
      ticks.push({ ...base, kind: 'hint', label: `Hint revealed: ${event.detail}` })
    } else if (event.kind === 'start' || event.kind === 'pause' || event.kind === 'end') {
      const by = event.name ? ` by ${event.name}` : ''
      ticks.push({ ...base, kind: event.kind, label: `${CLOCK_LABELS[event.kind]}${by}` })
    }
  }
  return ticks.sort((a, b) => a.at - b.at)
}

/**
 * Rows for markers laid along a track `widthPx` wide, so none covers another: each marker (in
 * time order, `sizePx` wide, centred on its moment) takes the first row whose last marker ends
 * at least `gapPx` before it. Past `maxRows` rows, a marker goes to the row that frees up first.
 */
export function stackMarkers(
  ats: readonly number[],
  total: number,
  widthPx: number,
  sizePx: number,
  maxRows = 3,
  gapPx = 2,
): number[] {
  const rowEnds: number[] = []
  return ats.map((at) => {
    const x = timelineFraction(at, total) * widthPx
    let row = rowEnds.findIndex((end) => end + gapPx <= x - sizePx / 2)
    if (row < 0) {
      if (rowEnds.length < maxRows) row = rowEnds.length
      else row = rowEnds.indexOf(Math.min(...rowEnds))
    }
    rowEnds[row] = x + sizePx / 2
    return row
  })
}

/** Notes in time order (ties by id), as the review lists them. */
export function sortNotes<T extends Note>(notes: readonly T[]): T[] {
  return [...notes].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
}

/**
 * The note being passed at time `t`: the latest one taken at or before `t`. `notes` must be in
 * time order (sortNotes). Null before the first note.
 */
export function currentNoteId(notes: readonly Note[], t: number): string | null {
  let low = 0
  let high = notes.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((notes[middle]?.at ?? 0) <= t) low = middle + 1
    else high = middle
  }
  return notes[low - 1]?.id ?? null
}
