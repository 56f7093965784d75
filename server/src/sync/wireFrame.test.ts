import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { binaryWireFrame } from './wireFrame'

interface FrameOptions {
  fin: boolean
  opcode: number
  mask: boolean
  readOnly: boolean
  rsv1: boolean
}
/** `ws`'s own frame encoder (exported by the package, not declared by its types). */
const { Sender } = createRequire(import.meta.url)('ws') as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] }
}

/** The bytes `ws` writes for a binary message from a server (header and payload, unmasked). */
function wsFrame(payload: Uint8Array): Buffer {
  const pieces = Sender.frame(Buffer.from(payload), {
    fin: true,
    opcode: 2,
    mask: false,
    readOnly: false,
    rsv1: false,
  })
  return Buffer.concat(pieces)
}

describe('binaryWireFrame', () => {
  it('writes the frame byte for byte as ws does, at every length form', () => {
    for (const length of [0, 1, 125, 126, 127, 373, 65_535, 65_536, 70_000]) {
      const payload = new Uint8Array(length).map((_, i) => (i * 7) & 0xff)
      expect(binaryWireFrame(payload)).toEqual(wsFrame(payload))
    }
  })
})
