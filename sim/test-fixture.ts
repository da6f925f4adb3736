/** Shared by the simulator's tests: one Hải Phòng model per process (placing 340 devices takes a moment). */
import assert from 'node:assert/strict';
import { haiphong } from '../cities/haiphong';
import { buildCityModel, type CityModel } from './city-model';
import type { SimMessage } from './message';
import { checkWire, type WireCheck } from './wire-check';

export const TZ = haiphong.timeZone;
export const SEED = 20250701;

let cached: CityModel | null = null;

export function testModel(): CityModel {
  cached ??= buildCityModel(haiphong, SEED);
  return cached;
}

/** Asserts that every message passes its topic's schema with a ts not after `notAfterMs`; returns the checks. */
export function assertWireValid(messages: readonly SimMessage[], notAfterMs = Infinity): WireCheck[] {
  return messages.map((m) => {
    const c = checkWire(m, haiphong.id, TZ, notAfterMs);
    assert.equal(c.error, null, c.error ?? '');
    return c;
  });
}

export function payloadOf<T>(m: SimMessage): T {
  return m.payload as T;
}
