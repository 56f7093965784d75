/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `burst` are held. Each call to `take`
 * spends some; it answers false when there are not enough, and then spends nothing.
 * The clock is injected so tests can drive time.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst
    this.last = now()
  }

  take(amount = 1): boolean {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond)
    this.last = now
    if (this.tokens < amount) return false
    this.tokens -= amount
    return true
  }
}
