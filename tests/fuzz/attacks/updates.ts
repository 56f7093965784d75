import type { Role } from '@tradeoff/shared'
import * as Y from 'yjs'
import { note, page, rectangle } from '../../support/records'
import { type AttackContext, EXPECTED_CLOSE_WAIT_MS, type Expectation } from '../context'
import { fetchServerState, type Probe } from '../probe'
import type { Random } from '../random'
import { deleteSetUpdate, step2Frame, updateFrame } from '../wire'

/** A local copy of the server's document, edited to produce the updates the fuzzer sends. */
interface Mirror {
  doc: Y.Doc
  records: Y.Map<unknown>
  /** Runs `edit` in one transaction and returns the update it produced. */
  change(edit: () => void): Uint8Array
}

function mirrorOf(state: Uint8Array, clientId: number): Mirror {
  const doc = new Y.Doc()
  doc.clientID = clientId
  Y.applyUpdate(doc, state)
  return {
    doc,
    records: doc.getMap('records'),
    change(edit) {
      const updates: Uint8Array[] = []
      const collect = (update: Uint8Array) => updates.push(update)
      doc.on('update', collect)
      doc.transact(edit)
      doc.off('update', collect)
      return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
    },
  }
}

const REFUSED: readonly string[] = ['4400']

/** One hostile (or honest) write: the document it targets and the updates it sends in order. */
interface UpdateKind {
  name: string
  doc: 'board' | 'panel'
  /** What the server must do with it when a writer sends it. */
  expect?: Expectation
  /** Whether to check afterwards that nothing of it reaches a joiner (held-back updates). */
  checkHeldBack?: boolean
  weight: number
  build(m: Mirror, rng: Random, author: string): Uint8Array[]
}

const shapeId = (rng: Random) => `shape:fz${rng.uint32().toString(36)}`
const shape = (id: string, overrides: Record<string, unknown> = {}) => ({
  ...rectangle(id.slice('shape:'.length)),
  ...overrides,
})
const withProps = (id: string, props: Record<string, unknown>) => {
  const base = shape(id)
  return { ...base, props: { ...(base.props as Record<string, unknown>), ...props } }
}
const label = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

const MARKER = 'FUZZ-DEEP-VALUE-MARKER'

/**
 * `value` nested `depth` levels deep, encoded the way Yjs encodes a JSON value (lib0 `writeAny`).
 * Written by hand, because encoding it recursively could overflow the fuzzer's own stack.
 */
function deepAnyBytes(depth: number, arrays: boolean): Uint8Array {
  // 117 array of one element; 118 object of one key "a"; 126 null.
  const level = arrays ? [117, 1] : [118, 1, 1, 0x61]
  const out = new Uint8Array(depth * level.length + 1)
  for (let i = 0; i < depth; i++) out.set(level, i * level.length)
  out[out.length - 1] = 126
  return out
}

/** Replaces the encoded string `MARKER` inside `update` with `replacement` (already encoded). */
function spliceMarker(update: Uint8Array, replacement: Uint8Array): Uint8Array {
  const needle = new Uint8Array([119, MARKER.length, ...new TextEncoder().encode(MARKER)])
  const at = Buffer.from(update).indexOf(Buffer.from(needle))
  if (at < 0) throw new Error('marker not found in the update')
  return new Uint8Array(
    Buffer.concat([update.subarray(0, at), replacement, update.subarray(at + needle.length)]),
  )
}

const rule = (id: string, outcomes: readonly string[] = REFUSED): Expectation => ({ outcomes, rule: id })

const BOARD_KINDS: UpdateKind[] = [
  {
    name: 'valid edit',
    doc: 'board',
    expect: rule('R12', ['open']),
    weight: 6,
    build(m, rng) {
      const updates = [
        m.change(() => {
          if (!m.records.has('page:page')) m.records.set('page:page', page())
          for (let i = rng.between(1, 4); i > 0; i--) {
            const id = shapeId(rng)
            m.records.set(id, shape(id, { x: rng.between(-2000, 2000), y: rng.between(-2000, 2000) }))
          }
        }),
      ]
      const ours = [...m.records.keys()].filter((k) => k.startsWith('shape:fz'))
      // Keeps the attacked boards from growing without end: an honest client deletes too, but
      // never a shape another record still points at (its parent or a binding end, R27).
      if (ours.length > 40) {
        const pointedAt = new Set<unknown>()
        for (const record of m.records.values()) {
          const { parentId, fromId, toId } = (record ?? {}) as Record<string, unknown>
          for (const id of [parentId, fromId, toId]) pointedAt.add(id)
        }
        const leaves = ours.filter((k) => !pointedAt.has(k)).slice(0, 20)
        updates.push(m.change(() => leaves.forEach((k) => void m.records.delete(k))))
      }
      for (let i = rng.between(0, 30); i > 0 && ours.length > 0; i--) {
        const id = rng.pick(ours)
        updates.push(m.change(() => m.records.set(id, shape(id, { x: i * 7, y: rng.between(0, 900) }))))
      }
      return updates
    },
  },
  {
    name: 'missing dependencies (pending structs)',
    doc: 'board',
    checkHeldBack: true,
    weight: 3,
    build(m, rng) {
      const first = shapeId(rng)
      m.change(() => m.records.set(first, shape(first)))
      const second = shapeId(rng)
      return [m.change(() => m.records.set(second, shape(second, { x: 5 })))]
    },
  },
  {
    name: 'missing dependencies past the bound',
    doc: 'board',
    expect: rule('R30'),
    checkHeldBack: true,
    weight: 1,
    build(m, rng) {
      m.change(() => m.records.set('shape:withheld', shape('shape:withheld')))
      const updates: Uint8Array[] = []
      for (let i = 0; i < 60; i++) {
        const id = shapeId(rng)
        updates.push(m.change(() => m.records.set(id, shape(id, { meta: { pad: 'x'.repeat(8_000) } }))))
      }
      return updates
    },
  },
  {
    name: 'delete set for unknown clocks',
    doc: 'board',
    checkHeldBack: true,
    weight: 2,
    build(m, rng) {
      const known = [...m.doc.store.clients.keys()]
      const ranges: Array<[number, number, number]> = []
      for (let i = rng.between(1, 40); i > 0; i--) {
        const client = known.length > 0 && rng.chance(0.5) ? rng.pick(known) : rng.uint32()
        const clock = rng.chance(0.5) ? rng.int(1_000) : rng.uint32() >>> 1
        ranges.push([client, clock, rng.chance(0.2) ? 2 ** 31 : rng.between(1, 1_000)])
      }
      return [deleteSetUpdate(ranges)]
    },
  },
  {
    name: 'record nested 10,000 deep',
    doc: 'board',
    expect: rule('R27'),
    weight: 2,
    build(m, rng) {
      const id = shapeId(rng)
      const update = m.change(() => m.records.set(id, shape(id, { meta: { deep: MARKER } })))
      return [spliceMarker(update, deepAnyBytes(rng.pick([100, 1_000, 10_000]), rng.chance(0.5)))]
    },
  },
  {
    name: 'shape parented to itself',
    doc: 'board',
    expect: rule('R27'),
    weight: 2,
    build(m, rng) {
      const id = shapeId(rng)
      return [m.change(() => m.records.set(id, shape(id, { parentId: id })))]
    },
  },
  {
    name: 'shapes parented in a cycle',
    doc: 'board',
    expect: rule('R27'),
    weight: 2,
    build(m, rng) {
      const [a, b, c] = [shapeId(rng), shapeId(rng), shapeId(rng)]
      if (rng.chance(0.5)) {
        return [
          m.change(() => {
            m.records.set(
              a,
              shape(a, { type: 'frame', props: { w: 200, h: 200, name: '', color: 'black' }, parentId: b }),
            )
            m.records.set(b, shape(b, { parentId: c }))
            m.records.set(c, shape(c, { parentId: a }))
          }),
        ]
      }
      // The cycle closed by a later update, each one fine alone.
      return [
        m.change(() => {
          if (!m.records.has('page:page')) m.records.set('page:page', page())
          m.records.set(a, shape(a))
        }),
        m.change(() => m.records.set(b, shape(b, { parentId: a }))),
        m.change(() => m.records.set(a, shape(a, { parentId: b }))),
      ]
    },
  },
  {
    name: 'parent or binding end that does not exist',
    doc: 'board',
    expect: rule('R27'),
    weight: 1,
    build(m, rng) {
      const id = shapeId(rng)
      if (rng.chance(0.5))
        return [m.change(() => m.records.set(id, shape(id, { parentId: 'shape:nowhere' })))]
      const bindingId = `binding:fz${rng.uint32().toString(36)}`
      return [
        m.change(() =>
          m.records.set(bindingId, {
            id: bindingId,
            typeName: 'binding',
            type: 'arrow',
            fromId: 'shape:nowhere',
            toId: 'shape:nothing',
            meta: {},
            props: {
              terminal: 'start',
              normalizedAnchor: { x: 0.5, y: 0.5 },
              isExact: false,
              isPrecise: false,
              snap: 'none',
            },
          }),
        ),
      ]
    },
  },
  {
    name: 'huge string',
    doc: 'board',
    expect: rule('R27'),
    weight: 2,
    build(m, rng) {
      const id = shapeId(rng)
      const text = 'w'.repeat(rng.between(50_001, 1_500_000))
      const value = rng.chance(0.5) ? shape(id, { meta: { text } }) : withProps(id, { richText: label(text) })
      return [m.change(() => m.records.set(id, value))]
    },
  },
  {
    name: 'number out of bounds',
    doc: 'board',
    expect: rule('R27'),
    weight: 2,
    build(m, rng) {
      const id = shapeId(rng)
      const big = rng.pick([1e308, -1e308, Number.MAX_VALUE, 1e10, -5e9])
      const value = rng.chance(0.5)
        ? shape(id, { [rng.pick(['x', 'y', 'rotation', 'opacity'])]: big })
        : withProps(id, { [rng.pick(['w', 'h', 'scale', 'growY'])]: big })
      return [m.change(() => m.records.set(id, value))]
    },
  },
  {
    name: 'value that is not JSON',
    doc: 'board',
    expect: rule('R27'),
    weight: 1,
    build(m, rng) {
      const id = shapeId(rng)
      const odd = rng.pick<unknown>([10n ** 30n, new Uint8Array([1, 2, 3]), undefined])
      return [m.change(() => m.records.set(id, shape(id, { meta: { odd } })))]
    },
  },
  {
    name: 'record under another key',
    doc: 'board',
    expect: rule('R7'),
    weight: 1,
    build(m, rng) {
      const id = shapeId(rng)
      const key = rng.pick([shapeId(rng), '__proto__', 'constructor', '', 'page:page'])
      return [m.change(() => m.records.set(key, shape(id)))]
    },
  },
  {
    name: 'wrong type name',
    doc: 'board',
    expect: rule('R8'),
    weight: 1,
    build(m, rng) {
      const id = `${rng.pick(['instance', 'camera', 'pointer', 'nonsense', '__proto__'])}:fz`
      const typeName = id.slice(0, id.indexOf(':'))
      return [m.change(() => m.records.set(id, { id, typeName, meta: {} }))]
    },
  },
  {
    name: 'record that is not an object',
    doc: 'board',
    expect: rule('R5'),
    weight: 1,
    build(m, rng) {
      const id = shapeId(rng)
      return [m.change(() => m.records.set(id, rng.pick<unknown>(['text', 42, null, [1, 2], true])))]
    },
  },
  {
    name: 'write into meta or session',
    doc: 'board',
    expect: rule('R9–R10'),
    weight: 1,
    build(m, rng) {
      const map = m.doc.getMap(rng.pick(['meta', 'session']))
      return [
        m.change(() => {
          if (rng.chance(0.5) && map.size > 0) map.delete(rng.pick([...map.keys()]))
          else map.set(rng.pick(['schema', 'phase', 'startedAt', 'x']), { forged: true })
        }),
      ]
    },
  },
  {
    name: 'nested Yjs type in a record',
    doc: 'board',
    expect: rule('R5'),
    weight: 1,
    build(m, rng) {
      const id = shapeId(rng)
      return [
        m.change(() => {
          const kind = rng.int(4)
          const nested =
            kind === 0
              ? new Y.Map()
              : kind === 1
                ? new Y.Array()
                : kind === 2
                  ? new Y.Text('x')
                  : new Y.XmlFragment()
          m.records.set(id, nested)
          if (nested instanceof Y.Map) nested.set('id', id)
        }),
      ]
    },
  },
  {
    name: 'list or unknown root',
    doc: 'board',
    expect: rule('R5'),
    weight: 1,
    build(_m, rng) {
      // A document of its own: here `records` may be a list.
      const doc = new Y.Doc()
      doc.clientID = rng.uint32()
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      if (rng.chance(0.5)) doc.getArray('records').push([shape('shape:list')])
      else doc.getMap(rng.pick(['other', '', '__proto__'])).set('k', 1)
      return updates
    },
  },
  {
    name: 'records per update past the bound',
    doc: 'board',
    expect: rule('R27'),
    weight: 0.3,
    build(m, rng) {
      const base = rng.uint32().toString(36)
      return [
        m.change(() => {
          for (let i = 0; i < 5_200; i++)
            m.records.set(`page:fz${base}-${i}`, page(`page:fz${base}-${i}`, 'p'))
        }),
      ]
    },
  },
]

const PANEL_KINDS: UpdateKind[] = [
  {
    name: 'valid note',
    doc: 'panel',
    expect: rule('R24', ['open']),
    weight: 2,
    build(m, rng, author) {
      const notes = m.doc.getMap('notes')
      const id = `fz${rng.uint32().toString(36)}`
      const mine = [...notes.entries()].filter(([, v]) => (v as { author?: string }).author === author)
      return [
        m.change(() => {
          notes.set(id, note(id, author, { text: 'fuzz' }))
          if (mine.length > 20) for (const [k] of mine.slice(0, 10)) notes.delete(k)
        }),
      ]
    },
  },
  {
    name: 'note in another name',
    doc: 'panel',
    expect: rule('R24'),
    weight: 1,
    build(m, rng) {
      const id = `fz${rng.uint32().toString(36)}`
      return [m.change(() => m.doc.getMap('notes').set(id, note(id, rng.pick(['Ian', 'Cam', 'server', '']))))]
    },
  },
  {
    name: 'note breaking the schema',
    doc: 'panel',
    expect: rule('R24'),
    weight: 1,
    build(m, rng, author) {
      const id = `fz${rng.uint32().toString(36)}`
      const broken = rng.pick<Record<string, unknown>>([
        { at: -1 },
        { at: 1e308 },
        { signal: '!' },
        { text: 'x'.repeat(60_000) },
        { shapeIds: Array.from({ length: 500 }, (_, i) => `shape:${i}`) },
        { extra: true },
      ])
      return [m.change(() => m.doc.getMap('notes').set(id, note(id, author, broken)))]
    },
  },
  {
    name: 'note nested 10,000 deep',
    doc: 'panel',
    expect: rule('R27'),
    weight: 1,
    build(m, rng, author) {
      const id = `fz${rng.uint32().toString(36)}`
      const update = m.change(() => m.doc.getMap('notes').set(id, note(id, author, { text: MARKER })))
      return [spliceMarker(update, deepAnyBytes(10_000, rng.chance(0.5)))]
    },
  },
  {
    name: 'missing dependencies on the panel',
    doc: 'panel',
    checkHeldBack: true,
    weight: 1,
    build(m, rng, author) {
      const notes = m.doc.getMap('notes')
      m.change(() => notes.set('withheld', note('withheld', author)))
      const id = `fz${rng.uint32().toString(36)}`
      return [m.change(() => notes.set(id, note(id, author)))]
    },
  },
]

const ALL_KINDS = [...BOARD_KINDS, ...PANEL_KINDS]
const TOTAL_WEIGHT = ALL_KINDS.reduce((sum, k) => sum + k.weight, 0)

function pickKind(rng: Random): UpdateKind {
  let roll = rng.next() * TOTAL_WEIGHT
  for (const kind of ALL_KINDS) {
    roll -= kind.weight
    if (roll < 0) return kind
  }
  return ALL_KINDS[0] as UpdateKind
}

/**
 * Sends one hostile (or, now and then, honest) Yjs update built on a copy of the server's own
 * document: missing dependencies, unknown deletes, deep nesting, cycles, huge strings and
 * numbers, wrong keys and types, writes where only the server writes. A reviewer's writes must
 * be dropped with the socket kept open; a writer's are judged against SPEC.md.
 */
export async function hostileUpdate(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const kind = pickKind(rng)
  const reviewer = rng.chance(0.1)
  const role: Role = reviewer
    ? 'reviewer'
    : kind.doc === 'panel'
      ? 'interviewer'
      : rng.pick(['interviewer', 'candidate'])
  const session = ctx.session()
  const author = role === 'candidate' ? 'Cam' : 'Ivy'
  const probe = await ctx.open({ session, role, doc: kind.doc })
  if (!probe.opened) return void (await ctx.finish(probe, kind.name))
  const clientId = rng.uint32()
  const state = await fetchServerState(probe)
  if (!state) return void (await ctx.finish(probe, `${kind.name} (no state)`))
  const updates = kind.build(mirrorOf(state, clientId), rng, author)
  const asStep2 = rng.chance(0.3)
  for (const update of updates) {
    if (!probe.send(asStep2 ? step2Frame(update) : updateFrame(update))) break
  }
  const expect = reviewer
    ? rule('README, "Websocket sync": a read-only connection’s updates are dropped', ['open'])
    : kind.expect
  await ctx.finish(
    probe,
    reviewer ? `${kind.name} (reviewer)` : kind.name,
    expect,
    expect?.outcomes.includes('open') ? 300 : EXPECTED_CLOSE_WAIT_MS,
  )
  if (kind.checkHeldBack)
    await checkNothingHeldBackLeaks(ctx, kind.name, session, kind.doc, clientId, updates)
}

/**
 * Joins the document as a reviewer and checks that the state it is sent holds none of the
 * attacker's held-back structs and none of its unknown deletes (R30: never sent to anyone).
 */
async function checkNothingHeldBackLeaks(
  ctx: AttackContext,
  kind: string,
  session: ReturnType<AttackContext['session']>,
  doc: 'board' | 'panel',
  clientId: number,
  sent: Uint8Array[],
): Promise<void> {
  const observer: Probe = await ctx.open({ session, role: 'reviewer', doc })
  const state = observer.opened ? await fetchServerState(observer) : null
  await ctx.finish(observer, 'observer after held-back updates', undefined, 50)
  if (!state) return
  const seen = Y.decodeUpdate(state)
  const leakedStruct = seen.structs.some((s) => s.id.client === clientId)
  const sentDeletes = new Set<number>()
  for (const update of sent)
    for (const client of Y.decodeUpdate(update).ds.clients.keys()) sentDeletes.add(client)
  const knownClients = new Set(seen.structs.map((s) => s.id.client))
  const leakedDelete = [...seen.ds.clients.keys()].some((c) => sentDeletes.has(c) && !knownClients.has(c))
  if (leakedStruct || leakedDelete) {
    ctx.surprise(
      kind,
      leakedStruct
        ? 'a joiner was sent the held-back structs'
        : 'a joiner was sent deletes of unknown clocks',
      'held back, never sent to anyone',
      'R30',
    )
  }
}
