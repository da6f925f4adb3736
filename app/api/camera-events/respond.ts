/** What the /api/camera-events/… route handlers share: the event id check. */
import type { NextResponse } from 'next/server';
import { badRequest } from '../handler';

/** Event ids are the devices' own (contracts/mqtt: 1–128 characters). */
export const eventIdOr400 = (id: string): string | NextResponse =>
  id.length >= 1 && id.length <= 128 ? id : badRequest(['id: expected a camera event id (1–128 characters)']);
