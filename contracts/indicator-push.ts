/**
 * The HTTP push of generic indicators (`POST /api/indicators/push`, docs/indicators.md), for
 * systems that cannot publish MQTT. The envelope says which indicator; the meta and each value are
 * exactly the MQTT payloads (`indicator/{source}/{key}/meta`, `indicator/{source}/{key}`) and pass
 * the same validation (contracts/mqtt/payloads.ts).
 */
import type { ApiErrorCode } from './api-errors';
import { z } from 'zod';
import { ID_PATTERN } from './mqtt/topics';

/** At most this many bytes of body, and values in one request (a day of one-minute values). */
export const PUSH_MAX_BODY_BYTES = 1024 * 1024;
export const PUSH_MAX_VALUES = 5000;

const id = z
  .string()
  .regex(ID_PATTERN, 'expected 1-64 characters of A-Z a-z 0-9 _ . - starting with a letter or digit');

export const indicatorPushSchema = z.object({
  indicators: z
    .array(
      z
        .object({
          source: id,
          key: id,
          /** The payload of `indicator/{source}/{key}/meta`. */
          meta: z.unknown().optional(),
          /** Payloads of `indicator/{source}/{key}`. */
          values: z.array(z.unknown()).max(PUSH_MAX_VALUES).optional(),
        })
        .refine((i) => i.meta !== undefined || (i.values?.length ?? 0) > 0, 'expected meta or at least one value'),
    )
    .min(1, 'expected at least one indicator')
    .max(200)
    .refine(
      (list) => list.reduce((n, i) => n + (i.values?.length ?? 0), 0) <= PUSH_MAX_VALUES,
      `expected at most ${PUSH_MAX_VALUES} values in one request`,
    ),
});
export type IndicatorPush = z.infer<typeof indicatorPushSchema>;

/** What the endpoint answers: counts when stored, the fields at fault when refused. */
export type IndicatorPushAnswer =
  | { status: 200; body: { ok: true; metas: number; values: number } }
  /** `error` is a code of the catalogue (contracts/api-errors.ts); the route answers it as a problem. */
  | { status: 400 | 401 | 413 | 503; body: { error: ApiErrorCode; message: string; problems?: string[] } };
