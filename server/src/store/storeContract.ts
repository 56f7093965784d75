import type { Prompt, Scorecard, SessionEvent } from '@tradeoff/shared'
import { expect, it } from 'vitest'
import type { StoredSession } from '../sessions/SessionRepository'
import { initialSessionState } from '../sessions/sessionState'
import { encodeSnapshotBlob, encodeUpdateBlob } from './blobCodec'
import type { EncodedDocLog } from './encodedDocLog'
import type { Storage } from './Storage'
import type { DocKey } from './Store'

/** A fresh, empty storage for one test, and a way to open its data again (a restart, another process). */
export interface OpenedStorage {
  storage: Storage
  reopen: () => Promise<Storage>
}

const bytes = (...values: number[]) => new Uint8Array(values)

/**
 * The behaviour every Store adapter (the document log) must have. Call inside a `describe` with a
 * factory that gives a fresh, empty storage; each test closes what it opened.
 */
export function storeContract(open: () => Promise<OpenedStorage>): void {
  const key: DocKey = { sessionId: 'contract-session', doc: 'board' }

  it('S1 numbers appended updates from 1 without gaps and reads them back in order', async () => {
    const { storage } = await open()
    const store = storage.docs
    expect(await store.appendUpdate(key, bytes(1), { at: 10, author: 'ann' })).toBe(1)
    expect(await store.appendUpdate(key, bytes(2, 2), { at: 20, author: 'bob' })).toBe(2)
    const read = await store.readUpdates(key, 1)
    expect(read.map((u) => [u.seq, u.at, u.author, [...u.update]])).toEqual([
      [1, 10, 'ann', [1]],
      [2, 20, 'bob', [2, 2]],
    ])
    await storage.close()
  })

  it('S2 keeps documents and sessions apart', async () => {
    const { storage } = await open()
    const store = storage.docs
    await store.appendUpdate(key, bytes(1), { at: 1, author: 'a' })
    await store.appendUpdate({ ...key, doc: 'panel' }, bytes(9), { at: 1, author: 'a' })
    await store.appendUpdate({ ...key, sessionId: 'other-session' }, bytes(8), { at: 1, author: 'a' })
    expect((await store.loadDoc(key)).updates.map((u) => [...u.update])).toEqual([[1]])
    expect((await store.loadDoc({ ...key, doc: 'panel' })).updates.map((u) => [...u.update])).toEqual([[9]])
    await storage.close()
  })

  it('S3 loads the newest snapshot plus only the updates after it, and keeps the whole log', async () => {
    const { storage } = await open()
    const store = storage.docs
    for (let i = 1; i <= 5; i++) await store.appendUpdate(key, bytes(i), { at: i, author: 'a' })
    await store.writeSnapshot(key, { seq: 2, at: 2, state: bytes(100) })
    await store.writeSnapshot(key, { seq: 4, at: 4, state: bytes(200) })
    const loaded = await store.loadDoc(key)
    expect(loaded.snapshot && [...loaded.snapshot.state]).toEqual([200])
    expect(loaded.updates.map((u) => u.seq)).toEqual([5])
    expect((await store.readUpdates(key, 1, 3)).map((u) => u.seq)).toEqual([1, 2, 3])
    await storage.close()
  })

  it('S4 what was appended is there after reopening', async () => {
    const { storage, reopen } = await open()
    await storage.docs.appendUpdate(key, bytes(7), { at: 7, author: 'a' })
    await storage.close()
    const again = await reopen()
    expect((await again.docs.loadDoc(key)).updates.map((u) => [...u.update])).toEqual([[7]])
    expect(await again.docs.appendUpdate(key, bytes(8), { at: 8, author: 'a' })).toBe(2)
    await again.close()
  })

  it('S6 finds the snapshot and the updates of any moment', async () => {
    const { storage } = await open()
    const store = storage.docs
    for (let i = 1; i <= 6; i++) await store.appendUpdate(key, bytes(i), { at: i * 100, author: 'a' })
    await store.writeSnapshot(key, { seq: 2, at: 250, state: bytes(20) })
    await store.writeSnapshot(key, { seq: 4, at: 450, state: bytes(40) })
    expect(await store.snapshotAtOrBefore(key, 100)).toBeNull()
    expect((await store.snapshotAtOrBefore(key, 449))?.seq).toBe(2)
    expect((await store.snapshotAtOrBefore(key, 10_000))?.seq).toBe(4)
    expect((await store.readUpdatesUntil(key, 2, 350)).map((u) => u.seq)).toEqual([3])
    expect((await store.readUpdatesUntil(key, 4, 10_000)).map((u) => u.seq)).toEqual([5, 6])
    await storage.close()
  })

  it('S5 an unknown document loads empty', async () => {
    const { storage } = await open()
    expect(await storage.docs.loadDoc({ sessionId: 'never-written', doc: 'board' })).toEqual({
      snapshot: null,
      updates: [],
    })
    await storage.close()
  })

  it('ST1 tells the time of the last update, the size of a log, and writes a probe', async () => {
    const { storage } = await open()
    const store = storage.docs
    expect(await store.lastUpdateAt(key)).toBeNull()
    expect(await store.logSize(key)).toEqual({ updates: 0, bytes: 0 })
    // Times past 2^31 ms: server times are milliseconds since the epoch.
    await store.appendUpdate(key, bytes(1, 2, 3), { at: 1_700_000_000_000, author: 'a' })
    await store.appendUpdate(key, bytes(4), { at: 1_700_000_000_500, author: 'a' })
    expect(await store.lastUpdateAt(key)).toBe(1_700_000_000_500)
    const size = await store.logSize(key)
    expect(size.updates).toBe(2)
    expect(size.bytes).toBeGreaterThan(0)
    await store.probeWrite()
    await store.probeWrite()
    await storage.close()
  })

  it('ST2 a snapshot written again at the same position replaces the first', async () => {
    const { storage } = await open()
    const store = storage.docs
    await store.appendUpdate(key, bytes(1), { at: 1, author: 'a' })
    await store.writeSnapshot(key, { seq: 1, at: 1, state: bytes(10) })
    await store.writeSnapshot(key, { seq: 1, at: 1, state: bytes(11) })
    expect([...((await store.loadDoc(key)).snapshot?.state ?? [])]).toEqual([11])
    await storage.close()
  })

  it('ST3 appends racing on one document are numbered 1..n without gaps or duplicates', async () => {
    const { storage } = await open()
    const n = 40
    const seqs = await Promise.all(
      Array.from({ length: n }, (_, i) => storage.docs.appendUpdate(key, bytes(i), { at: i, author: 'a' })),
    )
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    const log = await storage.docs.readUpdates(key, 1)
    // Each update sits at the number its append returned.
    expect(log.map((u) => u.update[0])).toEqual(log.map((u) => seqs.indexOf(u.seq)))
    await storage.close()
  })
}

/** A session to store, with `id`, two interviewers, a candidate and a reviewer. */
export function contractSession(id: string, createdAt = 1_700_000_000_000): StoredSession {
  return {
    id,
    title: `Round ${id}`,
    createdAt,
    // The repositories keep the prompt as it is given; its content is not theirs to check.
    prompt: { id: 'url-shortener', title: 'URL shortener' } as unknown as Prompt,
    state: initialSessionState(),
    participants: [
      { role: 'interviewer', name: 'Ivy', tokenHash: `${id}-h-ivy` },
      { role: 'interviewer', name: 'Ian', tokenHash: `${id}-h-ian` },
      { role: 'candidate', name: 'Cam', tokenHash: `${id}-h-cam` },
      { role: 'reviewer', name: 'Rey', tokenHash: `${id}-h-rey` },
    ],
  }
}

/** An encoded log of `updates` (one update per byte array), with a snapshot after `snapshotAfter`. */
function encodedLog(doc: 'board' | 'panel', updates: number[][], snapshotAfter?: number): EncodedDocLog {
  const blobs = updates.map((u) => encodeUpdateBlob(new Uint8Array(u)))
  return {
    doc,
    entries: updates.map((_, i) => ({ at: (i + 1) * 1_000, author: 'Cam' })),
    blobs: Buffer.concat(blobs),
    lengths: blobs.map((b) => b.length),
    snapshots:
      snapshotAfter === undefined ? [] : [{ index: snapshotAfter, blob: encodeSnapshotBlob(bytes(99)) }],
  }
}

const card = (author: string, submittedAt: number | null, overall = 'yes'): Scorecard =>
  ({
    author,
    updatedAt: 1_700_000_001_000,
    submittedAt,
    scores: { caching: 3 },
    overall,
    level: 'senior',
    summary: `${author}'s summary`,
  }) as unknown as Scorecard

const event = (kind: SessionEvent['kind'], name: string): Omit<SessionEvent, 'at'> => ({
  kind,
  role: 'interviewer',
  name,
  detail: `${name} ${kind}`,
})

/**
 * The behaviour of every Storage adapter beyond the document log: sessions, events, scorecards,
 * board histories, and the two operations that span them. Same factory as `storeContract`.
 */
export function storageContract(open: () => Promise<OpenedStorage>): void {
  it('ST4 stores a session with its participants in order; an unknown id reads as null', async () => {
    const { storage } = await open()
    const session = contractSession('s-one')
    await storage.sessions.create(session)
    expect(await storage.sessions.get('s-one')).toEqual(session)
    expect(await storage.sessions.get('s-none')).toBeNull()
    await expect(storage.sessions.create(session)).rejects.toThrow()
    await storage.close()
  })

  it('ST5 finds a participant by token hash within their own session only; saves the state', async () => {
    const { storage } = await open()
    await storage.sessions.create(contractSession('s-one'))
    await storage.sessions.create(contractSession('s-two'))
    expect(await storage.sessions.findParticipant('s-one', 's-one-h-cam')).toEqual({
      role: 'candidate',
      name: 'Cam',
      tokenHash: 's-one-h-cam',
    })
    expect(await storage.sessions.findParticipant('s-one', 's-two-h-cam')).toBeNull()
    const state = { ...initialSessionState(), phaseIndex: 2 }
    expect(await storage.sessions.saveState('s-one', state)).toBe(true)
    expect((await storage.sessions.get('s-one'))?.state.phaseIndex).toBe(2)
    expect(await storage.sessions.saveState('s-none', state)).toBe(false)
    await storage.close()
  })

  it('ST6 keeps events in order, timed from the creation, and counts joins and leaves', async () => {
    const { storage } = await open()
    const { createdAt } = contractSession('s-one')
    await storage.sessions.create(contractSession('s-one'))
    await storage.sessions.create(contractSession('s-two'))
    await storage.events.append('s-one', createdAt + 5, event('join', 'Ivy'))
    await storage.events.append('s-one', createdAt + 9, event('start', 'Ivy'))
    await storage.events.append('s-one', createdAt + 7, event('leave', 'Ivy'))
    await storage.events.append('s-two', createdAt + 1, event('join', 'Ian'))
    const listed = await storage.events.list('s-one', createdAt)
    expect(listed.map((e) => [e.at, e.kind, e.role, e.name, e.detail])).toEqual([
      [5, 'join', 'interviewer', 'Ivy', 'Ivy join'],
      [9, 'start', 'interviewer', 'Ivy', 'Ivy start'],
      [7, 'leave', 'interviewer', 'Ivy', 'Ivy leave'],
    ])
    expect(await storage.events.countPresence('s-one')).toBe(2)
    expect(await storage.events.countPresence('s-none')).toBe(0)
    await expect(storage.events.append('s-none', createdAt, event('join', 'Ivy'))).rejects.toThrow()
    await storage.close()
  })

  it('ST7 events appended at once all land, numbered in one order', async () => {
    const { storage } = await open()
    const { createdAt } = contractSession('s-one')
    await storage.sessions.create(contractSession('s-one'))
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        storage.events.append('s-one', createdAt + i, event('hint', `n${i}`)),
      ),
    )
    const names = (await storage.events.list('s-one', createdAt)).map((e) => e.name)
    expect([...names].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `n${i}`).sort())
    await storage.close()
  })

  it('ST8 saves scorecard drafts, submits one for good, and lists them by author', async () => {
    const { storage } = await open()
    await storage.sessions.create(contractSession('s-one'))
    const body = { scores: { caching: 2 }, overall: 'no', level: 'mid', summary: 'draft' } as never
    const final = { scores: { caching: 4 }, overall: 'strong-yes', level: 'staff', summary: 'final' } as never
    expect(await storage.scorecards.save('s-one', 'Ivy', body, 100, false)).toBe(true)
    expect(await storage.scorecards.save('s-one', 'Ivy', final, 200, true)).toBe(true)
    expect(await storage.scorecards.save('s-one', 'Ivy', body, 300, false)).toBe(false)
    expect(await storage.scorecards.save('s-one', 'Ian', body, 400, false)).toBe(true)
    const cards = await storage.scorecards.list('s-one')
    expect(cards.map((c) => [c.author, c.summary, c.updatedAt, c.submittedAt])).toEqual([
      ['Ian', 'draft', 400, null],
      ['Ivy', 'final', 200, 200],
    ])
    await storage.close()
  })

  it('ST9 keeps the newest board history of a session, and none for a session that is not there', async () => {
    const { storage } = await open()
    await storage.sessions.create(contractSession('s-one'))
    const history = (format: number, lastSeq: number) => ({
      format,
      lastSeq,
      body: Buffer.from(`h${lastSeq}`),
    })
    expect(await storage.boardHistories.get('s-one')).toBeNull()
    await storage.boardHistories.put('s-one', history(1, 5))
    await storage.boardHistories.put('s-one', history(1, 3))
    expect(await storage.boardHistories.get('s-one')).toEqual(history(1, 5))
    await storage.boardHistories.put('s-one', history(2, 1))
    expect(await storage.boardHistories.get('s-one')).toEqual(history(2, 1))
    await storage.boardHistories.put('s-none', history(1, 1))
    expect(await storage.boardHistories.get('s-none')).toBeNull()
    await storage.close()
  })

  it('ST10 imports a whole session: logs from 1 with their snapshots, events and scorecards', async () => {
    const { storage } = await open()
    const session = contractSession('s-imported')
    await storage.importSession({
      session,
      logs: [encodedLog('board', [[1], [2], [3]], 1), encodedLog('panel', [[7]])],
      events: [{ at: 500, ...event('start', 'Ivy') }],
      scorecards: [card('Ivy', 1_700_000_002_000), card('Ian', null)],
    })
    expect(await storage.sessions.get('s-imported')).toEqual(session)
    const board = { sessionId: 's-imported', doc: 'board' } as const
    const log = await storage.docs.readUpdates(board, 1)
    expect(log.map((u) => [u.seq, u.at - session.createdAt, u.author, [...u.update]])).toEqual([
      [1, 1_000, 'Cam', [1]],
      [2, 2_000, 'Cam', [2]],
      [3, 3_000, 'Cam', [3]],
    ])
    const loaded = await storage.docs.loadDoc(board)
    expect(loaded.snapshot && [loaded.snapshot.seq, [...loaded.snapshot.state]]).toEqual([2, [99]])
    expect(loaded.updates.map((u) => u.seq)).toEqual([3])
    expect((await storage.docs.readUpdates({ ...board, doc: 'panel' }, 1)).map((u) => [...u.update])).toEqual(
      [[7]],
    )
    expect((await storage.events.list('s-imported', session.createdAt)).map((e) => [e.at, e.kind])).toEqual([
      [500, 'start'],
    ])
    expect(await storage.scorecards.list('s-imported')).toEqual([
      card('Ian', null),
      card('Ivy', 1_700_000_002_000),
    ])
    // The live log goes on after the imported one.
    expect(
      await storage.docs.appendUpdate(board, bytes(4), { at: session.createdAt + 4_000, author: 'Cam' }),
    ).toBe(4)
    await storage.close()
  })

  it('ST11 an import that fails part-way stores nothing, and leaves no numbering behind', async () => {
    const { storage } = await open()
    const session = contractSession('s-failed')
    // Two scorecards by one author: the last write of the import is refused.
    const failing = storage.importSession({
      session,
      logs: [encodedLog('board', [[1], [2]])],
      events: [{ at: 1, ...event('start', 'Ivy') }],
      scorecards: [card('Ivy', null), card('Ivy', null)],
    })
    await expect(failing).rejects.toThrow()
    const board = { sessionId: 's-failed', doc: 'board' } as const
    expect(await storage.sessions.get('s-failed')).toBeNull()
    expect(await storage.docs.readUpdates(board, 1)).toEqual([])
    expect(await storage.events.list('s-failed', 0)).toEqual([])
    expect(await storage.docs.appendUpdate(board, bytes(1), { at: 1, author: 'a' })).toBe(1)
    await storage.close()
  })

  it('ST12 deleting a session removes everything recorded of it and nothing of another', async () => {
    const { storage } = await open()
    for (const id of ['s-gone', 's-kept']) {
      const session = contractSession(id)
      await storage.importSession({
        session,
        logs: [encodedLog('board', [[1], [2]], 0), encodedLog('panel', [[3]])],
        events: [{ at: 1, ...event('join', 'Ivy') }],
        scorecards: [card('Ivy', null)],
      })
      await storage.boardHistories.put(id, { format: 1, lastSeq: 2, body: Buffer.from('h') })
    }
    await storage.deleteSession('s-gone')
    const counts = async (id: string) => ({
      session: (await storage.sessions.get(id)) !== null,
      participant: (await storage.sessions.findParticipant(id, `${id}-h-ivy`)) !== null,
      board: (await storage.docs.loadDoc({ sessionId: id, doc: 'board' })).snapshot !== null,
      panel: (await storage.docs.logSize({ sessionId: id, doc: 'panel' })).updates,
      events: (await storage.events.list(id, 0)).length,
      scorecards: (await storage.scorecards.list(id)).length,
      history: (await storage.boardHistories.get(id)) !== null,
    })
    expect(await counts('s-gone')).toEqual({
      session: false,
      participant: false,
      board: false,
      panel: 0,
      events: 0,
      scorecards: 0,
      history: false,
    })
    expect(await counts('s-kept')).toEqual({
      session: true,
      participant: true,
      board: true,
      panel: 1,
      events: 1,
      scorecards: 1,
      history: true,
    })
    await storage.close()
  })
}
