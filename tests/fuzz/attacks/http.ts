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
