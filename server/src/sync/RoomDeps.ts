import type { Limits } from '@tradeoff/shared/limits'
import type { RoomBus } from '../cluster/Cluster'
import type { Logger } from '../logger'
import type { Store } from '../store/Store'
import type { RoomExtension } from './extensions'
import type { Room } from './Room'

/** What a room needs from the process around it. */
export interface RoomDeps {
  store: Store
  logger: Logger
  now: () => number
  extensions: readonly RoomExtension[]
  /** Write a snapshot after this many logged updates. */
  snapshotEvery: number
  limits: Limits
  /** The other processes holding the same rooms (a silent bus when this process is alone). */
  bus: RoomBus
  /** Told when an update from another process reaches this one, with how long after it was stored. */
  onFanOut?: (latencyMs: number) => void
  /** Told when the store refused a write: the room is already closed and must not be served again. */
  onStoreFailure?: (room: Room, error: unknown) => void
}
