import { Worker } from 'node:worker_threads'
import type { Limits } from '@tradeoff/shared/limits'
import { ApiError } from '../http/errors'
import type { Logger } from '../logger'
import type { CheckedImport } from './checkImport'
import type { ImportJob, ImportJobResult } from './importWorker'

/** Imports waiting for the worker at once; more are answered 503 (try again). */
const MAX_WAITING = 4
/** Heap the worker may use: a hostile file can make it fail, never the server. */
const WORKER_HEAP_MB = 1024

/**
 * Checks import files in a worker thread, one at a time: parsing a file of many megabytes and
 * checking tens of thousands of updates takes seconds, which on the server's own thread would stall
 * every live room. The worker starts on the first import and is replaced if it dies.
 */
export class ImportChecker {
  private worker: Worker | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private waiting = 0

  constructor(
    private readonly limits: Limits,
    private readonly logger: Logger,
  ) {}

  /** Checks one import body; rejects with the ApiError to answer (400 for a bad file). */
  check(body: Uint8Array): Promise<CheckedImport> {
    if (this.waiting >= MAX_WAITING) {
      return Promise.reject(new ApiError(503, 'busy', 'other imports are being checked; try again shortly'))
    }
    this.waiting++
    const run = this.queue.then(() => this.run(body))
    this.queue = run.catch(() => undefined).finally(() => this.waiting--)
    return run
  }

  /** Stops the worker; an import being checked is refused. */
  async close(): Promise<void> {
    await this.worker?.terminate()
    this.worker = null
  }

  private run(body: Uint8Array): Promise<CheckedImport> {
    const worker = this.ensureWorker()
    return new Promise<CheckedImport>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onMessage = (result: ImportJobResult) => {
        done()
        if (result.ok) resolve(result.checked)
        else reject(new ApiError(result.status, result.code, result.message))
      }
      const onError = (error: Error & { code?: string }) => {
        done()
        this.worker = null
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          this.logger.warn('an import ran the import worker out of memory; it will be started again')
          reject(new ApiError(400, 'invalid_recording', 'the file is too large or too complex to import'))
          return
        }
        this.logger.error({ err: error }, 'the import worker failed; it will be started again')
        reject(error)
      }
      const onExit = () => {
        done()
        this.worker = null
        reject(new ApiError(503, 'busy', 'the import was interrupted; try again'))
      }
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      const copy = new Uint8Array(body)
      const job: ImportJob = { body: copy, limits: this.limits }
      worker.postMessage(job, [copy.buffer])
    })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB }
    if (import.meta.url.endsWith('.ts')) {
      // From source (development, tests): a worker does not inherit tsx's loader, so it registers it
      // before loading the TypeScript entry.
      const entry = new URL('./importWorker.ts', import.meta.url).href
      const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
      this.worker = new Worker(boot, { eval: true, resourceLimits })
    } else {
      // Built: the worker is its own bundle beside main.js.
      this.worker = new Worker(new URL('./importWorker.js', import.meta.url), { resourceLimits })
    }
    this.worker.unref()
    return this.worker
  }
}
