import { CloseCodes } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import type { Store } from '../store/Store'
import { ServerMetrics } from './ServerMetrics'
import { TimedStore } from './TimedStore'

/** The value of one sample line, `name{labels} value`, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('ServerMetrics', () => {
  it('counts frames by direction and message type from their first byte', async () => {
    const metrics = new ServerMetrics()
    metrics.received(new Uint8Array([0, 1, 2, 3]))
    metrics.received(new Uint8Array([1, 9]))
    metrics.received(new Uint8Array([7]))
    metrics.sent(new Uint8Array([0, 0]))
    metrics.sent(new Uint8Array([0, 0, 0]))
    const text = await metrics.text()
    expect(sample(text, 'tradeoff_sync_messages_total{direction="received",type="sync"}')).toBe(1)
    expect(sample(text, 'tradeoff_sync_bytes_total{direction="received",type="sync"}')).toBe(4)
    expect(sample(text, 'tradeoff_sync_bytes_total{direction="received",type="awareness"}')).toBe(2)
    expect(sample(text, 'tradeoff_sync_messages_total{direction="received",type="other"}')).toBe(1)
    expect(sample(text, 'tradeoff_sync_messages_total{direction="sent",type="sync"}')).toBe(2)
    expect(sample(text, 'tradeoff_sync_bytes_total{direction="sent",type="sync"}')).toBe(5)
    expect(sample(text, 'tradeoff_sync_messages_total{direction="sent",type="awareness"}')).toBe(0)
  })

  it('keeps two instances apart and gauges connections and rooms at each scrape', async () => {
    let rooms = 3
    const one = new ServerMetrics(() => rooms)
    const two = new ServerMetrics()
    one.connected('board', 'candidate')
    one.connected('board', 'candidate')
    one.connected('panel', 'interviewer')
    one.disconnected('board', 'candidate')
    expect(sample(await one.text(), 'tradeoff_sync_connections{doc="board",role="candidate"}')).toBe(1)
    expect(sample(await one.text(), 'tradeoff_sync_connections{doc="panel",role="interviewer"}')).toBe(1)
    expect(sample(await one.text(), 'tradeoff_sync_rooms')).toBe(3)
    rooms = 1
    expect(sample(await one.text(), 'tradeoff_sync_rooms')).toBe(1)
    expect(sample(await two.text(), 'tradeoff_sync_connections{doc="board",role="candidate"}')).toBe(0)
  })

  it('names closes after CloseCodes, tells codes that share a number apart, and files others as other', async () => {
    const metrics = new ServerMetrics()
    metrics.closed(CloseCodes.rateLimited)
    metrics.closed(CloseCodes.roomFull)
    metrics.closed(CloseCodes.roomFull)
    metrics.closed({ code: 4999, reason: 'written by someone else', fatal: true })
    metrics.upgradeRefused()
    const text = await metrics.text()
    expect(sample(text, 'tradeoff_sync_closes_total{code="4429",reason="rateLimited"}')).toBe(1)
    expect(sample(text, 'tradeoff_sync_closes_total{code="4429",reason="roomFull"}')).toBe(2)
    expect(sample(text, 'tradeoff_sync_closes_total{code="4401",reason="badToken"}')).toBe(0)
    expect(sample(text, 'tradeoff_sync_closes_total{code="4999",reason="other"}')).toBe(1)
    expect(text).not.toContain('written by someone else')
    expect(sample(text, 'tradeoff_sync_upgrade_refusals_total{status="429"}')).toBe(1)
  })

  it('observes fan-out latency, counting clock skew as 0 and ignoring what is not a number', async () => {
    const metrics = new ServerMetrics()
    metrics.observeFanOut(0.003)
    metrics.observeFanOut(-0.2)
    metrics.observeFanOut(Number.NaN)
    const text = await metrics.text()
    expect(sample(text, 'tradeoff_fanout_seconds_count')).toBe(2)
    expect(sample(text, 'tradeoff_fanout_seconds_bucket{le="0.0005"}')).toBe(1)
    expect(sample(text, 'tradeoff_fanout_seconds_bucket{le="0.005"}')).toBe(2)
    expect(sample(text, 'tradeoff_fanout_seconds_sum')).toBeCloseTo(0.003)
  })

  it('serves the process metrics once, event-loop delay included, beside its own', async () => {
    const text = await new ServerMetrics().text()
    expect(text).toContain('# TYPE nodejs_eventloop_lag_p99_seconds gauge')
    expect(text).toContain('# TYPE process_cpu_seconds_total counter')
    expect(text.match(/^# TYPE nodejs_eventloop_lag_seconds /gm)).toHaveLength(1)
  })
})

describe('TimedStore', () => {
  const key = { sessionId: 's', doc: 'board' } as const

  it('times appends and snapshots, failed ones too, and passes results and failures through', async () => {
    let clock = 0
    const inner = {
      appendUpdate: async () => {
        clock += 4
        return 7
      },
      writeSnapshot: async () => {
        clock += 250
        throw new Error('disk full')
      },
      logSize: async () => ({ updates: 1, bytes: 2 }),
    } as unknown as Store
    const metrics = new ServerMetrics()
    const store = new TimedStore(inner, metrics, () => clock)
    expect(await store.appendUpdate(key, new Uint8Array([1]), { at: 0, author: 'x' })).toBe(7)
    await expect(store.writeSnapshot(key, { seq: 1, at: 0, state: new Uint8Array() })).rejects.toThrow(
      'disk full',
    )
    expect(await store.logSize(key)).toEqual({ updates: 1, bytes: 2 })
    const text = await metrics.text()
    expect(sample(text, 'tradeoff_store_write_seconds_count{operation="append"}')).toBe(1)
    expect(sample(text, 'tradeoff_store_write_seconds_sum{operation="append"}')).toBeCloseTo(0.004)
    expect(sample(text, 'tradeoff_store_write_seconds_bucket{le="0.0025",operation="append"}')).toBe(0)
    expect(sample(text, 'tradeoff_store_write_seconds_bucket{le="0.005",operation="append"}')).toBe(1)
    expect(sample(text, 'tradeoff_store_write_seconds_sum{operation="snapshot"}')).toBeCloseTo(0.25)
  })
})
