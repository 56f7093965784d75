/**
 * The generator shards of a workload run, one worker thread each (shardWorker.ts), seen from the
 * coordinator: start them, send to all, wait for a message from all. Any shard that throws or
 * exits early fails whatever the coordinator is waiting for, with the shard's error, and the other
 * shards are terminated; nothing waits forever. A process.exit (run.ts on SIGINT) ends the threads.
 */
import { Worker } from 'node:worker_threads'
import type { FromShard, ShardConfig, ToShard } from './shard'

/** How long the threads have to load (tsx compiles the shard's modules) before the run fails. */
const READY_TIMEOUT_MS = 60_000
/** After `release`, how long the shards have to finish their closing handshakes. */
const RELEASE_GRACE_MS = 10_000

type Message<T extends FromShard['type']> = Extract<FromShard, { type: T }>

export class ShardPool {
  /** Rejects when a shard fails; every wait races it. */
  private readonly failed: Promise<never>
  private readonly inboxes: FromShard[][]
  private readonly waiters: Array<(() => void) | null>
  private released = false

  private constructor(private readonly workers: Worker[]) {
    this.inboxes = workers.map(() => [])
    this.waiters = workers.map(() => null)
    this.failed = new Promise<never>((_, reject) => {
      workers.forEach((worker, s) => {
        const name = `generator shard ${s + 1} of ${workers.length}`
        worker.on('message', (message: FromShard) => {
          this.inboxes[s]?.push(message)
          this.waiters[s]?.()
        })
        worker.on('error', (error) => reject(new Error(`${name} failed: ${error.stack ?? error}`)))
        worker.on('messageerror', (error) => reject(new Error(`${name}: unreadable message: ${error}`)))
        worker.on('exit', (code) => {
          if (!this.released) reject(new Error(`${name} exited (code ${code}) before the run ended`))
        })
      })
    })
    this.failed.catch(() => this.terminate())
  }

  /** Starts one thread per config and waits until each has loaded. */
  static async start(configs: ShardConfig[]): Promise<ShardPool> {
    const entry = new URL('./shardWorker.ts', import.meta.url).href
    // A worker does not inherit tsx's loader from `node --import tsx` (Node 20), so it registers it
    // before loading the TypeScript entry, as server/src/recording/ImportChecker.ts does.
    const tsx = import.meta.resolve('tsx/esm/api')
    const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
    const pool = new ShardPool(configs.map((workerData) => new Worker(boot, { eval: true, workerData })))
    try {
      await pool.collect('ready', READY_TIMEOUT_MS)
    } catch (error) {
      await pool.terminate()
      throw error
    }
    return pool
  }

  get size(): number {
    return this.workers.length
  }

  send(message: ToShard): void {
    for (const worker of this.workers) worker.postMessage(message)
  }

  /** The next message of every shard, which must be of `type`, in shard order. */
  collect<T extends FromShard['type']>(type: T, timeoutMs?: number): Promise<Array<Message<T>>> {
    const all = Promise.all(this.workers.map((_, s) => this.next(s, type)))
    const waits: Array<Promise<Array<Message<T>>>> = [all, this.failed]
    let timer: NodeJS.Timeout | undefined
    if (timeoutMs !== undefined) {
      waits.push(
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the generator shards did not report '${type}' in ${timeoutMs / 1000} s`)),
            timeoutMs,
          )
        }),
      )
    }
    return Promise.race(waits).finally(() => clearTimeout(timer))
  }

  /** Resolves with `promise`, or rejects as soon as a shard fails. */
  watch<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.failed])
  }

  /**
   * The run is over: the shards may exit (after 'close', once their sockets are closed) without
   * failing it, and no longer keep this process alive; any still running after a grace period is
   * terminated.
   */
  release(): void {
    this.released = true
    for (const worker of this.workers) worker.unref()
    setTimeout(() => void this.terminate(), RELEASE_GRACE_MS).unref()
  }

  async terminate(): Promise<void> {
    this.released = true
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  private async next<T extends FromShard['type']>(s: number, type: T): Promise<Message<T>> {
    const inbox = this.inboxes[s] as FromShard[]
    while (inbox.length === 0)
      await new Promise<void>((resolve) => {
        this.waiters[s] = resolve
      })
    this.waiters[s] = null
    const message = inbox.shift() as FromShard
    if (message.type !== type)
      throw new Error(`generator shard ${s + 1} sent '${message.type}' where '${type}' was due`)
    return message as Message<T>
  }
}
