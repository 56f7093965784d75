/**
 * The worker-thread entry of a generator shard (shard.ts): builds the shard from its workerData
 * and follows the coordinator's messages. A failure is left uncaught on purpose: it ends the thread
 * and reaches the coordinator as the worker's 'error' event, which fails the run.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type FromShard, Shard, type ShardConfig, type ToShard } from './shard'

const port = parentPort
if (!port) throw new Error('shardWorker.ts runs in a worker thread (started by shardPool.ts)')
const shard = new Shard(workerData as ShardConfig)
const post = (message: FromShard, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

port.on('message', async (message: ToShard) => {
  switch (message.type) {
    case 'ramp':
      await shard.ramp()
      post({ type: 'synced' })
      return
    case 'start': {
      const result = await shard.run(message)
      const { board, awareness, lateness } = result
      post({ type: 'done', result }, [
        board.latencies.buffer as ArrayBuffer,
        awareness.latencies.buffer as ArrayBuffer,
        lateness.buffer as ArrayBuffer,
      ])
      return
    }
    case 'close':
      shard.close()
      // The thread ends once the closing handshakes are done and nothing else holds it.
      port.close()
      return
  }
})
post({ type: 'ready' })
