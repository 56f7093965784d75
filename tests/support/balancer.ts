import { createConnection, createServer, type Server, type Socket } from 'node:net'

/** A TCP load balancer on loopback in front of several server processes, as a deployment has one. */
export interface Balancer {
  /** `http://127.0.0.1:port` of the balancer. */
  url: string
  wsUrl: string
  /** Which backend (index) each connection so far was sent to, in order. */
  readonly picks: number[]
  close(): Promise<void>
}

/**
 * Sends each new TCP connection to the next backend in turn, skipping backends that refuse it (a
 * killed process), with no stickiness: a client that reconnects may land on any live process.
 * Listens on `port` (0: any free one). Closing it cuts every connection through it, which also
 * makes it a switch for a service's reachability (PostgreSQL, Redis) in fault tests.
 */
export async function startBalancer(backends: readonly string[], port = 0): Promise<Balancer> {
  const ports = backends.map((url) => Number(new URL(url).port))
  const sockets = new Set<Socket>()
  const picks: number[] = []
  let next = 0
  const server: Server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    client.pause()
    const tryBackend = (attempt: number) => {
      if (attempt >= ports.length) {
        client.destroy()
        return
      }
      const index = next++ % ports.length
      const upstream = createConnection({ host: '127.0.0.1', port: ports[index] as number })
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      let connected = false
      upstream.on('error', () => {
        if (connected) client.destroy()
        else tryBackend(attempt + 1)
      })
      upstream.once('connect', () => {
        connected = true
        picks.push(index)
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
        upstream.on('close', () => client.destroy())
        client.on('close', () => upstream.destroy())
      })
    }
    tryBackend(0)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the balancer has no port')
  const url = `http://127.0.0.1:${address.port}`
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    picks,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
