import WebSocket from 'ws'

export interface RawSocket {
  ws: WebSocket
  /** Every frame the server sent, as bytes. */
  received: Uint8Array[]
  /** Resolves with the close code once the socket is closed. */
  closed: Promise<number>
}

/** A bare websocket to the sync endpoint, for sending hand-made (or broken) frames. */
export async function openRawSocket(url: string): Promise<RawSocket> {
  const ws = new WebSocket(url)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, received, closed }
}

/**
 * Asks for a websocket upgrade and resolves with the HTTP status of the answer: 101 when it was
 * taken, else the refusal's (429 over the per-address rate). The socket is closed either way.
 * `localAddress` connects from another loopback address; `headers` are sent with the request.
 */
export function upgradeStatus(
  url: string,
  options: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options)
    const timer = setTimeout(() => {
      reject(new Error(`no answer to the upgrade of ${new URL(url).pathname} within 10 s`))
      ws.terminate()
    }, 10_000)
    ws.once('close', () => clearTimeout(timer))
    ws.once('upgrade', () => {
      resolve(101)
      ws.terminate()
    })
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', reject)
  })
}
