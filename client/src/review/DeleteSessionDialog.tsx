import { useEffect, useRef, useState } from 'react'

interface DeleteSessionDialogProps {
  title: string
  onCancel: () => void
  /** Deletes; a rejection's message is shown in the dialog. */
  onConfirm: () => Promise<void>
}

/** Asks before deleting a session for good, naming it; stays open with the reason if it fails. */
export function DeleteSessionDialog({ title, onCancel, onConfirm }: DeleteSessionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={ref}
      className="review-dialog"
      aria-labelledby="delete-session-title"
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onCancel()
      }}
      data-testid="delete-dialog"
    >
      <h2 id="delete-session-title">Delete “{title}”?</h2>
      <p>
        This deletes the session from the server for everyone: the board and its whole recording, the notes,
        every scorecard, and all of its links. It cannot be undone.
      </p>
      <p className="muted">To keep a copy, export the session file first.</p>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="review-dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="confirm-delete"
        >
          {busy ? 'Deleting…' : 'Delete session'}
        </button>
      </div>
    </dialog>
  )
}
