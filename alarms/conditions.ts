/**
 * The alarm conditions as pure state machines, one per (rule, subject): a subject is a sensor, a
 * device, a camera event or an agency. They say when an alarm must be raised and when it clears;
 * storing alarms, their lifecycle (acknowledge, clear by hand), the audit trail and delivery are
 * the evaluator's. Time moves forward: a reading older than the newest one already evaluated for
 * the same subject is stored like any other but does not rewrite the alarm's past (`late`).
 */
import type { CameraEventRule, KpiBreachRule, OfflineRule, ThresholdRule } from '../contracts/alarm-rules';

export type Transition = { type: 'raise' | 'clear'; at: number; value: number | null };

export interface ThresholdState {
  /** The newest reading evaluated. */
  lastTs: number | null;
  /** Since when the readings have been beyond the threshold without a break (not yet raised). */
  breachSince: number | null;
  /** Since when the readings have been back beyond the clear value (raised, not yet cleared). */
  goodSince: number | null;
  active: boolean;
}

export const initialThresholdState = (): ThresholdState => ({
  lastTs: null,
  breachSince: null,
  goodSince: null,
  active: false,
});

export interface Step<S> {
  state: S;
  transition: Transition | null;
  late: boolean;
}

/**
 * One reading through a threshold rule. Raised once the condition has held for `forSeconds`
 * (immediately when 0); cleared once the reading has been past `clearValue` (the hysteresis band's
 * far edge, strictly) for `clearForSeconds`. A reading inside the band changes nothing: an active
 * alarm stays active, a quiet one stays quiet — that is what stops a value hovering at the
 * threshold from flapping.
 */
export function stepThreshold(rule: ThresholdRule, s: ThresholdState, ts: number, value: number): Step<ThresholdState> {
  if (s.lastTs !== null && ts <= s.lastTs) return { state: s, transition: null, late: true };
  const clearAt = rule.clearValue ?? rule.value;
  const beyond = rule.op === 'above' ? value > rule.value : value < rule.value;
  const backToGood = rule.op === 'above' ? value < clearAt : value > clearAt;
  const n: ThresholdState = { ...s, lastTs: ts };
  let transition: Transition | null = null;
  if (!s.active) {
    if (beyond) {
      n.breachSince = s.breachSince ?? ts;
      if (ts - n.breachSince >= rule.forSeconds * 1000) {
        transition = { type: 'raise', at: ts, value };
        n.active = true;
        n.breachSince = null;
        n.goodSince = null;
      }
    } else {
      n.breachSince = null;
    }
  } else if (backToGood) {
    n.goodSince = s.goodSince ?? ts;
    if (ts - n.goodSince >= rule.clearForSeconds * 1000) {
      transition = { type: 'clear', at: ts, value };
      n.active = false;
      n.goodSince = null;
    }
  } else {
    n.goodSince = null;
  }
  return { state: n, transition, late: false };
}

/**
 * Silence: a device last heard from more than `minutes` ago is offline. Evaluated on a clock tick
 * over every device's last-seen time, so a device that dies quietly (no "offline" message) is
 * caught, and one heard from again clears. A device never heard from is not judged.
 */
export function offlineTransition(
  rule: OfflineRule,
  active: boolean,
  lastSeenMs: number | null,
  nowMs: number,
): Transition | null {
  if (lastSeenMs === null) return null;
  const silent = nowMs - lastSeenMs > rule.minutes * 60_000;
  if (silent && !active) return { type: 'raise', at: lastSeenMs + rule.minutes * 60_000, value: null };
  if (!silent && active) return { type: 'clear', at: lastSeenMs, value: null };
  return null;
}

/** A camera event of a watched type and severity raises its own alarm. */
export function cameraEventMatches(rule: CameraEventRule, type: string, severity: number): boolean {
  return (rule.types as readonly string[]).includes(type) && severity >= rule.minSeverity;
}

/** When an event alarm nobody cleared clears by itself. */
export const cameraEventAutoClearAt = (rule: CameraEventRule, eventMs: number): number =>
  eventMs + rule.autoClearMinutes * 60_000;

/**
 * A KPI count above `above` for `forMinutes` raises; at or below `clearAtOrBelow` (default `above`)
 * clears. `breachSinceMs`: since when the count has been above `above` (the caller keeps it between
 * polls; after a restart the wait starts again, so an alarm is late rather than early).
 */
export function kpiTransition(
  rule: KpiBreachRule,
  active: boolean,
  value: number,
  nowMs: number,
  breachSinceMs = nowMs,
): Transition | null {
  if (!active && value > rule.above && nowMs - breachSinceMs >= rule.forMinutes * 60_000)
    return { type: 'raise', at: nowMs, value };
  if (active && value <= (rule.clearAtOrBelow ?? rule.above)) return { type: 'clear', at: nowMs, value };
  return null;
}
