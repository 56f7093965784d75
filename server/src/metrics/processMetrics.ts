import { collectDefaultMetrics, Registry } from 'prom-client'

let shared: Registry | null = null

/**
 * The process's own metrics (prom-client's defaults: CPU, memory, handles, garbage collection and
 * event-loop delay as `nodejs_eventloop_lag_*`, its percentiles since the last scrape), in a
 * registry of their own, never prom-client's global one. They describe the process, not one
 * server, so they are collected once however many servers the process starts (tests start
 * several): each collection keeps an event-loop monitor and a GC observer running for good.
 */
export function processMetrics(): Registry {
  if (!shared) {
    shared = new Registry()
    collectDefaultMetrics({ register: shared })
  }
  return shared
}
