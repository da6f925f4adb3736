/** What the /api/kpi/{family}/… route handlers share: the family check. */
import type { NextResponse } from 'next/server';
import { KPI_FAMILIES, type KpiFamily } from '../../../contracts/kpi-query';
import { notFound } from '../handler';

export function familyOr404(family: string): KpiFamily | NextResponse {
  if ((KPI_FAMILIES as readonly string[]).includes(family)) return family as KpiFamily;
  return notFound(`no KPI family "${family}"; expected one of ${KPI_FAMILIES.join(', ')}`);
}
