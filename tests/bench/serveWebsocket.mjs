// The HTTP side shared by the benchmark's reference servers (baselineServer.mjs, floorServer.mjs):
// serves `wss` on HOST (default 127.0.0.1) and PORT (0 = any free one), prints the line the bench
// waits for, and closes every socket on SIGTERM or SIGINT.
import http from 'node:http'

export function serveWebsocket(wss, name) {
  const host = process.env.HOST || '127.0.0.1'
  const port = Number(process.env.PORT || '0')
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' })
    response.end('okay')
  })
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
  })
  server.listen(port, host, () => {
    const address = server.address()
    const actual = typeof address === 'object' && address ? address.port : port
    console.log(`${name} listening on http://${host}:${actual}`)
  })
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      for (const client of wss.clients) client.terminate()
      server.close(() => process.exit(0))
      setTimeout(() => process.exit(0), 2_000).unref()
    })
  }
}
