import { CloseCodes, type CloseReason } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { Logger } from '../logger'
import type { DocKey, Store } from '../store/Store'
import { AwarenessRelay } from './AwarenessRelay'
import { Connection } from './Connection'
import type { RoomExtension } from './extensions'
import { encodeStep1Frame, encodeUpdateFrame } from './frames'
import { MESSAGE_HANDLERS } from './messageHandlers'
import { Refusal } from './Refusal'

/** What a room needs from the process around it. */
export interface RoomDeps {
  store: Store
  logger: Logger
  now: () => number
  extensions: readonly RoomExtension[]
  /** Write a snapshot after this many logged updates. */
  snapshotEvery: number
  limits: Limits
}

const LOADING = Symbol('loading')
const SERVER_AUTHOR = 'server'

/**
 * One document of one session, in memory while anyone is connected.
 *
 * Life: `load` (stored state in) -> `join` / `receive` / `leave` -> `unload` (state stored).
 * Every change to the document, from a client or from the server, is appended to the store and
 * only then sent to the other connections, encoded once for all of them.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly connections = new Set<Connection>()
  readonly awareness: AwarenessRelay
  private stored: Promise<void> = Promise.resolve()
  private lastSeq = 0
  private lastSnapshotSeq = 0
  private failed = false

  constructor(
    readonly key: DocKey,
    private readonly deps: RoomDeps,
  ) {
    this.awareness = new AwarenessRelay(deps.limits)
  }

  get name(): string {
    return `${this.key.sessionId}/${this.key.doc}`
  }

  /** Reads the stored snapshot and log into the document. Must finish before anyone joins. */
  async load(): Promise<void> {
    const { snapshot, updates } = await this.deps.store.loadDoc(this.key)
    Y.transact(
      this.doc,
      () => {
        if (snapshot) Y.applyUpdate(this.doc, snapshot.state)
        for (const logged of updates) Y.applyUpdate(this.doc, logged.update)
      },
      LOADING,
    )
    this.lastSnapshotSeq = snapshot?.seq ?? 0
    this.lastSeq = updates.at(-1)?.seq ?? this.lastSnapshotSeq
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.record(update, origin))
    for (const extension of this.deps.extensions) await extension.onLoaded?.(this)
  }

  /** Adds a connection and starts the sync handshake with it. */
  join(connection: Connection): void {
    this.connections.add(connection)
    for (const extension of this.deps.extensions) extension.onJoin?.(this, connection)
    this.afterStored(() => {
      connection.send(encodeStep1Frame(this.doc))
      const presence = this.awareness.snapshotFrame()
      if (presence) connection.send(presence)
    })
  }

  /** Handles one frame from a connection. A bad frame closes that connection only. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return
    try {
      const decoder = decoding.createDecoder(frame)
      const type = decoding.readVarUint(decoder)
      const handler = MESSAGE_HANDLERS[type]
      if (!handler) throw new Refusal(CloseCodes.badUpdate, `unknown message type ${type}`)
      handler(this, connection, decoder, frame)
    } catch (error) {
      const refusal =
        error instanceof Refusal ? error : new Refusal(CloseCodes.badUpdate, 'malformed message')
      this.deps.logger.warn(
        { room: this.name, connection: connection.id, code: refusal.close.code, detail: refusal.detail },
        'refused a message',
      )
      connection.close(refusal.close)
    }
  }

  /** Removes a connection and tells the others its cursor is gone. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    for (const extension of this.deps.extensions) extension.onLeave?.(this, connection)
    const removal = this.awareness.removeOwnedBy(connection)
    if (removal) this.broadcast(removal, connection)
  }

  /** Sends a frame to every connection but `except`. */
  broadcast(frame: Uint8Array, except?: Connection): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(frame)
    }
  }

  /** Runs the room's `beforeApplyUpdate` hooks; they throw a Refusal to refuse the update. */
  beforeApplyUpdate(connection: Connection, update: Uint8Array): void {
    for (const extension of this.deps.extensions) extension.beforeApplyUpdate?.(this, connection, update)
  }

  /** Runs `action` once every change accepted so far is stored. */
  afterStored(action: () => void): void {
    this.stored = this.stored.then(action)
  }

  /** Resolves when everything accepted so far is stored. */
  flush(): Promise<void> {
    return this.stored
  }

  /** Stores a snapshot if the log grew since the last one. Call before unloading. */
  async storeSnapshot(): Promise<void> {
    await this.flush()
    await this.writeSnapshot()
  }

  private async writeSnapshot(): Promise<void> {
    if (this.failed || this.lastSeq === this.lastSnapshotSeq) return
    const seq = this.lastSeq
    await this.deps.store.writeSnapshot(this.key, {
      seq,
      at: this.deps.now(),
      state: Y.encodeStateAsUpdate(this.doc),
    })
    this.lastSnapshotSeq = seq
  }

  /** Closes every connection with `reason` and frees the document. */
  destroy(reason: CloseReason = CloseCodes.serverRestart): void {
    for (const connection of this.connections) connection.close(reason)
    this.connections.clear()
    this.doc.destroy()
  }

  private record(update: Uint8Array, origin: unknown): void {
    const author = origin instanceof Connection ? origin.identity.name : SERVER_AUTHOR
    const at = this.deps.now()
    const frame = encodeUpdateFrame(update)
    this.stored = this.stored
      .then(async () => {
        if (this.failed) return
        this.lastSeq = await this.deps.store.appendUpdate(this.key, update, { at, author })
        this.broadcast(frame, origin instanceof Connection ? origin : undefined)
        if (this.lastSeq - this.lastSnapshotSeq >= this.deps.snapshotEvery) await this.writeSnapshot()
      })
      .catch((error: unknown) => this.fail(error))
  }

  private fail(error: unknown): void {
    // The document now holds a change the store does not: nobody may build on it. Clients
    // reconnect to a freshly loaded room and resend what they have.
    this.failed = true
    this.deps.logger.error({ room: this.name, err: error }, 'could not store an update; closing the room')
    this.destroy(CloseCodes.storageFailure)
  }
}
