/**
 * The camera uptime rollup (migration 025) against its oracle, both backends: over a seeded random
 * status history — gaps longer than the silence limit, messages right at hour boundaries and just
 * before them so the silence cap crosses them, a camera with no messages, one heard once, one heard
 * only before the periods, millisecond timestamps — uptime from the rollup plus the raw edges
 * (`cameraUptime`) equals uptime from the raw rows alone (`cameraUptimeRaw`) over random periods:
 * after a full refresh, half-way through a refresh, with late rows written behind the watermark
 * (before and after the refresh that folds them in), and after the silence limit changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CameraUptime } from '../contracts/cameras';
import { refreshCameraUptimeRollup } from '../db/camera-uptime-rollup';
import { cameraUptime, cameraUptimeRaw } from '../db/cameras';
import { insertCameraStatus, upsertDeviceMeta, type CameraStatusRow } from '../db/ingest-writes';
import { migrate } from '../db/migrate';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 9, 1); // an hour boundary
const END = T0 + 4 * DAY + 150 * MIN; // the history's last instant
const NOW = T0 + 4 * DAY + 3 * HOUR; // the refreshes store hours up to NOW - 1 h, rounded down
const SILENCE_S = 900;

/** mulberry32: the same history on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CAMERAS = ['steady', 'flappy', 'gappy', 'boundary', 'ms', 'once', 'early', 'never'] as const;

function history(random: () => number): CameraStatusRow[] {
  const rows: CameraStatusRow[] = [];
  const add = (cameraId: string, timeMs: number, online: boolean) =>
    rows.push({ timeMs, cameraId, online, fps: null, bitrateKbps: null });
  // Every 30 s from before the first period, now and then saying offline for a while.
  let online = true;
  for (let t = T0 - 2 * HOUR; t < END; t += 30 * S) {
    if (random() < 0.004) online = !online;
    add('steady', t, online);
  }
  // 1 s to 40 min apart (longer than the silence limit one time in seven), online 70 % of the time.
  for (let t = T0 - HOUR; t < END; t += Math.round((1 + random() * 2399) * S)) add('flappy', t, random() < 0.7);
  // Every minute, with silences of 20 min to 5 h.
  for (let t = T0; t < END; t += MIN) {
    if (random() < 0.01) t += Math.round((20 + random() * 280) * MIN);
    add('gappy', t, random() < 0.95);
  }
  // Right at each hour boundary, or 10 min before it (the cap of 15 min crosses the boundary), or both.
  for (let h = T0; h < END; h += HOUR) {
    const r = random();
    if (r < 0.4) add('boundary', h, random() < 0.8);
    if (r > 0.3) add('boundary', h - 10 * MIN, random() < 0.8);
    if (r > 0.8) add('boundary', h - 1, true); // a millisecond before the boundary
  }
  // Random instants with milliseconds.
  for (let t = T0 + 123; t < END; t += Math.round(random() * 20 * MIN) + 1) add('ms', t, random() < 0.6);
  add('once', T0 + DAY + 55 * MIN + 17, true);
  for (let t = T0 - 3 * HOUR; t < T0 - 2 * HOUR; t += 5 * MIN) add('early', t, true);
  return rows;
}

/** Periods of every kind inside [T0 - 6 h, NOW]: within one hour, whole hours, days with odd edges. */
function periods(random: () => number, n: number): [number, number][] {
  const out: [number, number][] = [
    [T0, NOW], // aligned on both ends
    [T0 - 6 * HOUR, NOW], // from before the history
    [T0 + DAY + 50 * MIN, T0 + DAY + 58 * MIN], // inside one hour
    [T0 + 2 * DAY, T0 + 2 * DAY + HOUR], // exactly one stored hour
    [NOW - 90 * MIN, NOW], // after the watermark only
  ];
  const span = NOW - (T0 - 6 * HOUR);
  while (out.length < n) {
    const kind = random();
    const len =
      kind < 0.25
        ? 1 + Math.floor(random() * HOUR)
        : kind < 0.5
          ? Math.ceil(random() * 30) * HOUR
          : 1 + Math.floor(random() * 3 * DAY);
    const from = T0 - 6 * HOUR + Math.floor(random() * (span - len));
    out.push([from, Math.min(NOW, from + len)]);
  }
  return out;
}

const key = (u: CameraUptime[]) =>
  u.map((x) => `${x.cameraId} ${x.onlineSeconds.toFixed(6)} ${x.uptimePct.toFixed(2)}`);

describe(`camera uptime from the hourly rollup equals uptime from the raw rows (${BACKEND})`, () => {
  let t: TestDb;
  const random = rng(20_261_125);
  const sample = periods(random, 40);

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    for (const id of CAMERAS) {
      await upsertDeviceMeta(t.db, {
        deviceType: 'camera',
        deviceId: id,
        kind: null,
        name: id,
        lon: 106.69,
        lat: 20.85,
        wardCode: null,
        wardHint: null,
        road: null,
        streamUrl: null,
        extra: null,
      });
    }
    const rows = history(rng(7));
    for (let i = 0; i < rows.length; i += 5000) await insertCameraStatus(t.db, rows.slice(i, i + 5000));
  });
  after(() => t.drop());

  const same = async (label: string, silenceS = SILENCE_S, list = sample) => {
    for (const [from, to] of list) {
      const [fast, raw] = [
        await cameraUptime(t.db, from, to, silenceS * S),
        await cameraUptimeRaw(t.db, from, to, silenceS * S),
      ];
      assert.deepEqual(
        key(fast),
        key(raw),
        `${label}: [${new Date(from).toISOString()}, ${new Date(to).toISOString()}) silence ${silenceS} s`,
      );
    }
  };
  const stored = async () =>
    Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM camera_uptime_1h')).rows[0]?.n);
  const watermark = async () =>
    new Date((await t.db.query<{ upto: Date }>('SELECT upto FROM camera_uptime_rollup')).rows[0]!.upto).getTime();

  test('before any refresh (nothing stored), half-way through the first, and after it', async () => {
    await same('nothing stored');
    const partial = await refreshCameraUptimeRollup(t.db, SILENCE_S, NOW, 2);
    assert.equal(partial?.steps, 2);
    assert.ok((await watermark()) < NOW - 2 * HOUR, 'two days of a longer history are not all of it');
    await same('half-way');
    const full = await refreshCameraUptimeRollup(t.db, SILENCE_S, NOW);
    assert.ok(full && full.hours > 0);
    assert.equal(await watermark(), NOW - HOUR, 'stored up to the last whole hour ending an hour ago');
    await same('after the refresh');
    // The sample must exercise the store: most periods span stored hours.
    assert.ok(sample.filter(([f, to]) => to - f > 2 * HOUR && f < NOW - 4 * HOUR).length > 15);
  });

  test('late status rows behind the watermark: exact before the refresh (the camera is read raw) and after it', async () => {
    const before = await stored();
    await insertCameraStatus(t.db, [
      // "offline" in the middle of an online stretch, and an hour-boundary message within a gap
      { timeMs: T0 + DAY + 30 * MIN + 5, cameraId: 'steady', online: false, fps: null, bitrateKbps: null },
      { timeMs: T0 + 2 * DAY, cameraId: 'once', online: true, fps: null, bitrateKbps: null },
      { timeMs: T0 + 2 * DAY + 55 * MIN, cameraId: 'never', online: true, fps: null, bitrateKbps: null },
      { timeMs: T0 + 3 * DAY - 1, cameraId: 'gappy', online: true, fps: null, bitrateKbps: null },
    ]);
    const { rows: stale } = await t.db.query<{ camera_id: string }>(
      'SELECT camera_id FROM camera_uptime_stale ORDER BY camera_id',
    );
    assert.deepEqual(
      stale.map((r) => r.camera_id),
      ['gappy', 'never', 'once', 'steady'],
    );
    await same('late rows, not yet refreshed');
    const r = await refreshCameraUptimeRollup(t.db, SILENCE_S, NOW);
    assert.equal(r?.stale, 4);
    assert.equal((await t.db.query('SELECT 1 FROM camera_uptime_stale')).rows.length, 0);
    assert.notEqual(await stored(), before, 'the late rows changed stored hours');
    await same('late rows, refreshed');
  });

  test('another silence limit: the store is not read until it is rebuilt with it', async () => {
    const longer = 2 * 3600 + 7; // longer than an hour: one message's cap crosses several boundaries
    await same('store made with 900 s, asked with 7207 s', longer, sample.slice(0, 15));
    const r = await refreshCameraUptimeRollup(t.db, longer, NOW);
    assert.equal(r?.rebuilt, true);
    await same('rebuilt with 7207 s', longer);
    await same('store made with 7207 s, asked with 900 s', SILENCE_S, sample.slice(0, 10));
  });

  test('the answer does come from the store: a stored hour changed by hand shows', async () => {
    await refreshCameraUptimeRollup(t.db, SILENCE_S, NOW);
    const {
      rows: [h],
    } = await t.db.query<{ bucket: Date }>(
      `SELECT bucket FROM camera_uptime_1h WHERE camera_id = 'steady' AND online_seconds > 100 ORDER BY bucket OFFSET 30 LIMIT 1`,
    );
    const at = new Date(h!.bucket).getTime();
    await t.db.query(
      `UPDATE camera_uptime_1h SET online_seconds = online_seconds - 36 WHERE camera_id = 'steady' AND bucket = $1`,
      [new Date(at).toISOString()],
    );
    const [fast] = await cameraUptime(t.db, at - MIN, at + 2 * HOUR, SILENCE_S * S, ['steady']);
    const [raw] = await cameraUptimeRaw(t.db, at - MIN, at + 2 * HOUR, SILENCE_S * S, ['steady']);
    assert.equal(Math.round((raw!.onlineSeconds - fast!.onlineSeconds) * 1000), 36_000);
  });

  if (BACKEND === 'postgres') {
    test('a refresh while another process holds it skips its turn', async () => {
      await t.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cityops.camera_uptime_rollup'))`);
        assert.equal(await refreshCameraUptimeRollup(t.db, SILENCE_S, NOW + DAY), null);
      });
    });
  }
});
