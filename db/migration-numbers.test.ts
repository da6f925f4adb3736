import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadMigrations } from './migrate';

/**
 * Migrations are recorded by their whole id (`NNN_name`, schema_migrations.id), so an applied one
 * can never be renumbered: a database would take the new id for a new migration and run it again.
 * The history keeps what it has — 016 was never used, 021 three times — and the rule from 025 on
 * is the next free number, once (docs/architecture.md, "Databases").
 */
const PAST = { gaps: ['016'], reused: ['021'] };

test('each migration number after the past ones is used once, with no gap', () => {
  for (const timescale of [true, false]) {
    const numbers = loadMigrations(timescale).map((m) => m.id.slice(0, 3));
    const counts = new Map<string, number>();
    for (const n of numbers) counts.set(n, (counts.get(n) ?? 0) + 1);
    const reused = [...counts].filter(([, c]) => c > 1).map(([n]) => n);
    assert.deepEqual(reused, PAST.reused, 'a migration number is used once: take the next free one');
    const last = Number(numbers.at(-1));
    const gaps = Array.from({ length: last }, (_, i) => String(i + 1).padStart(3, '0')).filter((n) => !counts.has(n));
    assert.deepEqual(gaps, PAST.gaps, 'migration numbers follow each other: take the next free one');
  }
});
