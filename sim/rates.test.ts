import assert from 'node:assert/strict';
import { test } from 'node:test';
import { naturalRates, telemetryPeriodFor } from './rates';
import { testModel } from './test-fixture';
import { SENSOR_PERIOD_MS } from './feeds/telemetry';

test('the natural rate is about 30 messages/s, mostly telemetry', () => {
  const r = naturalRates(testModel());
  assert.ok(r.total > 20 && r.total < 40, `total ${r.total}`);
  assert.ok(r.telemetry / r.total > 0.75);
});

test('a requested rate scales the sensor period; none or 0 means natural', () => {
  const model = testModel();
  assert.equal(telemetryPeriodFor(model, undefined), SENSOR_PERIOD_MS);
  assert.equal(telemetryPeriodFor(model, 0), SENSOR_PERIOD_MS);
  const period = telemetryPeriodFor(model, 10_000);
  const telemetryRate = (model.sensors.length * 1000) / period;
  assert.ok(telemetryRate > 9_900 && telemetryRate < 10_000, `telemetry ${telemetryRate}/s`);
});
