import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../contracts/errors';
import { parseConnectors } from './config-file';

const minimal = (over: Record<string, unknown> = {}) => ({
  connectors: [
    {
      name: 'motcua',
      kind: 'cases',
      url: 'https://one-stop-shop.example/api/changes',
      fields: { case_id: 'MaHoSo' },
      ...over,
    },
  ],
});
const problems = (json: unknown, env: Record<string, string> = {}): string[] => {
  try {
    parseConnectors(json, env);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return [...err.problems];
  }
};

test('defaults fill a minimal connector', () => {
  const [c] = parseConnectors(minimal(), {});
  assert.equal(c!.config.intervalSeconds, 60);
  assert.equal(c!.config.pageSize, 100);
  assert.deepEqual(c!.config.request, { cursorParam: 'cursor', pageSizeParam: 'limit', query: {} });
  assert.deepEqual(c!.config.response, { items: 'items', nextCursor: 'next_cursor' });
  assert.deepEqual(c!.config.backoff, { initialSeconds: 1, maxSeconds: 300 });
  assert.equal(c!.auth, null);
});

test('the credential comes from the environment, and never shows in JSON or logs', () => {
  const [c] = parseConnectors(
    minimal({ auth: { header: 'Authorization', valueEnv: 'MOTCUA_TOKEN', prefix: 'Bearer ' } }),
    { MOTCUA_TOKEN: 'abc123' },
  );
  assert.deepEqual(c!.auth, { name: 'Authorization', value: 'Bearer abc123' });
  assert.doesNotMatch(JSON.stringify(c), /abc123/);
  assert.deepEqual(problems(minimal({ auth: { header: 'Authorization', valueEnv: 'MOTCUA_TOKEN' } })), [
    'CONNECTORS_FILE: connectors.0.auth.valueEnv: environment variable MOTCUA_TOKEN (the credential of "motcua") is not set',
  ]);
});

test('every problem is listed with its path', () => {
  const p = problems({
    connectors: [
      { name: 'Bad Name', kind: 'cases', url: 'ftp://x', fields: { case_id: 'id', colour: 'c' } },
      { name: 'docs', kind: 'documents', url: 'https://dms.example/x', fields: { received_at: 'd' }, pageSize: 5000 },
    ],
  });
  assert.ok(
    p.some((m) => /connectors\.0\.name: expected 1-63 lower-case/.test(m)),
    p.join('\n'),
  );
  assert.ok(p.some((m) => /connectors\.0\.url: expected an http/.test(m)));
  assert.ok(p.some((m) => /connectors\.0\.fields: Unrecognized key: "colour"/.test(m)));
  assert.ok(
    p.some((m) => /connectors\.1\.fields: Unrecognized key: "received_at"/.test(m)),
    'a cases field is not a documents field',
  );
  assert.ok(p.some((m) => /connectors\.1\.pageSize/.test(m)));
  assert.match(
    problems({ connectors: [minimal().connectors[0], minimal().connectors[0]] }).join(),
    /duplicate connector name "motcua"/,
  );
  assert.match(problems(minimal({ fields: { received_at: 'x' } })).join(), /fields must map case_id/);
});

test('the example file in config/connectors/ is valid', () => {
  const file = path.resolve(import.meta.dirname, '../../config/connectors/example.json');
  const connectors = parseConnectors(JSON.parse(readFileSync(file, 'utf8')), { MOTCUA_TOKEN: 'x', QLVB_API_KEY: 'y' });
  assert.ok(connectors.length >= 2);
  for (const c of connectors) assert.match(c.config.url, /\.example\//);
});
