import type { Note, ReportPhase, SessionEvent } from '@tradeoff/shared'

/** Where a moment sits on a timeline of `total` ms, from 0 to 1 (clamped). */
export function timelineFraction(at: number, total: number): number {
  if (!(total > 0)) return 0
  return Math.min(1, Math.max(0, at / total))
}

/** A phase as a band on the timeline: from its start to the next phase's start (or the end). */
export interface PhaseBand {
  name: string
  /** The phase's position in the plan, from 0. */
  index: number
  start: number
  end: number
}

/**
 * The phases that happened, as consecutive bands in time order. Phases that never started are
 * left out; a band ends where the next one starts, the last one at `total`.
 */
export function phaseBands(phases: readonly ReportPhase[], total: number): PhaseBand[] {
  const started = phases
    .map((phase, index) => ({ name: phase.name, index, start: phase.startedAt }))
    .filter((phase): phase is { name: string; index: number; start: number } => phase.start !== null)
    .sort((a, b) => a.start - b.start || a.index - b.index)
  return started.map((phase, i) => ({
    ...phase,
    end: Math.max(phase.start, started[i + 1]?.start ?? total),
  }))
}

/** A small mark on the timeline for someone joining or leaving, or a hint being revealed. */
export interface EventTick {
  at: number
  kind: 'join' | 'leave' | 'hint'
  /** What a tooltip says: `Cam joined`. */
  label: string
}

/** The joins, leaves and revealed hints of a session, as ticks in time order. */
export function eventTicks(events: readonly SessionEvent[]): EventTick[] {
  const ticks: EventTick[] = []
  for (const event of events) {
    if (event.kind === 'join' || event.kind === 'leave') {
      const verb = event.kind === 'join' ? 'joined' : 'left'
      ticks.push({
        at: event.at,
        kind: event.kind,
        label: event.name ? `${event.name} ${verb}` : event.detail,
      })
    } else if (event.kind === 'hint') {
      ticks.push({ at: event.at, kind: 'hint', label: `Hint revealed: ${event.detail}` })
    }
  }
  return ticks.sort((a, b) => a.at - b.at)
}

/** Notes in time order (ties by id), as the review lists them. */
export function sortNotes(notes: readonly Note[]): Note[] {
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
