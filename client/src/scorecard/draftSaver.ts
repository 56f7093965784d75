/** Where a draft stands: `saved` on the server, `pending` waiting out the pause, `saving`, or `error`. */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

/** The saver's state, with the failure of the last save when it is `error`. */
export interface SaveStatus {
  state: SaveState
  error: unknown
}

export interface DraftSaverOptions<T> {
  /** Sends one version of the draft; a rejection leaves it unsaved (retried on the next change or flush). */
  save(draft: T): Promise<unknown>
  /** How long typing must pause before a save, in ms. */
  delayMs: number
  onStatus(status: SaveStatus): void
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export interface DraftSaver<T> {
  /** Takes a new version of the draft; it is saved once changes pause for `delayMs`. */
  change(draft: T): void
  /** Saves what is unsaved now, and resolves once nothing is unsaved or in flight. */
  flush(): Promise<void>
  /** Forgets what is unsaved and resolves once no save is in flight (before a submit). */
  cancel(): Promise<void>
}

/**
 * Saves a draft as it is typed: debounced, one save in flight at a time, always the latest
 * version last, so a slow answer never overwrites a newer draft with an older one.
 */
export function createDraftSaver<T>(options: DraftSaverOptions<T>): DraftSaver<T> {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
  let unsaved: { draft: T } | null = null
  let timer: unknown = null
  let running: Promise<void> | null = null
  let failed = false

  const report = (state: SaveState, error: unknown = null) => options.onStatus({ state, error })
  const stopTimer = () => {
    if (timer !== null) clearTimer(timer)
    timer = null
  }

  async function drain(): Promise<void> {
    // A change while a save is in flight waits out its own pause (timer set), then joins here.
    while (unsaved !== null && timer === null) {
      const { draft } = unsaved
      unsaved = null
      report('saving')
      try {
        await options.save(draft)
      } catch (error) {
        unsaved ??= { draft }
        failed = true
        report('error', error)
        return
      }
    }
    failed = false
    report(unsaved === null ? 'saved' : 'pending')
  }

  function start(): Promise<void> {
    running ??= drain().finally(() => {
      running = null
    })
    return running
  }

  return {
    change(draft) {
      unsaved = { draft }
      stopTimer()
      timer = setTimer(() => {
        timer = null
        void start()
      }, options.delayMs)
      // While a save is in flight the state stays `saving`; it turns `pending` when that ends.
      if (!running) report('pending')
    },
    async flush() {
      while (unsaved !== null || running) {
        stopTimer()
        await start()
        if (failed) return
      }
    },
    async cancel() {
      stopTimer()
      unsaved = null
      while (running) await running
    },
  }
}
