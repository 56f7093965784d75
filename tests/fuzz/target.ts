import { readFileSync, rmSync } from 'node:fs'
import { type ServerProcess, spawnServer, tempDataDir } from '../support/server'

/** How the server process ended while it was under attack. */
export interface ProcessExit {
  code: number | null
  signal: string | null
  afterMs: number
}

/** The server under attack, run as its own process, and what was seen of it. */
export interface Target {
  url: string
  wsUrl: string
  pid: number
  server: ServerProcess
  /** Exits while the fuzzer ran (the fuzzer's own SIGTERM at the end is not one). */
  exits: ProcessExit[]
  /** Log lines at level error or above, and anything on standard error: first ones kept. */
  errorLines: string[]
  errorCount: number
  /** The last log lines, for a finding's excerpt. */
  tail(): string[]
  /** Resident memory now and at its peak, in MiB (from /proc), or null once the process is gone. */
  memory(): { rssMiB: number; peakMiB: number } | null
  /** Stops the server with SIGTERM and removes its data; resolves with its exit code. */
  stop(): Promise<number | null>
}

/**
 * Bounds raised so the fuzzer's own volume (hundreds of upgrades and requests a minute, all from
 * 127.0.0.1, the canary's included) is not simply turned away at the door; every other bound
 * stays at its default.
 */
const FUZZ_ENV = {
  LIMIT_UPGRADES_PER_MINUTE: '1000000',
  LIMIT_HTTP_REQUESTS_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warn',
}

const KEEP_ERRORS = 40
const KEEP_TAIL = 60

function readStatusMiB(pid: number, field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]
    return kib ? Math.round((Number(kib) / 1024) * 10) / 10 : null
  } catch {
    return null
  }
}

/** Starts the server from source on a free port of 127.0.0.1 with an empty data folder. */
export async function startTarget(): Promise<Target> {
  const dataDir = tempDataDir()
  const server = await spawnServer(dataDir, 0, { env: FUZZ_ENV })
  const { child } = server
  const pid = child.pid ?? 0
  const started = Date.now()
  const exits: ProcessExit[] = []
  const errorLines: string[] = []
  const tail: string[] = []
  let errorCount = 0
  let stopping = false
  child.once('exit', (code, signal) => {
    if (!stopping) exits.push({ code, signal, afterMs: Date.now() - started })
  })
  const keepError = (line: string) => {
    errorCount++
    if (errorLines.length < KEEP_ERRORS) errorLines.push(line.slice(0, 2_000))
  }
  const lines = (onLine: (line: string) => void) => {
    let partial = ''
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) if (line.trim()) onLine(line)
    }
  }
  child.stdout?.on(
    'data',
    lines((line) => {
      tail.push(line.slice(0, 1_000))
      if (tail.length > KEEP_TAIL) tail.shift()
      const level = /"level":(\d+)/.exec(line)?.[1]
      if (level && Number(level) >= 50) keepError(line)
    }),
  )
  child.stderr?.on(
    'data',
    lines((line) => {
      tail.push(line.slice(0, 1_000))
      keepError(line)
    }),
  )
  return {
    url: server.url,
    wsUrl: server.wsUrl,
    pid,
    server,
    exits,
    errorLines,
    get errorCount() {
      return errorCount
    },
    tail: () => [...tail],
    memory() {
      const rssMiB = readStatusMiB(pid, 'VmRSS')
      const peakMiB = readStatusMiB(pid, 'VmHWM')
      return rssMiB === null || peakMiB === null ? null : { rssMiB, peakMiB }
    },
    async stop() {
      stopping = true
      const killer = setTimeout(() => void server.stop('SIGKILL'), 10_000)
      const code = await server.stop('SIGTERM')
      clearTimeout(killer)
      rmSync(dataDir, { recursive: true, force: true })
      return code
    },
  }
}
