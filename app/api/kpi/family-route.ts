/** What the /api/kpi/{family}/… route handlers share: the family check and the 400 body. */
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { KPI_FAMILIES, type KpiFamily } from '../../../contracts/kpi-query';

export function familyOr404(family: string): KpiFamily | NextResponse {
  if ((KPI_FAMILIES as readonly string[]).includes(family)) return family as KpiFamily;
  return NextResponse.json({ error: 'unknown_family', message: `expected one of ${KPI_FAMILIES.join(', ')}` }, { status: 404 });
}

export function badQuery(issues: readonly z.core.$ZodIssue[] | readonly string[]): NextResponse {
  const problems = issues.map((i) => (typeof i === 'string' ? i : `${i.path.join('.') || '(query)'}: ${i.message}`));
  return NextResponse.json({ error: 'bad_query', problems }, { status: 400 });
}

export const unavailable = () => NextResponse.json({ error: 'kpi_unavailable', message: 'the database did not answer' }, { status: 503 });
