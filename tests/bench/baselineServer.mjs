// The baseline for `npm run bench`: @y/websocket-server 0.1.1 as its README runs it, documents in
// memory (no persistence, no validation), on 127.0.0.1 and the port given by PORT (0 = any free one).
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import { serveWebsocket } from './serveWebsocket.mjs'

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)

serveWebsocket(wss, 'baseline @y/websocket-server')
