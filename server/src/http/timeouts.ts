import { type ServerOptions, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { Limits } from '@tradeoff/shared/limits'

/** Answers for the client errors Node reports before a request reaches Fastify, by Node's code. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'the request took too long to arrive',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'the request headers are too large',
  },
}
const MALFORMED = { status: 400, code: 'bad_request', message: 'malformed HTTP request' }

/**
 * Fastify's options bounding how long a client may take: `headersTimeoutMs` for the request line
 * and headers (websocket upgrades too: Node reads their headers like any request's before it
 * hands the socket over), `requestTimeoutMs` for the whole request. Node enforces both from a
 * timer that runs every `connectionsCheckingInterval` (30 s by default), so that runs at a
 * quarter of the shorter one, or a slow client would keep its socket up to 30 s longer.
 * Late clients get a 408 in the API's error shape, then the socket is closed.
 */
export function httpTimeouts(limits: Pick<Limits, 'headersTimeoutMs' | 'requestTimeoutMs'>): {
  requestTimeout: number
  http: ServerOptions
  clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => void
} {
  const requestTimeout = limits.requestTimeoutMs
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeout = Math.min(limits.headersTimeoutMs, requestTimeout)
  return {
    requestTimeout,
    http: {
      requestTimeout,
      headersTimeout,
      connectionsCheckingInterval: Math.min(30_000, Math.max(25, Math.floor(headersTimeout / 4))),
    },
    clientErrorHandler: answerClientError,
  }
}

/**
 * Replies to a request Node could not parse or that came too slowly, in the API's error shape,
 * and closes the socket. Nothing is logged: the error holds the raw bytes received, token and all.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const answer = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED
  const body = JSON.stringify({ error: { code: answer.code, message: answer.message } })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}
