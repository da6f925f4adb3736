/** The alarm bench's table, its "where the time goes" lines and its verdict. */
import { cpuText, type CpuShare } from '../cpu';
import { int, printTable } from '../table';
import type { QueryName } from './memory-db';
import type { Phase } from './run';

export interface Row {
  backend: string;
  measure: string;
  messages: number | null;
  rows: number | null;
  /** µs of wall time per message (or ms per tick for the idle rows, in `perTickMs`). */
  usPerMsg: number | null;
  perS: number | null;
  /** This process's CPU time per message (the evaluator's, and PGlite's on PGlite), and the rate one core gives at that cost. */
  cpuUsPerMsg?: number | null;
  ratio?: boolean;
  perTickMs?: number | null;
  cpu?: CpuShare | null;
  note: string;
}

const dec = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));

export function formatTable(rows: readonly Row[]): string {
  const head = [
    'backend',
    'measure',
    'messages',
    'rows',
    'wall µs/msg',
    'msg/s',
    'cpu µs/msg',
    'msg/s/core',
    'ms/tick',
    'cpu % of a core',
    'note',
  ];
  const right = [false, false, true, true, true, true, true, true, true, false, false];
  const cells = rows.map((r) => [
    r.backend,
    r.measure,
    r.messages === null ? '' : int(r.messages),
    r.rows === null ? '' : int(r.rows),
    r.usPerMsg === null ? '' : dec(r.usPerMsg),
    r.perS === null ? '' : r.ratio ? `${r.perS.toFixed(1)}×` : int(r.perS),
    r.cpuUsPerMsg === null || r.cpuUsPerMsg === undefined ? '' : dec(r.cpuUsPerMsg),
    r.cpuUsPerMsg ? int(1e6 / r.cpuUsPerMsg) : '',
    r.perTickMs === null || r.perTickMs === undefined ? '' : dec(r.perTickMs),
    cpuText(r.cpu),
    r.note,
  ]);
  return printTable(head, cells, { right, groups: rows.map((r) => r.backend) });
}

const LABEL: Partial<Record<QueryName | 'transaction', string>> = {
  'alarm-telemetry-since': 'read readings',
  'alarm-telemetry-at': 'read a crowded instant',
  'alarm-camera-events-since': 'read camera events',
  'alarm-devices-silent': 'read silent devices',
  'before-devices-seen': 'read every last-seen (silence)',
  'alarm-overdue-by-agency': 'overdue counts (KPI)',
  'alarm-raise': 'raise',
  'alarm-transition': 'clear',
  'alarm-checkpoint-set': 'checkpoints',
  'alarms-open': 'load open alarms',
  'alarm-checkpoints-get': 'load checkpoints',
  transaction: 'transactions (BEGIN, COMMIT, the work between statements)',
};

/** Where a phase's wall time went: each query kind (count, ms, rows), and the evaluator's own work (the rest). */
export function whereTheTimeGoes(p: Phase): string {
  let inDb = 0;
  const parts: string[] = [];
  for (const [name, t] of [...p.queries].sort((a, b) => b[1].ms - a[1].ms)) {
    inDb += t.ms;
    if (t.ms < 0.5 && t.n < 2) continue;
    const rows =
      name === 'alarm-telemetry-since' ||
      name === 'alarm-camera-events-since' ||
      name === 'alarm-devices-silent' ||
      name === 'before-devices-seen'
        ? `, ${int(t.rows)} rows`
        : '';
    parts.push(`${LABEL[name] ?? name} ${int(t.ms)} ms (${int(t.n)}×${rows}, ${dec((t.ms * 1000) / t.n)} µs each)`);
  }
  return `queries ${int(inDb)} ms = ${Math.round((inDb / p.wallMs) * 100)} % [${parts.join('; ')}]; evaluator's own work ${int(p.wallMs - inDb)} ms`;
}
