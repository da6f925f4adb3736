import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cameraHealth } from './cameras';

const LIMIT = 300_000;
const NOW = Date.UTC(2026, 10, 25, 3);

test('online needs both: a status saying so and being heard within the limit', () => {
  assert.equal(cameraHealth({ online: true, statusMs: NOW - 10_000, lastEventMs: null }, NOW, LIMIT), 'online');
  assert.equal(
    cameraHealth({ online: false, statusMs: NOW - 10_000, lastEventMs: NOW }, NOW, LIMIT),
    'offline',
    'said offline, whatever else it sends',
  );
  assert.equal(cameraHealth({ online: null, statusMs: null, lastEventMs: null }, NOW, LIMIT), 'offline', 'never heard');
});

test('a camera that said online and then fell silent is silent, not online; an event counts as being heard', () => {
  assert.equal(cameraHealth({ online: true, statusMs: NOW - LIMIT - 1, lastEventMs: null }, NOW, LIMIT), 'silent');
  assert.equal(
    cameraHealth({ online: true, statusMs: NOW - LIMIT, lastEventMs: null }, NOW, LIMIT),
    'online',
    'exactly at the limit still counts',
  );
  assert.equal(
    cameraHealth({ online: true, statusMs: NOW - 2 * LIMIT, lastEventMs: NOW - 1000 }, NOW, LIMIT),
    'online',
  );
});
