/**
 * Streams lifecycle events (cases, documents) in time order. Records are generated a
 * whole local day at a time — a dossier's id numbers its place in the day — and their
 * later events (assigned, resolved… days later) wait in a min-heap until the clock
 * reaches them. The heap holds only open records, so memory is flat over weeks.
 *
 * Windows must be taken in order and without gaps; the events a window yields are the
 * same however the timeline is cut, because the records are keyed by day, not by tick.
 */
import { DAY, HOUR, localDayStart } from './clock';
import type { SimMessage, TimeWindow } from './message';

export interface LifecycleEvent {
  ts: number;
  /** When the record this event belongs to began (a dossier's `received`). */
  origin: number;
  msg: SimMessage;
}

/** Which events the stream will keep; a generator may skip building the others (it is faster). */
export interface KeepFilter {
  /** Events before this are dropped. */
  tsFrom: number;
  /** Records that began before this are dropped. */
  originFrom: number;
}

export const KEEP_ALL: KeepFilter = { tsFrom: -Infinity, originFrom: -Infinity };

export interface DayStreamOptions {
  timeZone: string;
  /** The events of the day's records, in any order. */
  generateDay: (dayStartMs: number, keep: KeepFilter) => readonly LifecycleEvent[];
  /** The longest a record lives; earlier days are generated to continue their records. */
  lookbackDays: number;
  /**
   * Also yield events of records begun before the first window (live runs: continues what a
   * backfill started). A backfill sets false so every record it publishes starts with its first event.
   */
  includeEarlier: boolean;
}

interface Entry {
  ts: number;
  seq: number;
  msg: SimMessage;
}

export class DayStream {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private nextDay: number | null = null;
  private start = 0;
  private last = -Infinity;

  constructor(private readonly opts: DayStreamOptions) {}

  /** Number of events waiting for their time (for metrics and memory tests). */
  get pending(): number {
    return this.heap.length;
  }

  *take(window: TimeWindow): Generator<SimMessage> {
    if (window.from < this.last) throw new Error('DayStream: windows must move forward');
    this.last = window.to;
    if (this.nextDay === null) {
      this.start = window.from;
      const back = this.opts.includeEarlier ? this.opts.lookbackDays * DAY : 0;
      this.nextDay = localDayStart(window.from - back, this.opts.timeZone);
    }
    const keep: KeepFilter = { tsFrom: window.from, originFrom: this.opts.includeEarlier ? -Infinity : this.start };
    while (this.nextDay < window.to) {
      for (const e of this.opts.generateDay(this.nextDay, keep)) {
        // Before this stream began (or a record begun before it, for a backfill): not ours to publish.
        if (e.ts < keep.tsFrom || e.origin < keep.originFrom) continue;
        this.push({ ts: e.ts, seq: this.seq++, msg: e.msg });
      }
      this.nextDay = localDayStart(this.nextDay + DAY + HOUR, this.opts.timeZone);
    }
    while (this.heap.length > 0 && this.heap[0]!.ts < window.to) yield this.pop().msg;
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Time order; ties keep generation order, so output is deterministic. */
function before(a: Entry, b: Entry): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.seq < b.seq);
}
