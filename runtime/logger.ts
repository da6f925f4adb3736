import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs to stdout; secrets are redacted wherever they appear in a log object. */
export function createLogger(level: string, name = 'cityops'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['password', '*.password', 'MQTT_PASSWORD', 'DATABASE_URL', 'REDIS_URL', '*.DATABASE_URL'], censor: '[redacted]' },
    base: { pid: process.pid },
  });
}

/**
 * An error handler for clients that retry by themselves (MQTT, Redis): during an outage the same
 * error comes back on every attempt, so it is logged when it changes, not each time.
 * Call the returned `reset` when the connection is up again.
 */
export function changeLogger(log: Logger, msg: string): { onError: (err: Error) => void; reset: () => void } {
  let last: string | null = null;
  return {
    onError: (err) => {
      if (err.message !== last) log.warn({ err: err.message }, msg);
      last = err.message;
    },
    reset: () => {
      last = null;
    },
  };
}
