import { createExportFileSchema, type ExportFile } from '@tradeoff/shared'
import type { Limits } from '@tradeoff/shared/limits'
import { ApiError } from '../http/errors'
import { validateBody } from '../http/validateBody'
import { type CheckedDocLog, checkDocLog } from './importDocLog'

/** An import file that passed every check, with its logs encoded for the store. */
export interface CheckedImport {
  file: Omit<ExportFile, 'docs'>
  board: CheckedDocLog
  panel: CheckedDocLog
}

/**
 * Reads and checks an import body (an export file as JSON bytes): its shape and bounds under
 * `limits` (`createExportFileSchema`), then each log update by update with the rules live clients
 * face (`checkDocLog`). Throws ApiError 400 for anything wrong. Pure and slow on long logs: the
 * server runs it in its import worker.
 */
export function checkImport(body: Uint8Array, limits: Limits): CheckedImport {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON')
  }
  const { docs, ...file } = validateBody(createExportFileSchema(limits), json)
  const interviewers = new Set(
    file.session.participants.filter((p) => p.role === 'interviewer').map((p) => p.name),
  )
  return {
    file,
    board: checkDocLog('board', docs.board, interviewers, limits),
    panel: checkDocLog('panel', docs.panel, interviewers, limits),
  }
}
