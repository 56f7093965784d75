/**
 * `npm run fuzz`: the seeded wire fuzz (SPEC.md, R40) as long as you like. Starts the server from
 * source on 127.0.0.1, attacks it, reads every attacked session back, prints a JSON summary,
 * writes it to tests/fuzz/results/fuzz-<date>.json and exits 1 if an invariant failed.
 *
 *   npm run fuzz -- --minutes 10               a long run with a random seed (printed)
 *   npm run fuzz -- --minutes 2 --seed 42      the same attacks again
 *   npm run fuzz -- --seed 42 --replay 1:17    only attack 17 of lane 1 (a surprise names both)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { FAMILY_NAMES, runFuzz } from './fuzz'

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url))

const HELP = `npm run fuzz -- [--minutes N] [--seed S] [--lanes L] [--sessions K] [--max-frames F] [--replay LANE:ATTACK]
  --minutes     length of the attack (default 1; fractions allowed)
  --seed        seed of every random choice (default: a random one, printed)
  --lanes       attackers at once (default 3)
  --sessions    attacked sessions (default 4)
  --max-frames  frames sent at most (default 5,000,000)
  --replay      run only that attack of that lane, with the same seed
  --no-write    do not write the results file
families: ${FAMILY_NAMES.join(', ')}`

function wholeNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${flag} must be a number, got "${raw}"\n${HELP}`)
    process.exit(2)
  }
  return value
}

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    seed: { type: 'string' },
    lanes: { type: 'string' },
    sessions: { type: 'string' },
    'max-frames': { type: 'string' },
    replay: { type: 'string' },
    'no-write': { type: 'boolean' },
    help: { type: 'boolean' },
  },
})
if (values.help) {
  console.log(HELP)
  process.exit(0)
}
const replayMatch = values.replay ? /^(\d+):(\d+)$/.exec(values.replay) : null
if (values.replay && !replayMatch) {
  console.error(`--replay takes LANE:ATTACK, got "${values.replay}"`)
  process.exit(2)
}
const seed = Math.floor(wholeNumber('seed', values.seed, Math.floor(Math.random() * 2 ** 31)))
const minutes = wholeNumber('minutes', values.minutes, 1)
console.error(`fuzz: seed ${seed}, ${minutes} min (reproduce with --seed ${seed})`)

const summary = await runFuzz({
  seed,
  durationMs: Math.round(minutes * 60_000),
  maxFrames: Math.floor(wholeNumber('max-frames', values['max-frames'], 5_000_000)),
  lanes: Math.max(1, Math.floor(wholeNumber('lanes', values.lanes, 3))),
  sessions: Math.max(1, Math.floor(wholeNumber('sessions', values.sessions, 4))),
  replay: replayMatch ? { lane: Number(replayMatch[1]), attack: Number(replayMatch[2]) } : undefined,
  log: (line) => console.error(`fuzz: ${line}`),
})
const text = JSON.stringify(summary, null, 2)
console.log(text)
if (!values['no-write'] && !replayMatch) {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = `${RESULTS_DIR}fuzz-${summary.startedAt.slice(0, 10)}-seed${seed}.json`
  writeFileSync(file, `${text}\n`)
  console.error(`fuzz: wrote ${file}`)
}
console.error(summary.ok ? 'fuzz: every invariant held' : `fuzz: FAILED: ${summary.failures.join('; ')}`)
process.exit(summary.ok ? 0 : 1)
