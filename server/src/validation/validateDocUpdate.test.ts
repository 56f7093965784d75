import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type DocRules, OK, type UpdateChanges, validateDocUpdate } from './validateDocUpdate'

/** A small seeded random source (mulberry32). */
function seeded(seed: number) {
  let state = seed >>> 0
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below)
  }
}

/** Rules that let everything through and remember what the update was found to change. */
function recordingRules(): DocRules & { seen: UpdateChanges | null } {
  const rules: DocRules & { seen: UpdateChanges | null } = {
    seen: null,
    writableRoot: (root) => root === 'm',
    checkValue: () => OK,
    checkDelete: () => OK,
    checkUpdate(_doc, changes) {
      rules.seen = changes
      return OK
    },
  }
  return rules
}

interface Peer {
  doc: Y.Doc
  /** Its own changes, not yet received by the server, in order. */
  outbox: Uint8Array[]
  /** The server's relayed changes, not yet received by this client, in order. */
  inbox: Uint8Array[]
}

describe('what an update leaves in the document, worked out without applying it', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: concurrent writes, drags and deletes of the same keys, as Yjs resolves them`, () => {
      const random = seeded(seed)
      const server = new Y.Doc()
      const peers: Peer[] = [7, 3, 11, 5].map((client) => {
        const peer: Peer = { doc: new Y.Doc(), outbox: [], inbox: [] }
        peer.doc.clientID = client
        peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== 'server') peer.outbox.push(update)
        })
        return peer
      })
      let sender: Peer | null = null
      server.on('update', (update: Uint8Array) => {
        for (const peer of peers) if (peer !== sender) peer.inbox.push(update)
      })
      const keys = ['a', 'b', 'c']
      let serial = 0
      let checked = 0
      for (let step = 0; step < 600; step++) {
        const peer = peers[random(peers.length)] as Peer
        const map = peer.doc.getMap('m')
        const roll = random(10)
        if (roll < 3) {
          // A drag: several writes of one key, one update each (deleted ones merge in the store).
          const key = keys[random(keys.length)] as string
          for (let n = random(4); n >= 0; n--) map.set(key, { w: ++serial })
        } else if (roll < 4) {
          peer.doc.transact(() => {
            map.set(keys[random(keys.length)] as string, { w: ++serial })
            map.delete(keys[random(keys.length)] as string)
          })
        } else if (roll < 7) {
          const update = peer.outbox.shift()
          if (!update) continue
          // The server checks the update, works out what it leaves, then applies it.
          const rules = recordingRules()
          const before = server.getMap('m').toJSON()
          expect(validateDocUpdate(server, update, rules)).toEqual(OK)
          const written = rules.seen?.written.get('m') ?? new Map()
          const deleted = rules.seen?.deleted.get('m') ?? new Set()
          sender = peer
          Y.applyUpdate(server, update, peer)
          sender = null
          const after = server.getMap('m').toJSON()
          for (const key of keys) {
            const predicted = written.has(key) ? written.get(key) : deleted.has(key) ? undefined : before[key]
            expect(predicted, `step ${step}, key ${key}`).toEqual(after[key])
          }
          checked++
        } else {
          const update = peer.inbox.shift()
          if (update) Y.applyUpdate(peer.doc, update, 'server')
        }
      }
      expect(checked).toBeGreaterThan(100)
    })
  }
})
