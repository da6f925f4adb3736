import { NextResponse } from 'next/server';
import { registry } from '../../../runtime/registry';
import { unavailable } from './problems';

export const dynamic = 'force-dynamic';

/** GET /api/indicators: the catalogue (the same as the live channel `indicators`). */
export async function GET() {
  try {
    return NextResponse.json(await registry().indicators.catalogue());
  } catch {
    return unavailable();
  }
}
