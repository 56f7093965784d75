/**
 * The flags of `npm run bench` (run.ts): the two tiers, every number with its default, the
 * `--help` text, and where the results file goes.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { productNodeFlags } from './serverProcess'
import type { WorkloadOptions } from './workload'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url))

/**
 * The two tiers of issue 13, both at the same total message rate (500 board updates and 2,000
 * cursors a second): 2k = 500 rooms x 4 clients, one update per room and one cursor per client a
 * second; 10k = 2,500 rooms x 4 clients, a fifth of each rate. A flag given with --tier wins.
 */
const TIERS = {
  '2k': { rooms: 500, 'update-rate': 1, 'awareness-rate': 1 },
  '10k': { rooms: 2500, 'update-rate': 0.2, 'awareness-rate': 0.2 },
} as const
type Tier = keyof typeof TIERS

/** Every number of the workload, with its flag and default. */
const NUMBER_FLAGS = {
  rooms: { default: 500, help: 'rooms (board documents)' },
  clients: { default: 4, help: 'clients per room' },
  warmup: { default: 5, help: 'warm-up seconds before the measured window' },
  seconds: { default: 20, help: 'measured seconds' },
  'update-rate': { default: 1, help: 'board updates per room per second' },
  'awareness-rate': { default: 1, help: 'cursor updates per client per second' },
  batch: { default: 100, help: 'connections opened at once while ramping up' },
  drain: { default: 5, help: 'seconds to wait for stragglers after the window' },
  generators: {
    // One: on a 2-core machine more client threads take the cores the server needs.
    default: 1,
    help: 'worker threads the clients run in, whole rooms each (more only helps with spare cores)',
  },
  pause: { default: 2, help: 'seconds between the two runs' },
} as const
type NumberFlag = keyof typeof NUMBER_FLAGS

export interface Options extends WorkloadOptions {
  tier: Tier
  only: 'ours' | 'baseline' | null
  out: string | null
  /** A built server file to run instead of the TypeScript source through tsx. */
  entry: string | null
  /** The Node flags the product ships with (package.json config.nodeFlags), ours only; [] with --no-product-flags. */
  productNodeFlags: string[]
  /** Node flags for every server (--cpu-prof, --node-flags), after the product's. */
  serverNodeArgs: string[]
  keepData: boolean
  check: boolean
  /** Also run the floor relay (tests/bench/floorServer.mjs), after the baseline. */
  floor: boolean
  pauseSeconds: number
}

export function parseOptions(argv: string[]): Options {
  const numberOptions = Object.fromEntries(
    Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
  )
  const { values } = parseArgs({
    args: argv,
    options: {
      ...numberOptions,
      tier: { type: 'string', default: '2k' },
      only: { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'node-flags': { type: 'string' },
      'no-product-flags': { type: 'boolean', default: false },
      entry: { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      floor: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    printHelp()
    process.exit(0)
  }
  const raw = values as Record<string, string | boolean | undefined>
  const tier = values.tier as Tier
  if (!(tier in TIERS)) throw new Error(`--tier is ${Object.keys(TIERS).join(' or ')}, not ${tier}`)
  const tierDefaults: Partial<Record<NumberFlag, number>> = TIERS[tier]
  const number = (flag: NumberFlag): number => {
    const given = raw[flag]
    const value =
      typeof given === 'string' ? Number(given) : (tierDefaults[flag] ?? NUMBER_FLAGS[flag].default)
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number >= 0, not ${given}`)
    return value
  }
  const only = values.only ?? null
  if (only !== null && only !== 'ours' && only !== 'baseline') throw new Error('--only is ours or baseline')
  const options: Options = {
    tier,
    rooms: Math.floor(number('rooms')),
    clients: Math.floor(number('clients')),
    warmupSeconds: number('warmup'),
    seconds: number('seconds'),
    updateRate: number('update-rate'),
    awarenessRate: number('awareness-rate'),
    batch: Math.max(1, Math.floor(number('batch'))),
    drainSeconds: number('drain'),
    generators: Math.floor(number('generators')),
    pauseSeconds: number('pause'),
    only,
    out: values.out ?? null,
    entry: values.entry ?? null,
    productNodeFlags: values['no-product-flags'] ? [] : productNodeFlags(ROOT),
    serverNodeArgs: [
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
      ...(values['node-flags']?.split(/\s+/).filter((flag) => flag !== '') ?? []),
    ],
    keepData: values['keep-data'] ?? false,
    check: values.check ?? false,
    floor: values.floor ?? false,
  }
  if (options.rooms < 1 || options.clients < 2 || options.seconds <= 0 || options.generators < 1)
    throw new Error('need --rooms >= 1, --clients >= 2, --seconds > 0 and --generators >= 1')
  return options
}

function printHelp(): void {
  const line = (flag: string, help: string) => console.log(`  --${flag.padEnd(16)} ${help}`)
  console.log('npm run bench -- [flags]\n')
  for (const [flag, { default: value, help }] of Object.entries(NUMBER_FLAGS))
    line(flag, `${help} (default ${value})`)
  line('tier', '2k | 10k: 500 rooms at 1/s or 2,500 rooms at 0.2/s (default 2k)')
  line('only', 'ours | baseline: run one server only')
  line('out', 'JSON results file (default tests/bench/results/sync-<date>.json)')
  line('keep-data', "keep our server's data folder")
  line('entry', 'FILE: run our server from a built file (server/dist/main.js), not tsx')
  line('cpu-prof', 'DIR: write a V8 CPU profile of each server into DIR')
  line('node-flags', '"FLAGS": more Node flags for every server run (ours, baseline, floor alike)')
  line(
    'no-product-flags',
    `run our server without the Node flags it ships with (package.json config.nodeFlags: ${productNodeFlags(ROOT).join(' ')})`,
  )
  line('check', 'exit 1 when a target is missed')
  line('floor', 'also run a relay that only forwards frames: the least any server can cost')
}

/** --out, or tests/bench/results/sync-<date>[-10k].json, named by the workload when not a tier's. */
export function resultsPath(options: Options, date: string): string {
  if (options.out) return options.out
  const tierDefaults: Partial<Record<NumberFlag, number>> = TIERS[options.tier]
  // Neither changes the workload the server sees.
  const ignored = new Set<NumberFlag>(['pause', 'generators'])
  const isDefault = (Object.keys(NUMBER_FLAGS) as NumberFlag[]).every(
    (flag) =>
      ignored.has(flag) || flagValue(options, flag) === (tierDefaults[flag] ?? NUMBER_FLAGS[flag].default),
  )
  const tier = options.tier === '2k' ? '' : `-${options.tier}`
  const suffix = isDefault ? tier : `-${options.rooms}x${options.clients}-${options.seconds}s`
  return join(RESULTS_DIR, `sync-${date}${suffix}.json`)
}

function flagValue(options: Options, flag: NumberFlag): number {
  const byFlag: Record<NumberFlag, number> = {
    rooms: options.rooms,
    clients: options.clients,
    warmup: options.warmupSeconds,
    seconds: options.seconds,
    'update-rate': options.updateRate,
    'awareness-rate': options.awarenessRate,
    batch: options.batch,
    drain: options.drainSeconds,
    generators: options.generators,
    pause: options.pauseSeconds,
  }
  return byFlag[flag]
}
