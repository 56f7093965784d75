/** What a LatestOnlyLoader is told to do with each moment it loads. */
export interface LatestOnlyOptions<T> {
  /** Loads the value at `at`; `signal` fires when the loader is disposed. */
  load: (at: number, signal: AbortSignal) => Promise<T>
  /** Shows a loaded value. Called in the order the loads were started, never for a disposed loader. */
  apply: (at: number, value: T) => void
  /** A load failed; the loader tries that moment again only when it is asked for it again. */
  onError?: (at: number, error: unknown) => void
}

/** Loads values by moment with at most one request in flight, skipping every moment that went stale. */
export interface LatestOnlyLoader {
  /**
   * Asks for the value at `at`. Nothing is queued: while a load is in flight only the newest
   * moment asked for is remembered, and it is loaded when the current one returns (if it still
   * differs from what is shown).
   */
  request(at: number): void
  /** Records that the value at `at` is already shown (loaded some other way). */
  markApplied(at: number): void
  /** The moment whose value is shown, or null before the first. */
  appliedAt(): number | null
  /** Whether a load is in flight. */
  busy(): boolean
  /** Stops: the load in flight is aborted and nothing more is applied. */
  dispose(): void
}

/**
 * The review canvas's board follower: while the scrubber is dragged or playback runs, the board
 * follows with one `/board` request at a time, always for the newest position.
 */
export function createLatestOnlyLoader<T>(options: LatestOnlyOptions<T>): LatestOnlyLoader {
  const abort = new AbortController()
  let applied: number | null = null
  let inFlight: number | null = null
  let wanted: number | null = null
  let failed: number | null = null

  const start = (at: number) => {
    inFlight = at
    options
      .load(at, abort.signal)
      .then(
        (value) => {
          if (abort.signal.aborted) return
          applied = at
          failed = null
          options.apply(at, value)
        },
        (error: unknown) => {
          if (abort.signal.aborted) return
          failed = at
          options.onError?.(at, error)
        },
      )
      .finally(() => {
        inFlight = null
        if (abort.signal.aborted || wanted === null) return
        if (wanted !== applied && wanted !== failed) start(wanted)
      })
  }

  return {
    request(at) {
      if (abort.signal.aborted) return
      wanted = at
      if (inFlight !== null) return
      if (at === applied) return
      failed = null
      start(at)
    },
    markApplied(at) {
      applied = at
      if (inFlight === null) wanted = at
    },
    appliedAt: () => applied,
    busy: () => inFlight !== null,
    dispose() {
      abort.abort()
    },
  }
}
