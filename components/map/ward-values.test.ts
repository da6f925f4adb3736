import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SensorState } from '../../contracts/channels';
import { casesByWard, pm25ByWard } from './ward-values';

const sensor = (id: string, wardCode: string | null, values: Record<string, number>): SensorState => ({
  id,
  name: id,
  kind: 'air',
  lon: 106.7,
  lat: 20.8,
  wardCode,
  values,
  timeMs: 1,
});

test('PM2.5 per ward is the mean of its sensors; sensors without PM2.5 or a ward are left out', () => {
  const v = pm25ByWard([
    sensor('a', '11383', { pm25: 20 }),
    sensor('b', '11383', { pm25: 40 }),
    sensor('c', '11383', { noise_db: 70 }),
    sensor('d', null, { pm25: 99 }),
    sensor('e', '11311', { pm25: 5 }),
  ]);
  assert.deepEqual(v, { '11383': 30, '11311': 5 });
});

test('dossiers per ward come from the commune-level committees only', () => {
  const row = (agencyId: string, wardCode: string | null, received: number) => ({
    agencyId,
    name: agencyId,
    wardCode,
    received,
    resolved: 0,
    resolvedLate: 0,
    overdueNow: 0,
  });
  assert.deepEqual(
    casesByWard([row('ubnd-11383', '11383', 7), row('so-y-te', null, 50), row('ubnd-11311', '11311', 0)]),
    { '11383': 7, '11311': 0 },
  );
});
