import type { CloseReason } from '@tradeoff/shared'

/**
 * Thrown by an extension or a message handler to refuse what a connection did. The connection is
 * closed with `close`; `detail` goes to the log only (it must never hold content or tokens).
 */
export class Refusal extends Error {
  constructor(
    readonly close: CloseReason,
    readonly detail: string,
  ) {
    super(`${close.reason}: ${detail}`)
    this.name = 'Refusal'
  }
}
