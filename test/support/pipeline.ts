import type { IngestCommit } from '../../contracts/live';
import type { Db } from '../../db/adapter';
import { migrate } from '../../db/migrate';
import { seedCity } from '../../db/seed-city';
import { haiphong } from '../../cities/haiphong';
import { loadWards, wardAt } from '../../geo/wards';
import { createPipeline, type IngestPipeline } from '../../ingest/pipeline';
import { createLogger } from '../../runtime/logger';

export const city = haiphong;
export const wards = loadWards(haiphong);

/** A migrated, seeded database and a pipeline writing to it, with its published commits collected. */
export async function pipelineOn(
  db: Db,
  batchSize = 500,
): Promise<{ pipeline: IngestPipeline; commits: IngestCommit[] }> {
  await migrate(db);
  await seedCity(db, city, wards);
  const commits: IngestCommit[] = [];
  const pipeline = createPipeline({
    db,
    city,
    log: createLogger('silent'),
    publish: (c) => commits.push(c),
    place: (lon, lat) => wardAt(wards, lon, lat)?.code ?? null,
    batchSize,
    flushMs: 10,
  });
  return { pipeline, commits };
}

export const json = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v));
export const T = (topic: string) => `city/haiphong/${topic}`;
