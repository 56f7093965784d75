import { describe, expect, it } from 'vitest'
import type { Fetch } from '../api/apiClient'
import { deleteSession, downloadReport, getBoardAt, importSessionFile } from '../api/recording'

function recording(status: number, body: string | null, contentType = 'application/json') {
  const seen: Array<{ url: string; init?: RequestInit }> = []
  const fetch: Fetch = async (url, init) => {
    seen.push({ url, init })
    return new Response(body, { status, headers: { 'Content-Type': contentType } })
  }
  return { seen, fetch }
}

describe('recording API', () => {
  it('asks for the board at a whole millisecond, or the latest without `at`', async () => {
    const { seen, fetch } = recording(200, '{"at":1,"records":{}}')
    await getBoardAt('s1', 'tok', 1234.6, { fetch })
    await getBoardAt('s1', 'tok', null, { fetch })
    expect(seen.map((s) => s.url)).toEqual(['/api/sessions/s1/board?at=1235', '/api/sessions/s1/board'])
    expect(seen[0]?.init?.headers).toMatchObject({ Authorization: 'Bearer tok' })
  })

  it('downloads the report as the server wrote it', async () => {
    const { seen, fetch } = recording(200, '# Report', 'text/markdown')
    const blob = await downloadReport('s1', 'tok', 'md', { fetch })
    expect(await blob.text()).toBe('# Report')
    expect(seen[0]?.url).toBe('/api/sessions/s1/report?format=md')
  })

  it('deletes with DELETE and accepts an empty 204', async () => {
    const { seen, fetch } = recording(204, null)
    await deleteSession('s1', 'tok', { fetch })
    expect(seen[0]?.init?.method).toBe('DELETE')
  })

  it('sends the file text unchanged to import, with the admin token', async () => {
    const { seen, fetch } = recording(201, '{"id":"new","links":[]}')
    const created = await importSessionFile('{"format":"tradeoff-session"}', { token: 'admin', fetch })
    expect(created).toEqual({ id: 'new', links: [] })
    expect(seen[0]?.init).toMatchObject({ method: 'POST', body: '{"format":"tradeoff-session"}' })
    expect(seen[0]?.init?.headers).toMatchObject({
      Authorization: 'Bearer admin',
      'Content-Type': 'application/json',
    })
  })

  it("throws the server's message on an error answer", async () => {
    const { fetch } = recording(400, '{"error":{"code":"bad_request","message":"docs.board[3]: bad update"}}')
    const error = await importSessionFile('{}', { fetch }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'docs.board[3]: bad update' })
  })

  it('describes an error answer that is not JSON', async () => {
    const { fetch } = recording(502, '<html>', 'text/html')
    const error = await deleteSession('s1', 'tok', { fetch }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 502, code: 'http_502' })
  })
})
