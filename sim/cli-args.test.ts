import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli } from './cli-args';

test('valid flags are parsed into numbers', () => {
  const r = parseCli(['--rate', '10000', '--seed', '7', '--mqtt-url', 'mqtt://127.0.0.1:1883']);
  assert.ok(r.ok);
  assert.equal(r.args.rate, 10000);
  assert.equal(r.args.seed, 7);
  assert.equal(r.args.mqttUrl, 'mqtt://127.0.0.1:1883');
  assert.equal(r.args.stepMs, 1000);
  const b = parseCli(['--backfill', '30', '--once']);
  assert.ok(b.ok && b.args.backfillDays === 30 && b.args.once);
  const p = parseCli(['--replay', 'sim/data/x.csv', '--step-ms', '250']);
  assert.ok(p.ok && p.args.replayFile === 'sim/data/x.csv' && p.args.stepMs === 250);
});

test('bad input gives one line naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['--rate', 'fast'], /--rate/],
    [['--rate', '-5'], /--rate|argument/i],
    [['--backfill', '0'], /--backfill/],
    [['--seed', '1.5'], /--seed/],
    [['--mqtt-url', 'http://x'], /--mqtt-url/],
    [['--rat', '5'], /Unknown option/],
    [['--replay', 'f.csv', '--backfill', '2'], /cannot be combined/],
    [['--once'], /--once/],
    [['extra'], /argument/i],
  ];
  for (const [argv, pattern] of cases) {
    const r = parseCli(argv);
    assert.ok(!r.ok, argv.join(' '));
    assert.match(r.error, pattern);
    assert.ok(!r.error.includes('\n'));
  }
});
