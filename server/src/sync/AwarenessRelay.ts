import { CloseCodes, MessageType } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Connection } from './Connection'
import { Refusal } from './Refusal'

interface Entry {
  clock: number
  /** The state as the client encoded it (JSON text); kept as text so relaying never re-encodes. */
  json: string
  owner: Connection
}

interface Change {
  clientId: number
  clock: number
  json: string
}

/**
 * The room's awareness (cursors, selections, names), kept as the clients' own JSON text.
 *
 * Unlike y-protocols' `Awareness`, the server never parses states into objects and re-serializes
 * them: it checks each entry, remembers it for joiners, and relays the sender's frame as it came.
 * Cursor traffic is most of a room's messages, so this is where the server saves its CPU.
 * A connection may only speak for the awareness client ids it introduced itself.
 */
export class AwarenessRelay {
  private readonly entries = new Map<number, Entry>()

  constructor(private readonly limits: Limits) {}

  /**
   * Reads one awareness message from `from` and records it. Returns the frame to relay to the
   * other connections (the original bytes when every entry was accepted), or null if nothing changed.
   * Throws a Refusal for malformed or oversized states.
   */
  receive(from: Connection, payload: Uint8Array, frame: Uint8Array): Uint8Array | null {
    const changes = decodeAwarenessUpdate(payload)
    const accepted: Change[] = []
    for (const change of changes) {
      if (change.json.length > this.limits.maxAwarenessStateBytes) {
        throw new Refusal(CloseCodes.tooLarge, 'awareness state over the size limit')
      }
      if (!isJsonObjectOrNull(change.json))
        throw new Refusal(CloseCodes.badUpdate, 'awareness state is not JSON')
      const current = this.entries.get(change.clientId)
      if (current && current.owner !== from) continue
      if (current && current.clock >= change.clock && change.json !== 'null') continue
      if (change.json === 'null') {
        this.entries.delete(change.clientId)
        from.awarenessClients.delete(change.clientId)
      } else {
        this.entries.set(change.clientId, { clock: change.clock, json: change.json, owner: from })
        from.awarenessClients.add(change.clientId)
      }
      accepted.push(change)
    }
    if (accepted.length === 0) return null
    return accepted.length === changes.length ? frame : encodeAwarenessFrame(accepted)
  }

  /** Removes every state a closing connection spoke for; returns the frame that tells the others. */
  removeOwnedBy(connection: Connection): Uint8Array | null {
    const removed: Change[] = []
    for (const clientId of connection.awarenessClients) {
      const entry = this.entries.get(clientId)
      if (!entry || entry.owner !== connection) continue
      this.entries.delete(clientId)
      removed.push({ clientId, clock: entry.clock + 1, json: 'null' })
    }
    connection.awarenessClients.clear()
    return removed.length > 0 ? encodeAwarenessFrame(removed) : null
  }

  /** The frame that gives a joiner every state the room holds, or null when there is none. */
  snapshotFrame(): Uint8Array | null {
    if (this.entries.size === 0) return null
    return encodeAwarenessFrame(
      [...this.entries].map(([clientId, e]) => ({ clientId, clock: e.clock, json: e.json })),
    )
  }

  get size(): number {
    return this.entries.size
  }
}

function decodeAwarenessUpdate(payload: Uint8Array): Change[] {
  const decoder = decoding.createDecoder(payload)
  const count = decoding.readVarUint(decoder)
  if (count > 1024) throw new Refusal(CloseCodes.badUpdate, 'too many awareness entries')
  const changes: Change[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    changes.push({ clientId, clock, json })
  }
  return changes
}

function encodeAwarenessFrame(changes: Change[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, changes.length)
  for (const change of changes) {
    encoding.writeVarUint(inner, change.clientId)
    encoding.writeVarUint(inner, change.clock)
    encoding.writeVarString(inner, change.json)
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MessageType.awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

function isJsonObjectOrNull(json: string): boolean {
  try {
    const value: unknown = JSON.parse(json)
    return value === null || (typeof value === 'object' && !Array.isArray(value))
  } catch {
    return false
  }
}
