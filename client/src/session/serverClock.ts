/** One reading of the server's clock: its time in an answer, and when the request left and returned. */
export interface ClockSample {
  /** The server's `Date.now()` when it made the answer (`SessionView.serverNow`). */
  serverNow: number
  /** Local `Date.now()` just before the request was sent. */
  sentAt: number
  /** Local `Date.now()` once the answer was read. */
  receivedAt: number
}

/** The server's time as estimated in this browser. */
export interface ServerClock {
  /** The server's time now, in ms since the epoch (local time plus the estimated offset). */
  now(): number
  /** Server time minus local time, in ms; 0 until the first sample. */
  offsetMs(): number
  /** Feeds a new reading; the clock keeps the most precise of the recent ones. */
  addSample(sample: ClockSample): void
}

/** How many recent samples are kept: old ones go, so a changed local clock is followed. */
const KEPT_SAMPLES = 8

/**
 * The offset a sample gives, assuming the answer was made halfway through the round trip: its
 * error is at most half the round trip.
 */
export function offsetFromSample({ serverNow, sentAt, receivedAt }: ClockSample): number {
  return serverNow - (sentAt + receivedAt) / 2
}

/**
 * A clock aligned with the server's from request timings (NTP's idea, simplified): of the last
 * few samples it trusts the one with the shortest round trip, whose error bound is the smallest.
 */
export function createServerClock(localNow: () => number = Date.now): ServerClock {
  const samples: ClockSample[] = []
  let offset = 0
  return {
    now: () => localNow() + offset,
    offsetMs: () => offset,
    addSample(sample) {
      if (sample.receivedAt < sample.sentAt) return
      samples.push(sample)
      if (samples.length > KEPT_SAMPLES) samples.shift()
      const best = samples.reduce((a, b) => (roundTrip(b) < roundTrip(a) ? b : a))
      offset = offsetFromSample(best)
    },
  }
}

function roundTrip(sample: ClockSample): number {
  return sample.receivedAt - sample.sentAt
}
