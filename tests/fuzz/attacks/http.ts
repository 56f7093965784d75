import * as Y from 'yjs'
import { rectangle } from '../../support/records'
import type { AttackContext } from '../context'
import { fetchServerState } from '../probe'
import type { Random } from '../random'
import { updateFrame } from '../wire'

/** Every character of `text` percent-encoded, letters included. */
const encodeAll = (text: string) =>
  [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')

/** A session id spelled wrongly, oddly or hostilely. */
function oddId(rng: Random, id: string): string {
  return rng.pick([
    () => encodeAll(id),
    () => encodeAll(id).toLowerCase(),
    () => id.toLowerCase(),
    () => `${id}%00`,
    () => `%${rng.bytes(1)[0]?.toString(16) ?? '0'}`,
    () => '%ZZ',
    () => '%',
    () => `${id}/..`,
    () => '..%2F..%2Fetc%2Fpasswd',
    () => encodeURIComponent('😀'.repeat(rng.between(1, 40))),
    () => 'A'.repeat(rng.between(1, 8_000)),
    () => Buffer.from(rng.bytes(rng.between(1, 40))).toString('base64url'),
    () => `${id}%20`,
    () => encodeAll(encodeAll(id)),
  ])()
}

/**
 * Random ids and percent-encodings in HTTP paths and sync URLs. Any answer is fine but a 5xx;
 * a session id spelled differently must open the same room as the plain one or be refused (R25).
 */
export async function oddPaths(ctx: AttackContext): Promise<void> {
  const { rng, target } = ctx
  const session = ctx.session()
  const id = oddId(rng, session.id)
  if (rng.chance(0.5)) {
    const path = rng.pick([
      '',
      '/board',
      '/board/history',
      '/report?format=json',
      '/export',
      '/scorecards',
      '/control',
    ])
    const token = rng.pick([session.token('interviewer'), session.token('reviewer'), 'x', ''])
    ctx.tally.httpRequests++
    const status = await fetch(`${target.url}/api/sessions/${id}${path}`, {
      method: path === '/control' ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body:
        path === '/control' ? JSON.stringify({ action: rng.pick(['start', 'x', '__proto__']) }) : undefined,
      signal: AbortSignal.timeout(10_000),
    }).then(
      async (response) => {
        await response.arrayBuffer()
        return response.status
      },
      () => 0,
    )
    ctx.tally.count(`${ctx.family}/odd id in an API path`, `http-${status}`)
    if (status === 0 || status >= 500)
      ctx.surprise('odd id in an API path', `answered ${status || 'nothing'}`, 'a 4xx or 2xx', 'R26')
    return
  }
  const probe = await ctx.open({ path: `/sync/${id}/board?token=${session.token('candidate')}` })
  if (!probe.opened || !probe.isOpen()) return void (await ctx.finish(probe, 'odd id in a sync URL'))
  // Opened: it must be the same room as the plain id. Write a shape and look for it there.
  const state = await fetchServerState(probe)
  if (!state) return void (await ctx.finish(probe, 'odd id in a sync URL'))
  const doc = new Y.Doc()
  doc.clientID = rng.uint32()
  Y.applyUpdate(doc, state)
  const marker = `fzid${rng.uint32().toString(36)}`
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getMap('records').set(`shape:${marker}`, rectangle(marker))
  for (const u of updates) probe.send(updateFrame(u))
  const outcome = await ctx.finish(probe, 'odd id in a sync URL', undefined, 400)
  if (outcome !== 'open') return
  ctx.tally.httpRequests++
  const board = await fetch(`${target.url}/api/sessions/${session.id}/board`, {
    headers: { authorization: `Bearer ${session.token('interviewer')}` },
    signal: AbortSignal.timeout(10_000),
  }).then(
    (r) => r.text(),
    () => '',
  )
  if (!board.includes(`shape:${marker}`))
    ctx.surprise(
      'odd id in a sync URL',
      `"${id.slice(0, 60)}" opened a room apart from the plain id`,
      'the same room, or 4404',
      'R25',
    )
}

interface ExportShape {
  session: { participants: Array<{ role: string; name: string }>; createdAt: number }
  docs: Record<'board' | 'panel', Array<{ at: number; author: string; update: string }>>
  events: Array<Record<string, unknown>>
  scorecards: unknown[]
}

/** Ways to spoil an export file before importing it. */
const SPOILERS: Array<(file: ExportShape, rng: Random) => void> = [
  // An update's bytes flipped or cut.
  (file, rng) => {
    const log = file.docs[rng.pick(['board', 'panel'] as const)]
    const entry = log.length > 0 ? rng.pick(log) : null
    if (!entry) return
    const bytes = Buffer.from(entry.update, 'base64')
    if (rng.chance(0.5)) entry.update = bytes.subarray(0, rng.int(bytes.length)).toString('base64')
    else {
      for (let i = rng.between(1, 6); i > 0 && bytes.length > 0; i--) {
        const at = rng.int(bytes.length)
        bytes[at] = (bytes[at] as number) ^ (1 << rng.int(8))
      }
      entry.update = bytes.toString('base64')
    }
  },
  // Written by someone who is not a participant.
  (file, rng) => {
    const log = file.docs.panel
    if (log.length > 0) rng.pick(log).author = 'Mallory'
    file.events.push({ at: 1, kind: 'join', role: 'interviewer', name: 'Mallory', detail: 'Mallory joined' })
  },
  // A participant who changed role.
  (file) => {
    for (const p of file.session.participants) if (p.role === 'candidate') p.role = 'interviewer'
  },
  // Events past the bound, or at odd times.
  (file, rng) => {
    const count = rng.chance(0.5) ? 20_001 : rng.between(1, 50)
    for (let i = 0; i < count; i++)
      file.events.push({
        at: rng.pick([-1, 2 ** 53, i]),
        kind: 'join',
        role: 'candidate',
        name: 'Cam',
        detail: '',
      })
  },
  // Logs out of order, or duplicated.
  (file, rng) => {
    const log = file.docs[rng.pick(['board', 'panel'] as const)]
    if (rng.chance(0.5)) log.reverse()
    else log.push(...log.map((e) => ({ ...e })))
  },
  // A field of the wrong type.
  (file, rng) => {
    const target = file as unknown as Record<string, unknown>
    target[rng.pick(['format', 'version', 'exportedAt', 'scorecards', 'events'])] = rng.pick<unknown>([
      null,
      'x',
      1e308,
      {},
      [],
    ])
  },
]

/**
 * Imports an attacked session's export after spoiling it: bit-flipped updates, strangers' notes
 * and events, roles changed, too many events, logs reordered. The answer must be 201 or a 4xx,
 * never a 5xx (R26, R38); an accepted file must read back (R28).
 */
export async function mutatedImport(ctx: AttackContext): Promise<void> {
  const { rng, target } = ctx
  const session = ctx.session()
  ctx.tally.httpRequests += 2
  const exported = await fetch(`${target.url}/api/sessions/${session.id}/export`, {
    headers: { authorization: `Bearer ${session.token('interviewer')}` },
    signal: AbortSignal.timeout(30_000),
  })
  if (exported.status !== 200) {
    ctx.surprise('export of an attacked session', `answered ${exported.status}`, '200', 'R28')
    return
  }
  const file = (await exported.json()) as ExportShape
  // One spoiler, or two when the first left the file's shape intact for the second.
  rng.pick(SPOILERS)(file, rng)
  if (rng.chance(0.5) && Array.isArray(file.events) && file.docs && Array.isArray(file.docs.panel))
    rng.pick(SPOILERS)(file, rng)
  const imported = await fetch(`${target.url}/api/sessions/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(file),
    signal: AbortSignal.timeout(60_000),
  }).catch(() => null)
  const status = imported?.status ?? 0
  const text = (await imported?.text()) ?? ''
  ctx.tally.count(`${ctx.family}/spoiled export`, `http-${status}`)
  if (status === 0 || status >= 500) {
    ctx.surprise(
      'spoiled export',
      `answered ${status || 'nothing'}: ${text.slice(0, 160)}`,
      '201 or a 4xx',
      'R26',
    )
    return
  }
  if (status !== 201) return
  const created = JSON.parse(text) as { id: string; links: Array<{ role: string; token: string }> }
  const reviewer = created.links.find((l) => l.role === 'reviewer')?.token ?? ''
  ctx.tally.httpRequests++
  const board = await fetch(`${target.url}/api/sessions/${created.id}/board`, {
    headers: { authorization: `Bearer ${reviewer}` },
    signal: AbortSignal.timeout(30_000),
  }).then(
    (r) => r.status,
    () => 0,
  )
  if (board !== 200)
    ctx.surprise(
      'spoiled export',
      `imported (201), then /board answered ${board}`,
      'an accepted import reads back',
      'R28',
    )
}
