import { NextResponse } from 'next/server';
import { registry } from '../../../../runtime/registry';
import { unavailable } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/camera-events/options: the wards and roads that have cameras (the feed's filter choices). */
export async function GET() {
  try {
    return NextResponse.json(await registry().cameraEvents.options());
  } catch {
    return unavailable();
  }
}
