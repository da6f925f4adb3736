import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import { loadWards, wardAt } from '../geo/wards';
import { buildCityModel } from './city-model';
import { isFormerHaiphong, isUrban } from './placement';

const wards = loadWards(haiphong);
const model = buildCityModel(haiphong, 20250701, { wards });

test('the same seed builds the same city; another seed another city', () => {
  const again = buildCityModel(haiphong, 20250701, { wards });
  assert.deepEqual(strip(again), strip(model));
  const other = buildCityModel(haiphong, 7, { wards });
  assert.notDeepEqual(
    other.sensors.map((s) => [s.lon, s.lat]),
    model.sensors.map((s) => [s.lon, s.lat]),
  );
  // Ids are stable names, not random: the same ids in any city.
  assert.deepEqual(
    other.sensors.map((s) => s.id),
    model.sensors.map((s) => s.id),
  );
});

test('at least 200 sensors in the 40/20/20/20 mix and 100 cameras', () => {
  assert.ok(model.sensors.length >= 200);
  assert.equal(model.cameras.length, 100);
  const share = (kind: string) => model.sensors.filter((s) => s.kind === kind).length / model.sensors.length;
  assert.ok(Math.abs(share('air') - 0.4) < 0.01);
  for (const kind of ['water', 'noise', 'weather']) assert.ok(Math.abs(share(kind) - 0.2) < 0.01, kind);
});

test('ids are unique and shaped like air-001 / cam-001', () => {
  const ids = [...model.sensors, ...model.cameras].map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const s of model.sensors) assert.match(s.id, /^(air|water|noise|weather)-\d{3}$/);
  for (const c of model.cameras) assert.match(c.id, /^cam-\d{3}$/);
});

test('every device stands inside the city, in the ward wardAt says', () => {
  for (const d of [...model.sensors, ...model.cameras]) {
    const w = wardAt(wards, d.lon, d.lat);
    assert.ok(w, `${d.id} at ${d.lon},${d.lat} is outside every ward`);
    assert.equal(w.code, d.ward.code, d.id);
  }
});

test('cameras, air and noise stations cluster in urban wards; water gauges spread wider', () => {
  const urbanShare = (list: readonly { ward: (typeof wards)[number] }[]) =>
    list.filter((d) => isUrban(d.ward)).length / list.length;
  const urbanWards = wards.filter(isUrban).length / wards.length; // ~0.4
  assert.ok(urbanShare(model.cameras) > 0.75, `cameras ${urbanShare(model.cameras)}`);
  assert.ok(urbanShare(model.sensors.filter((s) => s.kind === 'air' || s.kind === 'noise')) > 0.65);
  assert.ok(
    model.cameras.filter((c) => isFormerHaiphong(c.ward)).length > 50,
    'most cameras in the old Hải Phòng core',
  );
  const waterWards = new Set(model.sensors.filter((s) => s.kind === 'water').map((s) => s.ward.code));
  assert.ok(waterWards.size > 20, `water gauges in ${waterWards.size} wards`);
  assert.ok(urbanShare(model.sensors.filter((s) => s.kind === 'weather')) < urbanWards + 0.2);
});

test('names are Vietnamese, unique, and some cameras advertise an HLS stream', () => {
  const names = [...model.sensors, ...model.cameras].map((d) => d.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(model.sensors.some((s) => s.name.startsWith('Trạm quan trắc không khí ')));
  assert.ok(model.cameras.every((c) => c.name.startsWith('Camera ')));
  assert.ok(
    model.cameras.every((c) => !c.streamUrl),
    'no stream without SIM_STREAM_BASE_URL',
  );
  const withStreams = buildCityModel(haiphong, 20250701, { wards, streamBaseUrl: 'http://127.0.0.1:8088/hls' });
  assert.deepEqual(
    withStreams.cameras.map((c) => c.name),
    model.cameras.map((c) => c.name),
    'the same cameras',
  );
  const streams = withStreams.cameras.filter((c) => c.streamUrl);
  assert.ok(streams.length > 10 && streams.length < 90);
  for (const c of streams) assert.match(c.streamUrl!, /^http:\/\/.+\/cam-\d{3}\/index\.m3u8$/);
});

test('the model exposes every agency of the profile', () => {
  assert.deepEqual(model.agencies, haiphong.agencies);
});

/** Everything but the shared ward objects (compared by code). */
function strip(m: typeof model) {
  return {
    sensors: m.sensors.map((s) => ({ ...s, ward: s.ward.code })),
    cameras: m.cameras.map((c) => ({ ...c, ward: c.ward.code })),
  };
}
