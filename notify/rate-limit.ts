/**
 * Per-channel rate limits (a gateway's quota): a token bucket per channel, per worker process,
 * refilled continuously. Time is the caller's clock.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: Readonly<Record<string, number>>) {}

  /** 0 when a message on `channel` may go now (and takes its token); otherwise ms to wait. */
  take(channel: string, nowMs: number): number {
    const limit = this.perMinute[channel];
    if (limit === undefined) return 0;
    const b = this.buckets.get(channel) ?? { tokens: limit, at: nowMs };
    b.tokens = Math.min(limit, b.tokens + ((nowMs - b.at) * limit) / 60_000);
    b.at = nowMs;
    this.buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * 60_000) / limit);
  }
}
