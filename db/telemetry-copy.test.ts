import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyField, copyText } from './telemetry-copy';

describe('COPY text encoding', () => {
  test('escapes what COPY text format treats specially and nothing else', () => {
    assert.equal(copyField('dev-1.a_b'), 'dev-1.a_b');
    assert.equal(copyField('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
  });

  test('one tab-separated line per row, time in ISO 8601 UTC', () => {
    assert.equal(
      copyText([{ timeMs: 0, deviceId: 'd', metric: 'pm25', value: 1.5 }]),
      '1970-01-01T00:00:00.000Z\td\tpm25\t1.5\n',
    );
  });
});
