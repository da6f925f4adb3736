import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../contracts/errors';
import { loadAlarmRules } from './rules-file';

test('the shipped rules file is valid and covers every kind', () => {
  const rules = loadAlarmRules('config/alarms/default.json');
  assert.deepEqual([...new Set(rules.map((r) => r.kind))].sort(), [
    'camera_event',
    'kpi_breach',
    'offline',
    'threshold',
  ]);
});

test('a bad rules file stops the start with every problem named', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-rules-'));
  try {
    const file = path.join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'X Y', name: { vi: 'a', en: 'a' }, severity: 5, kind: 'offline', deviceType: 'sensor', minutes: 5 },
      ]),
    );
    assert.throws(
      () => loadAlarmRules(file),
      (err: unknown) => err instanceof ConfigError && /0\.id/.test(err.message) && /0\.severity/.test(err.message),
    );
    writeFileSync(file, '{ not json');
    assert.throws(() => loadAlarmRules(file), /cannot read .* as JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
