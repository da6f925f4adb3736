/**
 * Sign-in attempts per client address: at most `perMinute` in any one-minute window, whatever
 * the account named (slows password spraying across accounts, which per-account lock-out does not
 * see). In memory, per console node, and bounded: a flood of addresses cannot grow it past
 * `maxAddresses` (the oldest windows are forgotten first).
 */
export class LoginLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Counts an attempt; returns 0 when allowed, else the seconds until the address may try again. */
  attempt(address: string, nowMs = Date.now()): number {
    const w = this.windows.get(address);
    if (!w || nowMs - w.startMs >= 60_000) {
      this.windows.delete(address);
      if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(address, { startMs: nowMs, count: 1 });
      return 0;
    }
    w.count += 1;
    return w.count <= this.perMinute ? 0 : Math.ceil((w.startMs + 60_000 - nowMs) / 1000);
  }

  get size(): number {
    return this.windows.size;
  }
}
