/** An error answer of the API (`{error: {code, message}}`), or a failure to reach it at all. */
export class ApiError extends Error {
  /** The HTTP status, or 0 when the request never got an answer (offline, server down). */
  readonly status: number
  /** The server's error code, such as `not_found`, or `network` / `bad_response`. */
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

/** The `fetch` the API calls use; tests pass their own. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

/** Options of one API call. */
export interface ApiOptions {
  /** Sent as `Authorization: Bearer <token>`: a session token or the admin token. */
  token?: string | null
  fetch?: Fetch
  signal?: AbortSignal
}

/** `GET path` and the parsed JSON answer. Throws an ApiError carrying the server's message. */
export function apiGet<T>(path: string, options: ApiOptions = {}): Promise<T> {
  return requestJson<T>('GET', path, undefined, options)
}

/** `POST path` with a JSON body and the parsed JSON answer. Throws an ApiError as `apiGet` does. */
export function apiPost<T>(path: string, body: unknown, options: ApiOptions = {}): Promise<T> {
  return requestJson<T>('POST', path, body, options)
}

/** `PUT path` with a JSON body and the parsed JSON answer. Throws an ApiError as `apiGet` does. */
export function apiPut<T>(path: string, body: unknown, options: ApiOptions = {}): Promise<T> {
  return requestJson<T>('PUT', path, body, options)
}

/**
 * One API request whose successful answer is returned as it came (for files, 204s and bodies the
 * caller reads itself). `jsonText` is sent as a JSON body without being parsed again. Network
 * failures and error answers throw an ApiError, as the JSON helpers do.
 */
export async function apiSend(
  method: string,
  path: string,
  options: ApiOptions = {},
  jsonText?: string,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (jsonText !== undefined) headers['Content-Type'] = 'application/json'
  const send = options.fetch ?? globalThis.fetch.bind(globalThis)
  let response: Response
  try {
    response = await send(path, { method, headers, body: jsonText, signal: options.signal })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(
      0,
      'network',
      'Could not reach the Tradeoff server. Check your connection and try again.',
    )
  }
  if (!response.ok) throw errorFromAnswer(response.status, await readJson(response))
  return response
}

async function requestJson<T>(method: string, path: string, body: unknown, options: ApiOptions): Promise<T> {
  const response = await apiSend(method, path, options, body === undefined ? undefined : JSON.stringify(body))
  const payload = await readJson(response)
  if (payload === undefined) {
    throw new ApiError(response.status, 'bad_response', 'The server sent an answer this page cannot read.')
  }
  return payload as T
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

function errorFromAnswer(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : `The server answered with an error (HTTP ${status}).`
  return new ApiError(status, code, message)
}
