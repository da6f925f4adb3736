import { NextResponse } from 'next/server';
import { registry } from '../../../runtime/registry';

export const dynamic = 'force-dynamic';

/** The overview as JSON, for tools and checks that do not speak Socket.IO. */
export async function GET() {
  try {
    return NextResponse.json(await registry().overview());
  } catch {
    return NextResponse.json({ error: 'overview_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
