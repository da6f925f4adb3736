/**
 * Runs the evaluator on a timer inside the ingest process: one tick at a time, failures logged on
 * change (not per tick), the timer cleared and the last tick awaited on stop.
 */
import type { AlarmRule } from '../contracts/alarm-rules';
import type { Db } from '../db/adapter';
import type { Logger } from '../contracts/logger';
import { AlarmEvaluator, type TickReport } from './evaluator';
import { WebhookDeliverer } from './webhooks';

export interface RunningEvaluator {
  stop(): Promise<void>;
  health(): {
    rules: number;
    lastTickMs: number | null;
    failing: boolean;
    raised: number;
    cleared: number;
    webhooks: { delivered: number; failedAttempts: number } | null;
  };
}

/** `changed` is told how many alarms moved in a tick (to tell the consoles). */
export function startAlarmEvaluator(
  db: Db,
  rules: readonly AlarmRule[],
  log: Logger,
  everyMs: number,
  changed: (n: number) => void = () => undefined,
): RunningEvaluator {
  const evaluator = new AlarmEvaluator(db, rules);
  const webhooks = new WebhookDeliverer(db, rules);
  const delivered = { delivered: 0, failedAttempts: 0 };
  let running: Promise<void> | null = null;
  let failing = false;
  let lastTickMs: number | null = null;
  const totals = { raised: 0, cleared: 0 };
  const tick = () => {
    running ??= evaluator
      .tick(Date.now())
      .then(async (r: TickReport) => {
        // Webhooks after the tick, so a transition is posted in the tick that made it.
        if (webhooks.active) {
          const w = await webhooks.tick(Date.now());
          delivered.delivered += w.delivered;
          delivered.failedAttempts += w.failed;
        }
        lastTickMs = Date.now();
        totals.raised += r.raised;
        totals.cleared += r.cleared;
        if (r.raised + r.cleared > 0) {
          log.info(r, 'alarms raised or cleared');
          changed(r.raised + r.cleared);
        }
        if (failing) log.info('alarm evaluation recovered');
        failing = false;
      })
      .catch((err: unknown) => {
        if (!failing)
          log.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'alarm evaluation failed; retrying every tick',
          );
        failing = true;
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    health: () => ({
      rules: rules.length,
      lastTickMs,
      failing,
      ...totals,
      webhooks: webhooks.active ? delivered : null,
    }),
  };
}
