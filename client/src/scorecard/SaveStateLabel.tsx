import type { SaveStatus } from './draftSaver'

interface SaveStateLabelProps {
  status: SaveStatus
  /** Whether the server holds a draft already (else "saved" means nothing was typed yet). */
  hasDraft: boolean
  onRetry(): void
}

/** Whether the draft is on the server: "Saved", "Saving…", unsaved, or why it failed. */
export function SaveStateLabel({ status, hasDraft, onRetry }: SaveStateLabelProps) {
  const text =
    status.state === 'saving'
      ? 'Saving…'
      : status.state === 'pending'
        ? 'Unsaved changes'
        : status.state === 'error'
          ? `Not saved: ${status.error instanceof Error ? status.error.message : String(status.error)}`
          : hasDraft
            ? 'Saved'
            : 'Draft saves as you go'
  return (
    <output
      className={`scorecard-save-state save-${status.state}`}
      data-testid="scorecard-save-state"
      data-state={status.state}
    >
      {text}
      {status.state === 'error' ? (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </output>
  )
}
