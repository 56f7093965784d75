import * as Y from 'yjs'
import { winsItsKey } from './mapKeyWinner'

/**
 * Why an update was refused, for the log line, and whether the refusal is a quota (the document
 * would hold too much: closed with 4413) rather than a broken rule (4400). Never echoes content.
 */
export type Verdict = { ok: true } | { ok: false; reason: string; tooLarge?: boolean }

interface Placement {
  /** Root map the item belongs to, or null when it sits inside a nested type. */
  root: string | null
  key: string | null
}

/**
 * What one connection may write into one document. Every document the server validates is a set
 * of root maps holding plain JSON values by key.
 */
export interface DocRules {
  /** Whether this root map may be written at all. */
  writableRoot(root: string): boolean
  /** Checks a value written under `key` of `root`; `existing` is the value held there now. */
  checkValue(root: string, key: string, value: unknown, existing: unknown): Verdict
  /** Checks the deletion of `existing`, the value under `key` of `root`. */
  checkDelete(root: string, key: string, existing: unknown): Verdict
  /**
   * Checks the update as a whole once each of its items passed: what the document would hold
   * after it. `doc` is still the document before the update.
   */
  checkUpdate?(doc: Y.Doc, changes: UpdateChanges): Verdict
}

/** What one update changes, by root map. */
export interface UpdateChanges {
  /** The value the update leaves under each key it writes. */
  written: ReadonlyMap<string, ReadonlyMap<string, unknown>>
  /** The keys whose value the update deletes and does not write again. */
  deleted: ReadonlyMap<string, ReadonlySet<string>>
}

export const OK: Verdict = { ok: true }
export const refuse = (reason: string): Verdict => ({ ok: false, reason })
/** A refusal because the document would hold more than its quota (closed with 4413). */
export const refuseTooLarge = (reason: string): Verdict => ({ ok: false, reason, tooLarge: true })

/**
 * Checks a client's update before it is applied: every item it adds must be a plain value in a
 * root map that `rules` let this client write, and pass `rules.checkValue`; every deletion must
 * pass `rules.checkDelete`. Nested types and list-like use of a map are refused.
 *
 * Once every item passed, `rules.checkUpdate` sees the update whole: the value it leaves under
 * each key and the keys it deletes, exactly as Yjs will resolve them, concurrent writes of the
 * same key by others included (their order is worked out as Yjs does, see `winsItsKey`). An
 * update writing one key as two clients is refused, since Yjs would order those writes itself.
 *
 * The update is decoded, not applied, so a refused update leaves no trace in `doc`. Items that
 * overwrite an existing key do not carry their map in the encoding; their placement is found
 * through their origin, in the update itself or in `doc`. An update that depends on state the
 * server does not have is refused, since its target cannot be checked.
 */
export function validateDocUpdate(doc: Y.Doc, update: Uint8Array, rules: DocRules): Verdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return refuse('undecodable update')
  }
  const ownItems = indexItems(decoded.structs)
  const placements = new Map<Y.Item, Placement | null>()
  const place = (item: Y.Item) => placeItem(item, doc, ownItems, placements, 0)
  const changes = new ChangeCollector()
  const fate = keyFates(doc, decoded.ds, ownItems)
  const writers = new Map<string, number>()

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    // Items the server already holds are ignored by Yjs (clients resend them, e.g. after loading
    // their offline copy), so they need no check.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue
    const placement = place(struct)
    if (!placement) return refuse('update depends on unknown state')
    const verdict = checkItem(struct, placement, doc, rules)
    if (!verdict.ok) return verdict
    if (placement.key !== null) {
      // Yjs orders the writes of one key by several clients by client id, not as listed here.
      const slot = `${placement.root}\u0000${placement.key}`
      const writer = writers.get(slot)
      if (writer !== undefined && writer !== struct.id.client) return refuse('writes one key as two clients')
      writers.set(slot, struct.id.client)
    }
    changes.settle(placement, fate(struct, placement))
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const verdict = checkDeletion(client, range.clock, range.len, doc, ownItems, place, rules, changes)
      if (!verdict.ok) return verdict
    }
  }
  return rules.checkUpdate ? rules.checkUpdate(doc, changes.result()) : OK
}

/** What one map item of an update does to its key: nothing, sets its value, or clears it. */
type KeyFate = { kind: 'none' } | { kind: 'value'; value: unknown } | { kind: 'cleared' }

const NO_EFFECT: KeyFate = { kind: 'none' }
const CLEARED: KeyFate = { kind: 'cleared' }

/**
 * Works out what a map item of the update does to its key once the update applied. Yjs keeps the
 * last of a key's writes: an item that ends last (see `winsItsKey`) replaces the key's value,
 * with its own value, or with none when the update, or deletions the document holds back for
 * items it lacked, delete it too (the value it replaced is gone all the same). An item that ends
 * before another changes nothing. A write after another write of the same update ends where
 * that one ends.
 */
function keyFates(
  doc: Y.Doc,
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  ownItems: Map<number, Y.Item[]>,
): (item: Y.Item, placement: Placement) => KeyFate {
  const heldBack = doc.store.pendingDs ? Y.decodeUpdateV2(doc.store.pendingDs).ds : null
  const endsLast = new Map<Y.Item, boolean>()
  const wins = (item: Y.Item, placement: Placement, depth: number): boolean => {
    const known = endsLast.get(item)
    if (known !== undefined) return known
    let last: boolean
    const origin = item.origin ? findStruct(item.origin.client, item.origin.clock, doc, ownItems) : null
    if (origin instanceof Y.Item && !(origin.parent instanceof Y.AbstractType)) {
      last = depth < MAX_ORIGIN_DEPTH && origin !== item && wins(origin, placement, depth + 1)
    } else {
      const map = placement.root === null ? undefined : doc.share.get(placement.root)
      last = !map || placement.key === null || winsItsKey(item, doc, map, placement.key)
    }
    endsLast.set(item, last)
    return last
  }
  return (item, placement) => {
    if (placement.root === null || placement.key === null || !wins(item, placement, 0)) return NO_EFFECT
    const deleted = Y.isDeleted(ds, item.id) || (heldBack !== null && Y.isDeleted(heldBack, item.id))
    return item.content instanceof Y.ContentAny && !deleted
      ? { kind: 'value', value: item.content.getContent()[0] }
      : CLEARED
  }
}

/** Gathers what an update writes and deletes, key by key, as its items are checked. */
class ChangeCollector {
  private readonly written = new Map<string, Map<string, unknown>>()
  private readonly deleted = new Map<string, Set<string>>()

  /** Records what an item does to its key; a later item of the update overrides an earlier one. */
  settle({ root, key }: Placement, fate: KeyFate): void {
    if (root === null || key === null || fate.kind === 'none') return
    const values = this.written.get(root) ?? new Map<string, unknown>()
    if (fate.kind === 'value') {
      values.set(key, fate.value)
      this.written.set(root, values)
    } else {
      values.delete(key)
      this.delete(root, key)
    }
  }

  delete(root: string, key: string): void {
    const keys = this.deleted.get(root) ?? new Set<string>()
    keys.add(key)
    this.deleted.set(root, keys)
  }

  result(): UpdateChanges {
    for (const [root, keys] of this.deleted) {
      const written = this.written.get(root)
      if (written) for (const key of written.keys()) keys.delete(key)
    }
    return { written: this.written, deleted: this.deleted }
  }
}

function checkItem(item: Y.Item, placement: Placement, doc: Y.Doc, rules: DocRules): Verdict {
  const { root, key } = placement
  if (root === null) return refuse('writes into a nested type')
  if (!rules.writableRoot(root)) return refuse(`writes into "${root}"`)
  if (key === null) return refuse(`writes "${root}" as a list`)
  const content = item.content
  if (content instanceof Y.ContentDeleted) return OK
  if (!(content instanceof Y.ContentAny) || content.getLength() !== 1)
    return refuse('value is not plain JSON')
  return rules.checkValue(root, key, content.getContent()[0], doc.getMap(root).get(key))
}

function checkDeletion(
  client: number,
  clock: number,
  length: number,
  doc: Y.Doc,
  ownItems: Map<number, Y.Item[]>,
  place: (item: Y.Item) => Placement | null,
  rules: DocRules,
  changes: ChangeCollector,
): Verdict {
  let position = clock
  while (position < clock + length) {
    const struct = findStruct(client, position, doc, ownItems)
    // Deleting what the server does not have yet is harmless: Yjs keeps it as a pending delete.
    if (!struct) return OK
    if (struct instanceof Y.Item && !(struct.deleted && struct.parent instanceof Y.AbstractType)) {
      const placement = placeOf(struct, place)
      if (!placement?.root || placement.key === null || !rules.writableRoot(placement.root)) {
        return refuse(`deletes in "${placement?.root ?? 'nested'}"`)
      }
      const existing = struct.content instanceof Y.ContentAny ? struct.content.getContent()[0] : undefined
      const verdict = rules.checkDelete(placement.root, placement.key, existing)
      if (!verdict.ok) return verdict
      // A map keeps one live item per key: deleting the live one held in the document deletes the key.
      if (struct.parent instanceof Y.AbstractType && !struct.deleted)
        changes.delete(placement.root, placement.key)
    }
    position = struct.id.clock + struct.length
  }
  return OK
}

function placeOf(item: Y.Item, place: (item: Y.Item) => Placement | null): Placement | null {
  if (item.parent instanceof Y.AbstractType) return placementInDoc(item)
  return place(item)
}

function indexItems(structs: Array<Y.Item | Y.GC | Y.Skip>): Map<number, Y.Item[]> {
  const byClient = new Map<number, Y.Item[]>()
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  return byClient
}

function findStruct(
  client: number,
  clock: number,
  doc: Y.Doc,
  ownItems: Map<number, Y.Item[]>,
): Y.Item | Y.GC | null {
  const own = ownItems
    .get(client)
    ?.find((item) => item.id.clock <= clock && clock < item.id.clock + item.length)
  if (own) return own
  const structs = doc.store.clients.get(client)
  if (!structs || structs.length === 0) return null
  const last = structs[structs.length - 1]
  if (!last || clock >= last.id.clock + last.length) return null
  return structs[Y.findIndexSS(structs, clock)] ?? null
}

const MAX_ORIGIN_DEPTH = 10_000

function placeItem(
  item: Y.Item,
  doc: Y.Doc,
  ownItems: Map<number, Y.Item[]>,
  memo: Map<Y.Item, Placement | null>,
  depth: number,
): Placement | null {
  const known = memo.get(item)
  if (known !== undefined) return known
  let placement: Placement | null = null
  if (typeof item.parent === 'string') {
    placement = { root: item.parent, key: item.parentSub }
  } else if (item.parent instanceof Y.ID) {
    placement = { root: null, key: item.parentSub }
  } else if (item.parent instanceof Y.AbstractType) {
    placement = placementInDoc(item)
  } else if (depth < MAX_ORIGIN_DEPTH) {
    const originId = item.origin ?? item.rightOrigin
    const origin = originId ? findStruct(originId.client, originId.clock, doc, ownItems) : null
    if (origin instanceof Y.Item && origin !== item) {
      placement =
        origin.parent instanceof Y.AbstractType
          ? placementInDoc(origin)
          : placeItem(origin, doc, ownItems, memo, depth + 1)
    }
  }
  memo.set(item, placement)
  return placement
}

function placementInDoc(item: Y.Item): Placement {
  const parent = item.parent as Y.AbstractType<unknown>
  const root = parent._item === null ? Y.findRootTypeKey(parent) : null
  return { root, key: item.parentSub }
}
