import type { Connection } from './Connection'
import type { Room } from './Room'

/**
 * A cross-cutting concern plugged into every room: validation, access, recording. Each hook is
 * optional; a hook that throws a `Refusal` refuses the action and closes that connection.
 */
export interface RoomExtension {
  /** After the room loaded its stored state, before it answers anyone. May write server-owned state. */
  onLoaded?(room: Room): void | Promise<void>
  /** Before a writer's document update is applied. Throw a Refusal to refuse it whole. */
  beforeApplyUpdate?(room: Room, connection: Connection, update: Uint8Array): void
  /** After a writer's update was applied (and stored in turn). May write server-owned repairs. */
  afterApplyUpdate?(room: Room, connection: Connection): void
  /** After a connection joined the room. */
  onJoin?(room: Room, connection: Connection): void
  /** After a connection left the room. */
  onLeave?(room: Room, connection: Connection): void
  /** When the room is dropped from memory (unloaded, evicted or failed), after its last leave. */
  onClose?(room: Room): void
}
