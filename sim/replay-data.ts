/**
 * Parsers of the real datasets in sim/data/ (see its NOTICE.md for provenance and quirks).
 * Pure: file text in, records and counts of skipped rows by reason out, so the quirk
 * handling is tested against the real files. Rows are never silently dropped: each
 * skipped row is counted under its reason.
 */
import { HOUR } from './clock';

export interface ReplayDataset {
  sensorId: string;
  meta: { name: string; kind: string; lon: number; lat: number };
  metric: string;
}

export interface ReplayRecord {
  /** The original instant, ISO 8601 UTC. */
  sourceTs: string;
  /** Position on the dataset's own grid (hours or months since its first row): gaps stay gaps. */
  index: number;
  value: number;
}

export type SkipReason = 'missing' | 'invalid' | 'duplicate' | 'malformed';

export interface ReplayParse {
  dataset: ReplayDataset;
  records: ReplayRecord[];
  rows: number;
  skipped: Record<SkipReason, number>;
  /** Rows moved to a free time slot (the DST artefact), kept. */
  shifted: number;
}

export const PM25_DATASET: ReplayDataset = {
  sensorId: 'replay-hanoi-pm25',
  meta: { name: 'US Embassy Hanoi PM2.5 (2017 replay)', kind: 'air', lon: 105.8448, lat: 21.0245 },
  metric: 'pm25',
};

export const SEA_LEVEL_DATASET: ReplayDataset = {
  sensorId: 'replay-hon-dau-msl',
  meta: { name: 'Hòn Dấu mean sea level (PSMSL 841, 1957–2013 replay)', kind: 'water', lon: 106.8, lat: 20.666667 },
  metric: 'water_msl_mm',
};

/** Recognises the dataset by its header (file names get changed; columns do not). */
export function parseReplayFile(text: string): ReplayParse {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  if (header.includes('QC Name') && header.includes('Raw Conc.')) return parsePm25(header, lines.slice(1));
  if (header.includes('msl_rlr_mm')) return parseSeaLevel(header, lines.slice(1));
  throw new Error(
    'replay: unknown dataset (expected the US Embassy Hanoi PM2.5 or the PSMSL Hòn Dấu CSV from sim/data/)',
  );
}

const emptyCounts = (): Record<SkipReason, number> => ({ missing: 0, invalid: 0, duplicate: 0, malformed: 0 });

/** These files have no quoted fields; a row with the wrong number of fields is counted as malformed. */
function columns(header: string[], line: string): ((name: string) => string) | null {
  const cells = line.split(',');
  if (cells.length !== header.length) return null;
  return (name) => cells[header.indexOf(name)] ?? '';
}

interface HourRow {
  ms: number;
  raw: number;
  qc: string;
  drop: boolean;
}

function parsePm25(header: string[], lines: string[]): ReplayParse {
  const skipped = emptyCounts();
  const rows: HourRow[] = [];
  for (const line of lines) {
    const col = columns(header, line);
    const ms = col ? Date.parse(col('timestamp_utc')) : NaN;
    const raw = col ? Number(col('Raw Conc.')) : NaN;
    if (!col || !Number.isFinite(ms) || !Number.isFinite(raw)) skipped.malformed++;
    else rows.push({ ms, raw, qc: col('QC Name'), drop: false });
  }
  // The US-DST artefact: 02:00 missing and 03:00 twice on 2017-03-12 (Vietnam has no DST).
  // We shift the first of the pair back into the empty hour rather than drop the second:
  // NOTICE.md says the first is most likely the real 02:00 reading, so both real
  // measurements survive and the hourly grid has no hole. If the hour before is already
  // taken, it is a true duplicate and the second row is dropped.
  const taken = new Set(rows.map((r) => r.ms));
  let shifted = 0;
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!;
    const cur = rows[i]!;
    if (cur.ms !== prev.ms || prev.drop) continue;
    if (!taken.has(prev.ms - HOUR)) {
      prev.ms -= HOUR;
      taken.add(prev.ms);
      shifted++;
    } else {
      cur.drop = true;
      skipped.duplicate++;
    }
  }
  const first = rows[0]?.ms ?? 0;
  const records: ReplayRecord[] = [];
  for (const r of rows) {
    if (r.drop) continue;
    // -999 is the missing code; filter on QC Name, not on the sign (small negatives are Valid).
    if (r.qc === 'Missing' || r.raw === -999) skipped.missing++;
    else if (r.qc !== 'Valid') skipped.invalid++;
    else
      records.push({ sourceTs: new Date(r.ms).toISOString(), index: Math.round((r.ms - first) / HOUR), value: r.raw });
  }
  records.sort((a, b) => a.index - b.index);
  return { dataset: PM25_DATASET, records, rows: lines.length, skipped, shifted };
}

function parseSeaLevel(header: string[], lines: string[]): ReplayParse {
  const skipped = emptyCounts();
  const records: ReplayRecord[] = [];
  let first: number | null = null;
  for (const line of lines) {
    const col = columns(header, line);
    const month = col ? /^(\d{4})-(\d{2})$/.exec(col('month')) : null;
    const value = col ? Number(col('msl_rlr_mm')) : NaN;
    if (!col || !month || !Number.isFinite(value)) {
      skipped.malformed++;
      continue;
    }
    const monthIndex = Number(month[1]) * 12 + Number(month[2]) - 1;
    first ??= monthIndex;
    // PSMSL's missing-month code; the month stays a gap on the replay grid.
    if (value === -99999) {
      skipped.missing++;
      continue;
    }
    records.push({
      sourceTs: new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toISOString(),
      index: monthIndex - first,
      value,
    });
  }
  return { dataset: SEA_LEVEL_DATASET, records, rows: lines.length, skipped, shifted: 0 };
}
