/**
 * What a started process must undo, in reverse order of starting: each part pushes its own stop
 * as soon as it holds something (a port, a connection), so a start that fails half way closes
 * exactly what it opened.
 */
import type { Logger } from '../../contracts/logger';

export class Stops {
  private readonly stops: (() => Promise<void>)[] = [];

  constructor(private readonly log: Logger) {}

  push(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  /** Runs every stop, newest first; one that fails is logged and the rest still run. */
  async stopAll(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse())
      await stop().catch((err: unknown) => this.log.error({ err }, 'error while stopping'));
  }
}
