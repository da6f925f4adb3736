/** What the /api/camera-events/… route handlers share: the 400 body naming each field, the 503, the event id check. */
import { NextResponse } from 'next/server';
import type { z } from 'zod';

export function badRequest(issues: readonly z.core.$ZodIssue[] | readonly string[]): NextResponse {
  const problems = issues.map((i) => (typeof i === 'string' ? i : `${i.path.join('.') || '(body)'}: ${i.message}`));
  return NextResponse.json({ error: 'bad_request', problems }, { status: 400 });
}

export const unavailable = () => NextResponse.json({ error: 'camera_events_unavailable', message: 'the database did not answer' }, { status: 503 });

/** Event ids are the devices' own (contracts/mqtt: 1–128 characters). */
export const eventIdOr400 = (id: string): string | NextResponse => (id.length >= 1 && id.length <= 128 ? id : badRequest(['id: expected a camera event id (1–128 characters)']));

export const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);
