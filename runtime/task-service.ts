/** Leaders' assigned tasks for the console: KPIs, drill-down, and the HTTP push of task events. */
import type { CityProfile } from '../contracts/city';
import type { IngestCommit } from '../contracts/live';
import type { PushToken } from '../contracts/push-tokens';
import type { TaskBucket, TaskKpis, TaskRecord } from '../contracts/tasks';
import type { Db } from '../db/adapter';
import { taskKpis, taskRecords } from '../db/tasks';
import { readTaskPush } from '../ingest/push/task-push';
import { handlePush, type PushAnswer } from '../ingest/push/http-push';

export interface TaskService {
  kpis(fromMs: number, toMs: number): Promise<TaskKpis>;
  records(q: {
    fromMs: number;
    toMs: number;
    agency: string | null;
    leader: string | null;
    bucket: TaskBucket;
    limit: number;
  }): Promise<TaskRecord[]>;
  push(authorization: string | null, body: string): Promise<PushAnswer>;
}

export function taskService(o: {
  db: Db;
  city: CityProfile;
  tokens: readonly PushToken[];
  publish: (c: IngestCommit) => void;
  now?: () => number;
}): TaskService {
  const now = o.now ?? Date.now;
  return {
    kpis: (fromMs, toMs) => taskKpis(o.db, fromMs, toMs, now()),
    records: (q) => taskRecords(o.db, { ...q, nowMs: now() }),
    push: (authorization, text) => handlePush({ ...o, now }, 'tasks', authorization, text, readTaskPush),
  };
}
