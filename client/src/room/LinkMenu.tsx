import { useState } from 'react'
import { forgetSessionToken, sessionLinkUrl } from '../session/token'

interface LinkMenuProps {
  sessionId: string
  token: string
  onForget(): void
}

type Copy = 'idle' | 'copied' | 'failed'

/**
 * This person's own link: copy it (to open the room on another device), or forget it on this
 * device, after which the link is needed again. The link is shown only if copying fails, so it
 * is not on screen for a screenshot by default.
 */
export function LinkMenu({ sessionId, token, onForget }: LinkMenuProps) {
  const [copy, setCopy] = useState<Copy>('idle')
  const [confirming, setConfirming] = useState(false)
  const link = sessionLinkUrl(window.location.origin, sessionId, token)

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <details
      className="link-menu"
      data-testid="link-menu"
      onToggle={(event) => {
        if (!event.currentTarget.open) {
          setCopy('idle')
          setConfirming(false)
        }
      }}
    >
      <summary aria-label="My link" title="My link">
        <span aria-hidden="true">⋯</span>
      </summary>
      <div className="link-menu-body">
        <p className="muted">Your link opens this room as you, on this device or another.</p>
        <button type="button" data-testid="copy-my-link" onClick={() => void copyLink()}>
          {copy === 'copied' ? 'Copied' : 'Copy my link'}
        </button>
        {copy === 'failed' ? (
          <label className="link-menu-fallback">
            Copy it from here:
            <input readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
          </label>
        ) : null}
        {confirming ? (
          <p className="link-menu-confirm">
            This device will need the link again to open the room.{' '}
            <button
              type="button"
              className="danger"
              data-testid="forget-confirm"
              onClick={() => {
                forgetSessionToken(sessionId)
                onForget()
              }}
            >
              Forget it
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </p>
        ) : (
          <button type="button" data-testid="forget-my-link" onClick={() => setConfirming(true)}>
            Forget on this device
          </button>
        )}
      </div>
    </details>
  )
}
