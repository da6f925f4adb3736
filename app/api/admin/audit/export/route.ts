import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { AUDIT_EXPORT_MAX, auditQueryInput, auditQuerySchema, type AuditRow } from '../../../../../contracts/audit';
import { AUDIT_CSV_BOM, auditCsvHeader, auditCsvLine } from '../../../../../runtime/audit-csv';
import { registry } from '../../../../../runtime/registry';
import { badRequest, paramNames, route, unknownParams } from '../../../handler';
import { audit } from '../../../signed-in';

export const dynamic = 'force-dynamic';

const langSchema = z.object({ lang: z.enum(['vi', 'en']).default('vi') });

/**
 * GET /api/admin/audit/export?…the filters of /api/admin/audit…&lang=vi|en: every matching row as
 * CSV, newest first, at most AUDIT_EXPORT_MAX (X-Total-Rows / X-Exported-Rows say when there were
 * more), read and sent a page at a time. The export itself is audited (audit.export, with the filters).
 */
export const GET = route(async (req: NextRequest) => {
  const unknown = unknownParams(req.nextUrl.searchParams, [...paramNames(auditQuerySchema), 'lang']);
  const params = new URLSearchParams(req.nextUrl.searchParams);
  const lang = langSchema.safeParse({ lang: params.get('lang') ?? undefined });
  params.delete('lang');
  params.delete('limit');
  const q = auditQuerySchema.safeParse(auditQueryInput(params));
  if (!q.success || !lang.success || unknown.length > 0)
    return badRequest(
      [...unknown, ...(q.success ? [] : q.error.issues), ...(lang.success ? [] : lang.error.issues)],
      '(query)',
    );
  const r = registry();
  const rows = r.auditRows(q.data, AUDIT_EXPORT_MAX);
  let total: number;
  let first: IteratorResult<AuditRow[]>;
  try {
    // The count and the first page are read before the export is audited, and later pages continue
    // after the first (older rows only): the export holds the trail as it was asked for, never its own entry.
    total = await r.auditCount(q.data);
    first = await rows.next();
    // Written before the rows are sent: an export that fails half-way was still asked for.
    const { limit: _limit, ...filters } = q.data;
    await audit(req, 'audit.export', 'audit_log', { query: filters, rows: Math.min(total, AUDIT_EXPORT_MAX), total });
  } catch (err) {
    await rows.return(undefined);
    throw err; // answered and logged by route()
  }
  const encoder = new TextEncoder();
  const timeZone = r.city.timeZone;
  const lines = (chunk: AuditRow[]) => encoder.encode(chunk.map((row) => auditCsvLine(row, timeZone)).join(''));
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(encoder.encode(AUDIT_CSV_BOM + auditCsvHeader(lang.data.lang)));
      if (first.done) c.close();
      else c.enqueue(lines(first.value));
    },
    // One page per pull: a slow client holds back the reading, not memory.
    async pull(c) {
      if (first.done) return;
      try {
        const next = await rows.next();
        if (next.done) c.close();
        else c.enqueue(lines(next.value));
      } catch (err) {
        c.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new NextResponse(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cityops-audit-${stamp}.csv"`,
      'cache-control': 'no-store',
      'x-total-rows': String(total),
      'x-exported-rows': String(Math.min(total, AUDIT_EXPORT_MAX)),
    },
  });
});
