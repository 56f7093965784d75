import type { TLSchema } from '@tldraw/tlschema'
import { BOARD_MAPS, isBoardRecordType } from '@tradeoff/shared'
import * as Y from 'yjs'

/** Why an update was refused, for the log line and the close reason. Never echoes content. */
export type Verdict = { ok: true } | { ok: false; reason: string }

interface Placement {
  /** Root map the item belongs to, or null when it sits inside a nested type. */
  root: string | null
  key: string | null
}

const OK: Verdict = { ok: true }
const refuse = (reason: string): Verdict => ({ ok: false, reason })

/**
 * Checks a client's board update before it is applied: every item it adds must be a value in the
 * `records` map that passes tldraw's schema, keyed by its own id, and every deletion must remove
 * records only. The `meta` and `session` maps are the server's and are refused here.
 *
 * The update is decoded, not applied, so a refused update leaves no trace in `doc`. Items that
 * overwrite an existing key do not carry their map in the encoding; their placement is found
 * through their origin, in the update itself or in `doc`. An update that depends on state the
 * server does not have is refused, since its target cannot be checked.
 */
export function validateBoardUpdate(doc: Y.Doc, update: Uint8Array, schema: TLSchema): Verdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return refuse('undecodable update')
  }
  const ownItems = indexItems(decoded.structs)
  const placements = new Map<Y.Item, Placement | null>()
  const place = (item: Y.Item) => placeItem(item, doc, ownItems, placements, 0)

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    // Items the server already holds are ignored by Yjs (clients resend them, e.g. after loading
    // their offline copy), so they need no check.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue
    const placement = place(struct)
    if (!placement) return refuse('update depends on unknown state')
    const verdict = checkItem(struct, placement, schema)
    if (!verdict.ok) return verdict
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const verdict = checkDeletion(client, range.clock, range.len, doc, ownItems, place)
      if (!verdict.ok) return verdict
    }
  }
  return OK
}

function checkItem(item: Y.Item, placement: Placement, schema: TLSchema): Verdict {
  if (placement.root !== BOARD_MAPS.records)
    return refuse(`writes outside "records" (${placement.root ?? 'nested'})`)
  if (placement.key === null) return refuse('writes "records" as a list')
  const content = item.content
  if (content instanceof Y.ContentDeleted) return OK
  if (!(content instanceof Y.ContentAny) || content.getLength() !== 1)
    return refuse('record is not a plain value')
  return checkRecord(placement.key, content.getContent()[0], schema)
}

function checkRecord(key: string, record: unknown, schema: TLSchema): Verdict {
  if (typeof record !== 'object' || record === null) return refuse('record is not an object')
  const { id, typeName } = record as { id?: unknown; typeName?: unknown }
  if (id !== key) return refuse('record id differs from its key')
  if (!isBoardRecordType(typeName)) return refuse(`record type not allowed on the board: ${String(typeName)}`)
  const recordType = schema.types[typeName]
  if (!recordType) return refuse(`unknown record type: ${typeName}`)
  try {
    recordType.validate(record)
  } catch (error) {
    return refuse(`invalid ${typeName}: ${error instanceof Error ? error.message.slice(0, 200) : 'invalid'}`)
  }
  return OK
}

function checkDeletion(
  client: number,
  clock: number,
  length: number,
  doc: Y.Doc,
  ownItems: Map<number, Y.Item[]>,
  place: (item: Y.Item) => Placement | null,
): Verdict {
  let position = clock
  while (position < clock + length) {
    const struct = findStruct(client, position, doc, ownItems)
    // Deleting what the server does not have yet is harmless: Yjs keeps it as a pending delete.
    if (!struct) return OK
    if (struct instanceof Y.Item && !(struct.deleted && struct.parent instanceof Y.AbstractType)) {
      const placement = placeOf(struct, place)
      if (!placement || placement.root !== BOARD_MAPS.records) return refuse('deletes outside "records"')
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
