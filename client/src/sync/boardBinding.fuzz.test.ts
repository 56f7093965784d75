import * as prng from 'lib0/prng'
import type { TLRecord, TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { rectangle } from '../../../tests/support/records'
import { newBoardStore } from '../../../tests/support/tldrawStore'
import { bindBoard } from './boardBinding'

interface Peer {
  doc: Y.Doc
  store: TLStore
  /** Updates sent to this peer and not yet delivered, in no particular order. */
  inbox: Uint8Array[]
}

/** N peers whose documents talk through a network that delivers only when the test says so. */
function network(size: number): Peer[] {
  const peers: Peer[] = []
  for (let i = 0; i < size; i++) {
    peers.push({ doc: new Y.Doc(), store: newBoardStore(), inbox: [] })
  }
  for (const peer of peers) {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'network') return
      for (const other of peers) if (other !== peer) other.inbox.push(update)
    })
    bindBoard(peer.store, peer.doc)
  }
  return peers
}

function shapes(store: TLStore): TLRecord[] {
  return store
    .allRecords()
    .filter((r) => r.typeName === 'shape')
    .sort((a, b) => a.id.localeCompare(b.id))
}

function runFuzz(seed: number, peerCount: number, steps: number) {
  const random = prng.create(seed)
  const peers = network(peerCount)
  for (let step = 0; step < steps; step++) {
    const peer = prng.oneOf(random, peers)
    const roll = prng.int32(random, 0, 9)
    if (roll < 4 && peer.inbox.length > 0) {
      // Deliver one pending message, picked at random: out of order, as a real network may.
      const [update] = peer.inbox.splice(prng.int32(random, 0, peer.inbox.length - 1), 1)
      if (update) Y.applyUpdate(peer.doc, update, 'network')
      continue
    }
    const id = `s${prng.int32(random, 0, 7)}`
    const existing = peer.store.get(`shape:${id}` as TLRecord['id'])
    if (roll === 9 && existing) peer.store.remove([existing.id])
    else
      peer.store.put([rectangle(id, prng.int32(random, -500, 500), prng.int32(random, -500, 500)) as never])
  }
  // Flush the network in random order until nothing is left in flight.
  while (peers.some((p) => p.inbox.length > 0)) {
    const peer = prng.oneOf(
      random,
      peers.filter((p) => p.inbox.length > 0),
    )
    const [update] = peer.inbox.splice(prng.int32(random, 0, peer.inbox.length - 1), 1)
    if (update) Y.applyUpdate(peer.doc, update, 'network')
  }
  return peers
}

describe('convergence fuzz (seeded)', () => {
  for (const seed of [1, 7, 42, 1234, 99991]) {
    it(`R20 seed ${seed}: 4 peers, random edits, random delivery order, equal boards at the end`, () => {
      const peers = runFuzz(seed, 4, 400)
      const [first, ...rest] = peers
      if (!first) throw new Error('no peers')
      const expected = shapes(first.store)
      expect(expected.length).toBeGreaterThan(0)
      for (const peer of rest) {
        expect(shapes(peer.store)).toEqual(expected)
        expect(peer.doc.getMap('records').toJSON()).toEqual(first.doc.getMap('records').toJSON())
      }
    })
  }
})
