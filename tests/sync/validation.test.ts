import { COMPONENT_KINDS } from '@tradeoff/shared/architecture'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { waitFor } from '../support/poll'
import { note, PAGE_ID, page, rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

/**
 * A writer and a watcher in one room; the watcher remembers every record key it ever saw. `env`
 * sets the server's `LIMIT_...` bounds.
 */
async function roomWithWatcher(env: Record<string, string> = {}) {
  server = await startTestServer({ env })
  const id = await newSession(server.url)
  const writer = connectClient(server.wsUrl, id)
  const watcher = connectClient(server.wsUrl, id)
  clients.push(writer, watcher)
  await Promise.all([writer.synced, watcher.synced])
  const seen = new Set<string>()
  watcher.doc.on('update', () => {
    for (const key of watcher.records.keys()) seen.add(key)
    for (const key of watcher.doc.getMap('session').keys()) seen.add(`session:${key}`)
  })
  return { id, writer, watcher, seen }
}

/**
 * Sends a forged change from `writer`, then proves the room still works and never showed it.
 * The forger must be closed with `code` (4400 unless told).
 */
async function expectRefused(
  ctx: Awaited<ReturnType<typeof roomWithWatcher>>,
  forge: (doc: Y.Doc) => void,
  forgedKey: string,
  code = 4400,
) {
  forge(ctx.writer.doc)
  await waitFor(() => ctx.writer.closeCodes.includes(code), `the forger is closed with ${code}`)
  // A good write after the refusal, from a fresh client, must still arrive: the room is healthy.
  const honest = connectClient(server.wsUrl, ctx.id)
  clients.push(honest)
  await honest.synced
  honest.records.set('shape:honest', rectangle('honest'))
  await waitFor(() => ctx.watcher.records.has('shape:honest'), 'the watcher receives the honest write')
  expect(ctx.seen.has(forgedKey)).toBe(false)
  expect(honest.records.has(forgedKey)).toBe(false)
  expect(server.logs.filter((l) => l.msg === 'refused a message' && l.code === code)).toHaveLength(1)
}

describe('the server validates every record a client writes', () => {
  it('R5 refuses a shape with a missing prop (4400) and nobody sees it', async () => {
    const ctx = await roomWithWatcher()
    const bad = rectangle('bad') as { props: Record<string, unknown> }
    delete bad.props.w
    await expectRefused(ctx, (doc) => doc.getMap('records').set('shape:bad', bad), 'shape:bad')
  })

  it('R6 refuses a shape of an unknown type (4400)', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:ufo', { ...rectangle('ufo'), type: 'spaceship' }),
      'shape:ufo',
    )
  })

  it('R7 refuses a record stored under another id than its own (4400)', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:alias', rectangle('other')),
      'shape:alias',
    )
  })

  it('R8 refuses per-tab records (camera, instance) on the board (4400)', async () => {
    const ctx = await roomWithWatcher()
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('camera:page:page', camera),
      'camera:page:page',
    )
  })

  it('R9 refuses writes into the server-owned session map (4400)', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(ctx, (doc) => doc.getMap('session').set('phase', 'done'), 'session:phase')
  })

  it('R10 refuses overwriting or deleting the server-written schema in meta (4400)', async () => {
    const ctx = await roomWithWatcher()
    const schemaBefore = JSON.stringify(ctx.watcher.doc.getMap('meta').get('schema'))
    ctx.writer.doc.getMap('meta').delete('schema')
    await waitFor(() => ctx.writer.closeCodes.includes(4400), 'the forger is closed with 4400')
    const fresh = connectClient(server.wsUrl, ctx.id)
    clients.push(fresh)
    await fresh.synced
    await waitFor(() => fresh.doc.getMap('meta').has('schema'), 'a fresh client still gets the schema')
    expect(JSON.stringify(fresh.doc.getMap('meta').get('schema'))).toBe(schemaBefore)
  })

  it('R11 refuses the whole update when one record in it is bad', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) =>
        doc.transact(() => {
          doc.getMap('records').set('shape:fine', rectangle('fine'))
          doc.getMap('records').set('shape:broken', { ...rectangle('broken'), x: 'left' })
        }),
      'shape:fine',
    )
  })

  it('R12 accepts updates and deletes of valid records', async () => {
    const ctx = await roomWithWatcher()
    ctx.writer.records.set('shape:ok', rectangle('ok'))
    ctx.writer.records.set('shape:ok', rectangle('ok', 99))
    await waitFor(
      () => (ctx.watcher.records.get('shape:ok') as { x?: number } | undefined)?.x === 99,
      'moved',
    )
    ctx.writer.records.delete('shape:ok')
    await waitFor(() => !ctx.watcher.records.has('shape:ok'), 'deleted')
    expect(ctx.writer.closeCodes).toEqual([])
  })
})

describe('resent state', () => {
  it('R19 a client resending state the server already holds (its offline copy) is accepted', async () => {
    server = await startTestServer()
    const id = await newSession(server.url)
    const first = connectClient(server.wsUrl, id)
    clients.push(first)
    await first.synced
    first.records.set('shape:kept', rectangle('kept'))
    await waitFor(() => first.doc.getMap('meta').has('schema'), 'first client has the server schema')
    // A second visit starts from a copy of everything the first one held, server items included,
    // and sends it all again as a plain update once connected.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(first.doc))
    const second = connectClient(server.wsUrl, id, { ydoc: new Y.Doc() })
    clients.push(second)
    await second.synced
    Y.applyUpdate(second.doc, Y.encodeStateAsUpdate(copy))
    second.records.set('shape:after', rectangle('after'))
    await waitFor(() => first.records.has('shape:after'), 'the second client’s later edit arrives')
    expect(second.closeCodes).toEqual([])
  })
})

/** A frame as tldraw writes it, under `parentId`. */
const frame = (id: string, parentId = PAGE_ID) => ({
  ...rectangle(id),
  type: 'frame',
  parentId,
  props: { w: 300, h: 200, name: '', color: 'black' },
})

/** A rectangle under `parentId`. */
const child = (id: string, parentId: string) => ({ ...rectangle(id), parentId })

/** An arrow binding from `fromId` to `toId`, as tldraw writes it. */
const arrowBinding = (id: string, fromId: string, toId: string) => ({
  id: `binding:${id}`,
  typeName: 'binding',
  type: 'arrow',
  fromId,
  toId,
  meta: {},
  props: {
    terminal: 'end',
    normalizedAnchor: { x: 0.5, y: 0.5 },
    isExact: false,
    isPrecise: false,
    snap: 'none',
  },
})

/** Writes `records` from the writer in one update and waits until the watcher holds them all. */
async function boardWith(
  ctx: Awaited<ReturnType<typeof roomWithWatcher>>,
  records: Record<string, unknown>[],
) {
  ctx.writer.doc.transact(() => {
    for (const record of records) ctx.writer.records.set(String(record.id), record)
  })
  await waitFor(
    () => records.every((record) => ctx.watcher.records.has(String(record.id))),
    'the watcher holds the board',
  )
}

describe('the server keeps the board sound and bounded', () => {
  it('R27 refuses a shape parented to itself (4400)', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [page()])
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:self', child('self', 'shape:self')),
      'shape:self',
    )
  })

  it('R27 refuses making a frame its own ancestor through its child, and nothing of that update is applied (4400)', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [page(), frame('f'), child('a', 'shape:f')])
    await expectRefused(
      ctx,
      (doc) =>
        doc.transact(() => {
          doc.getMap('records').set('shape:f', frame('f', 'shape:a'))
          doc.getMap('records').set('shape:witness', rectangle('witness'))
        }),
      'shape:witness',
    )
    expect((ctx.watcher.records.get('shape:f') as { parentId: string }).parentId).toBe(PAGE_ID)
  })

  it('R27 refuses a shape whose parent is not on the board (4400)', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [page()])
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:lost', child('lost', 'shape:nowhere')),
      'shape:lost',
    )
  })

  it('R27 refuses a binding to a shape that is not on the board (4400)', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [page(), rectangle('from')])
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('binding:b', arrowBinding('b', 'shape:from', 'shape:nowhere')),
      'binding:b',
    )
  })

  it('R27 refuses nesting deeper than LIMIT_MAX_SHAPE_NESTING (4400)', async () => {
    const ctx = await roomWithWatcher({ LIMIT_MAX_SHAPE_NESTING: '3' })
    await boardWith(ctx, [page(), frame('n1'), frame('n2', 'shape:n1'), child('n3', 'shape:n2')])
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:n4', child('n4', 'shape:n3')),
      'shape:n4',
    )
  })

  it('R27 deleting a frame whose children stay is repaired by the server: they go to the page', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [
      page(),
      frame('f'),
      child('a', 'shape:f'),
      arrowBinding('ba', 'shape:a', 'shape:f'),
    ])
    ctx.writer.records.delete('shape:f')
    await waitFor(
      () => (ctx.watcher.records.get('shape:a') as { parentId?: string } | undefined)?.parentId === PAGE_ID,
      'the child is put on the page',
    )
    await waitFor(() => !ctx.watcher.records.has('binding:ba'), 'the binding to the frame is removed')
    await waitFor(
      () => (ctx.writer.records.get('shape:a') as { parentId?: string } | undefined)?.parentId === PAGE_ID,
      'the writer gets the repair too',
    )
    expect(ctx.writer.closeCodes).toEqual([])
  })

  it('R27 two honest edits racing over a frame and a shape are both kept, and the board is repaired', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [page(), frame('f'), rectangle('box'), rectangle('target')])
    const racer = connectClient(server.wsUrl, ctx.id)
    clients.push(racer)
    await racer.synced
    await waitFor(() => racer.records.has('shape:target'), 'the racer has the board')
    racer.provider.disconnect()
    // While the racer has not heard of it: the frame and the target are deleted.
    ctx.writer.doc.transact(() => {
      ctx.writer.records.delete('shape:f')
      ctx.writer.records.delete('shape:target')
    })
    await waitFor(() => !ctx.watcher.records.has('shape:f'), 'the deletions arrive')
    racer.doc.transact(() => {
      racer.records.set('shape:box', child('box', 'shape:f'))
      racer.records.set('binding:late', arrowBinding('late', 'shape:box', 'shape:target'))
    })
    racer.provider.connect()
    await waitFor(
      () => (ctx.watcher.records.get('shape:box') as { parentId?: string } | undefined)?.parentId === PAGE_ID,
      'the moved shape lands on the page',
    )
    await waitFor(() => !racer.records.has('binding:late'), 'the binding to the deleted shape is removed')
    expect(ctx.watcher.records.has('binding:late')).toBe(false)
    expect(racer.closeCodes).toEqual([])
    expect(ctx.writer.closeCodes).toEqual([])
  })

  it('R27 refuses numbers that are not finite or past the coordinate bound, long strings and deep nesting, in meta too (4400)', async () => {
    const ctx = await roomWithWatcher()
    await boardWith(ctx, [page()])
    let deep: unknown = {}
    for (let level = 0; level < 30; level++) deep = { deep }
    const forgeries: Record<string, unknown>[] = [
      { ...rectangle('nan'), x: Number.NaN },
      { ...rectangle('inf'), y: Number.POSITIVE_INFINITY },
      { ...rectangle('huge'), x: 1e300 },
      { ...rectangle('longmeta'), meta: { note: 'x'.repeat(50_001) } },
      rectangle('longlabel', 0, 0, 'y'.repeat(50_001)),
      { ...rectangle('deepmeta'), meta: { deep } },
    ]
    for (const forged of forgeries) {
      const forger = connectClient(server.wsUrl, ctx.id)
      clients.push(forger)
      await forger.synced
      forger.records.set(String(forged.id), forged)
      await waitFor(() => forger.closeCodes.includes(4400), `${String(forged.id)} is refused with 4400`)
    }
    const honest = connectClient(server.wsUrl, ctx.id)
    clients.push(honest)
    await honest.synced
    honest.records.set('shape:honest', rectangle('honest', -1e9, 1e9, 'z'.repeat(50_000)))
    await waitFor(() => ctx.watcher.records.has('shape:honest'), 'a record at the bounds still passes')
    for (const forged of forgeries) expect(ctx.seen.has(String(forged.id))).toBe(false)
    expect(server.logs.filter((l) => l.msg === 'refused a message' && l.code === 4400)).toHaveLength(
      forgeries.length,
    )
  })

  it('R27 refuses an update touching more records than LIMIT_MAX_RECORDS_PER_UPDATE (4400)', async () => {
    const ctx = await roomWithWatcher({ LIMIT_MAX_RECORDS_PER_UPDATE: '10' })
    const ten = Array.from({ length: 10 }, (_, i) => rectangle(`ok${i}`))
    await boardWith(ctx, ten)
    await expectRefused(
      ctx,
      (doc) =>
        doc.transact(() => {
          for (let i = 0; i < 11; i++) doc.getMap('records').set(`shape:many${i}`, rectangle(`many${i}`))
        }),
      'shape:many0',
    )
  })

  it('R27 refuses growing a board past LIMIT_MAX_BOARD_RECORDS with 4413; edits and deletes still pass', async () => {
    const ctx = await roomWithWatcher({ LIMIT_MAX_BOARD_RECORDS: '5' })
    await boardWith(ctx, [page(), rectangle('a'), rectangle('b'), rectangle('c')])
    await expectRefused(
      ctx,
      (doc) =>
        doc.transact(() => {
          doc.getMap('records').set('shape:d', rectangle('d'))
          doc.getMap('records').set('shape:e', rectangle('e'))
        }),
      'shape:d',
      4413,
    )
    // Full now (page, a, b, c, honest): moving and deleting still work.
    const editor = connectClient(server.wsUrl, ctx.id)
    clients.push(editor)
    await editor.synced
    editor.doc.transact(() => {
      editor.records.set('shape:a', rectangle('a', 50))
      editor.records.delete('shape:b')
    })
    await waitFor(() => !ctx.watcher.records.has('shape:b'), 'the delete arrives')
    expect((ctx.watcher.records.get('shape:a') as { x: number }).x).toBe(50)
    expect(editor.closeCodes).toEqual([])
  })

  it('R27 refuses a panel note past LIMIT_MAX_PANEL_ENTRIES with 4413', async () => {
    server = await startTestServer({ env: { LIMIT_MAX_PANEL_ENTRIES: '2' } })
    const id = await newSession(server.url)
    const ivy = connectClient(server.wsUrl, id, { doc: 'panel' })
    clients.push(ivy)
    await ivy.synced
    const notes = ivy.doc.getMap('notes')
    notes.set('n1', note('n1', 'Ivy'))
    notes.set('n2', note('n2', 'Ivy'))
    notes.set('n3', note('n3', 'Ivy'))
    await waitFor(() => ivy.closeCodes.includes(4413), 'the third note is refused with 4413')
    const reader = connectClient(server.wsUrl, id, { doc: 'panel' })
    clients.push(reader)
    await reader.synced
    expect([...reader.doc.getMap('notes').keys()].sort()).toEqual(['n1', 'n2'])
  })
})

/** An architecture component as the kit writes it (see shared/src/shapes), with `props` changed. */
function component(id: string, props: Record<string, unknown> = {}): Record<string, unknown> {
  const base = rectangle(id) as { props: unknown }
  return {
    ...base,
    type: 'component',
    props: {
      kind: 'cache',
      w: 176,
      h: 112,
      color: 'black',
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cache' }] }] },
      caption: 'Redis',
      ...props,
    },
  }
}

/** An estimate card with `rowCount` rows. */
function estimate(id: string, rowCount: number): Record<string, unknown> {
  const rows = Array.from({ length: rowCount }, (_, i) => ({
    id: `r${i}`,
    name: `n${i}`,
    expr: `${i} * 2 GB`,
  }))
  return { ...rectangle(id), type: 'estimate', props: { w: 340, h: 200, title: 'Storage', rows } }
}

describe('architecture shapes', () => {
  it('R42 accepts a component of every kind and an estimate of 40 rows, and everyone sees them', async () => {
    const ctx = await roomWithWatcher()
    const kinds = COMPONENT_KINDS
    ctx.writer.doc.transact(() => {
      for (const kind of kinds) ctx.writer.records.set(`shape:${kind}`, component(kind, { kind }))
      ctx.writer.records.set('shape:card', estimate('card', 40))
    })
    await waitFor(() => ctx.watcher.records.has('shape:card'), 'the watcher receives the shapes')
    expect(kinds.every((kind) => ctx.watcher.records.has(`shape:${kind}`))).toBe(true)
    expect(ctx.writer.closeCodes).toEqual([])
  })

  it('R42 refuses a component of an unknown kind (4400); it reaches no one', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:ufo', component('ufo', { kind: 'mainframe' })),
      'shape:ufo',
    )
  })

  it('R42 refuses a component whose caption is over 80 characters (4400); it reaches no one', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:long', component('long', { caption: 'x'.repeat(81) })),
      'shape:long',
    )
  })

  it('R42 refuses a component with a prop outside the contract (4400)', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:extra', component('extra', { url: 'https://example.com' })),
      'shape:extra',
    )
  })

  it('R42 refuses an estimate with 41 rows (4400); it reaches no one', async () => {
    const ctx = await roomWithWatcher()
    await expectRefused(
      ctx,
      (doc) => doc.getMap('records').set('shape:big', estimate('big', 41)),
      'shape:big',
    )
  })
})
