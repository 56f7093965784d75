import { MessageType } from '@tradeoff/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

/** Frames of the y-websocket protocol, built with y-protocols' own encoders. */

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1: asks for everything the receiver has beyond `stateVector`. */
export function step1Frame(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

/** Sync step 2 carrying `update`. */
export function step2Frame(update: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(e, update)
  })
}

/** A sync update frame carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeUpdate(e, update)
  })
}

/** One awareness entry as the wire carries it: the state is JSON text (`'null'` removes it). */
export interface AwarenessEntry {
  clientId: number
  clock: number
  json: string
}

/** An awareness message with `entries`; `count` may lie about how many follow. */
export function awarenessFrame(entries: readonly AwarenessEntry[], count = entries.length): Uint8Array {
  const inner = build((e) => {
    encoding.writeVarUint(e, count)
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId)
      encoding.writeVarUint(e, entry.clock)
      encoding.writeVarString(e, entry.json)
    }
  })
  return build((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, inner)
  })
}

/** Asks the server for every awareness state it holds. */
export function queryAwarenessFrame(): Uint8Array {
  return build((e) => encoding.writeVarUint(e, MessageType.queryAwareness))
}

/**
 * A Yjs (v1) update holding no structs and only a delete set: `ranges` of `[client, clock, length]`.
 * Yjs keeps deletions of items it does not have as pending.
 */
export function deleteSetUpdate(ranges: ReadonlyArray<[number, number, number]>): Uint8Array {
  const byClient = new Map<number, Array<[number, number]>>()
  for (const [client, clock, length] of ranges) {
    const list = byClient.get(client) ?? []
    list.push([clock, length])
    byClient.set(client, list)
  }
  return build((e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, byClient.size)
    for (const [client, list] of byClient) {
      encoding.writeVarUint(e, client)
      encoding.writeVarUint(e, list.length)
      for (const [clock, length] of list) {
        encoding.writeVarUint(e, clock)
        encoding.writeVarUint(e, length)
      }
    }
  })
}

/** Reads which sync message a frame from the server is: `step1`, `step2`, `update`, `awareness` or null. */
export function kindOf(frame: Uint8Array): 'step1' | 'step2' | 'update' | 'awareness' | null {
  if (frame[0] === MessageType.awareness) return 'awareness'
  if (frame[0] !== MessageType.sync) return null
  return frame[1] === 0 ? 'step1' : frame[1] === 1 ? 'step2' : frame[1] === 2 ? 'update' : null
}

/** Reads the entries of an awareness frame from the server; throws on a malformed one. */
export function readAwarenessFrame(frame: Uint8Array): AwarenessEntry[] {
  const outer = decoding.createDecoder(frame)
  decoding.readVarUint(outer)
  const inner = decoding.createDecoder(decoding.readVarUint8Array(outer))
  const entries: AwarenessEntry[] = []
  for (let i = decoding.readVarUint(inner); i > 0; i--) {
    entries.push({
      clientId: decoding.readVarUint(inner),
      clock: decoding.readVarUint(inner),
      json: decoding.readVarString(inner),
    })
  }
  return entries
}
