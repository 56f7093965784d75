/**
 * The canary in a process of its own, so that its delays are the server's and not the fuzzer's
 * (an attack that keeps the fuzzer busy for a moment would otherwise count as canary latency).
 * Started by `startCanaryProcess`: gets the sync URL and the session as its one argument, says
 * `{ready: true}` once both clients synced, and answers `{stop: true}` with its report.
 */
import type { CreatedSession, Role } from '@tradeoff/shared'
import type { TestSession } from '../support/sessions'
import { startCanary } from './canary'

const { wsUrl, created } = JSON.parse(process.argv[2] ?? '{}') as { wsUrl: string; created: CreatedSession }
const session: TestSession = {
  id: created.id,
  created,
  token: (role: Role) => created.links.find((l) => l.role === role)?.token ?? '',
}
const send = (message: unknown, then?: () => void) => process.send?.(message, undefined, {}, () => then?.())

try {
  const canary = await startCanary(wsUrl, session)
  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return
    void canary.stop().then((report) => {
      canary.destroy()
      send({ report }, () => process.disconnect?.())
    })
  })
  // The parent going away ends the canary too.
  process.on('disconnect', () => {
    canary.destroy()
    process.exit(0)
  })
  send({ ready: true })
} catch (error) {
  send({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1))
}
