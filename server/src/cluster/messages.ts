import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Command, RoomMessage } from './Cluster'

/**
 * The bytes of a room message on the broker: the sending process's id, a kind number, then the
 * kind's fields (lib0 encoding, as Yjs itself uses). Updates travel as the bytes Yjs produced, so no
 * process re-encodes what another already encoded.
 */
const KIND = { update: 0, awareness: 1, hello: 2 } as const

export function encodeRoomMessage(from: string, message: RoomMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, from)
  encoding.writeVarUint(encoder, KIND[message.kind])
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq)
      encoding.writeFloat64(encoder, message.storedAt)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.everyone)
      // Most changes read the same for candidates: then the second frame is left out.
      encoding.writeVarUint(encoder, message.candidates === message.everyone ? 0 : 1)
      if (message.candidates !== message.everyone) encoding.writeVarUint8Array(encoder, message.candidates)
      break
    case 'hello':
      break
  }
  return encoding.toUint8Array(encoder)
}

/**
 * Reads a room message; throws on bytes that are not one (a broker shared with something else).
 * The result never shares memory with `bytes`, which the Redis client may reuse.
 */
export function decodeRoomMessage(bytes: Uint8Array): { from: string; message: RoomMessage } {
  const decoder = decoding.createDecoder(new Uint8Array(bytes))
  const from = decoding.readVarString(decoder)
  const kind = decoding.readVarUint(decoder)
  switch (kind) {
    case KIND.update: {
      const seq = decoding.readVarUint(decoder)
      const storedAt = decoding.readFloat64(decoder)
      const update = decoding.readVarUint8Array(decoder)
      return { from, message: { kind: 'update', seq, storedAt, update } }
    }
    case KIND.awareness: {
      const everyone = decoding.readVarUint8Array(decoder)
      const candidates = decoding.readVarUint(decoder) === 1 ? decoding.readVarUint8Array(decoder) : everyone
      return { from, message: { kind: 'awareness', everyone, candidates } }
    }
    case KIND.hello:
      return { from, message: { kind: 'hello' } }
    default:
      throw new Error(`unknown room message kind ${kind}`)
  }
}

/** Commands are rare and small: JSON text, checked when read. */
export function encodeCommand(command: Command): string {
  return JSON.stringify(command)
}

export function decodeCommand(text: string): Command | null {
  try {
    const value = JSON.parse(text) as { kind?: unknown; sessionId?: unknown }
    if (value.kind === 'evict' && typeof value.sessionId === 'string') {
      return { kind: 'evict', sessionId: value.sessionId }
    }
  } catch {
    // Not ours: ignored below.
  }
  return null
}
