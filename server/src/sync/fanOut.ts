import { type AwarenessFrames, audienceOf } from './AwarenessRelay'
import type { Connection } from './Connection'
import { binaryWireFrame } from './wireFrame'

/** Sends `frame` to every connection but `except`, its websocket frame built once for all of them. */
export function sendToAll(connections: Iterable<Connection>, frame: Uint8Array, except?: Connection): void {
  let wire: Buffer | undefined
  for (const connection of connections) {
    if (connection === except) continue
    wire ??= binaryWireFrame(frame)
    connection.send(frame, wire)
  }
}

/** Sends an awareness change to every connection but `except`, each its audience's frame. */
export function sendAwarenessToAll(
  connections: Iterable<Connection>,
  frames: AwarenessFrames,
  except?: Connection,
): void {
  if (frames.candidates === frames.everyone) {
    sendToAll(connections, frames.everyone, except)
    return
  }
  let forEveryone: Buffer | undefined
  let forCandidates: Buffer | undefined
  for (const connection of connections) {
    if (connection === except) continue
    if (audienceOf(connection) === 'candidates') {
      forCandidates ??= binaryWireFrame(frames.candidates)
      connection.send(frames.candidates, forCandidates)
    } else {
      forEveryone ??= binaryWireFrame(frames.everyone)
      connection.send(frames.everyone, forEveryone)
    }
  }
}
