const DAY = 86_400_000;

/** The period of assignment a task query asks for: the given bounds, else the last 90 days up to now. */
export function periodOf(
  q: { from?: Date | undefined; to?: Date | undefined },
  now = Date.now(),
): { fromMs: number; toMs: number } {
  const toMs = q.to?.getTime() ?? now;
  return { fromMs: q.from?.getTime() ?? toMs - 90 * DAY, toMs };
}
