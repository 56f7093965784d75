import { CloseCodes, MessageType } from '@tradeoff/shared'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { audienceOf } from './AwarenessRelay'
import type { Connection } from './Connection'
import { encodeStep2Frame } from './frames'
import { Refusal } from './Refusal'
import type { Room } from './Room'

type Handler = (room: Room, connection: Connection, decoder: decoding.Decoder, frame: Uint8Array) => void

function onSync(room: Room, connection: Connection, decoder: decoding.Decoder): void {
  const kind = decoding.readVarUint(decoder)
  switch (kind) {
    case syncProtocol.messageYjsSyncStep1: {
      const stateVector = decoding.readVarUint8Array(decoder)
      // Read now, so a malformed vector refuses its sender here rather than failing later.
      Y.decodeStateVector(stateVector)
      // Answer only once everything accepted so far is stored: nobody may see what could be lost.
      room.afterStored(() => connection.send(encodeStep2Frame(room.doc, stateVector)))
      return
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = decoding.readVarUint8Array(decoder)
      if (!connection.identity.canWrite || room.final) return
      room.applyClientUpdate(connection, update)
      return
    }
    default:
      throw new Refusal(CloseCodes.badUpdate, `unknown sync message ${kind}`)
  }
}

function onAwareness(room: Room, connection: Connection, decoder: decoding.Decoder, frame: Uint8Array): void {
  const payload = decoding.readVarUint8Array(decoder)
  if (!connection.identity.canShowPresence) return
  const relay = room.awareness.receive(connection, payload, frame)
  if (relay) room.broadcastAwareness(relay, connection)
}

function onQueryAwareness(room: Room, connection: Connection): void {
  const frame = room.awareness.snapshotFrame(audienceOf(connection))
  if (frame) connection.send(frame)
}

/** What the server does with each message type of the y-websocket protocol. Others are refused. */
export const MESSAGE_HANDLERS: Readonly<Record<number, Handler>> = {
  [MessageType.sync]: onSync,
  [MessageType.awareness]: onAwareness,
  [MessageType.queryAwareness]: onQueryAwareness,
}
