import { formatClock } from '../session/clock'
import { useAppStore } from '../state/useAppStore'
import { asDimensionId } from './dimensions'
import { usePanel } from './panelContext'
import { markAsked, unmarkAsked } from './panelDoc'

interface FollowUpActionsProps {
  /** The follow-up's index in the prompt's `followUps`: its key in the `asked` map. */
  index: number
  question: string
  dimension: string
}

/**
 * Under a follow-up question in a live session: a tick for "asked" (shared with the other
 * interviewers; only whoever ticked it can untick it) and a button that puts the question in
 * the note box with its dimension chosen, so the answer can be noted at once. Nothing outside a
 * session's panel (the home page's prompt reader).
 */
export function FollowUpActions({ index, question, dimension }: FollowUpActionsProps) {
  const panel = usePanel()
  const requestNoteBox = useAppStore((s) => s.requestNoteBox)
  if (!panel || index < 0) return null
  const mark = panel.asked.get(index)
  const mine = mark?.by === panel.me
  const canToggle = panel.canWrite && (mark === undefined || mine)

  return (
    <div className="follow-up-actions">
      <label className={mark ? 'follow-up-asked checked' : 'follow-up-asked'}>
        <input
          type="checkbox"
          data-testid={`followup-asked-${index}`}
          checked={mark !== undefined}
          disabled={!canToggle}
          onChange={(event) => {
            if (event.target.checked) markAsked(panel.doc, index, { by: panel.me, at: panel.nowAt() })
            else unmarkAsked(panel.doc, index, panel.me)
          }}
        />
        {mark ? `Asked · ${mine ? 'you' : mark.by} · ${formatClock(mark.at)}` : 'Asked'}
      </label>
      {panel.canWrite ? (
        <button
          type="button"
          className="link-button"
          data-testid={`followup-to-note-${index}`}
          title="Put this question in the note box, with its dimension"
          onClick={() =>
            requestNoteBox({
              text: `${question} → `,
              dimension: asDimensionId(dimension),
              followUpIndex: index,
            })
          }
        >
          Note the answer
        </button>
      ) : null}
    </div>
  )
}
