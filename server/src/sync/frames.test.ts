import { MessageType } from '@tradeoff/shared'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import { encodeUpdateFrame } from './frames'

/** The frame as y-protocols' own encoder writes it. */
function referenceFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('sync frames', () => {
  it('writes an update frame byte for byte as y-protocols does, at every length-prefix size', () => {
    for (const length of [0, 1, 127, 128, 373, 16_383, 16_384, 2_097_151, 2_097_152]) {
      const update = new Uint8Array(length).map((_, i) => (i * 31) & 0xff)
      expect(encodeUpdateFrame(update)).toEqual(referenceFrame(update))
    }
  })
})
