/**
 * The servers under test, each started as its own child process on 127.0.0.1 and a free port.
 * Every child is remembered until it exits, so `killAllChildren` can end them by PID when the
 * benchmark stops early (error, Ctrl-C).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const STARTUP_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000
const KEPT_LINES = 20

const live = new Set<ChildProcess>()

/** What a server printed: JSON log lines (count, and by message) and the last lines of any kind. */
export class OutputTally {
  /** JSON log lines. */
  lines = 0
  readonly byMessage = new Map<string, number>()
  readonly last: string[] = []
  private partial = ''

  add(chunk: string): void {
    const parts = (this.partial + chunk).split('\n')
    this.partial = parts.pop() ?? ''
    for (const line of parts) {
      if (line.trim() === '') continue
      this.last.push(line)
      if (this.last.length > KEPT_LINES) this.last.shift()
      const message = logMessage(line)
      if (message === null) continue
      this.lines++
      this.byMessage.set(message, (this.byMessage.get(message) ?? 0) + 1)
    }
  }

  text(): string {
    return [...this.last, this.partial].join('\n')
  }
}

function logMessage(line: string): string | null {
  if (!line.startsWith('{')) return null
  try {
    const entry = JSON.parse(line) as { msg?: unknown; code?: unknown }
    if (typeof entry.msg !== 'string') return null
    return typeof entry.code === 'number' ? `${entry.msg} (${entry.code})` : entry.msg
  } catch {
    return null
  }
}

/** A running server child. */
export interface ServerChild {
  name: string
  pid: number
  /** `http://127.0.0.1:PORT`. */
  httpUrl: string
  /** `ws://127.0.0.1:PORT`. */
  wsUrl: string
  output: OutputTally
  /** SIGTERM, then SIGKILL if it has not exited in time. Resolves once it has exited. */
  stop(): Promise<void>
}

/**
 * Starts `node <args>` in `cwd` and waits for the line `listening on http://127.0.0.1:PORT`.
 */
export async function startServerProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<ServerChild> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child)
      resolve()
    }),
  )
  const output = new OutputTally()
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.add(chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.add(chunk))

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in time:\n${output.text()}`)),
      STARTUP_TIMEOUT_MS,
    )
    const onData = (chunk: string) => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk)
      if (!match?.[1]) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve(Number(match[1]))
    }
    child.stdout?.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(
        new Error(
          `${name} exited with ${child.exitCode ?? child.signalCode} before listening:\n${output.text()}`,
        ),
      )
    })
  })
  if (child.pid === undefined) throw new Error(`${name} has no pid`)
  const pid = child.pid

  return {
    name,
    pid,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    output,
    async stop() {
      if (!live.has(child)) return
      process.kill(pid, 'SIGTERM')
      const timer = setTimeout(() => {
        if (live.has(child)) process.kill(pid, 'SIGKILL')
      }, STOP_TIMEOUT_MS)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Kills every server child still running, by PID. Synchronous, so it works in an `exit` handler. */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.pid === undefined) continue
    try {
      process.kill(child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  live.clear()
}

/**
 * The Node flags the product runs with: root package.json `config.nodeFlags`, which `npm start`
 * passes to node. The benchmark starts our server with them, so it measures what ships.
 */
export function productNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    config?: { nodeFlags?: unknown }
  }
  const flags = pkg.config?.nodeFlags
  return typeof flags === 'string' ? flags.split(/\s+/).filter((flag) => flag !== '') : []
}
