import { parentPort } from 'node:worker_threads'
import type { Limits } from '@tradeoff/shared/limits'
import { ApiError } from '../http/errors'
import { checkImport } from './checkImport'

/** A job for the import worker: the body's bytes (transferred) and the limits in force. */
export interface ImportJob {
  body: Uint8Array
  limits: Limits
}

/** What the worker answers: the checked import, or the API error to answer with. */
export type ImportJobResult =
  | { ok: true; checked: ReturnType<typeof checkImport> }
  | { ok: false; status: number; code: string; message: string }

// The import worker: checks one import at a time, off the thread that serves rooms (see ImportChecker).
parentPort?.on('message', (job: ImportJob) => {
  let result: ImportJobResult
  try {
    result = { ok: true, checked: checkImport(job.body, job.limits) }
  } catch (error) {
    result =
      error instanceof ApiError
        ? { ok: false, status: error.status, code: error.code, message: error.message }
        : { ok: false, status: 400, code: 'invalid_recording', message: 'the file could not be read' }
  }
  const transfer = result.ok ? [result.checked.board.blobs.buffer, result.checked.panel.blobs.buffer] : []
  parentPort?.postMessage(result, transfer as ArrayBuffer[])
})
