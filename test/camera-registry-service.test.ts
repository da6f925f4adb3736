/**
 * The camera registry service against the city, both backends: an edit naming a ward the city
 * does not have or a location outside it is refused with the field named; a location set by hand
 * brings its ward; every saved edit is announced on the bus so every console shows it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import { cameraEditSchema } from '../contracts/cameras';
import type { IngestCommit } from '../contracts/live';
import { migrate } from '../db/migrate';
import { seedCity } from '../db/seed-city';
import { loadWards } from '../geo/wards';
import { cameraRegistryService } from '../runtime/camera-registry';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const wards = loadWards(haiphong);
const edit = (v: Record<string, unknown>) => cameraEditSchema.parse({ by: 'op.lan', ...v });

describe(`camera registry service (${BACKEND})`, () => {
  let t: TestDb;
  const published: IngestCommit[] = [];
  let service: ReturnType<typeof cameraRegistryService>;
  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await seedCity(t.db, haiphong, wards);
    service = cameraRegistryService({
      db: t.db,
      wards,
      bounds: haiphong.mapBounds,
      offlineAfterMs: 300_000,
      publish: (c) => published.push(c),
    });
  });
  after(() => t.drop());

  test('refuses an unknown ward and a location outside the city, naming the field; saves nothing', async () => {
    assert.deepEqual(await service.save('cam-x', edit({ wardCode: '99999' })), {
      ok: false,
      problems: ['wardCode: no ward or commune has code "99999"'],
    });
    const outside = await service.save('cam-x', edit({ lon: 105.85, lat: 21.03 })); // Hà Nội
    assert.equal(outside.ok, false);
    assert.match(!outside.ok ? outside.problems.join() : '', /^lon: .*outside the city/);
    assert.equal((await service.list(Date.now() - 3_600_000, Date.now())).cameras.length, 0);
    assert.equal(published.length, 0);
  });

  test('a location set by hand brings its ward, and the edit is announced', async () => {
    const ward = wards[0]!;
    // The mean of a ward's outline: a point inside the city (in that ward or a neighbour).
    const ring = ward.polygons[0]![0]!;
    const lon = ring.reduce((sum, p) => sum + p[0]!, 0) / ring.length;
    const lat = ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length;
    assert.deepEqual(await service.save('cam-y', edit({ name: 'Cổng cảng', lon, lat })), { ok: true });
    const list = await service.list(Date.now() - 3_600_000, Date.now());
    const y = list.cameras.find((c) => c.id === 'cam-y');
    assert.equal(y?.name, 'Cổng cảng');
    assert.ok(y?.wardCode, 'a ward was derived from the location');
    assert.ok(list.wards.some((w) => w.code === y?.wardCode));
    assert.deepEqual(
      list.uptime.byCamera.map((u) => [u.cameraId, u.uptimePct]),
      [['cam-y', 0]],
    );
    assert.deepEqual(
      published.map((c) => (c.kind === 'devices' ? c.devices : c.kind)),
      [['camera/cam-y']],
    );
  });
});
