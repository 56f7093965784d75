import { CloseCodes, type CloseReason } from '@tradeoff/shared'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { RoomChannel, RoomMessage } from '../cluster/Cluster'
import { type DocKey, SessionGone } from '../store/Store'
import { type AwarenessFrames, AwarenessRelay, audienceOf } from './AwarenessRelay'
import { Connection } from './Connection'
import { sendAwarenessToAll, sendToAll } from './fanOut'
import { encodeStep1Frame, encodeUpdateFrame } from './frames'
import { readyToRetry, takePending } from './heldUpdates'
import { LogFollower } from './LogFollower'
import { MESSAGE_HANDLERS } from './messageHandlers'
import { Refusal } from './Refusal'
import type { RoomDeps } from './RoomDeps'

export type { RoomDeps } from './RoomDeps'

const LOADING = Symbol('loading')
/** The origin of updates another process stored: applied and relayed here, never stored again. */
const REMOTE = Symbol('remote')
const SERVER_AUTHOR = 'server'
/** Room messages kept while the room loads; past this the log is re-read after loading instead. */
const MAX_EARLY_MESSAGES = 10_000

/**
 * One document of one session, in memory while anyone is connected.
 *
 * Life: `load` (stored state in) -> `join` / `receive` / `leave` -> `unload` (state stored).
 * Every change to the document, from a client or from the server, is appended to the store and
 * only then sent to the other connections, encoded once for all of them. If the store refuses a
 * write, the room closes every connection and is dropped: it holds a change nobody may see, so the
 * next join loads a fresh room from what is actually stored.
 *
 * Several processes may hold the same room (README, "Running several processes"). Each stored
 * change is then published on the room's bus with its place in the log; the others apply it in log
 * order (a change only ever depends on earlier ones), relay it to their own connections, and read
 * from the store any change whose message they did not get. The room subscribes before it reads
 * the store, so a change stored while it loads is either in what it read or among the messages it
 * kept. Presence travels on the bus too and is never stored.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly connections = new Set<Connection>()
  readonly awareness: AwarenessRelay
  private stored: Promise<void> = Promise.resolve()
  /** Which stored updates the document holds; applies other processes' in log order. */
  private readonly log: LogFollower
  private lastSnapshotSeq = 0
  /** This process's own updates accepted but not yet stored: they are in the document already. */
  private unstored = 0
  private channel: RoomChannel | null = null
  /** Room messages that arrived while the room loaded (null once loaded). */
  private early: RoomMessage[] | null = []
  private earlyOverflow = false
  /** Updates and bytes in the document's log, counted when they are accepted (before storing). */
  private logUpdates = 0
  private logBytes = 0
  /** Bytes of client updates held back for missing dependencies, over every connection. */
  private heldBytes = 0
  private failed = false
  /**
   * Set once the round has ended (board only): every client's write is dropped, as a reviewer's
   * would be. The server's own writes (the session state) still go through.
   */
  final = false

  constructor(
    readonly key: DocKey,
    private readonly deps: RoomDeps,
  ) {
    this.awareness = new AwarenessRelay(deps.limits)
    this.log = new LogFollower({
      apply: (update) => Y.applyUpdate(this.doc, update, REMOTE),
      readFrom: (fromSeq) => this.deps.store.readUpdates(this.key, fromSeq),
      onReadFailure: (error) =>
        this.deps.logger.warn({ room: this.name, err: error }, 'could not read missed updates'),
    })
  }

  get name(): string {
    return `${this.key.sessionId}/${this.key.doc}`
  }

  /** Reads the stored snapshot and log into the document. Must finish before anyone joins. */
  async load(): Promise<void> {
    // Subscribe first: what is stored from now on is either read below or among the messages kept.
    const channel = await this.deps.bus.subscribe(this.name, (message) => this.onBusMessage(message))
    this.channel = channel
    await this.read().catch((error: unknown) => {
      void channel.close()
      throw error
    })
  }

  private async read(): Promise<void> {
    const [{ snapshot, updates }, size] = await Promise.all([
      this.deps.store.loadDoc(this.key),
      this.deps.store.logSize(this.key),
    ])
    Y.transact(
      this.doc,
      () => {
        if (snapshot) Y.applyUpdate(this.doc, snapshot.state)
        for (const logged of updates) Y.applyUpdate(this.doc, logged.update)
      },
      LOADING,
    )
    this.lastSnapshotSeq = snapshot?.seq ?? 0
    this.log.loaded(updates.at(-1)?.seq ?? this.lastSnapshotSeq)
    this.logUpdates = size.updates
    this.logBytes = size.bytes
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.record(update, origin))
    const early = this.early ?? []
    this.early = null
    for (const message of early) this.onBusMessage(message)
    if (this.earlyOverflow) this.readMissed()
    for (const extension of this.deps.extensions) await extension.onLoaded?.(this)
    // The others answer with the presence of their connections, so joiners here see everyone.
    this.channel?.publish({ kind: 'hello' })
  }

  /** Reads every update after the last one known here: messages of other processes may have been lost. */
  readMissed(): void {
    if (this.failed || this.early) return
    this.log.readMissed()
  }

  private onBusMessage(message: RoomMessage): void {
    if (this.failed) return
    if (this.early) {
      if (this.early.length < MAX_EARLY_MESSAGES) this.early.push(message)
      else this.earlyOverflow = true
      return
    }
    try {
      switch (message.kind) {
        case 'update':
          this.deps.onFanOut?.(Math.max(0, this.deps.now() - message.storedAt))
          this.log.accept(message.seq, message.update)
          return
        case 'awareness': {
          const relay = this.awareness.receiveRemote(message, this.deps.now())
          if (relay) this.broadcastAwareness(relay)
          return
        }
        case 'hello': {
          const own = this.awareness.ownFrames()
          if (own) this.channel?.publish({ kind: 'awareness', ...own })
          return
        }
      }
    } catch (error) {
      this.deps.logger.error({ room: this.name, err: error }, 'could not apply a message of another process')
    }
  }

  /** Adds a connection and starts the sync handshake with it. */
  join(connection: Connection): void {
    this.connections.add(connection)
    this.runHook('onJoin', connection, () => {
      for (const extension of this.deps.extensions) extension.onJoin?.(this, connection)
    })
    this.afterStored(() => {
      connection.send(encodeStep1Frame(this.doc))
      const presence = this.awareness.snapshotFrame(audienceOf(connection))
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
      this.refuse(connection, error)
    }
  }

  /** Removes a connection and tells the others its cursor is gone. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.heldBytes -= connection.heldBytes
    connection.held.length = 0
    connection.heldBytes = 0
    this.runHook('onLeave', connection, () => {
      for (const extension of this.deps.extensions) extension.onLeave?.(this, connection)
    })
    const removal = this.awareness.removeOwnedBy(connection)
    if (removal) this.broadcastAwareness({ everyone: removal, candidates: removal }, connection)
  }

  /** Forgets presence of other processes not renewed in time (a process that died); tells the connections. */
  sweepPresence(): void {
    const removal = this.awareness.expireRemote(this.deps.now())
    if (removal) this.broadcast(removal)
  }

  /**
   * Applies a writer's document update: quota, then the room's `beforeApplyUpdate` hooks (which
   * throw a Refusal to refuse it whole), then Yjs. What Yjs cannot apply yet for missing
   * dependencies is taken out of the document and held for this connection, within the bounds;
   * it is retried after each later update of the same connection and never reaches anyone else.
   */
  applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (this.failed) return
    const { maxDocUpdates, maxDocBytes } = this.deps.limits
    // An empty update (a sync answer with nothing new) is two zero counts: it never counts.
    const empty = update.length <= 2
    if (!empty && (this.logUpdates >= maxDocUpdates || this.logBytes + update.length > maxDocBytes)) {
      throw new Refusal(CloseCodes.quotaReached, `document over its quota (${this.logUpdates} updates)`)
    }
    for (const extension of this.deps.extensions) extension.beforeApplyUpdate?.(this, connection, update)
    Y.applyUpdate(this.doc, update, connection)
    try {
      this.holdPending(connection)
    } finally {
      for (const extension of this.deps.extensions) extension.afterApplyUpdate?.(this, connection)
    }
    if (connection.held.length > 0) this.retryHeld(connection)
  }

  /**
   * Sends an awareness change to every connection but `except`, each audience its own frame. A
   * change of one of this process's connections goes to the other processes too.
   */
  broadcastAwareness(frames: AwarenessFrames, except?: Connection): void {
    if (except) this.channel?.publish({ kind: 'awareness', ...frames })
    sendAwarenessToAll(this.connections, frames, except)
  }

  /** Sends a frame to every connection but `except`. */
  broadcast(frame: Uint8Array, except?: Connection): void {
    sendToAll(this.connections, frame, except)
  }

  /**
   * Runs `action` once every change accepted so far is stored. A throwing action is logged and
   * never breaks the chain the room's writes wait on.
   */
  afterStored(action: () => void): void {
    this.stored = this.stored.then(() => {
      if (this.failed) return
      try {
        action()
      } catch (error) {
        this.deps.logger.error({ room: this.name, err: error }, 'a deferred room action failed')
      }
    })
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

  /** Closes every connection with `reason` and frees the document. */
  destroy(reason: CloseReason = CloseCodes.serverRestart): void {
    for (const connection of this.connections) connection.close(reason)
    for (const connection of [...this.connections]) this.leave(connection)
    this.log.stop()
    void this.channel?.close()
    this.channel = null
    for (const extension of this.deps.extensions) {
      try {
        extension.onClose?.(this)
      } catch (error) {
        this.deps.logger.error({ room: this.name, err: error }, 'a room hook failed on close')
      }
    }
    this.doc.destroy()
  }

  /**
   * Stores the document as a snapshot at `log.through`: it holds every update up to there. Skipped while
   * an update of this process waits to be stored (the snapshot would hold a change the log may never
   * get); the next stored update tries again.
   */
  private async writeSnapshot(): Promise<void> {
    if (this.failed || this.unstored > 0 || this.log.through <= this.lastSnapshotSeq) return
    const seq = this.log.through
    await this.deps.store.writeSnapshot(this.key, {
      seq,
      at: this.deps.now(),
      state: Y.encodeStateAsUpdate(this.doc),
    })
    this.lastSnapshotSeq = seq
  }

  private record(update: Uint8Array, origin: unknown): void {
    if (this.failed) return
    const frame = encodeUpdateFrame(update)
    this.logUpdates += 1
    this.logBytes += update.length
    if (origin === REMOTE) {
      // Stored by the process that took it: relay at once.
      this.broadcast(frame)
      return
    }
    const author = origin instanceof Connection ? origin.identity.name : SERVER_AUTHOR
    const at = this.deps.now()
    this.unstored += 1
    this.stored = this.stored
      .then(async () => {
        if (this.failed) return
        const seq = await this.deps.store.appendUpdate(this.key, update, { at, author })
        this.unstored -= 1
        this.log.stored(seq)
        this.channel?.publish({ kind: 'update', seq, storedAt: this.deps.now(), update })
        this.broadcast(frame, origin instanceof Connection ? origin : undefined)
        if (seq - this.lastSnapshotSeq >= this.deps.snapshotEvery) {
          // A snapshot is an optimisation: the log holds the update, so failing here loses nothing.
          await this.writeSnapshot().catch((error: unknown) =>
            this.deps.logger.warn({ room: this.name, err: error }, 'could not store a snapshot'),
          )
        }
      })
      .catch((error: unknown) => this.fail(error))
  }

  /** Moves what Yjs left pending in the document to the connection that sent it, within the bounds. */
  private holdPending(connection: Connection): void {
    for (const entry of takePending(this.doc)) {
      connection.held.push(entry)
      connection.heldBytes += entry.update.length
      this.heldBytes += entry.update.length
    }
    const { maxPendingBytesPerConnection, maxPendingBytesPerRoom } = this.deps.limits
    if (connection.heldBytes > maxPendingBytesPerConnection || this.heldBytes > maxPendingBytesPerRoom) {
      throw new Refusal(CloseCodes.badUpdate, 'too many updates with missing dependencies')
    }
  }

  /** Applies held structs whose dependencies have arrived, through the same checks as new updates. */
  private retryHeld(connection: Connection): void {
    const ready = readyToRetry(this.doc, connection.held)
    for (const entry of ready) {
      connection.held.splice(connection.held.indexOf(entry), 1)
      connection.heldBytes -= entry.update.length
      this.heldBytes -= entry.update.length
    }
    for (const entry of ready) this.applyClientUpdate(connection, Y.convertUpdateFormatV2ToV1(entry.update))
  }

  private refuse(connection: Connection, error: unknown): void {
    const refusal = error instanceof Refusal ? error : new Refusal(CloseCodes.badUpdate, 'malformed message')
    this.deps.logger.warn(
      { room: this.name, connection: connection.id, code: refusal.close.code, detail: refusal.detail },
      'refused a message',
    )
    connection.close(refusal.close)
  }

  /** Runs an extension hook; a failure refuses that one connection and never reaches the caller. */
  private runHook(hook: string, connection: Connection, run: () => void): void {
    try {
      run()
    } catch (error) {
      if (error instanceof Refusal) {
        this.refuse(connection, error)
        return
      }
      this.deps.logger.error(
        { room: this.name, connection: connection.id, hook, err: error },
        'a room hook failed',
      )
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return
    // The document now holds a change the store does not: nobody may build on it or see it.
    // Clients reconnect to a freshly loaded room and resend what they have.
    this.failed = true
    if (error instanceof SessionGone) {
      // Deleted by another process while this one still held the room: nothing is lost.
      this.destroy({ ...CloseCodes.notFound, reason: 'session deleted' })
    } else {
      this.deps.logger.error({ room: this.name, err: error }, 'could not store an update; closing the room')
      this.destroy(CloseCodes.storageFailure)
    }
    this.deps.onStoreFailure?.(this, error)
  }
}
