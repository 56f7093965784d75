import { connect } from 'node:net'
import type { AttackContext } from '../context'
import { step1Frame } from '../wire'

/** Opens and closes sockets in a loop, some after the handshake, some half way through it. */
export async function connectionChurn(ctx: AttackContext): Promise<void> {
  const { rng } = ctx
  const kind = rng.pick(['open and close', 'drop after step 1', 'burst of sockets', 'upgrade cut short'])
  const session = ctx.session()
  if (kind === 'upgrade cut short') return cutUpgrade(ctx, session.id, session.token('candidate'))
  const rounds = kind === 'burst of sockets' ? 1 : rng.between(3, 12)
  for (let round = 0; round < rounds; round++) {
    const count = kind === 'burst of sockets' ? rng.between(5, 24) : 1
    const probes = await Promise.all(
      Array.from({ length: count }, () =>
        ctx.open({ session, role: rng.pick(['interviewer', 'candidate', 'reviewer']), doc: 'board' }),
      ),
    )
    for (const probe of probes) {
      if (kind === 'drop after step 1' && probe.opened) {
        probe.send(step1Frame())
        probe.ws.terminate()
      }
    }
    await Promise.all(probes.map((probe) => ctx.finish(probe, kind, undefined, 0)))
  }
}

/**
 * A raw TCP connection that sends part of a websocket upgrade (or all of it) and hangs up before
 * or right after the answer. Its outcome is counted as `tcp`.
 */
async function cutUpgrade(ctx: AttackContext, sessionId: string, token: string): Promise<void> {
  const { rng } = ctx
  const { hostname, port } = new URL(ctx.target.url)
  const request = [
    `GET /sync/${sessionId}/board?token=${token} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n')
  const cut = rng.chance(0.5) ? rng.int(request.length) : request.length
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), hostname)
    const done = () => {
      socket.destroy()
      resolve()
    }
    socket.once('error', done)
    socket.once('close', done)
    socket.once('connect', () => {
      socket.write(request.slice(0, cut))
      setTimeout(done, rng.between(0, 200))
    })
  })
  ctx.tally.count(`${ctx.family}/upgrade cut short`, 'tcp')
}
