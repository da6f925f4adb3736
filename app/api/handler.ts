/**
 * The one wrapper every route handler runs in, and the one way they answer an error: a problem
 * body of the catalogue (contracts/api-errors.ts). A handler returns `problem(…)` for what it
 * refuses; whatever it throws becomes a logged 5xx carrying a request id — 503 when a service
 * (the database) failed, 500 for a bug — never a silent "the database did not answer".
 */
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import {
  API_ERRORS,
  issueProblems,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  type ApiErrorCode,
  type ProblemInit,
} from '../../contracts/api-errors';
import { NUL_PROBLEM, nulPath } from '../../contracts/plain-text';
import { REQUEST_ID_HEADER } from '../../contracts/roles';
import { registry } from '../../runtime/registry';

export function problem(
  code: ApiErrorCode,
  init: ProblemInit = {},
  headers: Record<string, string> = {},
  requestId?: string,
): NextResponse {
  return new NextResponse(JSON.stringify(problemBody(code, init, requestId)), {
    status: API_ERRORS[code].status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      'cache-control': 'no-store',
      ...(requestId ? { 'x-request-id': requestId } : {}),
      ...headers,
    },
  });
}

type Issues = readonly (string | { path: readonly PropertyKey[]; message: string })[];

/** A 400 naming each field at fault ("path: message"); `whole` names the value itself. */
export function badRequest(issues: Issues, whole = '(body)'): NextResponse {
  const problems = issues.map((i) => (typeof i === 'string' ? i : issueProblems([i], whole)[0]!));
  return problem('bad_request', { problems });
}

/** Never reached behind the guard; a handler still refuses rather than act for nobody. */
export const unauthenticated = (): NextResponse => problem('unauthenticated');

export const notFound = (detail: string): NextResponse => problem('not_found', { detail });

/**
 * A scoped leader asked for agencies outside their scope: refused and named, never silently
 * narrowed (auth/scope.ts says why).
 */
export const outOfScope = (outside: readonly string[]): NextResponse =>
  problem('out_of_scope', { problems: [`agency: outside your scope: ${outside.join(', ')}`] });

/**
 * A request's JSON body, or the 400 to answer. A NUL character anywhere is refused here, naming
 * its field: PostgreSQL text cannot hold it, so it would otherwise fail in the database as a 5xx.
 */
export async function jsonBody(
  req: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  let value: unknown;
  try {
    value = await req.json();
  } catch {
    return { ok: false, response: badRequest(['body: expected JSON']) };
  }
  const nul = nulPath(value);
  if (nul !== null) return { ok: false, response: badRequest([`${nul}: ${NUL_PROBLEM}`]) };
  return { ok: true, value };
}

/** The parameters of `params` that are not in `names`, each as a problem naming what is expected. */
export function unknownParams(params: URLSearchParams, names: readonly string[]): string[] {
  return [...new Set(params.keys())]
    .filter((k) => !names.includes(k))
    .map((k) => `${k}: not a parameter of this route (expected ${names.length ? names.join(', ') : 'none'})`);
}

/**
 * The query string read by `schema`, every parameter it does not name refused: `?form=…` for
 * `from`, or a filter this route does not have, is a 400 naming it rather than silently ignored.
 * `extra` names parameters the route reads itself (a cache-busting `t`).
 */
export function readQuery<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
  extra: readonly string[] = [],
): { ok: true; data: z.output<S> } | { ok: false; response: NextResponse } {
  const params = req.nextUrl.searchParams;
  const known = [...paramNames(schema), ...extra];
  const input = Object.fromEntries([...params].filter(([k]) => !extra.includes(k)));
  const parsed = schema.safeParse(input);
  const problems = [
    ...unknownParams(params, known),
    ...(parsed.success ? [] : issueProblems(parsed.error.issues, '(query)')),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, response: badRequest(problems) };
  return { ok: true, data: parsed.data };
}

/** A route that takes no query parameters refuses any, as readQuery does. */
export function noQuery(req: NextRequest): NextResponse | null {
  const problems = unknownParams(req.nextUrl.searchParams, []);
  return problems.length > 0 ? badRequest(problems) : null;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  in?: z.ZodType;
  innerType?: z.ZodType;
}

/** The keys of the object a query schema reads, through its transforms, defaults and refinements. */
export function paramNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'pipe' && def.in) return paramNames(def.in);
  if (def.innerType) return paramNames(def.innerType);
  throw new Error(`readQuery: a query schema must be an object (got ${def.type})`);
}

/** Errors of our own code rather than of a service it called: a 500, not a 503. */
const isBug = (err: unknown) => err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;

/**
 * Wraps a route handler: what it throws is logged with the request id (set by the console's
 * request guard, auth/http-guard.ts) and answered as a problem naming that id.
 */
export function route<C>(
  handler: (req: NextRequest, ctx: C) => Response | Promise<Response>,
): (req: NextRequest, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      const requestId = req.headers.get(REQUEST_ID_HEADER) ?? randomUUID();
      const code = isBug(err) ? 'internal' : 'unavailable';
      try {
        registry().log.error(
          { err, requestId, method: req.method, path: req.nextUrl.pathname, code },
          `${req.method} ${req.nextUrl.pathname} failed`,
        );
      } catch {
        // No registry (a handler run outside the console server): the answer still says what happened.
      }
      return problem(code, {}, {}, requestId);
    }
  };
}
