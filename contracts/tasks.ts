/**
 * Leaders' assigned tasks (nhiệm vụ được giao): the KPIs by agency and by assigning leader, the
 * drill-down to the tasks, and the HTTP push (docs/tasks.md).
 */
import { z } from 'zod';
import { ID_PATTERN } from './mqtt/topics';

export interface TaskFigures {
  /** Tasks assigned in the period. */
  assigned: number;
  /** Of those: completed at or before the deadline in force, completed after it, open and past it now, open within it, cancelled. */
  doneOnTime: number;
  doneLate: number;
  overdueNow: number;
  inProgress: number;
  cancelled: number;
}

export interface TaskKpis {
  fromMs: number;
  toMs: number;
  generatedAt: number;
  all: TaskFigures;
  byAgency: (TaskFigures & { agencyId: string; name: string })[];
  byLeader: (TaskFigures & { leader: string })[];
}

export const TASK_BUCKETS = ['all', 'on_time', 'late', 'overdue', 'in_progress', 'cancelled'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export interface TaskRecord {
  taskId: string;
  agencyId: string;
  agencyName: string;
  assignedBy: string | null;
  title: string | null;
  assignedAtMs: number | null;
  dueAtMs: number | null;
  firstDueAtMs: number | null;
  status: 'open' | 'done' | 'cancelled';
  completedAtMs: number | null;
  extensions: number;
  reopened: number;
}

const period = {
  /** The period of assignment, as ISO times or epoch ms; default the last 90 days. */
  from: z.coerce.date({ message: 'expected a date (ISO 8601)' }).optional(),
  to: z.coerce.date({ message: 'expected a date (ISO 8601)' }).optional(),
};
export const taskKpiQuerySchema = z
  .object(period)
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });
export const taskRecordsQuerySchema = z
  .object({
    ...period,
    agency: z.string().regex(ID_PATTERN, 'expected an agency id').optional(),
    leader: z.string().trim().min(1).max(200).optional(),
    bucket: z.enum(TASK_BUCKETS).default('all'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });

/** `POST /api/tasks/push`: task events as on MQTT, each with the owner agency of its topic. */
export const taskPushSchema = z.object({
  events: z
    .array(
      z.looseObject({
        agency: z.string().regex(ID_PATTERN, 'expected an agency id (as in the topic task/{agencyId}/event)'),
      }),
    )
    .min(1, 'expected at least one event')
    .max(5000),
});
