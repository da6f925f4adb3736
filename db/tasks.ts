/** Leaders' task KPIs and their drill-down, read from the folded tasks (v_tasks, migration 021). */
import type { TaskBucket, TaskFigures, TaskKpis, TaskRecord } from '../contracts/tasks';
import type { Queryable } from './adapter';
import { sql } from './sql';

const ms = (v: unknown): number | null =>
  v === null || v === undefined ? null : new Date(v as string | Date).getTime();
const figures = (r: Record<string, unknown>): TaskFigures => ({
  assigned: Number(r.assigned),
  doneOnTime: Number(r.done_on_time),
  doneLate: Number(r.done_late),
  overdueNow: Number(r.overdue_now),
  inProgress: Number(r.in_progress),
  cancelled: Number(r.cancelled),
});
const none: TaskFigures = { assigned: 0, doneOnTime: 0, doneLate: 0, overdueNow: 0, inProgress: 0, cancelled: 0 };

/** `agencies`: null for every agency, else the owner agencies counted (a leader's scope; empty: none). */
export async function taskKpis(
  db: Queryable,
  fromMs: number,
  toMs: number,
  nowMs: number,
  agencies: readonly string[] | null = null,
): Promise<TaskKpis> {
  const iso = (t: number) => new Date(t).toISOString();
  const [{ rows }, names] = await Promise.all([
    db.query<Record<string, unknown>>(sql('task-kpis'), [
      iso(fromMs),
      iso(toMs),
      iso(nowMs),
      agencies === null ? null : [...agencies],
    ]),
    db.query<{ agency_id: string; name_vi: string }>('SELECT agency_id, name_vi FROM agencies'),
  ]);
  const nameOf = new Map(names.rows.map((r) => [r.agency_id, r.name_vi]));
  const all = rows.find((r) => r.grp === 'all');
  const worstFirst = (a: TaskFigures, b: TaskFigures) =>
    b.overdueNow - a.overdueNow || b.doneLate - a.doneLate || b.assigned - a.assigned;
  return {
    fromMs,
    toMs,
    generatedAt: nowMs,
    all: all ? figures(all) : none,
    byAgency: rows
      .filter((r) => r.grp === 'agency')
      .map((r) => ({
        ...figures(r),
        agencyId: String(r.agency_id),
        name: nameOf.get(String(r.agency_id)) ?? String(r.agency_id),
      }))
      .sort(worstFirst),
    byLeader: rows
      .filter((r) => r.grp === 'leader')
      .map((r) => ({ ...figures(r), leader: r.assigned_by === null ? '' : String(r.assigned_by) }))
      .sort(worstFirst),
  };
}

export interface TaskRecordQuery {
  fromMs: number;
  toMs: number;
  agency: string | null;
  leader: string | null;
  bucket: TaskBucket;
  limit: number;
}

/** `agencies` as taskKpis. */
export async function taskRecords(
  db: Queryable,
  q: TaskRecordQuery & { nowMs: number; agencies?: readonly string[] | null },
): Promise<TaskRecord[]> {
  const iso = (t: number) => new Date(t).toISOString();
  const { rows } = await db.query<Record<string, unknown>>(sql('task-records'), [
    iso(q.fromMs),
    iso(q.toMs),
    iso(q.nowMs),
    q.agency,
    q.leader,
    q.bucket,
    q.limit,
    q.agencies === undefined || q.agencies === null ? null : [...q.agencies],
  ]);
  return rows.map((r) => ({
    taskId: String(r.task_id),
    agencyId: String(r.agency_id),
    agencyName: String(r.agency_name),
    assignedBy: r.assigned_by === null ? null : String(r.assigned_by),
    title: r.title === null ? null : String(r.title),
    assignedAtMs: ms(r.assigned_at),
    dueAtMs: ms(r.due_at),
    firstDueAtMs: ms(r.first_due_at),
    status: r.status as TaskRecord['status'],
    completedAtMs: ms(r.completed_at),
    extensions: Number(r.extensions),
    reopened: Number(r.reopened),
  }));
}
