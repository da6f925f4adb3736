/**
 * The logger every layer is handed, typed apart from its implementation (as fastify types its
 * logger apart from pino): ingest/, realtime/, alarms/ and sim/ log through this interface and
 * never import pino or the composition root that creates it (runtime/logger.ts).
 */

/** pino's call shapes: a message, or an object of fields and then a message. */
export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
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
