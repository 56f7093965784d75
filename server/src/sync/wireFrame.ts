/**
 * The websocket frame (RFC 6455, section 5.2) a server writes for one binary message: final,
 * unmasked, opcode 2, the payload length in the shortest form the RFC allows. A broadcast builds
 * it once and writes the same bytes to every receiver's socket, where `ws` would build a header
 * for each receiver and write header and payload as two pieces (a `writev` per receiver).
 */
export function binaryWireFrame(payload: Uint8Array): Buffer {
  const length = payload.length
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = 0x82 // FIN + binary
  if (length < 126) {
    frame[1] = length
  } else if (length < 65_536) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.set(payload, headerBytes)
  return frame
}
