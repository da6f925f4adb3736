/**
 * Command-line flags of `npm run simulate`, validated once with zod. Pure (argv in,
 * options or one error line out) so every rejection is unit-tested.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `usage: npm run simulate -- [options]
  --rate N          target total messages/s (telemetry scales; default: natural ≈ 30 msg/s)
  --backfill DAYS   first publish DAYS of history (15-min telemetry, lifecycles), then run live
  --replay FILE     publish a real dataset from sim/data/ on a compressed clock, then exit
  --step-ms N       replay: wire milliseconds per dataset step (default 1000)
  --seed N          seed of the simulated city (default SIM_SEED)
  --mqtt-url URL    broker (default MQTT_URL), e.g. mqtt://127.0.0.1:1883
  --once            with --backfill: exit when the history is published
  -h, --help        this text`;

const wholeNumber = (flag: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${flag}: expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${flag}: expected a whole number from ${min} to ${max}`);

const brokerUrl = z.string().refine((v) => {
  try {
    return ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, '--mqtt-url: expected a URL such as mqtt://127.0.0.1:1883');

const schema = z
  .object({
    rate: wholeNumber('--rate', 0, 1_000_000).optional(),
    backfill: wholeNumber('--backfill', 1, 3650).optional(),
    replay: z.string().min(1, '--replay: expected a file path').optional(),
    'step-ms': wholeNumber('--step-ms', 1, 86_400_000).optional(),
    seed: wholeNumber('--seed', 0, 2 ** 31 - 1).optional(),
    'mqtt-url': brokerUrl.optional(),
    once: z.boolean().optional(),
    help: z.boolean().optional(),
  })
  .refine((a) => !(a.replay && a.backfill), '--replay and --backfill cannot be combined')
  .refine((a) => !a.once || a.backfill !== undefined, '--once only applies to --backfill');

export interface CliArgs {
  rate?: number;
  backfillDays?: number;
  replayFile?: string;
  stepMs: number;
  seed?: number;
  mqttUrl?: string;
  once: boolean;
  help: boolean;
}

export type CliParse = { ok: true; args: CliArgs } | { ok: false; error: string };

export function parseCli(argv: readonly string[]): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rate: { type: 'string' },
        backfill: { type: 'string' },
        replay: { type: 'string' },
        'step-ms': { type: 'string' },
        seed: { type: 'string' },
        'mqtt-url': { type: 'string' },
        once: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    // parseArgs' messages name the flag ("Unknown option '--rat'"); keep only the first line.
    return { ok: false, error: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid arguments' };
  const a = parsed.data;
  return {
    ok: true,
    args: {
      rate: a.rate,
      backfillDays: a.backfill,
      replayFile: a.replay,
      stepMs: a['step-ms'] ?? 1000,
      seed: a.seed,
      mqttUrl: a['mqtt-url'],
      once: a.once ?? false,
      help: a.help ?? false,
    },
  };
}
