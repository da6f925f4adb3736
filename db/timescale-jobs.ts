/**
 * Embedded PGlite registers TimescaleDB's policy jobs but has no background worker to run
 * them, so the product runs them itself: refresh the continuous aggregates, compress, apply
 * retention. A TimescaleDB server runs its own jobs; this is only used for PGlite.
 */
import type { Queryable } from './adapter';
import { sql } from './sql';

export interface JobRun {
  jobId: number;
  procName: string;
  ok: boolean;
  error?: string;
}

export async function runTimescaleJobsOnce(db: Queryable): Promise<JobRun[]> {
  const { rows } = await db.query<{ job_id: number; proc_name: string }>(sql('timescale-jobs'));
  const runs: JobRun[] = [];
  for (const job of rows) {
    try {
      await db.query(`CALL run_job($1::int)`, [job.job_id]);
      runs.push({ jobId: job.job_id, procName: job.proc_name, ok: true });
    } catch (err) {
      // One failing job (e.g. nothing to compress yet) must not stop the others.
      runs.push({
        jobId: job.job_id,
        procName: job.proc_name,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return runs;
}
