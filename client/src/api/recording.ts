import type { BoardHistory, CreatedSession, SessionReport } from '@tradeoff/shared'
import { ApiError, type ApiOptions, apiGet, apiSend } from './apiClient'

/** Options of a recording call made with a participant's session token. */
export type RecordingOptions = Omit<ApiOptions, 'token'>

/** Answer of `GET /api/sessions/:id/board`: the board's document records at `at` ms. */
export interface BoardAt {
  at: number
  records: Record<string, unknown>
}

/** `GET /api/sessions/:id/report?format=json` (interviewer, reviewer): the review report. */
export function getReport(
  sessionId: string,
  token: string,
  options: RecordingOptions = {},
): Promise<SessionReport> {
  return apiGet<SessionReport>(`${sessionPath(sessionId)}/report?format=json`, { ...options, token })
}

/**
 * `GET /api/sessions/:id/board?at=<ms>` (interviewer, reviewer): the board as it was `at` ms
 * after the session's creation; the latest board when `at` is null.
 */
export function getBoardAt(
  sessionId: string,
  token: string,
  at: number | null,
  options: RecordingOptions = {},
): Promise<BoardAt> {
  const query = at === null ? '' : `?at=${Math.max(0, Math.round(at))}`
  return apiGet<BoardAt>(`${sessionPath(sessionId)}/board${query}`, { ...options, token })
}

/** The review report as a file to download: Markdown or JSON, exactly as the server wrote it. */
export function downloadReport(
  sessionId: string,
  token: string,
  format: 'md' | 'json',
  options: RecordingOptions = {},
): Promise<Blob> {
  return requestBlob('GET', `${sessionPath(sessionId)}/report?format=${format}`, { ...options, token })
}

/** `GET /api/sessions/:id/export` (interviewer): the whole session as one JSON file. */
export function downloadSessionFile(
  sessionId: string,
  token: string,
  options: RecordingOptions = {},
): Promise<Blob> {
  return requestBlob('GET', `${sessionPath(sessionId)}/export`, { ...options, token })
}

/** `DELETE /api/sessions/:id` (interviewer): deletes the session and all of its recording. */
export async function deleteSession(
  sessionId: string,
  token: string,
  options: RecordingOptions = {},
): Promise<void> {
  await requestBlob('DELETE', sessionPath(sessionId), { ...options, token })
}

/**
 * `POST /api/sessions/import` with the text of an export file, sent as it was read (a file can
 * be large: it is not parsed and written again). `options.token` is the admin token, if the
 * server needs one. Answers the new session and its fresh links.
 */
export async function importSessionFile(fileText: string, options: ApiOptions = {}): Promise<CreatedSession> {
  const blob = await requestBlob('POST', '/api/sessions/import', options, fileText)
  try {
    return JSON.parse(await blob.text()) as CreatedSession
  } catch {
    throw new ApiError(201, 'bad_response', 'The server sent an answer this page cannot read.')
  }
}

/** One request whose answer is kept as bytes. */
async function requestBlob(
  method: string,
  path: string,
  options: ApiOptions,
  jsonText?: string,
): Promise<Blob> {
  return (await apiSend(method, path, options, jsonText)).blob()
}

function sessionPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}`
}

/**
 * `GET /api/sessions/:id/board/history` (interviewer, reviewer): every change of the board since
 * it was empty, to replay it locally at any moment.
 */
export function getBoardHistory(
  sessionId: string,
  token: string,
  options: RecordingOptions = {},
): Promise<BoardHistory> {
  return apiGet<BoardHistory>(`${sessionPath(sessionId)}/board/history`, { ...options, token })
}
