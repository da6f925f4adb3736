import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadWallLayout } from './wall-layout';

test('every shipped wall layout is valid; panels given by name become objects with defaults', () => {
  const dir = path.resolve(import.meta.dirname, '../config/walls');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const layout = loadWallLayout(path.join(dir, f));
    assert.ok(layout.scenes.length > 0, f);
    for (const s of layout.scenes) for (const p of s.panels) assert.equal(typeof p.kind, 'string', `${f}: ${s.id}`);
  }
  const def = loadWallLayout(path.join(dir, 'default.json'));
  assert.deepEqual(def.scenes[0]!.panels[1], { kind: 'city-figures' });
});

test('a bad layout stops the start with the place and the reason', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'wall-')), 'bad.json');
  const bad = (layout: unknown) => {
    writeFileSync(file, JSON.stringify(layout));
    return () => loadWallLayout(file);
  };
  const base = {
    id: 'w',
    name: 'W',
    rotateSeconds: 30,
    scenes: [{ id: 's', title_vi: 'S', title_en: 'S', panels: ['map'] }],
  };
  assert.equal(
    loadWallLayout((writeFileSync(file, JSON.stringify(base)), file)).staleAfterSeconds,
    60,
    'default staleness',
  );
  assert.throws(bad({ ...base, scenes: [{ ...base.scenes[0], panels: ['radar'] }] }), /scenes\.0\.panels\.0/);
  assert.throws(
    bad({ ...base, scenes: [{ ...base.scenes[0], panels: [{ kind: 'sensor-tiles', sensors: [] }] }] }),
    /sensors/,
  );
  assert.throws(
    bad({ ...base, scenes: [{ ...base.scenes[0], panels: [{ kind: 'map', choropleth: 'crime' }] }] }),
    /choropleth/,
  );
  assert.throws(
    bad({ ...base, scenes: [{ ...base.scenes[0], panels: ['sensor-tiles'] }] }),
    /panels/,
    'sensor tiles need their sensors',
  );
  writeFileSync(file, '{ not json');
  assert.throws(() => loadWallLayout(file), /WALL_LAYOUT: cannot read/);
});
