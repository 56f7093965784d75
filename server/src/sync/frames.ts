import { MessageType } from '@tradeoff/shared'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/**
 * A sync-update frame carrying `update`, ready to send to any number of receivers: the bytes
 * `writeUpdate` gives (message type, sync update, the update's length as a varint, the update),
 * written into one buffer of the exact size instead of an encoder that grows and is copied out.
 */
export function encodeUpdateFrame(update: Uint8Array): Uint8Array {
  let lengthBytes = 1
  for (let rest = update.length >>> 7; rest > 0; rest >>>= 7) lengthBytes++
  const frame = new Uint8Array(2 + lengthBytes + update.length)
  frame[0] = MessageType.sync
  frame[1] = syncProtocol.messageYjsUpdate
  let at = 2
  let length = update.length
  while (length > 0x7f) {
    frame[at++] = 0x80 | (length & 0x7f)
    length >>>= 7
  }
  frame[at++] = length
  frame.set(update, at)
  return frame
}

/** A sync step 1 frame: the server's state vector, asking the client for what the server lacks. */
export function encodeStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 frame: everything in `doc` that a peer with `stateVector` lacks. */
export function encodeStep2Frame(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}
