import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { rectangle } from '../../../tests/support/records'
import { decodeBlob, encodeSnapshotBlob, encodeUpdateBlob } from './blobCodec'

describe('stored blob codecs', () => {
  it('round-trips updates and snapshots, and shrinks a typical shape update several times', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 50; i++)
      doc.getMap('records').set(`shape:r${i}`, rectangle(`r${i}`, i * 10, i, `node ${i}`))
    for (const update of updates) {
      const blob = encodeUpdateBlob(update)
      expect(decodeBlob(blob)).toEqual(update)
      expect(blob.length).toBeLessThan(update.length / 3)
    }
    const state = Y.encodeStateAsUpdate(doc)
    const snapshot = encodeSnapshotBlob(state)
    expect(decodeBlob(snapshot)).toEqual(state)
    expect(snapshot.length).toBeLessThan(state.length / 5)
  })

  it('reads updates stored by earlier builds (codec 2 written with zlib default window)', () => {
    // A rectangle record set by client 7, as `encodeUpdateBlob` stored it before its window shrank.
    const update = Buffer.from(
      'AQEHACgBB3JlY29yZHMIc2hhcGU6cjEBdgwCaWR3CHNoYXBlOnIxCHR5cGVOYW1ldwVzaGFwZQR0eXBldwNnZW8BeH0KAXl9FAhyb3RhdGlvbn0A' +
        'BWluZGV4dwJhMQhwYXJlbnRJZHcJcGFnZTpwYWdlCGlzTG9ja2VkeQdvcGFjaXR5fQEEbWV0YXYABXByb3BzdhEDZ2VvdwlyZWN0YW5nbGUE' +
        'ZGFzaHcEZHJhdwN1cmx3AAF3faACAWh9mgEFZ3Jvd1l9AAVzY2FsZX0BBWZsaXBYeQVmbGlwWXkKbGFiZWxDb2xvcncFYmxhY2sFY29sb3J3' +
        'BWJsYWNrBGZpbGx3BG5vbmUEc2l6ZXcBbQRmb250dwRkcmF3BWFsaWdudwZtaWRkbGUNdmVydGljYWxBbGlnbncGbWlkZGxlCHJpY2hUZXh0' +
        'dgIEdHlwZXcDZG9jB2NvbnRlbnR1AXYCBHR5cGV3CXBhcmFncmFwaAdjb250ZW50dQF2AgR0eXBldwR0ZXh0BHRleHR3BG5vZGUA',
      'base64',
    )
    const stored = Buffer.from('AmNkZEcylgMSxUWG0CiH8/HGORdjZa3IaIxTHOMsefkpqQwA', 'base64')
    expect(decodeBlob(stored)).toEqual(new Uint8Array(update))
    expect(decodeBlob(encodeUpdateBlob(update))).toEqual(new Uint8Array(update))
    expect(encodeUpdateBlob(update).length).toBeLessThanOrEqual(stored.length + 4)
  })

  it('reads raw blobs and refuses unknown codecs', () => {
    expect(decodeBlob(new Uint8Array([0, 1, 2, 3]))).toEqual(new Uint8Array([1, 2, 3]))
    expect(() => decodeBlob(new Uint8Array([9, 1]))).toThrow(/unknown blob codec 9/)
  })
})
