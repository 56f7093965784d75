import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pino } from 'pino'
import { type ServerOptions, startServer, type TradeoffServer } from '../../server/src/app'
import { readConfig } from '../../server/src/config'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A fresh, empty data folder under the system's temp dir. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tradeoff-test-'))
}

export interface TestServer extends TradeoffServer {
  wsUrl: string
  dataDir: string
  /** Every log line the server wrote, parsed. */
  logs: Array<Record<string, unknown>>
}

/** Starts the whole server in this process on port 0 with its own data folder. */
export async function startTestServer(
  options: Partial<Omit<ServerOptions, 'logger'>> & { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const logs: Array<Record<string, unknown>> = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) })
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PROMPTS_DIR: join(ROOT, 'prompts'),
    ...options.env,
  })
  const server = await startServer(config, { clientDir: join(ROOT, 'client/dist'), ...options, logger })
  return Object.assign(server, { wsUrl: server.url.replace(/^http/, 'ws'), dataDir, logs })
}

export interface ServerProcess {
  url: string
  wsUrl: string
  child: ChildProcess
  output: () => string
  /** Sends a signal and resolves with the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts the server as its own process on a free port: from its source, or with `built`, the
 * bundle `npm run build` writes, exactly as `npm start` runs it. `env` adds or overrides
 * environment variables (a `LIMIT_...` bound, `LOG_LEVEL`).
 */
export async function spawnServer(
  dataDir: string,
  port = 0,
  {
    built = false,
    env = {},
    nodeArgs = [],
  }: { built?: boolean; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const args = built
    ? [...nodeArgs, join(ROOT, 'server/dist/main.js')]
    : [...nodeArgs, '--import', 'tsx', join(ROOT, 'server/src/main.ts')]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000)
    const onData = () => {
      const match = /listening on (http:\/\/[0-9.:]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    child,
    output: () => output,
    stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
