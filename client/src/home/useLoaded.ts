import { useEffect, useState } from 'react'
import { ApiError } from '../api/apiClient'

/** The state of something loaded from the API. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; value: T }

/**
 * Runs `load` when `key` changes and tracks its result; an answer to an older key is dropped.
 * `load` receives an AbortSignal that fires when the key changes or the component goes.
 */
export function useLoaded<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): Loaded<T> | null {
  const [result, setResult] = useState<{ key: string; loaded: Loaded<T> } | null>(null)
  // `load` is a fresh closure each render; the key says when it means something new.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by `key` on purpose
  useEffect(() => {
    if (key === null) return
    const abort = new AbortController()
    setResult({ key, loaded: { status: 'loading' } })
    load(abort.signal).then(
      (value) => {
        if (!abort.signal.aborted) setResult({ key, loaded: { status: 'ready', value } })
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return
        const error = failure instanceof ApiError ? failure : new ApiError(0, 'unknown', String(failure))
        setResult({ key, loaded: { status: 'error', error } })
      },
    )
    return () => abort.abort()
  }, [key])
  if (key === null) return null
  return result?.key === key ? result.loaded : { status: 'loading' }
}
