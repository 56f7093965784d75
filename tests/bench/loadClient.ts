/**
 * One simulated participant: a websocket speaking the y-websocket protocol directly (no browser,
 * no y-websocket provider), with its own Y.Doc and awareness.
 *
 * Handshake: on open it sends sync step 1 (its state vector); it answers the server's step 1 with
 * step 2 and counts as synced when the server's step 2 arrives. Later sync updates are applied
 * and reported with their arrival time, taken before any decoding.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket, { type RawData } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1

/** Transaction origin of changes that came from the server, so they are not sent back. */
const REMOTE = Symbol('remote')

/** What a client reports to the workload. */
export interface LoadClientEvents {
  /** A sync update (not part of the handshake) arrived; `receivedAt` is `performance.now()`. */
  onUpdate(client: LoadClient, update: Uint8Array, receivedAt: number): void
  /** An awareness message arrived (its payload, without the message type). */
  onAwareness(client: LoadClient, payload: Uint8Array, receivedAt: number): void
  /** The socket closed without this client asking for it. */
  onLost(client: LoadClient, code: number): void
}

export class LoadClient {
  readonly doc = new Y.Doc()
  readonly records = this.doc.getMap<unknown>('records')
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Resolves when the handshake is done; rejects if the socket closes before. */
  readonly synced: Promise<void>
  isSynced = false
  isOpen = false
  private closing = false
  private readonly socket: WebSocket

  constructor(
    url: string,
    /** Index of the room in its generator shard (shard.ts). */
    readonly room: number,
    /** Index of this client in its room. */
    readonly index: number,
    private readonly events: LoadClientEvents,
  ) {
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update)))
    })
    this.socket = new WebSocket(url, { perMessageDeflate: false })
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = resolve
      this.socket.once('close', (code) => {
        if (!this.isSynced) reject(new Error(`closed with ${code} before the handshake ended`))
      })
    })
    this.synced.catch(() => undefined)
    this.socket.on('open', () => {
      this.isOpen = true
      this.send(frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, this.doc)))
    })
    this.socket.on('message', (data: RawData) => this.receive(data as Buffer))
    this.socket.on('error', () => undefined)
    this.socket.on('close', (code) => {
      this.isOpen = false
      if (!this.closing) this.events.onLost(this, code)
    })
  }

  /** The awareness client id (the doc's client id). */
  get clientId(): number {
    return this.doc.clientID
  }

  /** Publishes a new awareness state; returns the clock it was sent with. */
  sendPresence(state: Record<string, unknown>): number {
    this.awareness.setLocalState(state)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.clientId])
    this.send(frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update)))
    return this.awareness.meta.get(this.clientId)?.clock ?? -1
  }

  close(): void {
    this.closing = true
    this.socket.close()
    this.awareness.destroy()
    this.doc.destroy()
  }

  private markSynced: () => void = () => undefined

  private send(message: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message)
  }

  private receive(data: Buffer): void {
    const receivedAt = performance.now()
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_AWARENESS) {
      this.events.onAwareness(this, decoding.readVarUint8Array(decoder), receivedAt)
      return
    }
    if (type !== MESSAGE_SYNC) return
    switch (decoding.readVarUint(decoder)) {
      case syncProtocol.messageYjsSyncStep1: {
        const reply = frame(MESSAGE_SYNC, (e) => syncProtocol.readSyncStep1(decoder, e, this.doc))
        this.send(reply)
        return
      }
      case syncProtocol.messageYjsSyncStep2:
        syncProtocol.readSyncStep2(decoder, this.doc, REMOTE)
        this.isSynced = true
        this.markSynced()
        return
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder)
        Y.applyUpdate(this.doc, update, REMOTE)
        this.events.onUpdate(this, update, receivedAt)
        return
      }
    }
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}
