import type { IncomingMessage } from 'node:http'
import proxyAddr from '@fastify/proxy-addr'

/** Whether an address (at a hop from the server, 0 the peer itself) is a trusted reverse proxy. */
export type TrustProxy = (address: string, hop: number) => boolean

/**
 * The check for `TRUST_PROXY`'s list (addresses, CIDR ranges, or `loopback`, `linklocal`,
 * `uniquelocal`), or null when the list is empty. Throws an Error naming the variable for an
 * entry that is not one.
 */
export function trustProxyList(entries: readonly string[]): TrustProxy | null {
  if (entries.length === 0) return null
  try {
    return proxyAddr.compile([...entries])
  } catch (error) {
    throw new Error(
      `bad environment variable TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

/**
 * The address a request is counted under for the per-address limits: the peer's, or, when the
 * peer is a trusted proxy, the nearest address in `X-Forwarded-For` that is not one (as Fastify's
 * `request.ip` with the same `trustProxy`).
 */
export function clientAddress(request: IncomingMessage, trust: TrustProxy | null): string {
  if (!trust) return request.socket.remoteAddress ?? 'unknown'
  return proxyAddr(request, trust) || 'unknown'
}
