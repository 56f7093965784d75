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

  it('reads raw blobs and refuses unknown codecs', () => {
    expect(decodeBlob(new Uint8Array([0, 1, 2, 3]))).toEqual(new Uint8Array([1, 2, 3]))
    expect(() => decodeBlob(new Uint8Array([9, 1]))).toThrow(/unknown blob codec 9/)
  })
})
