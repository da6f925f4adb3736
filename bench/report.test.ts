import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, reportPath, row, runConditions, within, type RunReport } from './report';

test('a figure passes within its limit, either bound, and is not judged without one', () => {
  assert.equal(within(250, { max: 300 }), true);
  assert.equal(within(301, { max: 300 }), false);
  assert.equal(within(9_000, { min: 10_000 }), false);
  assert.equal(within(null, { max: 1 }), null);
  assert.equal(within(5, null), null);
  assert.deepEqual(row('p95', 1_800, 'ms', { limit: { max: 2_000 }, baseline: 900 }), {
    name: 'p95',
    figure: 1_800,
    unit: 'ms',
    baseline: 900,
    limit: { max: 2_000 },
    pass: true,
  });
});

test('the report prints its conditions, one table and a verdict counting the judged rows only', () => {
  const r: RunReport = {
    title: 'bench x',
    conditions: {
      ...runConditions({ rounds: '5' }, new Date('2026-12-07T12:00:00Z')),
      machine: 'm',
      cpu: '2 × c',
      load: '1.0 / 1.0 / 1.0',
    },
    rows: [
      row('a', 10, 'ms', { limit: { max: 5 } }),
      row('b', 3, 'ms', { limit: { max: 5 } }),
      row('c', null, 'msg/s', { note: 'not measured' }),
    ],
  };
  const text = formatReport(r);
  assert.match(
    text,
    /^━━ bench x ━━\nmachine m; cpu 2 × c; load 1\.0 \/ 1\.0 \/ 1\.0; 2026-12-07T12:00:00\.000Z\nrounds 5\n/,
  );
  assert.match(text, /a +10 +ms +≤ 5 +FAIL/);
  assert.match(text, /c +– +msg\/s +not measured/);
  assert.match(text, /FAIL: 1 of 2 over their limits$/);
});

test('BENCH_REPORT_JSON names a file, or a folder holding one file per bench', () => {
  assert.equal(reportPath('kpi', {}), null);
  assert.equal(reportPath('kpi', { BENCH_REPORT_JSON: 'out.json' }), 'out.json');
  assert.equal(reportPath('kpi', { BENCH_REPORT_JSON: 'reports/' }), 'reports/kpi.json');
});
