// The floor for `npm run bench -- --floor`: the least a Node relay on `ws` can do for this workload.
// It keeps no document and checks nothing: it answers the sync handshake with an empty document and
// forwards every update and awareness frame, as received, to the other sockets of the same path.
// What it costs is what receiving and sending the frames costs (syscalls and ws framing), which no
// server doing more can go under. 127.0.0.1 and the port given by PORT (0 = any free one).
import { WebSocketServer } from 'ws'
import { serveWebsocket } from './serveWebsocket.mjs'

const MESSAGE_SYNC = 0
const SYNC_UPDATE = 2
// Sync step 1 with an empty state vector, and sync step 2 with an empty update (y-protocols bytes).
const STEP1 = new Uint8Array([MESSAGE_SYNC, 0, 1, 0])
const STEP2 = new Uint8Array([MESSAGE_SYNC, 1, 2, 0, 0])

/** @type {Map<string, Set<import('ws').WebSocket>>} */
const rooms = new Map()
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
wss.on('connection', (ws, request) => {
  const path = request.url?.split('?')[0] ?? '/'
  const room = rooms.get(path) ?? new Set()
  rooms.set(path, room)
  room.add(ws)
  ws.send(STEP1)
  ws.send(STEP2)
  ws.on('message', (data) => {
    const frame = /** @type {Buffer} */ (data)
    // Handshake messages (step 1 and 2) go nowhere; updates and awareness go to the others.
    if (frame[0] === MESSAGE_SYNC && frame[1] !== SYNC_UPDATE) return
    for (const other of room) if (other !== ws) other.send(frame)
  })
  ws.on('close', () => {
    room.delete(ws)
    if (room.size === 0) rooms.delete(path)
  })
})

serveWebsocket(wss, 'floor relay')
