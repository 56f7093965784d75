import { BOARD_MAPS, type DocName, SERVER_AUTHOR } from '@tradeoff/shared'
import { createBoardSchema } from '@tradeoff/shared/boardSchema'
import { type JsonBounds, jsonBoundsProblem } from '@tradeoff/shared/jsonBounds'
import type { Limits } from '@tradeoff/shared/limits'
import * as Y from 'yjs'
import { ApiError } from '../http/errors'
import { encodeSnapshotBlob, encodeUpdateBlob } from '../store/blobCodec'
import type { EncodedDocLog } from '../store/encodedDocLog'
import { boardRules } from '../validation/boardRules'
import { panelRules } from '../validation/panelRules'
import { type DocRules, OK, refuse, validateDocUpdate } from '../validation/validateDocUpdate'

const SNAPSHOT_EVERY = 500

/**
 * A document log checked for import, ready to be written under a new session id
 * (`Storage.importSession`): each update already encoded as the stores keep it, so storing only
 * inserts. Plain data, so it can cross from the worker that checks imports.
 */
export type CheckedDocLog = EncodedDocLog

/**
 * Checks an exported document log update by update, with the rules live clients face under
 * `limits`: board records must pass tldraw's schema and the JSON bounds, each update must leave
 * the board sound and within its quota; panel notes must be their author's. Updates written by
 * the server itself may also set the board's `meta` and `session` maps (within the JSON bounds).
 * Throws ApiError 400 naming the first bad update. A long log takes seconds: the server runs this
 * in its import worker (`importWorker.ts`), never on the thread that serves rooms.
 */
export function checkDocLog(
  doc: DocName,
  log: Array<{ at: number; author: string; update: string }>,
  interviewers: ReadonlySet<string>,
  limits: Limits,
): CheckedDocLog {
  const board = boardRules(createBoardSchema(), limits)
  // The server's own maps hold times in ms since the epoch, far past a coordinate bound.
  const serverMapBounds: JsonBounds = {
    maxDepth: limits.maxJsonDepth,
    maxStringLength: limits.maxStringLength,
    maxAbsNumber: Number.MAX_VALUE,
  }
  const serverBoard: DocRules = {
    writableRoot: (root) =>
      root === BOARD_MAPS.records || root === BOARD_MAPS.meta || root === BOARD_MAPS.session,
    checkValue(root, key, value, existing) {
      if (root === BOARD_MAPS.records) return board.checkValue(root, key, value, existing)
      const outOfBounds = jsonBoundsProblem(value, serverMapBounds)
      return outOfBounds ? refuse(`${root} value out of bounds: ${outOfBounds}`) : OK
    },
    checkDelete: () => OK,
    checkUpdate: (scratch, changes) => board.checkUpdate?.(scratch, changes) ?? OK,
  }
  const scratch = new Y.Doc()
  const entries: CheckedDocLog['entries'] = []
  const blobs: Buffer[] = []
  const snapshots: CheckedDocLog['snapshots'] = []
  let previousAt = -1
  for (const [index, entry] of log.entries()) {
    const where = `docs.${doc}.${index}`
    if (entry.at < previousAt)
      throw new ApiError(400, 'invalid_recording', `${where}: updates are out of time order`)
    previousAt = entry.at
    const update = new Uint8Array(Buffer.from(entry.update, 'base64'))
    let rules: DocRules
    if (doc === 'board') rules = entry.author === SERVER_AUTHOR ? serverBoard : board
    else if (interviewers.has(entry.author)) rules = panelRules(entry.author, limits)
    else
      throw new ApiError(
        400,
        'invalid_recording',
        `${where}: panel update by someone who is not an interviewer`,
      )
    const verdict = validateDocUpdate(scratch, update, rules)
    if (!verdict.ok) throw new ApiError(400, 'invalid_recording', `${where}: ${verdict.reason}`)
    Y.applyUpdate(scratch, update)
    entries.push({ at: entry.at, author: entry.author })
    blobs.push(encodeUpdateBlob(update))
    if ((index + 1) % SNAPSHOT_EVERY === 0)
      snapshots.push({ index, blob: encodeSnapshotBlob(Y.encodeStateAsUpdate(scratch)) })
  }
  if (scratch.store.pendingStructs !== null) {
    throw new ApiError(400, 'invalid_recording', `docs.${doc}: the log depends on updates it does not hold`)
  }
  scratch.destroy()

  return {
    doc,
    entries,
    blobs: Buffer.concat(blobs),
    lengths: blobs.map((blob) => blob.length),
    snapshots,
  }
}
