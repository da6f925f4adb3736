import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopicKind } from '../contracts/mqtt/topics';
import { DECODERS, decodeMessage, type DecodeContext } from './decode';

const ctx: DecodeContext = { city: 'haiphong', timeZone: 'Asia/Ho_Chi_Minh', now: Date.UTC(2026, 10, 25, 3) };
const ts = '2026-11-25T09:00:00+07:00';

/** One topic and one payload per kind naming every field its contract schema has. */
const FULL: { [K in TopicKind]: { topic: string; payload: Record<string, unknown> } } = {
  sensor_meta: {
    topic: 'sensor/s-1/meta',
    payload: { name: 'Trạm 1', kind: 'air', lon: 106.68, lat: 20.86, ward: 'Lê Chân' },
  },
  sensor_telemetry: { topic: 'sensor/s-1/telemetry', payload: { ts, values: { pm25: 35.2 } } },
  camera_meta: {
    topic: 'camera/c-1/meta',
    payload: {
      name: 'Cầu Rào',
      lon: 106.68,
      lat: 20.86,
      road: 'Lạch Tray',
      ward: 'Ngô Quyền',
      stream_url: 'https://x.test/a.m3u8',
    },
  },
  camera_status: { topic: 'camera/c-1/status', payload: { ts, online: true, fps: 25, bitrate_kbps: 2048 } },
  camera_event: {
    topic: 'camera/c-1/event',
    payload: {
      id: 'e-1',
      ts,
      type: 'fire',
      severity: 3,
      plate: '15A-123.45',
      vehicle_count: 2,
      snapshot: 'https://x.test/s.jpg',
    },
  },
  case_event: {
    topic: 'case/sxd/event',
    payload: {
      case_id: 'H-1',
      ts,
      event: 'received',
      procedure_code: 'P1',
      procedure_name: 'Cấp phép',
      field: 'Xây dựng',
      level: 'province',
      channel: 'online',
      due_at: '2026-12-01T17:00:00+07:00',
      online_payment: true,
      digitized: true,
      rating: 5,
    },
  },
  document_event: {
    topic: 'document/sxd/event',
    payload: {
      doc_id: 'VB-1',
      ts,
      direction: 'incoming',
      event: 'registered',
      due_at: '2026-12-01T17:00:00+07:00',
      signed: true,
      e_exchange: true,
      urgency: 'urgent',
    },
  },
  indicator_meta: {
    topic: 'indicator/src/k/meta',
    payload: {
      label_vi: 'Chỉ số',
      label_en: 'Index',
      unit: '%',
      direction: 'higher_is_better',
      target: 90,
      warn: 80,
      kind: 'percent',
    },
  },
  indicator_value: { topic: 'indicator/src/k', payload: { ts, value: 91, unit: '%', dims: { ward: 'Lê Chân' } } },
  task_event: {
    topic: 'task/sxd/event',
    payload: {
      task_id: 'T-1',
      ts,
      event: 'assigned',
      title: 'Báo cáo',
      assigned_by: 'Chủ tịch',
      due_at: '2026-12-01T17:00:00+07:00',
      progress_pct: 10,
      document_ref: 'TB 1/TB-UBND',
    },
  },
};

/** The part of a record that carries the payload's own fields. */
function payloadOf(record: Record<string, unknown>): Record<string, unknown> {
  for (const k of ['meta', 'status', 'event', 'value'] as const)
    if (record[k] && typeof record[k] === 'object') return record[k] as Record<string, unknown>;
  return { ts, values: record.values };
}

test('every contract schema key of every topic kind is typed by decode, and only unknown fields go to extra', () => {
  for (const kind of Object.keys(DECODERS) as TopicKind[]) {
    const { topic, payload } = FULL[kind];
    const keys = Object.keys(DECODERS[kind].schema.shape).sort();
    // The fixture names every field the schema has: a schema field added later fails here until it is covered.
    assert.deepEqual(Object.keys(payload).sort(), keys, `${kind}: the fixture names every schema field`);
    const d = decodeMessage(`city/haiphong/${topic}`, Buffer.from(JSON.stringify({ ...payload, vendor_x: 1 })), ctx);
    assert.ok(d.ok, `${kind}: ${d.ok ? '' : d.rejection.detail}`);
    const record = d.record as unknown as Record<string, unknown>;
    const carried = payloadOf(record);
    for (const k of keys) assert.ok(k in carried, `${kind}: ${k} reaches the record`);
    if ('extra' in record) assert.deepEqual(record.extra, { vendor_x: 1 }, `${kind}: only the unknown field is extra`);
  }
});

test('a payload with only the contract fields has no extra', () => {
  for (const kind of Object.keys(DECODERS) as TopicKind[]) {
    const d = decodeMessage(`city/haiphong/${FULL[kind].topic}`, Buffer.from(JSON.stringify(FULL[kind].payload)), ctx);
    assert.ok(d.ok);
    const record = d.record as unknown as Record<string, unknown>;
    if ('extra' in record) assert.equal(record.extra, null, kind);
  }
});
