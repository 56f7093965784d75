import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { kindOf, step1Frame } from './wire'

/**
 * How a fuzzer socket ended: the close code the client saw (`1006` when the connection dropped
 * without a close frame), `open` when the server kept it open until the fuzzer closed it, or
 * `http-<status>` / `refused` when the upgrade itself failed.
 */
export type Outcome = string

/** A raw websocket the fuzzer sends frames on. */
export interface Probe {
  ws: WebSocket
  /** Every frame the server sent. */
  received: Uint8Array[]
  /** Whether the upgrade succeeded. */
  opened: boolean
  isOpen(): boolean
  /**
   * Sends a frame (binary; a string goes as a text frame) if the socket is open and the frame
   * budget allows; returns whether it did.
   */
  send(frame: Uint8Array | string): boolean
  /** Waits up to `timeoutMs` for a frame of `kind` from the server (counting frames already in). */
  waitFor(kind: 'step1' | 'step2' | 'awareness', timeoutMs: number): Promise<Uint8Array | null>
  /**
   * Waits up to `timeoutMs` for the server to close the socket; if it does not, closes it (1000)
   * and reports `open`.
   */
  settle(timeoutMs: number): Promise<Outcome>
}

/** Counts frames against one budget shared by every probe of a run. */
export interface FrameBudget {
  /** Takes one frame from the budget; false once it is spent or the deadline passed. */
  take(): boolean
}

/** Opens a raw websocket to `url` and waits for the upgrade to succeed or fail. */
export async function openProbe(url: string, budget: FrameBudget): Promise<Probe> {
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 5_000 })
  const received: Uint8Array[] = []
  const waiters = new Set<() => void>()
  const wakeAll = () => {
    for (const wake of [...waiters]) wake()
  }
  ws.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data))
    wakeAll()
  })
  ws.on('close', wakeAll)
  let failure: Outcome | null = null
  const outcome = new Promise<Outcome>((resolve) => {
    ws.once('close', (code) => resolve(failure ?? String(code)))
  })
  const opened = await new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true))
    ws.once('error', (error) => {
      const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1]
      failure = status ? `http-${status}` : 'refused'
      resolve(false)
    })
  })
  // Later socket errors (a reset while sending) end in a close event, which reports them.
  ws.on('error', () => {})
  let closedByUs = false
  const probe: Probe = {
    ws,
    received,
    opened,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    send(frame) {
      if (ws.readyState !== WebSocket.OPEN || !budget.take()) return false
      ws.send(frame)
      return true
    },
    async waitFor(kind, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      let seen = 0
      for (;;) {
        for (; seen < received.length; seen++) {
          const frame = received[seen] as Uint8Array
          if (kindOf(frame) === kind) return frame
        }
        const left = deadline - Date.now()
        if (left <= 0 || ws.readyState !== WebSocket.OPEN) return null
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer)
            waiters.delete(wake)
            resolve()
          }
          const timer = setTimeout(wake, left)
          waiters.add(wake)
        })
      }
    },
    async settle(timeoutMs) {
      if (!opened) return failure ?? 'refused'
      const timer = setTimeout(() => {
        closedByUs = true
        if (ws.readyState === WebSocket.OPEN) ws.close(1000)
        else ws.terminate()
      }, timeoutMs)
      const code = await outcome
      clearTimeout(timer)
      return closedByUs ? 'open' : code
    },
  }
  return probe
}

/**
 * Asks the server for its whole document (sync step 1 with an empty state vector) and returns
 * the update of its step 2 answer, or null if none came within `timeoutMs`.
 */
export async function fetchServerState(probe: Probe, timeoutMs = 3_000): Promise<Uint8Array | null> {
  if (!probe.send(step1Frame())) return null
  const frame = await probe.waitFor('step2', timeoutMs)
  if (!frame) return null
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}
