/**
 * Progress of a large import: a bar on a terminal (cli-progress), one line every few seconds
 * otherwise (a log file, CI), nothing for a small file.
 */
import { SingleBar } from 'cli-progress';
import type { ImportProgress } from './run-import';

export const LARGE_FILE_BYTES = 1024 * 1024;
const LINE_EVERY_MS = 5000;

export interface Progress {
  update(p: ImportProgress): void;
  stop(): void;
}

export function createProgress(totalBytes: number, out: NodeJS.WriteStream, now: () => number = Date.now): Progress {
  if (totalBytes < LARGE_FILE_BYTES) return { update: () => undefined, stop: () => undefined };
  if (out.isTTY) {
    const bar = new SingleBar({
      stream: out,
      format: 'importing [{bar}] {percentage}% | {rows} rows | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(totalBytes, 0, { rows: 0 });
    return { update: (p) => bar.update(p.bytes, { rows: p.rows }), stop: () => bar.stop() };
  }
  let last = now();
  return {
    update(p) {
      if (now() - last < LINE_EVERY_MS) return;
      last = now();
      out.write(`… ${Math.floor((100 * p.bytes) / Math.max(1, p.totalBytes))}% read, ${p.rows} rows\n`);
    },
    stop: () => undefined,
  };
}
