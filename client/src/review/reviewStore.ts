import type { Note } from '@tradeoff/shared'
import { createStore, type StoreApi } from 'zustand/vanilla'

/** The playback speeds offered, as multiples of real time. */
export const PLAYBACK_SPEEDS = [1, 2, 4, 8, 16] as const

/** A playback speed. */
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number]

/** A note whose shapes the canvas should zoom to once it shows the board at the note's time. */
export interface FocusRequest {
  noteId: string
  at: number
  shapeIds: readonly string[]
  /** Distinguishes two clicks on the same note. */
  seq: number
}

/**
 * The review screen's local state: the moment shown, playback, and a pending zoom to a note.
 * Times are ms since the session's creation, from 0 to `total`.
 */
export interface ReviewState {
  total: number
  t: number
  playing: boolean
  speed: PlaybackSpeed
  focus: FocusRequest | null
  /** The moment whose board the canvas shows (it follows `t` one request at a time), or null before the first. */
  shownAt: number | null
  /** Where the canvas gets the board of a moment: the server, or the board's history once it is in. */
  boardSource: 'server' | 'history'
  /** Moves to `t` (clamped), as the scrubber does; a pending zoom to a note is dropped. */
  seek(t: number): void
  /** Stops playback and moves to a note's time; the canvas then zooms to its shapes. */
  jumpToNote(note: Pick<Note, 'id' | 'at' | 'shapeIds'>): void
  /** Plays from here, or from the start when at the end. */
  play(): void
  pause(): void
  setSpeed(speed: PlaybackSpeed): void
  /** Advances playback by `elapsedMs` of real time; stops at the end. */
  tick(elapsedMs: number): void
  /** The zoom to a note was done (or cannot be). */
  clearFocus(): void
  /** The canvas now shows the board at `at`. */
  markShown(at: number): void
  /** The board's history is in: moments are shown from it, without asking the server. */
  markHistoryReady(): void
}

/** The review screen's store, vanilla so tests and non-React code (the canvas follower) use it as is. */
export type ReviewStore = StoreApi<ReviewState>

/** Creates the review state for a recording of `total` ms, starting at `start` (the end by default). */
export function createReviewStore(total: number, start = total): ReviewStore {
  const end = Math.max(0, total)
  const clamp = (t: number) => Math.min(end, Math.max(0, Number.isFinite(t) ? t : 0))
  let seq = 0
  return createStore<ReviewState>()((set, get) => ({
    total: end,
    t: clamp(start),
    playing: false,
    speed: 1,
    focus: null,
    shownAt: null,
    boardSource: 'server',
    seek: (t) => set({ t: clamp(t), focus: null }),
    jumpToNote: (note) =>
      set({
        playing: false,
        t: clamp(note.at),
        focus: { noteId: note.id, at: clamp(note.at), shapeIds: note.shapeIds, seq: ++seq },
      }),
    play: () => {
      if (end === 0) return
      set({ playing: true, t: get().t >= end ? 0 : get().t, focus: null })
    },
    pause: () => set({ playing: false }),
    setSpeed: (speed) => set({ speed }),
    tick: (elapsedMs) => {
      const { playing, t, speed } = get()
      if (!playing || !(elapsedMs > 0)) return
      const next = clamp(t + elapsedMs * speed)
      set(next >= end ? { t: end, playing: false } : { t: next })
    },
    clearFocus: () => set({ focus: null }),
    markShown: (at) => set({ shownAt: at }),
    markHistoryReady: () => set({ boardSource: 'history' }),
  }))
}
