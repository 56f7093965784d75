import { CloseCodes, type CloseReason } from '@tradeoff/shared'
import { ClusterUnavailable, type CommandBus } from '../cluster/Cluster'
import { type DocKey, SessionGone } from '../store/Store'
import { Refusal } from './Refusal'
import { Room, type RoomDeps } from './Room'

interface Slot {
  room: Promise<Room>
  /** The room the slot holds (loading or loaded): a dropped room must never touch its successor. */
  instance: Room
  idleTimer: NodeJS.Timeout | null
}

/** How often a failing store is tried again. */
const STORE_PROBE_MS = 1_000
/** How often presence of other processes is checked for states that stopped being renewed. */
const PRESENCE_SWEEP_MS = 5_000
const SESSION_DELETED: CloseReason = { ...CloseCodes.notFound, reason: 'session deleted' }

/** Thrown by `acquire` while the store cannot write: nothing may be served until it can. */
export class StoreUnavailable extends Error {
  constructor() {
    super('the store cannot write at the moment')
    this.name = 'StoreUnavailable'
  }
}

/**
 * The rooms this process holds, one per (session, document). A room is loaded on first use and
 * unloaded, with its state stored, once it has been empty for `idleMs`. Loading happens once even
 * when many connections arrive together; a connection arriving while its room unloads waits for
 * the unload and gets a freshly loaded room.
 *
 * When the store refuses a write, the room that tried is dropped (its clients reconnect) and no
 * room is handed out until a probe write succeeds again; then rooms load afresh from the store.
 */
export class RoomRegistry {
  private readonly slots = new Map<string, Slot>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly deps: RoomDeps
  private probeTimer: NodeJS.Timeout | null = null
  /** Sessions deleted while this process runs: a connection racing the delete must not revive them. */
  private readonly deleted = new Set<string>()
  private readonly presenceSweep: NodeJS.Timeout

  /**
   * `commands` carries deletes to every process holding the session's rooms (this one included);
   * each process evicts its own rooms when it hears one.
   */
  constructor(
    deps: RoomDeps,
    private readonly idleMs: number,
    private readonly commands?: CommandBus,
  ) {
    this.deps = { ...deps, onStoreFailure: (room, error) => this.onStoreFailure(room, error) }
    commands?.handle(async (command) => {
      if (command.kind === 'evict') await this.evictLocal(command.sessionId, SESSION_DELETED)
    })
    this.presenceSweep = setInterval(() => {
      for (const slot of this.slots.values()) slot.room.then((room) => room.sweepPresence()).catch(() => {})
    }, PRESENCE_SWEEP_MS)
    this.presenceSweep.unref()
  }

  /** Makes every loaded room re-read what it may have missed from other processes (see `Room.readMissed`). */
  readMissed(): void {
    for (const slot of this.slots.values()) slot.room.then((room) => room.readMissed()).catch(() => {})
  }

  /** Whether the store is failing: rooms are refused until a probe write succeeds. */
  get storeFailing(): boolean {
    return this.probeTimer !== null
  }

  /**
   * The loaded room for `key`; loads it first if needed. Cancels a pending unload. Throws
   * StoreUnavailable while the store cannot write.
   */
  async acquire(key: DocKey): Promise<Room> {
    const id = roomId(key)
    await this.unloading.get(id)
    if (this.storeFailing) throw new StoreUnavailable()
    if (this.deleted.has(key.sessionId)) throw new Refusal(SESSION_DELETED, 'the session was deleted')
    let slot = this.slots.get(id)
    if (!slot) {
      const room = new Room(key, this.deps)
      slot = { room: room.load().then(() => room), instance: room, idleTimer: null }
      this.slots.set(id, slot)
      const loading = slot
      slot.room.catch(() => {
        if (this.slots.get(id) === loading) this.slots.delete(id)
      })
    }
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = null
    return slot.room
  }

  /** Call when a connection left `room`: an empty room is unloaded after the idle delay. */
  release(room: Room): void {
    const slot = this.slots.get(roomId(room.key))
    if (!slot || slot.instance !== room || room.connections.size > 0) return
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = setTimeout(() => void this.unload(room), this.idleMs)
  }

  /** The rooms loaded now. */
  get size(): number {
    return this.slots.size
  }

  /** Resolves once the loaded rooms of a session have stored everything they accepted. */
  async flushSession(sessionId: string): Promise<void> {
    const slots = [...this.slots].filter(([id]) => id.startsWith(`${sessionId}/`)).map(([, slot]) => slot)
    await Promise.all(slots.map((slot) => slot.room.then((room) => room.flush()).catch(() => undefined)))
  }

  /**
   * Drops the rooms of a session, in every process, without storing them, closing their
   * connections with `reason`. Used when a session is deleted: nothing of it may be written again.
   * Resolves once this process's rooms are gone; the others hear it through the command bus
   * (which rejects, before anything was evicted, when it cannot carry it).
   */
  async evictSession(sessionId: string, reason: CloseReason): Promise<void> {
    await this.commands?.publish({ kind: 'evict', sessionId }).catch((error: unknown) => {
      throw new ClusterUnavailable(error)
    })
    await this.evictLocal(sessionId, reason)
  }

  private async evictLocal(sessionId: string, reason: CloseReason): Promise<void> {
    this.deleted.add(sessionId)
    const ids = [...this.slots.keys()].filter((id) => id.startsWith(`${sessionId}/`))
    await Promise.all(ids.map((id) => this.unloading.get(id)))
    for (const id of ids) {
      const slot = this.slots.get(id)
      if (!slot) continue
      if (slot.idleTimer) clearTimeout(slot.idleTimer)
      this.slots.delete(id)
      const room = await slot.room.catch(() => null)
      if (!room) continue
      await room.flush()
      room.destroy(reason)
    }
  }

  /** Stores every room and closes all their connections; used on shutdown. */
  async closeAll(): Promise<void> {
    clearInterval(this.presenceSweep)
    if (this.probeTimer) clearInterval(this.probeTimer)
    this.probeTimer = null
    const rooms = await Promise.all([...this.slots.values()].map((slot) => slot.room.catch(() => null)))
    await Promise.all(rooms.map((room) => (room ? this.unload(room) : undefined)))
  }

  private onStoreFailure(room: Room, error: unknown): void {
    const id = roomId(room.key)
    const slot = this.slots.get(id)
    if (slot?.instance === room) {
      if (slot.idleTimer) clearTimeout(slot.idleTimer)
      this.slots.delete(id)
    }
    if (error instanceof SessionGone) {
      // Not a failing store: the session was deleted elsewhere. Its other room goes too.
      void this.evictLocal(room.key.sessionId, SESSION_DELETED)
      return
    }
    if (this.probeTimer) return
    this.probeTimer = setInterval(() => void this.probeStore(), STORE_PROBE_MS)
    this.probeTimer.unref()
  }

  private async probeStore(): Promise<void> {
    try {
      await this.deps.store.probeWrite()
    } catch {
      return
    }
    if (this.probeTimer) clearInterval(this.probeTimer)
    this.probeTimer = null
    this.deps.logger.warn('the store writes again; rooms are served again')
  }

  private unload(room: Room): Promise<void> {
    const id = roomId(room.key)
    const slot = this.slots.get(id)
    if (slot?.instance !== room) return Promise.resolve()
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    this.slots.delete(id)
    const done = room
      .storeSnapshot()
      .catch((error: unknown) =>
        this.deps.logger.error({ room: room.name, err: error }, 'could not store on unload'),
      )
      .finally(() => {
        room.destroy()
        this.unloading.delete(id)
      })
    this.unloading.set(id, done)
    return done
  }
}

function roomId(key: DocKey): string {
  return `${key.sessionId}/${key.doc}`
}
