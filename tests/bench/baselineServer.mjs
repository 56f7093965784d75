// The baseline for `npm run bench`: @y/websocket-server 0.1.1 as its README runs it, documents in
// memory (no persistence, no validation), on 127.0.0.1 and the port given by PORT (0 = any free one).
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || '0')

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)

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
  console.log(`baseline @y/websocket-server listening on http://${host}:${actual}`)
})

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    for (const client of wss.clients) client.terminate()
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 2_000).unref()
  })
}
