/**
 * What the alarm bench feeds the evaluator: the simulator's city (sensors and cameras placed in
 * the 114 wards), its readings and camera events over a window of a winter morning rush (smog
 * rising through the PM2.5 thresholds), and a rules file of the mix an operations centre would
 * grow — city-wide thresholds per kind of sensor, ward thresholds naming their sensors, silence,
 * camera event types, KPI breaches per agency. Deterministic for a seed.
 */
import { alarmRulesSchema, type AlarmRule } from '../../contracts/alarm-rules';
import { haiphong } from '../../cities/haiphong';
import { buildCityModel, type CityModel } from '../../sim/city-model';
import { localInstant, MINUTE } from '../../sim/clock';
import { cameraEventMessages } from '../../sim/feeds/camera-events';
import { readingsOf } from '../../sim/feeds/readings';
import { reportTimes } from '../../sim/feeds/telemetry';
import { hash32, Rng } from '../../sim/rng';

export interface Reading {
  ms: number;
  deviceId: string;
  metric: string;
  value: number;
  kind: string;
}
export interface CameraEvent {
  ms: number;
  eventId: string;
  cameraId: string;
  type: string;
  severity: number;
  plate: string | null;
}

export interface BenchData {
  model: CityModel;
  fromMs: number;
  toMs: number;
  /** Telemetry messages (one per sensor report, each with all its sensor's metrics). */
  messages: number;
  readings: Reading[];
  events: CameraEvent[];
  /** Each device's last message in the window, as touchDevices would leave it. */
  lastSeen: Map<string, { type: 'sensor' | 'camera'; ms: number }>;
}

export interface DataSettings {
  seed: number;
  sensors: number;
  cameras: number;
  minutes: number;
  periodS: number;
}

/** A Tuesday in January, 07:30 local: the morning rush under winter smog. */
export const startOfData = (): number => localInstant(2026, 1, 13, 7.5, haiphong.timeZone);

export function generateData(s: DataSettings): BenchData {
  const model = buildCityModel(haiphong, s.seed, { sensors: s.sensors, cameras: s.cameras });
  const fromMs = startOfData();
  const toMs = fromMs + s.minutes * MINUTE;
  const readings: Reading[] = [];
  const lastSeen = new Map<string, { type: 'sensor' | 'camera'; ms: number }>();
  let messages = 0;
  for (const sensor of model.sensors)
    for (const ms of reportTimes(sensor.phase, s.periodS * 1000, { from: fromMs, to: toMs })) {
      messages++;
      for (const [metric, value] of Object.entries(readingsOf(model, sensor, ms)))
        readings.push({ ms, deviceId: sensor.id, metric, value, kind: sensor.kind });
      lastSeen.set(sensor.id, { type: 'sensor', ms });
    }
  readings.sort((a, b) => a.ms - b.ms);
  const events: CameraEvent[] = [];
  for (const m of cameraEventMessages(model, { from: fromMs, to: toMs })) {
    const p = m.payload as { id: string; ts: string; type: string; severity: number; plate?: string };
    const ms = Date.parse(p.ts);
    const cameraId = p.id.slice(0, p.id.indexOf('-', 4));
    events.push({ ms, eventId: p.id, cameraId, type: p.type, severity: p.severity, plate: p.plate ?? null });
    lastSeen.set(cameraId, { type: 'camera', ms: Math.max(ms, lastSeen.get(cameraId)?.ms ?? 0) });
  }
  events.sort((a, b) => a.ms - b.ms);
  // Cameras also report their status every 30 s: every camera was heard from lately.
  for (const c of model.cameras)
    lastSeen.set(c.id, { type: 'camera', ms: Math.max(toMs - 30_000, lastSeen.get(c.id)?.ms ?? 0) });
  return { model, fromMs, toMs, messages, readings, events, lastSeen };
}

/**
 * Where each metric's thresholds sit: from about its 90th percentile to its highest on such a
 * morning (measured on this data), so a few per cent of the sensors are in alarm at a time, as an
 * operations centre tunes its limits — not the whole city at once.
 */
const METRICS: Record<string, { kind: string; op: 'above' | 'below'; lo: number; hi: number }> = {
  pm25: { kind: 'air', op: 'above', lo: 100, hi: 140 },
  pm10: { kind: 'air', op: 'above', lo: 165, hi: 235 },
  water_level_cm: { kind: 'water', op: 'above', lo: 160, hi: 190 },
  noise_db: { kind: 'noise', op: 'above', lo: 77.5, hi: 80.5 },
  temp_c: { kind: 'weather', op: 'below', lo: 15.4, hi: 16.0 },
  humidity_pct: { kind: 'weather', op: 'above', lo: 82.5, hi: 85.3 },
  wind_ms: { kind: 'weather', op: 'above', lo: 3.1, hi: 3.7 },
  rain_mm: { kind: 'weather', op: 'above', lo: 5, hi: 30 },
};
const DURATIONS = [0, 60, 120, 300, 600];
const CLEAR_DURATIONS = [0, 60, 300];
const CAMERA_RULES: { types: string[]; minSeverity: number }[] = [
  { types: ['accident', 'fire'], minSeverity: 1 },
  { types: ['flooding'], minSeverity: 2 },
  { types: ['accident'], minSeverity: 3 },
  { types: ['congestion'], minSeverity: 3 },
  { types: ['crowd'], minSeverity: 2 },
  { types: ['speeding'], minSeverity: 3 },
  { types: ['fire', 'flooding', 'accident'], minSeverity: 2 },
];

export interface RuleMix {
  threshold: number;
  wardThreshold: number;
  offline: number;
  cameraEvent: number;
  kpi: number;
}

/** The shares of a rules file of `total` rules: 3 % KPI, 2 % silence, 5 % camera events, the rest thresholds (24 city-wide). */
export function ruleMix(total: number): RuleMix {
  const kpi = Math.round(total * 0.03);
  const offline = Math.max(1, Math.round(total * 0.02));
  const cameraEvent = Math.round(total * 0.05);
  const threshold = Math.max(0, total - kpi - offline - cameraEvent);
  return { threshold, wardThreshold: Math.max(0, threshold - 24), offline, cameraEvent, kpi };
}

export function generateRules(model: CityModel, total: number, seed: number): AlarmRule[] {
  const rng = new Rng(hash32(seed, 'alarm-rules'));
  const mix = ruleMix(total);
  const name = (vi: string, en: string) => ({ vi, en });
  const rules: unknown[] = [];
  const threshold = (
    id: string,
    metric: string,
    scope: { sensorKinds?: string[]; sensorIds?: string[] },
    severity: number,
  ) => {
    const m = METRICS[metric]!;
    const value = Math.round(rng.range(m.lo, m.hi) * 10) / 10;
    // The hysteresis band: 3–10 % of the value on the good side.
    const band = value * rng.range(0.03, 0.1);
    const clearValue = Math.round((m.op === 'above' ? value - band : value + band) * 10) / 10;
    rules.push({
      id,
      name: name(`${metric} ${m.op === 'above' ? '>' : '<'} ${value}`, `${metric} ${m.op} ${value}`),
      severity,
      kind: 'threshold',
      metric,
      ...scope,
      op: m.op,
      value,
      clearValue,
      forSeconds: rng.pick(DURATIONS),
      clearForSeconds: rng.pick(CLEAR_DURATIONS),
    });
  };
  const metrics = Object.keys(METRICS);
  let n = 0;
  for (const metric of metrics)
    for (let sev = 1; sev <= 3 && n < mix.threshold; sev++, n++)
      threshold(`city-${metric}-${sev}`, metric, { sensorKinds: [METRICS[metric]!.kind] }, sev);
  // Ward rules name the ward's sensors of the metric's kind (a district's own limits near schools, dykes…).
  const byWardKind = new Map<string, string[]>();
  for (const s of model.sensors) {
    const k = `${s.ward.code}/${s.kind}`;
    byWardKind.set(k, [...(byWardKind.get(k) ?? []), s.id]);
  }
  const wardKinds = [...byWardKind.keys()];
  for (let i = 0; n < mix.threshold; i++, n++) {
    const wk = wardKinds[i % wardKinds.length]!;
    const kind = wk.slice(wk.indexOf('/') + 1);
    const metric = rng.pick(metrics.filter((m) => METRICS[m]!.kind === kind));
    threshold(`ward-${i}-${metric}`, metric, { sensorIds: byWardKind.get(wk)! }, rng.int(1, 3));
  }
  for (let i = 0; i < mix.offline; i++) {
    const deviceType = i % 2 === 0 ? 'sensor' : 'camera';
    rules.push({
      id: `silent-${deviceType}-${i}`,
      name: name('Mất tín hiệu', 'Silent'),
      severity: 1 + (i % 3),
      kind: 'offline',
      deviceType,
      minutes: 5 + 5 * Math.floor(i / 2),
    });
  }
  for (let i = 0; i < mix.cameraEvent; i++) {
    const r = CAMERA_RULES[i % CAMERA_RULES.length]!;
    rules.push({
      id: `camera-${i}`,
      name: name('Sự kiện camera', 'Camera event'),
      severity: 3,
      kind: 'camera_event',
      types: r.types,
      minSeverity: r.minSeverity,
      autoClearMinutes: rng.pick([30, 60, 120]),
    });
  }
  for (let i = 0; i < mix.kpi; i++) {
    const agency = model.agencies[i % model.agencies.length]!;
    rules.push({
      id: `kpi-${i}`,
      name: name('Quá hạn', 'Overdue'),
      severity: 2,
      kind: 'kpi_breach',
      kpi: i % 2 === 0 ? 'cases.overdueNow' : 'documents.overdueNow',
      agencyId: agency.id,
      above: rng.int(5, 30),
    });
  }
  return alarmRulesSchema.parse(rules);
}
