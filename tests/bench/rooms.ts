/**
 * Where each simulated room lives. Our server opens a board only to a session's participants, so
 * each room is a real session made with `POST /api/sessions`, and each client holds the token of
 * one of its writers (interviewers and the candidate). The baseline takes any path, no token.
 */
import type { CreatedSession } from '@tradeoff/shared'

/** One room: its sync path and the tokens its clients use, taken in turn (none for the baseline). */
export interface RoomAddress {
  path: string
  tokens: string[]
  /** Who holds each token (same order): a browser publishes its own name and role in presence. */
  people: Array<{ name: string; role: string }>
}

/** Interviewer names for a session: the candidate makes one more writer. */
const INTERVIEWERS = ['Ivy', 'Ian', 'Ines', 'Igor', 'Iris', 'Ike']

/** Who client `client` of a room is, as its token says; null on the baseline. */
export function personOf(room: RoomAddress, client: number): { name: string; role: string } | null {
  return room.people.length > 0 ? (room.people[client % room.people.length] ?? null) : null
}

/** The sync URL client `client` of a room connects to. */
export function connectUrl(wsUrl: string, room: RoomAddress, client: number): string {
  const token = room.tokens.length > 0 ? room.tokens[client % room.tokens.length] : undefined
  return `${wsUrl}${room.path}${token ? `?token=${encodeURIComponent(token)}` : ''}`
}

/** Rooms on the baseline: any document name will do. */
export function baselineRooms(count: number): RoomAddress[] {
  const tag = Math.random().toString(36).slice(2, 8)
  return Array.from({ length: count }, (_, r) => ({
    path: `/sync/bench${tag}r${String(r).padStart(5, '0')}/board`,
    tokens: [],
    people: [],
  }))
}

/**
 * Creates `count` sessions on our server, `concurrency` requests at a time, each with enough
 * writers for `clients` clients (up to seven distinct ones; beyond that clients share tokens).
 */
export async function createSessionRooms(
  httpUrl: string,
  count: number,
  clients: number,
  adminToken: string,
  concurrency = 8,
): Promise<RoomAddress[]> {
  const headers = { authorization: `Bearer ${adminToken}` }
  const promptId = await firstPromptId(httpUrl, headers)
  const interviewers = INTERVIEWERS.slice(0, Math.max(1, Math.min(INTERVIEWERS.length, clients - 1)))
  const rooms: RoomAddress[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const r = next++
      const session = await createSession(httpUrl, { promptId, interviewers, candidate: 'Cam' }, headers)
      const writers = session.links.filter((link) => link.role !== 'reviewer')
      rooms[r] = {
        path: `/sync/${session.id}/board`,
        tokens: writers.map((link) => link.token),
        people: writers.map(({ name, role }) => ({ name, role })),
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return rooms
}

/** Longest wait for one 429 before giving up (the per-address limits are counted per minute). */
const MAX_RETRY_WAIT_MS = 61_000

/**
 * `POST /api/sessions`. A 429 (the per-address HTTP limit, should the server run with it at its
 * default) is waited out as its Retry-After says, and the request sent again.
 */
async function createSession(
  httpUrl: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<CreatedSession> {
  for (;;) {
    const response = await fetch(`${httpUrl}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    if (response.status === 201) return (await response.json()) as CreatedSession
    const text = await response.text()
    if (response.status !== 429) throw new Error(`creating a session failed: ${response.status} ${text}`)
    const seconds = Number(response.headers.get('retry-after') ?? '1')
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(MAX_RETRY_WAIT_MS, (Number.isFinite(seconds) ? seconds : 1) * 1000)),
    )
  }
}

/** `messaging-app` when the server has it, else the first prompt it lists. */
async function firstPromptId(httpUrl: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${httpUrl}/api/prompts`, { headers })
  if (!response.ok) throw new Error(`listing prompts failed: ${response.status} ${await response.text()}`)
  const prompts = (await response.json()) as Array<{ id: string }>
  const id = prompts.find((p) => p.id === 'messaging-app')?.id ?? prompts[0]?.id
  if (!id) throw new Error('the server has no prompts')
  return id
}
