import type { EstimateRow } from './evaluate'

/**
 * The reference card people drop beside an estimate: rough latencies of common operations and the
 * powers of two. Figures are orders of magnitude for commodity servers and networks of the 2020s;
 * what matters in an interview is the ratio between lines (memory is about a thousand times faster
 * than an SSD read, a datacenter round trip a few hundred times faster than crossing an ocean).
 */

/** The card's heading. */
export const REFERENCE_CARD_TITLE = 'Numbers to know'

/** One latency line: `name` is a valid estimate row name, `expr` a value the evaluator reads. */
export interface LatencyFigure {
  name: string
  what: string
  expr: string
}

/** Latencies from fastest to slowest. */
export const LATENCY_FIGURES: readonly LatencyFigure[] = [
  { name: 'l1_hit', what: 'CPU L1 cache hit', expr: '1 ns' },
  { name: 'branch_miss', what: 'Mispredicted branch', expr: '3 ns' },
  { name: 'l2_hit', what: 'CPU L2 cache hit', expr: '4 ns' },
  { name: 'mutex_pair', what: 'Lock and unlock a free mutex', expr: '20 ns' },
  { name: 'memory_ref', what: 'Main memory reference', expr: '100 ns' },
  { name: 'compress_1kb', what: 'Compress 1 KB with a fast codec', expr: '2 us' },
  { name: 'send_1kb', what: 'Send 1 KB over a 1 Gbps link', expr: '10 us' },
  { name: 'memory_1mb', what: 'Read 1 MB sequentially from memory', expr: '50 us' },
  { name: 'ssd_random_4kb', what: 'Read 4 KB at random from an SSD', expr: '100 us' },
  { name: 'dc_round_trip', what: 'Round trip inside one datacenter', expr: '500 us' },
  { name: 'ssd_1mb', what: 'Read 1 MB sequentially from an SSD', expr: '1 ms' },
  { name: 'disk_1mb', what: 'Read 1 MB sequentially from a spinning disk', expr: '5 ms' },
  { name: 'disk_seek', what: 'Spinning disk seek', expr: '10 ms' },
  { name: 'continent_round_trip', what: 'Round trip across a continent', expr: '70 ms' },
  { name: 'ocean_round_trip', what: 'Round trip across an ocean and back', expr: '150 ms' },
]

/** One power of two: the exact value, what people round it to, and the binary byte unit it names. */
export interface PowerOfTwo {
  power: number
  exact: string
  roughly: string
  bytes: string
}

/** The powers of two that come up when sizing: 2^8 to 2^64. */
export const POWERS_OF_TWO: readonly PowerOfTwo[] = [
  { power: 8, exact: '256', roughly: 'a few hundred', bytes: '256 B' },
  { power: 10, exact: '1,024', roughly: 'a thousand', bytes: '1 KiB' },
  { power: 16, exact: '65,536', roughly: '65 thousand', bytes: '64 KiB' },
  { power: 20, exact: '1,048,576', roughly: 'a million', bytes: '1 MiB' },
  { power: 30, exact: '1,073,741,824', roughly: 'a billion', bytes: '1 GiB' },
  { power: 32, exact: '4,294,967,296', roughly: '4.3 billion', bytes: '4 GiB' },
  { power: 40, exact: '1,099,511,627,776', roughly: 'a trillion', bytes: '1 TiB' },
  { power: 50, exact: '1,125,899,906,842,624', roughly: 'a quadrillion', bytes: '1 PiB' },
  { power: 64, exact: '18,446,744,073,709,551,616', roughly: '1.8 × 10^19', bytes: '16 EiB' },
]

/**
 * The latencies as estimate rows (ids `latency-<name>`), for a card whose names later rows can use:
 * `ssd_random_4kb * 1k to ms`.
 */
export function latencyRows(): EstimateRow[] {
  return LATENCY_FIGURES.map(({ name, expr }) => ({ id: `latency-${name}`, name, expr }))
}

/** The whole card as plain lines, for a drawing or an export that shows text only. */
export function referenceCardLines(): string[] {
  return [
    REFERENCE_CARD_TITLE,
    'Latency',
    ...LATENCY_FIGURES.map(({ what, expr }) => `${what}: ${expr.replace(' us', ' µs')}`),
    'Powers of two',
    ...POWERS_OF_TWO.map(
      ({ power, exact, roughly, bytes }) => `2^${power} = ${exact} ≈ ${roughly} (${bytes})`,
    ),
  ]
}
