import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { waitFor } from '../support/poll'
import { rectangle } from '../support/records'
import { startTestServer, type TestServer } from '../support/server'
import { newSession } from '../support/sessions'
import { connectClient, type SyncClient } from '../support/syncClient'

let server: TestServer
const clients: SyncClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close()
})

/** A writer and a watcher in one room; the watcher remembers every record key it ever saw. */
async function roomWithWatcher() {
  server = await startTestServer()
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

/** Sends a forged change from `writer`, then proves the room still works and never showed it. */
async function expectRefused(
  ctx: Awaited<ReturnType<typeof roomWithWatcher>>,
  forge: (doc: Y.Doc) => void,
  forgedKey: string,
) {
  forge(ctx.writer.doc)
  await waitFor(() => ctx.writer.closeCodes.includes(4400), 'the forger is closed with 4400')
  // A good write after the refusal, from a fresh client, must still arrive: the room is healthy.
  const honest = connectClient(server.wsUrl, ctx.id)
  clients.push(honest)
  await honest.synced
  honest.records.set('shape:honest', rectangle('honest'))
  await waitFor(() => ctx.watcher.records.has('shape:honest'), 'the watcher receives the honest write')
  expect(ctx.seen.has(forgedKey)).toBe(false)
  expect(honest.records.has(forgedKey)).toBe(false)
  expect(server.logs.filter((l) => l.msg === 'refused a message' && l.code === 4400)).toHaveLength(1)
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
