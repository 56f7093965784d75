import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, type ServerProcess, spawnServer, tempDataDir } from '../support/server'

// `npm test` builds first; run alone, this needs `npm run build`.
const BUNDLE = join(ROOT, 'server/dist/main.js')

let server: ServerProcess

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`)
  server = await spawnServer(tempDataDir(), 0, { built: true })
})

afterAll(async () => {
  await server?.stop('SIGTERM')
})

describe('the built server, as `npm start` runs it', () => {
  it('H11 starts as npm start runs it, and serves the app, its first script and the API', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    const page = await (await fetch(`${server.url}/r/some-session`)).text()
    const early = /<script type="module" crossorigin src="(\/assets\/early-[\w-]+\.js)">/.exec(page)?.[1]
    expect(early, 'the review’s first script is in the page, before the app').toBeDefined()
    expect(page.indexOf(early ?? '')).toBeLessThan(page.indexOf('/assets/index-'))
    const script = await fetch(`${server.url}${early}`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/javascript/)

    const prompts = await fetch(`${server.url}/api/prompts`)
    expect(prompts.status).toBe(200)
    expect(((await prompts.json()) as unknown[]).length).toBeGreaterThan(0)
  })
})
