import * as Y from 'yjs'

/**
 * One entry of a map key's list of writes, as Yjs's integration sees it. A stored struct can hold
 * several writes of one key by one client (deleted ones merge); when an item's origin falls
 * inside one, Yjs splits it there, and the part after the origin is its own entry (`tail`).
 */
interface Entry {
  client: number
  origin: Y.ID | null
  rightOrigin: Y.ID | null
  /** What follows it in the list. */
  next: Y.Item | null
  /** Identity, for the sets of the scan: the struct itself, or the tail marker of a split one. */
  identity: object
}

const entryOf = (item: Y.Item): Entry => ({
  client: item.id.client,
  origin: item.origin,
  rightOrigin: item.rightOrigin,
  next: item.right,
  identity: item,
})

/**
 * Whether `item`, a write of key `key` in map `map` that the document does not hold yet, would be
 * the key's value once Yjs integrated it, given that its origin is held by `doc` (or is null).
 *
 * A client writes a key after the value it last saw (the item's origin). When someone else wrote
 * the key meanwhile, Yjs orders the concurrent writes by client id and keeps the last: the update
 * may lose its key, and the document keeps the other value. This mirrors the conflict scan of
 * Yjs's `Item.integrate` (yjs 13.6) for map items, without changing the document.
 */
export function winsItsKey(
  item: Y.Item,
  doc: Y.Doc,
  map: { _map: Map<string, Y.Item> },
  key: string,
): boolean {
  const store = doc.store
  let split: { struct: Y.Item; tail: Entry; cut: number } | null = null
  let first: Entry | null
  if (item.origin) {
    const struct = Y.getItem(store, item.origin)
    const lastClock = struct.id.clock + struct.length - 1
    if (item.origin.clock < lastClock) {
      // Yjs splits the struct after the origin: the rest is the next entry.
      const tail: Entry = {
        client: struct.id.client,
        origin: item.origin,
        rightOrigin: struct.rightOrigin,
        next: struct.right,
        identity: {},
      }
      split = { struct, tail, cut: item.origin.clock }
      first = tail
    } else first = struct.right ? entryOf(struct.right) : null
  } else {
    let start = map._map.get(key) ?? null
    while (start?.left) start = start.left
    first = start ? entryOf(start) : null
  }
  // Nothing after the origin: it goes last, and wins.
  if (first === null) return true

  /** The entry a struct id belongs to, as Yjs's `getItem` sees it after the split. */
  const identityOf = (id: Y.ID): object => {
    const struct = Y.getItem(store, id)
    return split && struct === split.struct && id.clock > split.cut ? split.tail.identity : struct
  }
  let left: Entry | null = null
  const conflicting = new Set<object>()
  const beforeOrigin = new Set<object>()
  for (let o: Entry | null = first; o !== null; o = o.next ? entryOf(o.next) : null) {
    beforeOrigin.add(o.identity)
    conflicting.add(o.identity)
    if (sameId(item.origin, o.origin)) {
      if (o.client < item.id.client) {
        left = o
        conflicting.clear()
      } else if (sameId(item.rightOrigin, o.rightOrigin)) break
    } else if (o.origin !== null && beforeOrigin.has(identityOf(o.origin))) {
      if (!conflicting.has(identityOf(o.origin))) {
        left = o
        conflicting.clear()
      }
    } else break
  }
  // Placed right after `left` (or right after the origin): last in the list only if nothing follows.
  return left !== null && left.next === null
}

function sameId(a: Y.ID | null, b: Y.ID | null): boolean {
  return a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock)
}
