/**
 * The catalogue of the console's HTTP API errors, as fastify keeps one (lib/errors.js): every code
 * a route handler or the request guard answers, with its status and its title. Bodies are RFC 9457
 * problem details (`application/problem+json`): `type`, `title`, `status`, `detail`, and the
 * members of ours, `code` (the key below, what a client branches on), `problems` (each field at
 * fault, "path: what is wrong") and `requestId` (the line to look for in the server's log, on 5xx).
 * The browser reads them with one helper (components/api/problem.ts).
 */
import { z } from 'zod';

export const API_ERRORS = {
  bad_request: { status: 400, title: 'the request has fields at fault' },
  wrong_password: { status: 400, title: 'not your current password' },
  unauthenticated: { status: 401, title: 'sign in first' },
  /** Sign-in: a wrong user name or password (the same answer for both). */
  invalid: { status: 401, title: 'wrong user name or password' },
  /** Kiosk links (auth/kiosks.ts). */
  revoked: { status: 401, title: 'this kiosk link was revoked' },
  expired: { status: 401, title: 'this kiosk link has expired' },
  forbidden: { status: 403, title: 'your role may not do this' },
  out_of_scope: { status: 403, title: 'outside your scope' },
  cross_site: { status: 403, title: 'a change must come from the console itself' },
  not_found: { status: 404, title: 'no such thing' },
  method_not_allowed: { status: 405, title: 'this route does not answer that method' },
  conflict: { status: 409, title: 'the record is not in a state that allows this' },
  already_acknowledged: { status: 409, title: 'already acknowledged' },
  payload_too_large: { status: 413, title: 'the request body is too large' },
  locked: { status: 423, title: 'the account is locked after too many failed sign-ins' },
  rate_limited: { status: 429, title: 'too many attempts from this address' },
  internal: { status: 500, title: 'the server failed; the request id is in its log' },
  unavailable: { status: 503, title: 'the database did not answer' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 `type`: a URI naming the code, the same for every occurrence. */
export const problemType = (code: ApiErrorCode): string => `urn:cityops:problem:${code}`;

/** One occurrence: the per-occurrence `detail`, the fields at fault, and members of a code's own (`ack` of a 409). */
export interface ProblemInit {
  detail?: string;
  problems?: readonly string[];
  extra?: Record<string, unknown>;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ApiErrorCode;
  problems?: string[];
  requestId?: string;
  [member: string]: unknown;
}

export function problemBody(code: ApiErrorCode, init: ProblemInit = {}, requestId?: string): ProblemBody {
  const { status, title } = API_ERRORS[code];
  return {
    ...init.extra,
    type: problemType(code),
    title,
    status,
    detail: init.detail ?? title,
    code,
    ...(init.problems ? { problems: [...init.problems] } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** "path: message" for each issue of a failed parse; `whole` names the value itself (an empty path). */
export function issueProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  whole = '(body)',
): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || whole}: ${i.message}`);
}

/** What a client reads back; unknown members are kept, a body that is no problem at all is tolerated. */
export const problemSchema = z
  .object({
    code: z.string().optional(),
    title: z.string().optional(),
    detail: z.string().optional(),
    problems: z.array(z.string()).optional(),
    requestId: z.string().optional(),
  })
  .loose();
