import { type BoardChange, foldBoardHistory } from '@tradeoff/shared'
import type { TestSession } from '../support/sessions'

/** Whether one attacked session still reads back whole, and what failed if not. */
export interface ReadBack {
  session: string
  ok: boolean
  /** Records on its board at the end. */
  records: number
  failures: string[]
}

const TIMEOUT_MS = 60_000

/** JSON with object keys sorted, so two equal values give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}

async function call(url: string, token: string, init: { method?: string; body?: string } = {}) {
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    return { status: response.status, text: await response.text() }
  } catch (error) {
    return { status: 0, text: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Reads an attacked session back the ways a reviewer would (R28): the board now and half way,
 * its history, the report as JSON and Markdown, the export; imports the export as a new session
 * and checks that its board equals the original, and that the history folds to the board.
 */
export async function readBack(url: string, session: TestSession): Promise<ReadBack> {
  const failures: string[] = []
  const token = session.token('interviewer')
  const base = `${url}/api/sessions/${session.id}`
  const expect = async (what: string, path: string, status = 200) => {
    const answer = await call(`${base}${path}`, token)
    if (answer.status !== status) failures.push(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`)
    return answer.status === status ? answer.text : null
  }
  const parse = <T>(what: string, text: string | null): T | null => {
    if (text === null) return null
    try {
      return JSON.parse(text) as T
    } catch {
      failures.push(`${what}: not JSON`)
      return null
    }
  }

  const board = parse<{ at: number; records: Record<string, unknown> }>(
    'board',
    await expect('board', '/board'),
  )
  if (board) await expect('board half way', `/board?at=${Math.floor(board.at / 2)}`)
  const history = parse<{ changes: BoardChange[] }>('history', await expect('history', '/board/history'))
  if (
    board &&
    history &&
    canonicalJson(foldBoardHistory(history.changes, board.at)) !== canonicalJson(board.records)
  )
    failures.push('history: folded to the end it differs from /board')
  parse('report', await expect('report (json)', '/report?format=json'))
  await expect('report (md)', '/report?format=md')
  const exported = await expect('export', '/export')
  if (exported !== null) {
    const imported = await call(`${url}/api/sessions/import`, '', { method: 'POST', body: exported })
    if (imported.status !== 201) {
      failures.push(`re-import: ${imported.status} ${imported.text.slice(0, 300)}`)
    } else {
      const created = JSON.parse(imported.text) as {
        id: string
        links: Array<{ role: string; token: string }>
      }
      const reviewer = created.links.find((l) => l.role === 'reviewer')?.token ?? ''
      const copy = await call(`${url}/api/sessions/${created.id}/board`, reviewer)
      const copied = copy.status === 200 ? (JSON.parse(copy.text) as { records: unknown }) : null
      if (!copied) failures.push(`re-imported board: ${copy.status} ${copy.text.slice(0, 300)}`)
      else if (board && canonicalJson(copied.records) !== canonicalJson(board.records))
        failures.push('re-imported board differs from the original')
    }
  }
  return {
    session: session.id,
    ok: failures.length === 0,
    records: board ? Object.keys(board.records).length : 0,
    failures,
  }
}
