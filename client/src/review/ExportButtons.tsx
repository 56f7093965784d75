import type { SessionView } from '@tradeoff/shared'
import { useState } from 'react'
import { ApiError } from '../api/apiClient'
import { deleteSession, downloadReport, downloadSessionFile } from '../api/recording'
import { formatClock } from '../session/clock'
import { DeleteSessionDialog } from './DeleteSessionDialog'
import { boardFileName, reportFileName, saveBlob, sessionFileName } from './fileNames'
import type { ReviewBoard } from './reviewBoard'
import type { ReviewStore } from './reviewStore'

interface ExportButtonsProps {
  view: SessionView
  token: string
  /** The canvas's board, once mounted: the SVG and PNG show what is on it now. */
  board: ReviewBoard | null
  store: ReviewStore
  /** The session was deleted on the server. */
  onDeleted: () => void
}

type Job = 'md' | 'json' | 'svg' | 'png' | 'session'

/**
 * Downloads: the report (Markdown, JSON), the board shown now (SVG, PNG) and, for interviewers,
 * the whole session file; and, for interviewers, deleting the session.
 */
export function ExportButtons({ view, token, board, store, onDeleted }: ExportButtonsProps) {
  const [busy, setBusy] = useState<Job | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const sessionId = view.id
  const isInterviewer = view.role === 'interviewer'

  const run = async (job: Job, work: () => Promise<void>) => {
    setBusy(job)
    setMessage(null)
    try {
      await work()
    } catch (failure) {
      const reason =
        failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure)
      setMessage(`The download failed. ${reason}`)
    } finally {
      setBusy(null)
    }
  }

  const report = (format: 'md' | 'json') =>
    run(format, async () =>
      saveBlob(await downloadReport(sessionId, token, format), reportFileName(sessionId, format)),
    )

  const exportBoard = (format: 'svg' | 'png') =>
    run(format, async () => {
      if (!board) return
      const { editor } = board
      const at = store.getState().shownAt ?? store.getState().t
      const ids = board.shapeIdsOnBoard()
      if (ids.length === 0) {
        setMessage(`The board is empty at ${formatClock(at)}: nothing to export.`)
        return
      }
      const options = { background: true, padding: 32 }
      if (format === 'svg') {
        const svg = await editor.getSvgString(ids, options)
        if (!svg) throw new Error('tldraw could not draw this board.')
        saveBlob(new Blob([svg.svg], { type: 'image/svg+xml' }), boardFileName(sessionId, at, 'svg'))
      } else {
        const image = await editor.toImage(ids, { ...options, format: 'png', pixelRatio: 2 })
        saveBlob(image.blob, boardFileName(sessionId, at, 'png'))
      }
    })

  const sessionFile = () =>
    run('session', async () =>
      saveBlob(await downloadSessionFile(sessionId, token), sessionFileName(sessionId)),
    )

  return (
    <div className="review-exports">
      <div className="export-group">
        <span className="export-label">Report</span>
        <button
          type="button"
          onClick={() => void report('md')}
          disabled={busy !== null}
          aria-label="Download the report as Markdown"
          data-testid="export-md"
        >
          Markdown
        </button>
        <button
          type="button"
          onClick={() => void report('json')}
          disabled={busy !== null}
          aria-label="Download the report as JSON"
          data-testid="export-json"
        >
          JSON
        </button>
      </div>
      <div className="export-group">
        <span className="export-label">Board</span>
        <button
          type="button"
          onClick={() => void exportBoard('svg')}
          disabled={busy !== null || !board}
          aria-label="Download the board shown as SVG"
          data-testid="export-svg"
        >
          SVG
        </button>
        <button
          type="button"
          onClick={() => void exportBoard('png')}
          disabled={busy !== null || !board}
          aria-label="Download the board shown as PNG"
          data-testid="export-png"
        >
          PNG
        </button>
      </div>
      {isInterviewer ? (
        <div className="export-group">
          <button
            type="button"
            onClick={() => void sessionFile()}
            disabled={busy !== null}
            title="Everything recorded, as one file another Tradeoff server can import"
            data-testid="export-session"
          >
            Export session file
          </button>
          <button
            type="button"
            className="danger-outline"
            onClick={() => setConfirming(true)}
            disabled={busy !== null}
            data-testid="delete-session"
          >
            Delete session…
          </button>
        </div>
      ) : null}
      <p className="review-exports-status" role="status">
        {busy ? 'Preparing the download…' : message}
      </p>
      {confirming ? (
        <DeleteSessionDialog
          title={view.title}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await deleteSession(sessionId, token)
            onDeleted()
          }}
        />
      ) : null}
    </div>
  )
}
