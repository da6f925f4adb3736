import { pino } from 'pino';
import type { Logger } from '../contracts/logger';

export type { Logger };

/** Structured JSON logs to stdout; secrets are redacted wherever they appear in a log object. */
export function createLogger(level: string, name = 'cityops'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['password', '*.password', 'MQTT_PASSWORD', 'DATABASE_URL', 'REDIS_URL', '*.DATABASE_URL'],
      censor: '[redacted]',
    },
    base: { pid: process.pid },
  });
}
