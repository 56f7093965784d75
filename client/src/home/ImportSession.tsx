import { type CreatedSession, EXPORT_FORMAT, EXPORT_VERSION } from '@tradeoff/shared'
import { type ChangeEvent, useId, useState } from 'react'
import { ApiError } from '../api/apiClient'
import { importSessionFile } from '../api/recording'
import '../review/review.css'
import { SessionLinks } from './SessionLinks'

/** What the home page keeps of an imported session. */
export interface ImportedSession {
  created: CreatedSession
  title: string
  promptTitle: string
}

interface ImportSessionProps {
  adminToken: string | null
  onImported: (imported: ImportedSession) => void
  /** The server wants an admin token (401). */
  onUnauthorized: () => void
}

/**
 * Imports a session file exported from a Tradeoff server (the review screen's "Export session
 * file"): it becomes a new session here, with new links, kept under "Your sessions".
 */
export function ImportSession({ adminToken, onImported, onUnauthorized }: ImportSessionProps) {
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [imported, setImported] = useState<ImportedSession | null>(null)

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target
    const file = input.files?.[0]
    if (!file) return
    setBusy(true)
    setError(null)
    setImported(null)
    try {
      const text = await file.text()
      const about = describeFile(text)
      if ('problem' in about) {
        setError(`“${file.name}” cannot be imported: ${about.problem}`)
        return
      }
      const created = await importSessionFile(text, { token: adminToken })
      const result = { created, title: about.title, promptTitle: about.promptTitle }
      setImported(result)
      onImported(result)
    } catch (failure) {
      setError(importError(failure))
      if (failure instanceof ApiError && failure.status === 401) onUnauthorized()
    } finally {
      setBusy(false)
      // Choosing the same file again (after entering the admin token, say) fires a change again.
      input.value = ''
    }
  }

  return (
    <section className="import-session card" aria-labelledby={`${id}-title`} data-testid="import-session">
      <div className="import-session-row">
        <div>
          <h2 id={`${id}-title`}>Import a session file</h2>
          <p className="muted">
            A file saved with “Export session file” on a review screen, from this server or another. It
            becomes a new session here, with new links.
          </p>
        </div>
        <label className="field">
          <span>Session file (.json)</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => void onFile(event)}
            disabled={busy}
            data-testid="import-file"
          />
        </label>
      </div>
      {busy ? <p className="muted">Importing…</p> : null}
      {error ? (
        <p role="alert" className="error-text" data-testid="import-error">
          {error}
        </p>
      ) : null}
      {imported ? (
        <div className="import-result" data-testid="import-result">
          <h3>“{imported.title}” is imported</h3>
          <p className="muted">
            These are its new links; the old ones do not open it. It is kept under “Your sessions”.
          </p>
          <SessionLinks links={imported.created.links} testIds={false} />
        </div>
      ) : null}
    </section>
  )
}

/** The title and prompt of an export file, or why it is not one. The server checks the rest. */
function describeFile(text: string): { title: string; promptTitle: string } | { problem: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { problem: 'it is not a JSON file.' }
  }
  const file = parsed as {
    format?: unknown
    version?: unknown
    session?: { title?: unknown; prompt?: { title?: unknown } }
  }
  if (typeof parsed !== 'object' || parsed === null || file.format !== EXPORT_FORMAT) {
    return { problem: 'it is not a Tradeoff session file.' }
  }
  if (file.version !== EXPORT_VERSION) {
    return {
      problem: `it was written in version ${String(file.version)} of the file layout, and this server reads version ${EXPORT_VERSION}.`,
    }
  }
  const title = typeof file.session?.title === 'string' ? file.session.title : 'Imported session'
  const promptTitle = typeof file.session?.prompt?.title === 'string' ? file.session.prompt.title : title
  return { title, promptTitle }
}

function importError(failure: unknown): string {
  if (!(failure instanceof ApiError)) return `The file could not be read: ${String(failure)}`
  if (failure.status === 401)
    return 'This server needs its admin token to import: enter it above, then choose the file again.'
  if (failure.status === 400) return `The server refused this file: ${failure.message}`
  if (failure.status === 413) return 'This file is larger than the server accepts.'
  return failure.message
}
