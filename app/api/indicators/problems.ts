import { NextResponse } from 'next/server';
import type { z } from 'zod';

/** A 400 naming each field at fault, as every route handler answers bad input. */
export const badRequest = (problems: string[]) => NextResponse.json({ error: 'bad_request', problems }, { status: 400 });
export const zodProblems = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
export const unavailable = () => NextResponse.json({ error: 'indicators_unavailable', message: 'the database did not answer' }, { status: 503 });
export const notFound = (source: string, key: string) => NextResponse.json({ error: 'not_found', message: `no indicator ${source}/${key} is known` }, { status: 404 });
