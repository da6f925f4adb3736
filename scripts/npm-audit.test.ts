import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { judgeAudit, judgeSignatures } from './npm-audit';

const sample = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures/npm-audit', name), 'utf8');

test('a clean report and one with only a moderate advisory pass', () => {
  const clean = judgeAudit(sample('clean.json'));
  assert.equal(clean.verdict, 'pass');
  const moderate = judgeAudit(sample('moderate-only.json'));
  assert.equal(moderate.verdict, 'pass');
  assert.match(moderate.line, /1 moderate/);
});

test('high and critical advisories fail, each named with its advisory', () => {
  const v = judgeAudit(sample('high-and-critical.json'));
  assert.equal(v.verdict, 'fail');
  assert.ok(v.verdict === 'fail');
  assert.equal(v.counts.high + v.counts.critical, 3);
  assert.match(v.line, /3 high or critical/);
  assert.deepEqual(
    v.advisories.map((a) => a.split(' ')[0]),
    ['ws', 'engine.io', 'pbkdf2'],
  );
  assert.match(v.advisories[2]!, /GHSA-h7cp-r72f-jxh6/);
});

test('a registry that answers 405 (recorded on this workplace) or no network is "not checked", said loudly', () => {
  const v = judgeAudit(sample('endpoint-405.json'));
  assert.equal(v.verdict, 'unavailable');
  assert.equal(v.line, 'npm audit: registry audit endpoint unavailable (HTTP 405) — not checked');
  assert.equal(judgeAudit(sample('network-down.json')).verdict, 'unavailable');
});

test('anything else npm could not do is an error, not a pass', () => {
  assert.equal(judgeAudit('npm ERR! something').verdict, 'error');
  assert.equal(
    judgeAudit(JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } }))
      .verdict,
    'error',
  );
  assert.equal(judgeAudit(JSON.stringify({ statusCode: 403, message: '403 Forbidden' })).verdict, 'error');
});

test('audit signatures: verified passes, an unreachable key service is not checked, a bad signature fails', () => {
  assert.equal(
    judgeSignatures(0, 'audited 553 packages in 2s\n\n553 packages have verified registry signatures\n').verdict,
    'pass',
  );
  assert.equal(judgeSignatures(1, sample('signatures-offline.txt')).verdict, 'unavailable');
  const bad = judgeSignatures(
    1,
    'audited 553 packages in 2s\n\n1 package has an invalid registry signature:\n\nleft-pad@1.3.0 (https://registry.npmjs.org/)\n',
  );
  assert.equal(bad.verdict, 'fail');
  assert.match(bad.line, /invalid registry signature/);
});
