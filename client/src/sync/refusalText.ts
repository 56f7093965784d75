import { CloseCodes } from '@tradeoff/shared'

/**
 * What to tell a person whose connection the server closed for good, in words they can act on.
 * Falls back to the server's own reason and code for closes without a text of their own.
 */
export function refusalText(code: number, reason: string): string {
  switch (code) {
    case CloseCodes.appUpdated.code:
      return 'Tradeoff was updated while this page was open. Reload the page to carry on; nothing you drew is lost.'
    case CloseCodes.tooLarge.code:
      return reason === CloseCodes.quotaReached.reason
        ? 'This document reached its size quota, so nothing more can be added. Export the session or start a new one.'
        : 'The last change was too large to send. Reload the page; smaller changes still work.'
    case CloseCodes.badToken.code:
      return 'This link is no longer valid. Ask the interviewer for a new one.'
    case CloseCodes.notFound.code:
      return 'This session no longer exists.'
    case CloseCodes.rateLimited.code:
      return reason === CloseCodes.roomFull.reason
        ? 'This room is full. Try again once someone has left.'
        : 'Too many changes too quickly. Reload the page to reconnect.'
    case CloseCodes.badUpdate.code:
      return 'The server refused a change from this page. Reload the page to reconnect.'
    default:
      return `${reason || 'closed by the server'} (${code})`
  }
}
