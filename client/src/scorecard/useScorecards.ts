import type { ScorecardBody, ScorecardsView } from '@tradeoff/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { getScorecards, saveScorecardDraft, submitScorecard } from '../api/scorecards'
import { createDraftSaver, type DraftSaver, type SaveStatus } from './draftSaver'
import { draftFrom, EMPTY_SCORECARD } from './scorecardDraft'

/** How long typing must pause before the draft is saved. */
const SAVE_DELAY_MS = 800
/** How often the scorecards are read again while shown, to see others submit. */
const REFRESH_MS = 15_000

/** The scorecards of a session, this person's draft, and what can be done with them. */
export interface ScorecardsController {
  /** The last answer of the server, or null before the first. */
  view: ScorecardsView | null
  loadError: string | null
  draft: ScorecardBody
  save: SaveStatus
  /** Whether this person's scorecard is submitted (final). */
  submitted: boolean
  submitting: boolean
  submitError: string | null
  /** Changes the draft; it is saved once typing pauses. */
  update(change: Partial<ScorecardBody>): void
  /** Submits the draft, for good. */
  submit(): Promise<void>
  /** Sends the unsaved draft again, after a failed save. */
  retrySave(): void
  reload(): void
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Loads the scorecards once `active` (the dialog is shown) and while active reads them again now
 * and then; keeps this person's draft, saving it as it is typed (PUT, debounced) and submitting
 * it (POST). Unsaved changes are sent when the room closes.
 */
export function useScorecards(sessionId: string, token: string, active: boolean): ScorecardsController {
  const [view, setView] = useState<ScorecardsView | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [draft, setDraft] = useState<ScorecardBody>(EMPTY_SCORECARD)
  const [save, setSave] = useState<SaveStatus>({ state: 'saved', error: null })
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const draftRef = useRef<ScorecardBody>(EMPTY_SCORECARD)
  const loadedRef = useRef(false)

  const load = useCallback(async () => {
    try {
      const next = await getScorecards(sessionId, token)
      setView(next)
      setLoadError(null)
      // The draft comes from the server only at first, or once final: later answers must not
      // overwrite what is being typed.
      if (!loadedRef.current || next.mine?.submittedAt != null) {
        draftRef.current = draftFrom(next.mine)
        setDraft(draftRef.current)
      }
      loadedRef.current = true
    } catch (error) {
      setLoadError(message(error))
    }
  }, [sessionId, token])

  // The saver lives as long as the room; it reads the session and token of the latest render.
  const target = useRef({ sessionId, token })
  target.current = { sessionId, token }
  const [saver] = useState<DraftSaver<ScorecardBody>>(() =>
    createDraftSaver<ScorecardBody>({
      delayMs: SAVE_DELAY_MS,
      save: async (body) => {
        const mine = await saveScorecardDraft(target.current.sessionId, target.current.token, body)
        setView((previous) => (previous ? { ...previous, mine } : previous))
      },
      onStatus: setSave,
    }),
  )
  // Submitted elsewhere (another tab): show the final scorecard instead of a stale draft.
  useEffect(() => {
    if (save.error instanceof ApiError && save.error.status === 409) void load()
  }, [save.error, load])
  useEffect(() => () => void saver.flush(), [saver])

  useEffect(() => {
    if (!active) return
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [active, load])

  const submitted = view?.mine?.submittedAt != null
  const update = useCallback(
    (change: Partial<ScorecardBody>) => {
      if (submitted) return
      draftRef.current = { ...draftRef.current, ...change }
      setDraft(draftRef.current)
      saver.change(draftRef.current)
    },
    [saver, submitted],
  )

  const submit = useCallback(async () => {
    setSubmitting(true)
    setSubmitError(null)
    try {
      await saver.cancel()
      await submitScorecard(sessionId, token, draftRef.current)
      setSave({ state: 'saved', error: null })
    } catch (error) {
      setSubmitError(
        error instanceof ApiError && error.status === 409
          ? 'This scorecard was already submitted.'
          : `Not submitted: ${message(error)}`,
      )
    } finally {
      await load()
      setSubmitting(false)
    }
  }, [saver, sessionId, token, load])

  return {
    view,
    loadError,
    draft,
    save,
    submitted,
    submitting,
    submitError,
    update,
    submit,
    retrySave: () => void saver.flush(),
    reload: () => void load(),
  }
}
