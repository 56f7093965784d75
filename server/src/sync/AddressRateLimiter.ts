import { TokenBucket } from './TokenBucket'

/** How long an address's bucket is kept after its last use (it is full again by then). */
const FORGET_AFTER_MS = 60_000

/**
 * A token bucket per client address: `perMinute` tokens a minute, holding at most `perMinute`.
 * Buckets of addresses not seen for a minute are forgotten, so the map stays as small as the set
 * of recent clients.
 */
export class AddressRateLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; lastUsed: number }>()
  private lastSweep: number

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.lastSweep = now()
  }

  /** Spends one token of `address`; false when it has none left. */
  take(address: string): boolean {
    const now = this.now()
    if (now - this.lastSweep > FORGET_AFTER_MS) this.sweep(now)
    let entry = this.buckets.get(address)
    if (!entry) {
      entry = { bucket: new TokenBucket(this.perMinute / 60, this.perMinute, this.now), lastUsed: now }
      this.buckets.set(address, entry)
    }
    entry.lastUsed = now
    return entry.bucket.take()
  }

  private sweep(now: number): void {
    this.lastSweep = now
    for (const [address, entry] of this.buckets) {
      if (now - entry.lastUsed > FORGET_AFTER_MS) this.buckets.delete(address)
    }
  }
}
